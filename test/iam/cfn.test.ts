// Tests of the IAM L1s: property names, documents kept verbatim, tags and required properties.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { App, Stack, Tags } from '../../src/core/index.js';
import { CfnManagedPolicy, CfnPolicy, CfnRole, CfnUser } from '../../src/iam/index.js';
import { freshOutdir } from './cdk-compare.js';

function resources(app: App): Record<string, { Type: string; Properties: Record<string, unknown> }> {
  return (app.synth().getStackArtifact('TestStack').template as { Resources: Record<string, never> }).Resources;
}

describe('IAM L1s', () => {
  test('render CloudFormation names and keep policy documents as they are', () => {
    // GIVEN
    const app = new App({ outdir: freshOutdir() });
    const stack = new Stack(app, 'TestStack');
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '1' } } }] };
    // WHEN
    const role = new CfnRole(stack, 'Role', { assumeRolePolicyDocument: doc, roleName: 'r', policies: [{ policyName: 'p', policyDocument: doc }] });
    new CfnPolicy(stack, 'Policy', { policyName: 'p', policyDocument: doc, roles: [role.ref] });
    new CfnUser(stack, 'User', { userName: 'u', loginProfile: { password: 'pw', passwordResetRequired: true } });
    new CfnManagedPolicy(stack, 'Managed', { policyDocument: doc, roles: ['r'] });
    Tags.of(role).add('team', 'ws');
    // THEN
    const r = resources(app);
    assert.deepEqual(r.Role.Properties, { AssumeRolePolicyDocument: doc, Policies: [{ PolicyDocument: doc, PolicyName: 'p' }], RoleName: 'r', Tags: [{ Key: 'team', Value: 'ws' }] });
    assert.deepEqual(r.Policy.Properties, { PolicyDocument: doc, PolicyName: 'p', Roles: [{ Ref: 'Role' }] });
    assert.deepEqual(r.User.Properties, { LoginProfile: { Password: 'pw', PasswordResetRequired: true }, UserName: 'u' });
    assert.equal(r.Managed.Type, 'AWS::IAM::ManagedPolicy');
  });

  test('attributes and references', () => {
    // GIVEN
    const stack = new Stack();
    // WHEN
    const role = new CfnRole(stack, 'Role', { assumeRolePolicyDocument: {} });
    // THEN
    assert.deepEqual(stack.resolve(role.roleRef), { roleName: { Ref: 'Role' }, roleArn: { 'Fn::GetAtt': ['Role', 'Arn'] } });
    assert.equal(CfnRole.isCfnRole(role), true);
    assert.equal(CfnPolicy.isCfnPolicy(role), false);
  });

  test('required properties are checked', () => {
    // GIVEN
    const stack = new Stack();
    // THEN
    assert.throws(() => new CfnPolicy(stack, 'P', { policyDocument: {} } as never), /is missing required property: policyName/);
  });
});
