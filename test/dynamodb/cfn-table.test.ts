import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cdk from 'aws-cdk-lib';
import * as cdkDynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Lazy, RemovalPolicy, Resource, Tags } from '../../src/core/index.js';
import { CfnTable, type CfnTableProps } from '../../src/dynamodb/index.js';
import { newStack, templateOf } from '../cloudwatch/support.js';
import { cdkTemplate } from './cdk-compare.js';

/** Every property of AWS::DynamoDB::Table, with every nested struct. */
const EVERY_PROPERTY: CfnTableProps = {
  tableName: 'everything',
  keySchema: [{ attributeName: 'pk', keyType: 'HASH' }, { attributeName: 'sk', keyType: 'RANGE' }],
  attributeDefinitions: [
    { attributeName: 'pk', attributeType: 'S' },
    { attributeName: 'sk', attributeType: 'N' },
    { attributeName: 'g', attributeType: 'B' },
  ],
  billingMode: 'PROVISIONED',
  provisionedThroughput: { readCapacityUnits: 3, writeCapacityUnits: 4 },
  onDemandThroughput: { maxReadRequestUnits: 10, maxWriteRequestUnits: 11 },
  warmThroughput: { readUnitsPerSecond: 12000, writeUnitsPerSecond: 4000 },
  contributorInsightsSpecification: { enabled: true, mode: 'THROTTLED_KEYS' },
  deletionProtectionEnabled: false,
  globalSecondaryIndexes: [{
    indexName: 'gsi',
    keySchema: [{ attributeName: 'g', keyType: 'HASH' }],
    projection: { projectionType: 'INCLUDE', nonKeyAttributes: ['a', 'b'] },
    provisionedThroughput: { readCapacityUnits: 1, writeCapacityUnits: 2 },
    onDemandThroughput: { maxReadRequestUnits: 5 },
    warmThroughput: { readUnitsPerSecond: 1 },
    contributorInsightsSpecification: { enabled: false },
  }],
  localSecondaryIndexes: [{
    indexName: 'lsi',
    keySchema: [{ attributeName: 'pk', keyType: 'HASH' }, { attributeName: 'g', keyType: 'RANGE' }],
    projection: { projectionType: 'KEYS_ONLY' },
  }],
  importSourceSpecification: {
    inputFormat: 'CSV',
    inputCompressionType: 'GZIP',
    inputFormatOptions: { csv: { delimiter: ';', headerList: ['pk', 'sk'] } },
    s3BucketSource: { s3Bucket: 'bucket', s3BucketOwner: '111111111111', s3KeyPrefix: 'prefix/' },
  },
  kinesisStreamSpecification: { streamArn: 'arn:aws:kinesis:us-east-1:111111111111:stream/s', approximateCreationDateTimePrecision: 'MILLISECOND' },
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 10 },
  resourcePolicy: { policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Principal: { AWS: '1' }, Resource: '*' }] } },
  sseSpecification: { sseEnabled: true, sseType: 'KMS', kmsMasterKeyId: 'alias/key' },
  streamSpecification: {
    streamViewType: 'NEW_IMAGE',
    resourcePolicy: { policyDocument: { Statement: [{ lowerCase: 'kept' }] } },
    tags: [{ key: 'stream', value: 'tagged' }],
  },
  tableClass: 'STANDARD',
  timeToLiveSpecification: { attributeName: 'ttl', enabled: true },
  vectorIndexes: [{
    indexName: 'vectors',
    dimensions: 3,
    distanceFunction: 'COSINE',
    projection: { projectionType: 'ALL' },
    vectorAttribute: { attributeName: 'embedding' },
    searchSchema: [{ attributeName: 'pk', searchSchemaElementType: 'STRING' }],
  }],
  tags: [{ key: 'team', value: 'blue' }],
};

