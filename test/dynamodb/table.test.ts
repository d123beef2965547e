import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cdk from 'aws-cdk-lib';
import * as cdkDynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as cdkIam from 'aws-cdk-lib/aws-iam';
import * as core from '../../src/core/index.js';
import * as dynamodb from '../../src/dynamodb/index.js';
import * as iam from '../../src/iam/index.js';
import { Fn, RemovalPolicy } from '../../src/core/index.js';
import {
  AttributeType, BillingMode, CfnTable, ProjectionType, StreamViewType, Table, TableBase, TableEncryption, type TableProps,
} from '../../src/dynamodb/index.js';
import { AccountPrincipal, PolicyStatement } from '../../src/iam/index.js';
import { newStack, onlyResource, templateOf } from '../cloudwatch/support.js';
import { bothTemplates } from './cdk-compare.js';

const PK = { name: 'pk', type: AttributeType.STRING };
const SK = { name: 'sk', type: AttributeType.NUMBER };

describe('Table', () => {
  test('defaults: provisioned at 5 read and 5 write units, retained, no billing mode written', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    new Table(stack, 'Table', { partitionKey: PK });
    // THEN
    const template = templateOf(app);
    assert.deepEqual(template.Resources!.TableCD117FA1, {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      },
      UpdateReplacePolicy: 'Retain',
      DeletionPolicy: 'Retain',
    });
  });

  test('partition and sort key, TTL, PAY_PER_REQUEST and DESTROY give aws-cdk-lib\'s template', () => {
    // GIVEN / WHEN
    const { ours, theirs } = bothTemplates(({ core, dynamodb }, stack) => {
      new dynamodb.Table(stack, 'Connections', {
        partitionKey: { name: 'connectionId', type: dynamodb.AttributeType.STRING },
        sortKey: { name: 'createdAt', type: dynamodb.AttributeType.NUMBER },
        timeToLiveAttribute: 'ttl',
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        removalPolicy: core.RemovalPolicy.DESTROY,
      });
    });
    // THEN
    assert.deepEqual(ours, theirs);
    assert.deepEqual(ours.Resources!.Connections827CEF2F, {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        KeySchema: [{ AttributeName: 'connectionId', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }],
        AttributeDefinitions: [{ AttributeName: 'connectionId', AttributeType: 'S' }, { AttributeName: 'createdAt', AttributeType: 'N' }],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      },
      UpdateReplacePolicy: 'Delete',
      DeletionPolicy: 'Delete',
    });
  });

  test('tableName is the Ref, tableArn the Arn attribute, tableStreamArn only with a stream', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    const plain = new Table(stack, 'Plain', { partitionKey: PK, tableName: 'plain' });
    const streamed = new Table(stack, 'Streamed', { partitionKey: PK, stream: StreamViewType.KEYS_ONLY });
    // THEN
    const plainId = stack.getLogicalId(plain.node.defaultChild as CfnTable);
    const streamedId = stack.getLogicalId(streamed.node.defaultChild as CfnTable);
    assert.equal(plainId, 'Plain295EB121');
    assert.deepEqual(stack.resolve(plain.tableName), { Ref: plainId });
    assert.deepEqual(stack.resolve(plain.tableArn), { 'Fn::GetAtt': [plainId, 'Arn'] });
    assert.equal(plain.tableStreamArn, undefined);
    assert.deepEqual(stack.resolve(streamed.tableStreamArn), { 'Fn::GetAtt': [streamedId, 'StreamArn'] });
    assert.deepEqual(stack.resolve(plain.tableRef), { tableName: { Ref: plainId }, tableArn: { 'Fn::GetAtt': [plainId, 'Arn'] } });
    assert.equal(Table.PROPERTY_INJECTION_ID, 'aws-cdk-lib.aws-dynamodb.Table');
  });

  test('secondary indexes: capacity defaults, projections, shared attributes defined once', () => {
    // GIVEN
    const { app, stack } = newStack();
    const table = new Table(stack, 'Table', { partitionKey: PK, sortKey: SK });
    // WHEN
    table.addGlobalSecondaryIndex({ indexName: 'byRoom', partitionKey: { name: 'room', type: AttributeType.STRING }, sortKey: SK, readCapacity: 2 });
    table.addLocalSecondaryIndex({
      indexName: 'byName', sortKey: { name: 'name', type: AttributeType.STRING }, projectionType: ProjectionType.INCLUDE, nonKeyAttributes: ['x'],
    });
    // THEN
    const props = onlyResource(templateOf(app), 'AWS::DynamoDB::Table');
    assert.deepEqual(props.AttributeDefinitions, [
      { AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' },
      { AttributeName: 'room', AttributeType: 'S' }, { AttributeName: 'name', AttributeType: 'S' },
    ]);
    assert.deepEqual(props.GlobalSecondaryIndexes, [{
      IndexName: 'byRoom',
      KeySchema: [{ AttributeName: 'room', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'ALL' },
      ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 5 },
    }]);
    assert.deepEqual(props.LocalSecondaryIndexes, [{
      IndexName: 'byName',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'name', KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['x'] },
    }]);
    assert.deepEqual(table.schemaV2('byRoom'), { partitionKeys: [{ name: 'room', type: 'S' }], sortKeys: [SK] });
    assert.deepEqual(table.schemaV2(), { partitionKeys: [PK], sortKeys: [SK] });
  });

  test('every supported setting, indexes and the resource policy give aws-cdk-lib\'s template', () => {
    // GIVEN / WHEN
    const { ours, theirs } = bothTemplates(({ core, dynamodb, iam }, stack) => {
      const table = new dynamodb.Table(stack, 'Table', {
        tableName: 'all-settings',
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.BINARY },
        sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        maxReadRequestUnits: 10,
        maxWriteRequestUnits: 0,
        warmThroughput: { writeUnitsPerSecond: 5000 },
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        tableClass: dynamodb.TableClass.STANDARD_INFREQUENT_ACCESS,
        encryption: dynamodb.TableEncryption.AWS_MANAGED,
        stream: dynamodb.StreamViewType.OLD_IMAGE,
        removalPolicy: core.RemovalPolicy.SNAPSHOT,
        contributorInsightsSpecification: { enabled: true },
        deletionProtection: false,
        resourcePolicy: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: ['*'], principals: [new iam.AccountPrincipal('222222222222')] })],
        }),
      });
      table.addGlobalSecondaryIndex({
        indexName: 'multi',
        partitionKeys: [{ name: 'a', type: dynamodb.AttributeType.STRING }, { name: 'b', type: dynamodb.AttributeType.NUMBER }],
        sortKeys: [{ name: 'sk', type: dynamodb.AttributeType.STRING }],
        projectionType: dynamodb.ProjectionType.KEYS_ONLY,
        maxReadRequestUnits: 3,
        contributorInsightsEnabled: true,
      });
      table.addLocalSecondaryIndex({ indexName: 'local', sortKey: { name: 'c', type: dynamodb.AttributeType.NUMBER } });
      table.addToResourcePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: ['*'], principals: [new iam.AccountRootPrincipal()] }));
      core.Tags.of(table).add('team', 'chat');

      const provisioned = new dynamodb.Table(stack, 'Provisioned', {
        partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
        readCapacity: 0,
        writeCapacity: 8,
        maxWriteRequestUnits: 4,
        encryption: dynamodb.TableEncryption.DEFAULT,
        pointInTimeRecovery: false,
        contributorInsightsEnabled: false,
      });
      provisioned.addGlobalSecondaryIndex({ indexName: 'g', partitionKey: { name: 'g', type: dynamodb.AttributeType.STRING }, maxReadRequestUnits: 2 });
    });
    // THEN
    assert.deepEqual(ours, theirs);
  });

  test('addToResourcePolicy() starts a ResourcePolicy on the table', () => {
    // GIVEN
    const { app, stack } = newStack();
    const table = new Table(stack, 'Table', { partitionKey: PK });
    // WHEN
    const result = table.addToResourcePolicy(new PolicyStatement({ actions: ['dynamodb:GetItem'], resources: ['*'], principals: [new AccountPrincipal('222222222222')] }));
    // THEN
    assert.equal(result.statementAdded, true);
    assert.equal(result.policyDependable, table);
    const policy = onlyResource(templateOf(app), 'AWS::DynamoDB::Table').ResourcePolicy as { PolicyDocument: { Statement: unknown[] } };
    assert.equal(policy.PolicyDocument.Statement.length, 1);
    assert.equal(table.resourcePolicy?.statementCount, 1);
  });

  test('fromTableName(), fromTableArn() and fromTableAttributes() know the name, ARN and stream', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    const byName = Table.fromTableName(stack, 'ByName', 'rooms');
    const byArn = Table.fromTableArn(stack, 'ByArn', 'arn:aws:dynamodb:us-east-1:111111111111:table/users');
    const byToken = Table.fromTableArn(stack, 'ByToken', Fn.importValue('TableArn'));
    const withStream = Table.fromTableAttributes(stack, 'WithStream', { tableName: 't', tableStreamArn: 'arn:stream' });
    // THEN
    assert.equal(byName.tableName, 'rooms');
    assert.deepEqual(stack.resolve(byName.tableArn), {
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':dynamodb:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':table/rooms']],
    });
    assert.equal(byArn.tableName, 'users');
    assert.equal(byArn.tableArn, 'arn:aws:dynamodb:us-east-1:111111111111:table/users');
    assert.deepEqual(stack.resolve(byToken.tableName), {
      'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { 'Fn::ImportValue': 'TableArn' }] }] }] }],
    });
    assert.equal(byName.tableStreamArn, undefined);
    assert.equal(withStream.tableStreamArn, 'arn:stream');
    assert.deepEqual((byName as TableBase).addToResourcePolicy(new PolicyStatement()), { statementAdded: false });
  });

  test('every validation error has aws-cdk-lib\'s code and message', () => {
    // GIVEN
    type Build = (lib: { dynamodb: typeof dynamodb; iam: typeof iam }, stack: core.Stack) => void;
    const S = { name: 'pk', type: 'S' as AttributeType };
    const sorted = (d: typeof dynamodb, s: core.Stack): dynamodb.Table => new d.Table(s, 'T', { partitionKey: S, sortKey: { name: 'sk', type: d.AttributeType.NUMBER } });
    const cases: Record<string, Build> = {
      noPartitionKey: ({ dynamodb: d }, s) => { new d.Table(s, 'T', {} as TableProps); },
      capacityOnDemand: ({ dynamodb: d }, s) => { new d.Table(s, 'T', { partitionKey: S, billingMode: d.BillingMode.PAY_PER_REQUEST, writeCapacity: 1 }); },
      indexCapacityOnDemand: ({ dynamodb: d }, s) => {
        new d.Table(s, 'T', { partitionKey: S, billingMode: d.BillingMode.PAY_PER_REQUEST }).addGlobalSecondaryIndex({ indexName: 'i', partitionKey: S, readCapacity: 1 });
      },
      duplicateIndex: ({ dynamodb: d }, s) => {
        const t = sorted(d, s);
        t.addGlobalSecondaryIndex({ indexName: 'i', partitionKey: S });
        t.addLocalSecondaryIndex({ indexName: 'i', sortKey: S });
      },
      attributeTypeConflict: ({ dynamodb: d }, s) => {
        new d.Table(s, 'T', { partitionKey: S }).addGlobalSecondaryIndex({ indexName: 'i', partitionKey: { name: 'pk', type: d.AttributeType.NUMBER } });
      },
      includeWithoutAttributes: ({ dynamodb: d }, s) => {
        new d.Table(s, 'T', { partitionKey: S }).addGlobalSecondaryIndex({ indexName: 'i', partitionKey: S, projectionType: d.ProjectionType.INCLUDE });
      },
      attributesWithoutInclude: ({ dynamodb: d }, s) => {
        new d.Table(s, 'T', { partitionKey: S }).addGlobalSecondaryIndex({ indexName: 'i', partitionKey: S, nonKeyAttributes: ['a'] });
      },
      tooManyNonKeyAttributes: ({ dynamodb: d }, s) => {
        new d.Table(s, 'T', { partitionKey: S }).addGlobalSecondaryIndex({
          indexName: 'i', partitionKey: S, projectionType: d.ProjectionType.INCLUDE, nonKeyAttributes: Array.from({ length: 101 }, (_, i) => `a${i}`),
        });
      },
      sixLocalIndexes: ({ dynamodb: d }, s) => {
        const t = sorted(d, s);
        for (let i = 0; i < 6; i++) t.addLocalSecondaryIndex({ indexName: `l${i}`, sortKey: { name: `x${i}`, type: d.AttributeType.STRING } });
      },
      twoPartitionKeyForms: ({ dynamodb: d }, s) => {
        new d.Table(s, 'T', { partitionKey: S }).addGlobalSecondaryIndex({ indexName: 'i', partitionKey: S, partitionKeys: [S] });
      },
      emptyPartitionKeys: ({ dynamodb: d }, s) => { new d.Table(s, 'T', { partitionKey: S }).addGlobalSecondaryIndex({ indexName: 'i', partitionKeys: [] }); },
      fivePartitionKeys: ({ dynamodb: d }, s) => { new d.Table(s, 'T', { partitionKey: S }).addGlobalSecondaryIndex({ indexName: 'i', partitionKeys: [S, S, S, S, S] }); },
      fiveSortKeys: ({ dynamodb: d }, s) => { new d.Table(s, 'T', { partitionKey: S }).addGlobalSecondaryIndex({ indexName: 'i', partitionKey: S, sortKeys: [S, S, S, S, S] }); },
      twoSortKeyForms: ({ dynamodb: d }, s) => { new d.Table(s, 'T', { partitionKey: S }).addGlobalSecondaryIndex({ indexName: 'i', partitionKey: S, sortKey: S, sortKeys: [S] }); },
      insightsConflict: ({ dynamodb: d }, s) => {
        new d.Table(s, 'T', { partitionKey: S, contributorInsightsEnabled: true, contributorInsightsSpecification: { enabled: true } });
      },
      recoveryConflict: ({ dynamodb: d }, s) => {
        new d.Table(s, 'T', { partitionKey: S, pointInTimeRecovery: true, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
      },
      recoveryDaysWithoutRecovery: ({ dynamodb: d }, s) => {
        new d.Table(s, 'T', { partitionKey: S, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false, recoveryPeriodInDays: 3 } });
      },
      recoveryDaysOutOfRange: ({ dynamodb: d }, s) => {
        new d.Table(s, 'T', { partitionKey: S, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 36 } });
      },
      unknownEncryption: ({ dynamodb: d }, s) => { new d.Table(s, 'T', { partitionKey: S, encryption: 'NOPE' as TableEncryption }); },
      serviceGrantee: ({ dynamodb: d, iam: i }, s) => { new d.Table(s, 'T', { partitionKey: S }).grantReadData(new i.ServicePrincipal('lambda.amazonaws.com')); },
      noStream: ({ dynamodb: d, iam: i }, s) => { new d.Table(s, 'T', { partitionKey: S }).grantStreamRead(new i.AccountPrincipal('1')); },
      importWithoutNameOrArn: ({ dynamodb: d }, s) => { d.Table.fromTableAttributes(s, 'I', {}); },
      importWithNameAndArn: ({ dynamodb: d }, s) => { d.Table.fromTableAttributes(s, 'I', { tableName: 'a', tableArn: 'b' }); },
      importArnWithoutName: ({ dynamodb: d }, s) => { d.Table.fromTableArn(s, 'I', 'arn:aws:dynamodb:us-east-1:1:table'); },
      missingSchema: ({ dynamodb: d }, s) => { new d.Table(s, 'T', { partitionKey: S }).schemaV2('nope'); },
    };
    for (const [name, build] of Object.entries(cases)) {
      // WHEN
      const ours = errorOf(() => build({ dynamodb, iam }, newStack().stack));
      const theirs = errorOf(() => build({ dynamodb: cdkDynamodb, iam: cdkIam } as unknown as { dynamodb: typeof dynamodb; iam: typeof iam },
        new cdk.Stack(new cdk.App(), 'TestStack') as unknown as core.Stack));
      // THEN
      assert.notEqual(theirs, undefined, name);
      assert.deepEqual(ours, theirs, name);
    }
  });

  test('local secondary indexes need a table sort key (checked at synthesis)', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    new Table(stack, 'T', { partitionKey: PK }).addLocalSecondaryIndex({ indexName: 'l', sortKey: SK });
    // THEN
    assert.throws(() => app.synth(), /\[TestStack\/T\] a sort key of the table must be specified to add local secondary indexes/);
  });

  test('CUSTOMER_MANAGED encryption is refused: wsgate has no KMS keys', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN / THEN
    assert.throws(() => new Table(stack, 'T', { partitionKey: PK, encryption: TableEncryption.CUSTOMER_MANAGED }), { name: 'CustomerManagedEncryptionUnsupported' });
  });

  test('the billing mode and removal policy enums have aws-cdk-lib\'s values', () => {
    // GIVEN / WHEN / THEN
    assert.deepEqual({ ...BillingMode }, { ...cdkDynamodb.BillingMode });
    assert.deepEqual({ ...AttributeType }, { ...cdkDynamodb.AttributeType });
    assert.deepEqual({ ...ProjectionType }, { ...cdkDynamodb.ProjectionType });
    assert.deepEqual({ ...TableEncryption }, { ...cdkDynamodb.TableEncryption });
    assert.deepEqual({ ...StreamViewType }, { ...cdkDynamodb.StreamViewType });
    assert.deepEqual({ ...dynamodb.TableClass }, { ...cdkDynamodb.TableClass });
    assert.deepEqual({ ...dynamodb.ContributorInsightsMode }, { ...cdkDynamodb.ContributorInsightsMode });
    assert.deepEqual({ ...dynamodb.Operation }, { ...cdkDynamodb.Operation });
    assert.equal(RemovalPolicy.DESTROY, cdk.RemovalPolicy.DESTROY);
  });
});

/** `{name, message}` of what `fn` throws, or undefined. */
function errorOf(fn: () => void): { name: string; message: string } | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
}
