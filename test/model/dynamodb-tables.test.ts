import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RemovalPolicy } from '../../src/core/index.js';
import * as dynamodb from '../../src/dynamodb/index.js';
import * as lambda from '../../src/lambda/index.js';
import { loadGatewayModel, type TemplateSource } from '../../src/model/load-template.js';
import { readTemplateSources } from '../../src/model/load-source.js';
import { ModelError } from '../../src/model/model-error.js';
import { newStack } from '../support/synth.js';

const ENV = { region: 'eu-west-1', account: '111122223333' };

/** A one-stack source holding the given resources. */
function source(resources: Record<string, unknown>, stackName = 'Hand'): TemplateSource {
  return { stackName, template: { Resources: resources as TemplateSource['template']['Resources'] } };
}

const SIMPLE_TABLE = {
  Type: 'AWS::DynamoDB::Table',
  Properties: {
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  },
};

describe('DynamoDB tables in the gateway model', () => {
  test('GIVEN a wsgate Table with a sort key, a GSI, an LSI, TTL, a stream and a grant WHEN loaded THEN every part is in the model and the grant names its ARN', () => {
    // GIVEN
    const { app, stack } = newStack();
    const table = new dynamodb.Table(stack, 'Connections', {
      partitionKey: { name: 'connectionId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'at', type: dynamodb.AttributeType.NUMBER },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expires',
      stream: dynamodb.StreamViewType.NEW_IMAGE,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    table.addGlobalSecondaryIndex({ indexName: 'byRoom', partitionKey: { name: 'room', type: dynamodb.AttributeType.STRING }, projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: ['nick'] });
    table.addLocalSecondaryIndex({ indexName: 'byNick', sortKey: { name: 'nick', type: dynamodb.AttributeType.STRING }, projectionType: dynamodb.ProjectionType.KEYS_ONLY });
    const fn = new lambda.Function(stack, 'Connect', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});') });
    table.grantReadWriteData(fn);
    // WHEN
    const model = loadGatewayModel(readTemplateSources(app), ENV);
    // THEN
    assert.equal(model.tables.size, 1);
    const t = [...model.tables.values()][0];
    assert.match(t.key, /^TestStack\/Connections[0-9A-F]{8}$/);
    assert.match(t.tableName, /^TestStack-Connections[0-9A-F]{8}-[0-9A-Z]{12}$/);
    assert.equal(t.arn, `arn:aws:dynamodb:eu-west-1:111122223333:table/${t.tableName}`);
    assert.deepEqual(t.keySchema, [{ attributeName: 'connectionId', keyType: 'HASH' }, { attributeName: 'at', keyType: 'RANGE' }]);
    assert.deepEqual(t.attributeDefinitions, [
      { attributeName: 'connectionId', attributeType: 'S' }, { attributeName: 'at', attributeType: 'N' },
      { attributeName: 'room', attributeType: 'S' }, { attributeName: 'nick', attributeType: 'S' },
    ]);
    assert.deepEqual(t.globalSecondaryIndexes, [{ indexName: 'byRoom', keySchema: [{ attributeName: 'room', keyType: 'HASH' }], projection: { projectionType: 'INCLUDE', nonKeyAttributes: ['nick'] } }]);
    assert.deepEqual(t.localSecondaryIndexes, [{
      indexName: 'byNick', keySchema: [{ attributeName: 'connectionId', keyType: 'HASH' }, { attributeName: 'nick', keyType: 'RANGE' }], projection: { projectionType: 'KEYS_ONLY' },
    }]);
    assert.equal(t.billingMode, 'PAY_PER_REQUEST');
    assert.equal(t.provisionedThroughput, undefined);
    assert.equal(t.timeToLiveAttribute, 'expires');
    assert.deepEqual(t.stream, { viewType: 'NEW_IMAGE', arn: `${t.arn}/stream/1970-01-01T00:00:00.000` });
    // The role's grant evaluates to the same ARN, so IAM checks match the created table.
    const role = [...model.roles.values()].find((r) => r.statements.some((s) => s.action?.includes('dynamodb:PutItem')))!;
    assert.deepEqual(role.statements.find((s) => s.action?.includes('dynamodb:PutItem'))!.resource, [t.arn, `${t.arn}/index/*`]);
  });

  test('GIVEN a named PROVISIONED table WHEN loaded THEN its name, throughput and the GSI throughput are read', () => {
    const { app, stack } = newStack();
    const table = new dynamodb.Table(stack, 'Scores', { tableName: 'scores', partitionKey: { name: 'id', type: dynamodb.AttributeType.BINARY }, readCapacity: 3, writeCapacity: 4 });
    table.addGlobalSecondaryIndex({ indexName: 'byScore', partitionKey: { name: 'score', type: dynamodb.AttributeType.NUMBER }, readCapacity: 1, writeCapacity: 2 });
    const t = [...loadGatewayModel(readTemplateSources(app), ENV).tables.values()][0];
    assert.equal(t.tableName, 'scores');
    assert.equal(t.arn, 'arn:aws:dynamodb:eu-west-1:111122223333:table/scores');
    assert.equal(t.billingMode, 'PROVISIONED');
    assert.deepEqual(t.provisionedThroughput, { readCapacityUnits: 3, writeCapacityUnits: 4 });
    assert.deepEqual(t.globalSecondaryIndexes[0].provisionedThroughput, { readCapacityUnits: 1, writeCapacityUnits: 2 });
    assert.equal(t.timeToLiveAttribute, undefined);
    assert.equal(t.stream, undefined);
  });

  test('GIVEN a TableName built with intrinsics and a disabled TTL WHEN loaded THEN the name is evaluated as Ref evaluates it and no TTL attribute is kept', () => {
    const model = loadGatewayModel([source({
      Table: {
        ...SIMPLE_TABLE,
        Properties: {
          ...SIMPLE_TABLE.Properties,
          TableName: { 'Fn::Sub': '${AWS::StackName}-connections' },
          TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: false },
        },
      },
    })], ENV);
    const t = model.tables.get('Hand/Table')!;
    assert.equal(t.tableName, 'Hand-connections');
    assert.equal(t.timeToLiveAttribute, undefined);
  });

  const invalid: Array<[string, Record<string, unknown>, RegExp]> = [
    ['no key schema', { AttributeDefinitions: [], BillingMode: 'PAY_PER_REQUEST' }, /\(KeySchema\): must have one or two elements/],
    ['a sort key first', { KeySchema: [{ AttributeName: 'id', KeyType: 'RANGE' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }, /first element must be the partition key/],
    ['an undefined key attribute', { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [], BillingMode: 'PAY_PER_REQUEST' }, /key attribute\(s\) 'id' are not defined/],
    ['an unused definition', { ...SIMPLE_TABLE.Properties, AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'x', AttributeType: 'N' }] }, /'x' are defined but no key schema/],
    ['a bad attribute type', { ...SIMPLE_TABLE.Properties, AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'BOOL' }] }, /must be S, N or B/],
    ['PROVISIONED without throughput', { ...SIMPLE_TABLE.Properties, BillingMode: undefined }, /\(ProvisionedThroughput\): is required when BillingMode is PROVISIONED/],
    ['a local index without a table sort key', {
      ...SIMPLE_TABLE.Properties,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'n', AttributeType: 'S' }],
      LocalSecondaryIndexes: [{ IndexName: 'l', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }, { AttributeName: 'n', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
    }, /local index 'l' needs a table with a sort key/],
    ['an invalid table name', { ...SIMPLE_TABLE.Properties, TableName: 'a b' }, /'a b' is not a valid table name/],
  ];
  for (const [what, properties, message] of invalid) {
    test(`GIVEN a table with ${what} WHEN loaded THEN a ModelError names the table and the reason`, () => {
      assert.throws(() => loadGatewayModel([source({ Table: { Type: 'AWS::DynamoDB::Table', Properties: properties } })], ENV),
        (e: unknown) => e instanceof ModelError && /^Hand\/Table/.test(e.message) && message.test(e.message));
    });
  }

  test('GIVEN two stacks with tables of the same name WHEN loaded THEN a ModelError names both', () => {
    const named = { ...SIMPLE_TABLE, Properties: { ...SIMPLE_TABLE.Properties, TableName: 'shared' } };
    assert.throws(() => loadGatewayModel([source({ One: named }, 'A'), source({ Two: named }, 'B')], ENV),
      /B\/Two \(TableName\): table name 'shared' is also the name of A\/One/);
  });

  test('GIVEN a table behind a false condition WHEN loaded THEN it is not in the model', () => {
    const model = loadGatewayModel([{
      stackName: 'Hand',
      template: { Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } }, Resources: { Table: { ...SIMPLE_TABLE, Condition: 'Never' } } },
    }], ENV);
    assert.equal(model.tables.size, 0);
  });
});
