// Tests of ManagedPolicy: references to AWS and customer managed policies, and new managed policies.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { App, Stack } from '../../src/core/index.js';
import { ManagedPolicy } from '../../src/iam/index.js';
import { freshOutdir, synthBoth } from './cdk-compare.js';

describe('ManagedPolicy', () => {
  test('fromAwsManagedPolicyName is an ARN in the aws account, with the partition resolved at deploy time', () => {
    // GIVEN
    const stack = new Stack();
    // WHEN
    const policy = ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole');
    // THEN
    assert.deepEqual(stack.resolve(policy.managedPolicyArn), {
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']],
    });
    assert.throws(() => policy.node, /can not be used in this API/);
  });

  test('fromManagedPolicyName and fromManagedPolicyArn', () => {
    // GIVEN
    const stack = new Stack(new App({ outdir: freshOutdir() }), 'TestStack');
    // WHEN
    const byName = ManagedPolicy.fromManagedPolicyName(stack, 'ByName', 'mine');
    const byArn = ManagedPolicy.fromManagedPolicyArn(stack, 'ByArn', 'arn:aws:iam::123456789012:policy/x');
    // THEN
    assert.deepEqual(stack.resolve(byName.managedPolicyArn), {
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':policy/mine']],
    });
    assert.equal(byArn.managedPolicyRef.policyArn, 'arn:aws:iam::123456789012:policy/x');
  });

  test('a new managed policy synthesizes as in aws-cdk-lib', () => {
    // GIVEN / WHEN
    const { expected, actual } = synthBoth(({ iam }, stack) => {
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
      new iam.ManagedPolicy(stack, 'Managed', {
        description: 'shared',
        roles: [role],
        statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })],
      });
    });
    // THEN
    assert.deepEqual(actual, expected);
  });
});
