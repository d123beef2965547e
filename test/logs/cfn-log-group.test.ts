import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cdk from 'aws-cdk-lib';
import * as cdkLogs from 'aws-cdk-lib/aws-logs';
import { RemovalPolicy, Resource, Tags } from '../../src/core/index.js';
import { CfnLogGroup } from '../../src/logs/index.js';
import { newStack, templateOf } from '../cloudwatch/support.js';
import { cdkTemplate } from '../cloudwatch/cdk-compare.js';

describe('CfnLogGroup', () => {
  test('renders every property under its CloudFormation name, as aws-cdk-lib does', () => {
    // GIVEN
    const props = {
      logGroupName: 'my-group',
      retentionInDays: 7,
      logGroupClass: 'STANDARD',
      kmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/abc',
      deletionProtectionEnabled: true,
      bearerTokenAuthenticationEnabled: false,
      dataProtectionPolicy: { Name: 'p', Statement: [{ sid: 'lower-case keys stay' }] },
      resourcePolicyDocument: { Version: '2012-10-17', Statement: [] },
      fieldIndexPolicies: [{ Fields: ['a'] }],
      tags: [{ key: 'team', value: 'blue' }],
    };
    const { app, stack } = newStack();
    // WHEN
    new CfnLogGroup(stack, 'Group', props);
    Tags.of(stack).add('app', 'chat');
    const theirs = cdkTemplate((s) => {
      new cdkLogs.CfnLogGroup(s, 'Group', props);
      cdk.Tags.of(s).add('app', 'chat');
    });
    // THEN
    assert.deepEqual(templateOf(app).Resources!.Group, theirs.Resources!.Group);
    assert.deepEqual(templateOf(app).Resources!.Group.Properties!.Tags, [{ Key: 'app', Value: 'chat' }, { Key: 'team', Value: 'blue' }]);
  });

  test('a function or key reference gives its name or ARN', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    const group = new CfnLogGroup(stack, 'Group', {
      logGroupName: { functionRef: { functionName: 'fn' } },
      kmsKeyId: { keyRef: { keyArn: 'arn:key' } },
    });
    // THEN
    assert.equal(group.logGroupName, 'fn');
    assert.equal(group.kmsKeyId, 'arn:key');
  });

  test('attributes, brand check and references', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    const group = new CfnLogGroup(stack, 'Group');
    const byArn = CfnLogGroup.fromLogGroupArn(stack, 'ByArn', 'arn:aws:logs:us-west-2:111111111111:log-group:theirs');
    const byName = CfnLogGroup.fromLogGroupName(stack, 'ByName', 'mine');
    // THEN
    assert.equal(CfnLogGroup.CFN_RESOURCE_TYPE_NAME, 'AWS::Logs::LogGroup');
    assert.ok(CfnLogGroup.isCfnLogGroup(group));
    assert.ok(!CfnLogGroup.isCfnLogGroup(stack));
    assert.deepEqual(stack.resolve(group.attrArn), { 'Fn::GetAtt': ['Group', 'Arn'] });
    assert.deepEqual(stack.resolve(group.logGroupRef), { logGroupName: { Ref: 'Group' }, logGroupArn: { 'Fn::GetAtt': ['Group', 'Arn'] } });
    assert.equal(byArn.logGroupRef.logGroupName, 'theirs');
    assert.equal(byArn.env.region, 'us-west-2');
    assert.equal(CfnLogGroup.arnForLogGroup(byArn), 'arn:aws:logs:us-west-2:111111111111:log-group:theirs');
    assert.equal(byName.logGroupRef.logGroupName, 'mine');
  });

  test('inside an L2 construct, a missing removal policy fails validation', () => {
    // GIVEN
    const { app, stack } = newStack();
    class Holder extends Resource {}
    const holder = new Holder(stack, 'Holder');
    // WHEN
    const group = new CfnLogGroup(holder, 'Group');
    // THEN
    assert.deepEqual(group.node.validate(), [
      "'AWS::Logs::LogGroup' is a stateful resource type, and you must specify a Removal Policy for it. Call 'resource.applyRemovalPolicy()'.",
    ]);
    group.applyRemovalPolicy(RemovalPolicy.DESTROY);
    assert.deepEqual(group.node.validate(), []);
    const [entry] = Object.values(templateOf(app).Resources!);
    assert.equal(entry.DeletionPolicy, 'Delete');
  });
});
