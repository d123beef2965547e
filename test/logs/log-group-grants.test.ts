import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AccountPrincipal, ArnPrincipal, PolicyStatement, Role, ServicePrincipal } from '../../src/iam/index.js';
import { CfnLogGroup, LogGroup, LogGroupGrants, ResourcePolicy } from '../../src/logs/index.js';
import { newStack, onlyResource, templateOf } from '../cloudwatch/support.js';
import { bothTemplates } from '../cloudwatch/cdk-compare.js';

function lambdaRole(scope: ConstructorParameters<typeof Role>[0]): Role {
  return new Role(scope, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
}

describe('LogGroup grants', () => {
  test('grantWrite() gives CreateLogStream and PutLogEvents on the Arn attribute', () => {
    // GIVEN
    const { app, stack } = newStack();
    const logs = new LogGroup(stack, 'Logs');
    const role = lambdaRole(stack);
    // WHEN
    const grant = logs.grantWrite(role);
    // THEN
    assert.ok(grant.success);
    const doc = onlyResource(templateOf(app), 'AWS::IAM::Policy').PolicyDocument as { Statement: unknown[] };
    const id = (stack.resolve(logs.logGroupName) as { Ref: string }).Ref;
    assert.deepEqual(doc.Statement, [{
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [id, 'Arn'] },
    }]);
  });

  test('grant() and grantRead() cover the ARN with and without :*', () => {
    // GIVEN
    const { app, stack } = newStack();
    const logs = LogGroup.fromLogGroupArn(stack, 'Logs', 'arn:aws:logs:us-east-1:111111111111:log-group:g:*');
    const role = lambdaRole(stack);
    // WHEN
    logs.grant(role, 'logs:PutRetentionPolicy');
    logs.grantRead(role);
    // THEN
    const doc = onlyResource(templateOf(app), 'AWS::IAM::Policy').PolicyDocument as { Statement: Array<Record<string, unknown>> };
    const arns = ['arn:aws:logs:us-east-1:111111111111:log-group:g', 'arn:aws:logs:us-east-1:111111111111:log-group:g:*'];
    assert.deepEqual(doc.Statement[0], { Action: 'logs:PutRetentionPolicy', Effect: 'Allow', Resource: arns });
    assert.deepEqual(doc.Statement[1].Resource, arns);
  });

  test('a service principal is written into a log group resource policy', () => {
    // GIVEN
    const { app, stack } = newStack();
    const logs = new LogGroup(stack, 'Logs');
    // WHEN
    logs.grantWrite(new ServicePrincipal('delivery.logs.amazonaws.com'));
    // THEN
    const template = templateOf(app);
    const policy = onlyResource(template, 'AWS::Logs::ResourcePolicy');
    assert.equal(policy.PolicyName, 'TestStackLogsPolicyD6916D0D');
    assert.ok(JSON.stringify(policy.PolicyDocument).includes('delivery.logs.amazonaws.com'));
  });

  test('addToResourcePolicy() writes ARN principals as their account', () => {
    // GIVEN
    const { stack } = newStack();
    const logs = new LogGroup(stack, 'Logs');
    // WHEN
    const result = logs.addToResourcePolicy(new PolicyStatement({
      actions: ['logs:PutLogEvents'], resources: ['*'], principals: [new ArnPrincipal('arn:aws:iam::444455556666:role/x')],
    }));
    // THEN
    assert.equal(result.statementAdded, true);
    assert.ok(result.policyDependable instanceof ResourcePolicy);
    const doc = stack.resolve((result.policyDependable as ResourcePolicy).document) as { Statement: Array<{ Principal: unknown }> };
    assert.deepEqual(doc.Statement[0].Principal, { AWS: '444455556666' });
  });

  test('LogGroupGrants of a bare CfnLogGroup grants on the principal only', () => {
    // GIVEN
    const { app, stack } = newStack();
    const cfn = new CfnLogGroup(stack, 'Cfn');
    const role = lambdaRole(stack);
    // WHEN
    LogGroupGrants.fromLogGroup(cfn).write(role);
    LogGroupGrants.fromLogGroup(cfn).write(new AccountPrincipal('123456789012'));
    // THEN
    const template = templateOf(app);
    assert.equal(Object.values(template.Resources!).filter((r) => r.Type === 'AWS::Logs::ResourcePolicy').length, 0);
    const doc = onlyResource(template, 'AWS::IAM::Policy').PolicyDocument as { Statement: Array<Record<string, unknown>> };
    assert.deepEqual(doc.Statement[0].Resource, { 'Fn::GetAtt': ['Cfn', 'Arn'] });
  });

  test('the same grants give the same template as aws-cdk-lib', () => {
    // GIVEN / WHEN
    const { ours, theirs } = bothTemplates(({ logs, iam, cloudwatch }, stack) => {
      const group = new logs.LogGroup(stack, 'Logs');
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      group.grantWrite(role);
      group.grant(role, 'logs:DescribeLogStreams');
      logs.LogGroup.fromLogGroupName(stack, 'Imported', 'imported').grantRead(role);
      cloudwatch.Metric.grantPutMetricData(role);
      group.grantWrite(new iam.ServicePrincipal('es.amazonaws.com'));
      group.grantRead(new iam.AccountPrincipal('123456789012'));
      group.grantWrite(new iam.ArnPrincipal('arn:aws:iam::444455556666:role/x'));
    });
    // THEN
    assert.equal(Object.keys(ours.Resources ?? {}).length, 4);
    assert.deepEqual(ours, theirs);
  });
});
