import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AttributeType, CfnTable, StreamGrants, StreamViewType, Table, TableGrants } from '../../src/dynamodb/index.js';
import { AccountPrincipal, Role, ServicePrincipal, type IGrantable } from '../../src/iam/index.js';
import { Code, Function, Runtime } from '../../src/lambda/index.js';
import { Lazy, type Stack } from '../../src/core/index.js';
import { newStack, onlyResource, templateOf, type Template } from '../cloudwatch/support.js';
import { bothTemplates } from './cdk-compare.js';

const PK = { name: 'pk', type: AttributeType.STRING };
const READ = ['dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem'];
const WRITE = ['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
const STREAM_RECORDS = ['dynamodb:GetRecords', 'dynamodb:GetShardIterator'];

function lambdaRole(stack: Stack, id = 'Role'): Role {
  return new Role(stack, id, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
}

/** The statements of the only IAM policy of the template. */
function statements(template: Template): Array<Record<string, unknown>> {
  return (onlyResource(template, 'AWS::IAM::Policy').PolicyDocument as { Statement: Array<Record<string, unknown>> }).Statement;
}

describe('Table grants', () => {
  test('grantReadWriteData() on a Function: data actions and stream record reads on the table ARN, as aws-cdk-lib', () => {
    // GIVEN / WHEN
    const { ours, theirs } = bothTemplates(({ dynamodb, lambda, core }, stack) => {
      const table = new dynamodb.Table(stack, 'Connections', {
        partitionKey: { name: 'connectionId', type: dynamodb.AttributeType.STRING },
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        removalPolicy: core.RemovalPolicy.DESTROY,
      });
      const fn = new lambda.Function(stack, 'Handler', {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
        environment: { TABLE_NAME: table.tableName },
      });
      table.grantReadWriteData(fn);
    });
    // THEN
    assert.deepEqual(ours, theirs);
    const tableArn = { 'Fn::GetAtt': ['Connections827CEF2F', 'Arn'] };
    assert.deepEqual(statements(ours), [
      { Action: [...READ, ...WRITE, 'dynamodb:DescribeTable'], Effect: 'Allow', Resource: [tableArn] },
      { Action: STREAM_RECORDS, Effect: 'Allow', Resource: [tableArn] },
    ]);
    const fn = Object.values(ours.Resources!).find((r) => r.Type === 'AWS::Lambda::Function')!;
    assert.deepEqual(fn.Properties!.Environment, { Variables: { TABLE_NAME: { Ref: 'Connections827CEF2F' } } });
    assert.ok((fn.DependsOn as string[]).some((id) => id.includes('DefaultPolicy')));
  });

  test('grantReadData(), grantWriteData(), grantFullAccess() and grant() give their action lists', () => {
    // GIVEN
    const { app, stack } = newStack();
    const table = new Table(stack, 'Table', { partitionKey: PK });
    const fn = new Function(stack, 'Fn', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline('x') });
    // WHEN
    const grants = [table.grantReadData(fn), table.grantWriteData(fn), table.grantFullAccess(fn), table.grant(fn, 'dynamodb:DescribeTimeToLive')];
    // THEN
    assert.ok(grants.every((g) => g.success));
    assert.deepEqual(statements(templateOf(app)).map((s) => s.Action), [
      [...READ, 'dynamodb:DescribeTable'],
      STREAM_RECORDS,
      [...WRITE, 'dynamodb:DescribeTable'],
      'dynamodb:*',
      'dynamodb:DescribeTimeToLive',
    ]);
  });

  test('with a secondary index, even one added after the grant, statements also name <arn>/index/*', () => {
    // GIVEN / WHEN
    const { ours, theirs } = bothTemplates(({ dynamodb, iam }, stack) => {
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
      table.grantReadData(role);
      table.addGlobalSecondaryIndex({ indexName: 'byRoom', partitionKey: { name: 'room', type: dynamodb.AttributeType.STRING } });
      table.grantFullAccess(role);
    });
    // THEN
    assert.deepEqual(ours, theirs);
    const tableArn = { 'Fn::GetAtt': ['TableCD117FA1', 'Arn'] };
    const indexArn = { 'Fn::Join': ['', [tableArn, '/index/*']] };
    for (const statement of statements(ours)) assert.deepEqual(statement.Resource, [tableArn, indexArn]);
  });

  test('a principal of another account is written into the table\'s resource policy, on *', () => {
    // GIVEN
    const { app, stack } = newStack();
    const table = new Table(stack, 'Table', { partitionKey: PK });
    // WHEN
    const grant = table.grantWriteData(new AccountPrincipal('444455556666'));
    table.grantReadWriteData(lambdaRole(stack));
    // THEN
    assert.ok(grant.success);
    assert.equal(grant.principalStatement, undefined);
    const template = templateOf(app);
    const policy = onlyResource(template, 'AWS::DynamoDB::Table').ResourcePolicy as { PolicyDocument: { Statement: Array<Record<string, unknown>> } };
    assert.deepEqual(policy.PolicyDocument.Statement, [{
      Action: [...WRITE, 'dynamodb:DescribeTable'],
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::444455556666:root']] } },
      Resource: '*',
    }]);
    // The role of the stack's own account took its statements in its own policy, not the table's.
    assert.equal(statements(template).length, 2);
  });

  test('service principals: DynamoDB\'s integrations go into the resource policy, others are refused', () => {
    // GIVEN
    const { app, stack } = newStack();
    const table = new Table(stack, 'Table', { partitionKey: PK });
    // WHEN
    table.grantReadData(new ServicePrincipal('glue.amazonaws.com'));
    // THEN
    const policy = onlyResource(templateOf(app), 'AWS::DynamoDB::Table').ResourcePolicy as { PolicyDocument: { Statement: Array<{ Principal: unknown }> } };
    assert.deepEqual(policy.PolicyDocument.Statement[0].Principal, { Service: 'glue.amazonaws.com' });
    for (const grantee of [new ServicePrincipal('lambda.amazonaws.com'), new ServicePrincipal('lambda.amazonaws.com').withConditions({ Bool: { x: 'true' } })]) {
      assert.throws(() => table.grantFullAccess(grantee), { name: 'ServicePrincipalGrantNotSupported' });
    }
  });

  test('TableGrants of a bare CfnTable: principal statements without index ARNs, others in its ResourcePolicy', () => {
    // GIVEN
    const { app, stack } = newStack();
    const cfn = new CfnTable(stack, 'Raw', { keySchema: [{ attributeName: 'pk', keyType: 'HASH' }] });
    // WHEN
    TableGrants.fromTable(cfn).readData(lambdaRole(stack));
    TableGrants.fromTable(cfn).writeData(new AccountPrincipal('111111111111'));
    TableGrants.fromTable(cfn).fullAccess(new AccountPrincipal('222222222222'));
    // THEN
    const template = templateOf(app);
    assert.deepEqual(statements(template)[0].Resource, [{ 'Fn::GetAtt': ['Raw', 'Arn'] }]);
    const policy = template.Resources!.Raw.Properties!.ResourcePolicy as { PolicyDocument: { Statement: Array<{ Action: unknown }> } };
    assert.deepEqual(policy.PolicyDocument.Statement.map((s) => s.Action), [[...WRITE, 'dynamodb:DescribeTable'], 'dynamodb:*']);
  });

  test('a CfnTable whose resource policy is a token takes no statement', () => {
    // GIVEN
    const { stack } = newStack();
    const cfn = new CfnTable(stack, 'Raw', { keySchema: [], resourcePolicy: Lazy.any({ produce: () => undefined }) });
    // WHEN
    const grant = TableGrants.fromTable(cfn).fullAccess(new AccountPrincipal('111111111111'));
    // THEN
    assert.equal(grant.principalStatement, undefined);
    assert.equal(grant.resourceStatement?.actions[0], 'dynamodb:*');
  });

  test('TableGrants.fromTable() with regions and indexes names every regional table and index', () => {
    // GIVEN
    const { app, stack } = newStack();
    const ref = CfnTable.fromTableArn(stack, 'Ref', 'arn:aws:dynamodb:us-west-2:111111111111:table/rooms');
    // WHEN
    TableGrants.fromTable(ref, ['eu-west-1'], true).readData(lambdaRole(stack));
    // THEN
    const regional = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':dynamodb:eu-west-1:', { Ref: 'AWS::AccountId' }, ':table/rooms']] };
    assert.deepEqual(statements(templateOf(app))[0].Resource, [
      'arn:aws:dynamodb:us-west-2:111111111111:table/rooms',
      regional,
      'arn:aws:dynamodb:us-west-2:111111111111:table/rooms/index/*',
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':dynamodb:eu-west-1:', { Ref: 'AWS::AccountId' }, ':table/rooms/index/*']] },
    ]);
  });

  test('imported tables: index ARNs when indexes are named or asked for; no resource policy', () => {
    // GIVEN / WHEN
    const { ours, theirs } = bothTemplates(({ dynamodb, iam }, stack) => {
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      dynamodb.Table.fromTableName(stack, 'Plain', 'plain').grantReadWriteData(role);
      dynamodb.Table.fromTableAttributes(stack, 'Global', { tableName: 'global', globalIndexes: ['g'] }).grantWriteData(role);
      dynamodb.Table.fromTableAttributes(stack, 'Local', { tableName: 'local', localIndexes: ['l'] }).grantReadData(role);
      dynamodb.Table.fromTableAttributes(stack, 'Asked', { tableArn: 'arn:aws:dynamodb:us-east-1:111111111111:table/asked', grantIndexPermissions: true })
        .grantFullAccess(role);
      dynamodb.Table.fromTableName(stack, 'Foreign', 'foreign').grantFullAccess(new iam.AccountPrincipal('999999999999'));
    });
    // THEN
    assert.deepEqual(ours, theirs);
    assert.deepEqual(statements(ours)[2].Resource, [
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':dynamodb:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':table/global']] },
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':dynamodb:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':table/global/index/*']] },
    ]);
  });

  test('stream grants: the stream ARN for records, * for ListStreams', () => {
    // GIVEN
    const { app, stack } = newStack();
    const table = new Table(stack, 'Table', { partitionKey: PK, stream: StreamViewType.NEW_IMAGE });
    const role = lambdaRole(stack);
    // WHEN
    table.grantStreamRead(role);
    table.grantStream(role, 'dynamodb:DescribeStream');
    table.grantTableListStreams(role);
    new StreamGrants({ tableStreamArn: 'arn:aws:dynamodb:us-east-1:1:table/t/stream/x' }).actions(role, 'dynamodb:GetRecords');
    // THEN
    const streamArn = { 'Fn::GetAtt': [stack.getLogicalId(table.node.defaultChild as CfnTable), 'StreamArn'] };
    assert.deepEqual(statements(templateOf(app)), [
      { Action: 'dynamodb:ListStreams', Effect: 'Allow', Resource: '*' },
      { Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], Effect: 'Allow', Resource: streamArn },
      { Action: 'dynamodb:DescribeStream', Effect: 'Allow', Resource: streamArn },
      { Action: 'dynamodb:GetRecords', Effect: 'Allow', Resource: 'arn:aws:dynamodb:us-east-1:1:table/t/stream/x' },
    ]);
  });

  test('stream grants on a table without a stream are refused', () => {
    // GIVEN
    const { stack } = newStack();
    const table = new Table(stack, 'Table', { partitionKey: PK });
    const grantee: IGrantable = lambdaRole(stack);
    // WHEN / THEN
    for (const grant of [() => table.grantStreamRead(grantee), () => table.grantStream(grantee, 'x'), () => table.grantTableListStreams(grantee)]) {
      assert.throws(grant, { name: 'StreamsRequired', message: 'DynamoDB Streams must be enabled on the table TestStack/Table' });
    }
  });
});