describe('CfnTable', () => {
  test('renders every property under its CloudFormation name (SSESpecification included), as aws-cdk-lib does', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    new CfnTable(stack, 'Table', EVERY_PROPERTY);
    Tags.of(stack).add('app', 'chat');
    const theirs = cdkTemplate((s) => {
      new cdkDynamodb.CfnTable(s, 'Table', EVERY_PROPERTY as cdkDynamodb.CfnTableProps);
      cdk.Tags.of(s).add('app', 'chat');
    });
    // THEN
    const ours = templateOf(app).Resources!.Table;
    assert.deepEqual(ours, theirs.Resources!.Table);
    assert.deepEqual(ours.Properties!.SSESpecification, { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: 'alias/key' });
    assert.deepEqual(ours.Properties!.Tags, [{ Key: 'app', Value: 'chat' }, { Key: 'team', Value: 'blue' }]);
  });

  test('tokens and properties set after construction are rendered; empty lazy lists are left out', () => {
    // GIVEN
    const { app, stack } = newStack();
    const keys = [{ attributeName: 'pk', keyType: 'HASH' }];
    // WHEN
    const table = new CfnTable(stack, 'Table', {
      keySchema: Lazy.any({ produce: () => keys }),
      globalSecondaryIndexes: Lazy.any({ produce: () => [] }, { omitEmptyArray: true }),
    });
    table.billingMode = 'PAY_PER_REQUEST';
    table.sseSpecification = { sseEnabled: false };
    // THEN
    assert.deepEqual(templateOf(app).Resources!.Table.Properties, {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: false },
    });
  });

  test('attributes and the reference are the Ref, Arn and StreamArn of the resource', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    const table = new CfnTable(stack, 'Table', { keySchema: [] });
    // THEN
    assert.equal(CfnTable.CFN_RESOURCE_TYPE_NAME, 'AWS::DynamoDB::Table');
    assert.ok(CfnTable.isCfnTable(table));
    assert.ok(!CfnTable.isCfnTable(stack));
    assert.deepEqual(stack.resolve(table.attrArn), { 'Fn::GetAtt': ['Table', 'Arn'] });
    assert.deepEqual(stack.resolve(table.attrStreamArn), { 'Fn::GetAtt': ['Table', 'StreamArn'] });
    assert.deepEqual(stack.resolve(table.tableRef), { tableName: { Ref: 'Table' }, tableArn: { 'Fn::GetAtt': ['Table', 'Arn'] } });
    assert.deepEqual(stack.resolve(CfnTable.arnForTable(table)), { 'Fn::GetAtt': ['Table', 'Arn'] });
  });

  test('fromTableArn() reads the name and the environment from the ARN; fromTableName() builds the ARN', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    const byArn = CfnTable.fromTableArn(stack, 'ByArn', 'arn:aws:dynamodb:us-west-2:111111111111:table/rooms');
    const byName = CfnTable.fromTableName(stack, 'ByName', 'users');
    // THEN
    assert.deepEqual(byArn.tableRef, { tableName: 'rooms', tableArn: 'arn:aws:dynamodb:us-west-2:111111111111:table/rooms' });
    assert.deepEqual(byArn.env, { account: '111111111111', region: 'us-west-2' });
    assert.equal(byName.tableRef.tableName, 'users');
    assert.deepEqual(stack.resolve(byName.tableRef.tableArn), {
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':dynamodb:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':table/users']],
    });
  });

  test('a wrong ARN and a missing key schema are refused with aws-cdk-lib\'s errors', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN / THEN
    assert.throws(() => CfnTable.fromTableArn(stack, 'Bad', 'arn:aws:s3:::bucket'), {
      name: 'InputDoesMatchTemplate',
      message: 'Input arn:aws:s3:::bucket does not match template arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}',
    });
    assert.throws(() => new CfnTable(stack, 'NoKeys', {} as CfnTableProps), {
      name: 'MissingRequiredProperty',
      message: 'TestStack/NoKeys [AWS::DynamoDB::Table] is missing required property: keySchema',
    });
  });

  test('inside an L2 the table needs a removal policy, as every stateful resource', () => {
    // GIVEN
    const { app, stack } = newStack();
    class Holder extends Resource {
      public readonly table = new CfnTable(this, 'Resource', { keySchema: [{ attributeName: 'pk', keyType: 'HASH' }] });
    }
    const holder = new Holder(stack, 'Holder');
    // WHEN / THEN
    assert.throws(() => app.synth(), /'AWS::DynamoDB::Table' is a stateful resource type, and you must specify a Removal Policy for it/);
    holder.table.applyRemovalPolicy(RemovalPolicy.DESTROY);
    const [entry] = Object.values(templateOf(app).Resources!);
    assert.equal(entry.DeletionPolicy, 'Delete');
  });
});
