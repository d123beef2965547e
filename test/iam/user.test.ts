// Tests of User: its resource, default policy, managed policies and imports.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { App, Stack } from '../../src/core/index.js';
import { ManagedPolicy, PolicyStatement, User } from '../../src/iam/index.js';
import { freshOutdir, synthBoth } from './cdk-compare.js';

describe('User', () => {
  test('synthesizes the same template as aws-cdk-lib', () => {
    // GIVEN / WHEN
    const { expected, actual } = synthBoth(({ cdk, iam }, stack) => {
      const user = new iam.User(stack, 'Operator', {
        userName: 'ws-operator',
        path: '/ops/',
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
      });
      user.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['execute-api:ManageConnections'], resources: ['*'] }));
      user.addManagedPolicy(iam.ManagedPolicy.fromManagedPolicyArn(stack, 'Custom', 'arn:aws:iam::123456789012:policy/custom'));
      new iam.User(stack, 'Plain');
      iam.User.fromUserName(stack, 'Bob', 'bob').addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
      iam.User.fromUserArn(stack, 'Alice', 'arn:aws:iam::123456789012:user/team/alice')
        .addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['*'] }));
      new cdk.CfnOutput(stack, 'Arn', { value: user.userArn });
      new cdk.CfnOutput(stack, 'Name', { value: user.userName });
    });
    // THEN
    assert.deepEqual(actual, expected);
  });

  test('userName and userArn are the resource attributes; an import parses its ARN', () => {
    // GIVEN
    const stack = new Stack(new App({ outdir: freshOutdir() }), 'TestStack');
    // WHEN
    const user = new User(stack, 'U');
    const imported = User.fromUserArn(stack, 'I', 'arn:aws:iam::123456789012:user/path/alice');
    // THEN
    assert.deepEqual(stack.resolve(user.userName), { Ref: 'U05997891' });
    assert.deepEqual(stack.resolve(user.userArn), { 'Fn::GetAtt': ['U05997891', 'Arn'] });
    assert.equal(imported.userName, 'alice');
    assert.equal(imported.principalAccount, '123456789012');
    assert.throws(() => imported.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')), /Cannot add managed policy to imported User/);
  });

  test('addToPolicy reports that the statement was added', () => {
    // GIVEN
    const stack = new Stack(new App({ outdir: freshOutdir() }), 'TestStack');
    const user = new User(stack, 'U');
    // THEN
    assert.equal(user.addToPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })), true);
    assert.ok(user.node.tryFindChild('DefaultPolicy'));
  });
});
