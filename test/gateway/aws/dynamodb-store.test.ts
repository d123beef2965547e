import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDbStore } from '../../../src/gateway/aws/dynamodb-store.js';
import { LOCAL_AWS_ERROR_CODES, LocalAwsError } from '../../../src/gateway/aws/local-aws-errors.js';
import type { TableModel } from '../../../src/model/gateway-model.js';
import { loadGatewayModel, type TemplateSource } from '../../../src/model/load-template.js';

const ENV = { region: 'eu-west-1', account: '111122223333' };

/** The tables of a one-stack template. */
function tablesOf(resources: Record<string, unknown>): TableModel[] {
  const source: TemplateSource = { stackName: 'Store', template: { Resources: resources as TemplateSource['template']['Resources'] } };
  return [...loadGatewayModel([source], ENV).tables.values()];
}

const MESSAGES = {
  Type: 'AWS::DynamoDB::Table',
  Properties: {
    TableName: 'messages',
    KeySchema: [{ AttributeName: 'room', KeyType: 'HASH' }, { AttributeName: 'at', KeyType: 'RANGE' }],
    AttributeDefinitions: [
      { AttributeName: 'room', AttributeType: 'S' }, { AttributeName: 'at', AttributeType: 'N' },
      { AttributeName: 'author', AttributeType: 'S' }, { AttributeName: 'length', AttributeType: 'N' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
    GlobalSecondaryIndexes: [{ IndexName: 'byAuthor', KeySchema: [{ AttributeName: 'author', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    LocalSecondaryIndexes: [{
      IndexName: 'byLength', KeySchema: [{ AttributeName: 'room', KeyType: 'HASH' }, { AttributeName: 'length', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' },
    }],
    TimeToLiveSpecification: { AttributeName: 'expires', Enabled: true },
  },
};

const NOTES = (partitionKey: string) => ({
  Type: 'AWS::DynamoDB::Table',
  Properties: {
    TableName: 'notes',
    KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: partitionKey, AttributeType: 'S' }],
    ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
  },
});

/** A client of the store itself (which checks that requests are signed, not by whom). */
function clientOf(store: DynamoDbStore): DynamoDBClient {
  return new DynamoDBClient({ endpoint: store.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'AKIDSTORETEST', secretAccessKey: 'secret' } });
}

describe('the local DynamoDB store', { timeout: 60_000 }, () => {
  test('GIVEN a table with a sort key, a global and a local index WHEN the store starts THEN the table is ACTIVE with the model\'s key schema, indexes and ARNs, and the indexes answer queries', async () => {
    const [table] = tablesOf({ Messages: MESSAGES });
    const store = await DynamoDbStore.start({ tables: [table], environment: ENV, warn: assert.fail });
    try {
      const ddb = clientOf(store);
      const { Table } = await ddb.send(new DescribeTableCommand({ TableName: 'messages' }));
      assert.equal(Table?.TableStatus, 'ACTIVE');
      assert.equal(Table?.TableArn, 'arn:aws:dynamodb:eu-west-1:111122223333:table/messages');
      assert.equal(Table?.TableArn, table.arn);
      assert.deepEqual(Table?.KeySchema, [{ AttributeName: 'room', KeyType: 'HASH' }, { AttributeName: 'at', KeyType: 'RANGE' }]);
      assert.deepEqual(Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.IndexArn, i.IndexStatus]), [['byAuthor', `${table.arn}/index/byAuthor`, 'ACTIVE']]);
      assert.deepEqual(Table?.LocalSecondaryIndexes?.map((i) => [i.IndexName, i.Projection?.ProjectionType]), [['byLength', 'KEYS_ONLY']]);
      assert.equal(Table?.BillingModeSummary?.BillingMode, 'PAY_PER_REQUEST');
      await ddb.send(new PutItemCommand({ TableName: 'messages', Item: { room: { S: 'lobby' }, at: { N: '1' }, author: { S: 'ada' }, length: { N: '5' } } }));
      const byAuthor = await ddb.send(new QueryCommand({ TableName: 'messages', IndexName: 'byAuthor', KeyConditionExpression: 'author = :a', ExpressionAttributeValues: { ':a': { S: 'ada' } } }));
      assert.equal(byAuthor.Count, 1);
    } finally {
      await store.close();
    }
  });

  test('GIVEN an in-memory store WHEN it starts again THEN its tables are empty', async () => {
    const tables = tablesOf({ Notes: NOTES('id') });
    const first = await DynamoDbStore.start({ tables, environment: ENV, warn: assert.fail });
    await clientOf(first).send(new PutItemCommand({ TableName: 'notes', Item: { id: { S: 'a' } } }));
    await first.close();
    const second = await DynamoDbStore.start({ tables, environment: ENV, warn: assert.fail });
    try {
      assert.equal((await clientOf(second).send(new GetItemCommand({ TableName: 'notes', Key: { id: { S: 'a' } } }))).Item, undefined);
    } finally {
      await second.close();
    }
  });

  test('GIVEN a store kept in a directory WHEN it starts again with the same table THEN the items are there, with no warning', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wsgate-store-')), 'dynamodb');
    const tables = tablesOf({ Notes: NOTES('id') });
    const first = await DynamoDbStore.start({ tables, environment: ENV, path, warn: assert.fail });
    await clientOf(first).send(new PutItemCommand({ TableName: 'notes', Item: { id: { S: 'kept' } } }));
    await first.close();
    const second = await DynamoDbStore.start({ tables, environment: ENV, path, warn: assert.fail });
    try {
      assert.deepEqual((await clientOf(second).send(new GetItemCommand({ TableName: 'notes', Key: { id: { S: 'kept' } } }))).Item, { id: { S: 'kept' } });
    } finally {
      await second.close();
    }
  });

  test('GIVEN a kept table whose key schema changed in the template WHEN the store starts THEN the table is replaced by an empty one and a warning says so', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wsgate-store-')), 'dynamodb');
    const first = await DynamoDbStore.start({ tables: tablesOf({ Notes: NOTES('id') }), environment: ENV, path, warn: assert.fail });
    await clientOf(first).send(new PutItemCommand({ TableName: 'notes', Item: { id: { S: 'old' } } }));
    await first.close();
    const warnings: string[] = [];
    const second = await DynamoDbStore.start({ tables: tablesOf({ Notes: NOTES('noteId') }), environment: ENV, path, warn: (l) => warnings.push(l) });
    try {
      const { Table } = await clientOf(second).send(new DescribeTableCommand({ TableName: 'notes' }));
      assert.deepEqual(Table?.KeySchema, [{ AttributeName: 'noteId', KeyType: 'HASH' }]);
      assert.equal(Table?.ItemCount, 0);
      assert.deepEqual(warnings, ['[wsgate] dynamodb: table notes (Store/Notes) was kept with another key schema, indexes or ARN; it is replaced by an empty table, as CloudFormation replaces a table whose key schema changes']);
    } finally {
      await second.close();
    }
  });

  test('GIVEN a directory in use by a running store WHEN a second store starts on it THEN it fails with a clear error and the first keeps working', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wsgate-store-')), 'dynamodb');
    const tables = tablesOf({ Notes: NOTES('id') });
    const first = await DynamoDbStore.start({ tables, environment: ENV, path, warn: assert.fail });
    try {
      await assert.rejects(DynamoDbStore.start({ tables, environment: ENV, path, warn: assert.fail }), (e: unknown) =>
        e instanceof LocalAwsError && e.code === LOCAL_AWS_ERROR_CODES.STATE_IN_USE
        && e.message === `the DynamoDB tables kept in ${path} cannot be opened: it is in use by another process (another wsgate serving the same state directory?)`);
      await clientOf(first).send(new PutItemCommand({ TableName: 'notes', Item: { id: { S: 'still' } } }));
    } finally {
      await first.close();
    }
  });
});
