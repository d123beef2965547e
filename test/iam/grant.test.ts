// Tests of Grant: principal policies, resource policies, dependencies and failures.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { App, CfnResource, Stack } from '../../src/core/index.js';
import { AccountRootPrincipal, Grant, PolicyStatement, Role, ServicePrincipal, type IResourceWithPolicyV2 } from '../../src/iam/index.js';
import { freshOutdir } from './cdk-compare.js';

function setup(): { app: App; stack: Stack; role: Role } {
  const app = new App({ outdir: freshOutdir() });
  const stack = new Stack(app, 'TestStack');
  return { app, stack, role: new Role(stack, 'Role', { assumedBy: new AccountRootPrincipal() }) };
}

/** A resource whose policy records what it is given. */
function fakeResource(stack: Stack, added: PolicyStatement[]): IResourceWithPolicyV2 {
  return { env: { account: stack.account, region: stack.region }, addToResourcePolicy: (s) => { added.push(s); return { statementAdded: true, policyDependable: stack }; } };
}

describe('Grant', () => {
  test('addToPrincipal puts the statement in the grantee role\'s default policy', () => {
    // GIVEN
    const { stack, role } = setup();
    // WHEN
    const grant = Grant.addToPrincipal({ grantee: role, actions: ['s3:GetObject'], resourceArns: ['arn:aws:s3:::b/*'] });
    // THEN
    assert.equal(grant.success, true);
    assert.deepEqual(stack.resolve(grant.principalStatement!.toStatementJson()), { Action: 's3:GetObject', Effect: 'Allow', Resource: 'arn:aws:s3:::b/*' });
  });

  test('addToPrincipalOrResource stays on the principal for an identity of the same account', () => {
    // GIVEN
    const { stack, role } = setup();
    const added: PolicyStatement[] = [];
    // WHEN
    const grant = Grant.addToPrincipalOrResource({ grantee: role, actions: ['s3:GetObject'], resourceArns: ['*'], resource: fakeResource(stack, added) });
    // THEN
    assert.equal(added.length, 0);
    assert.ok(grant.principalStatement);
  });

  test('addToPrincipalOrResource uses the resource policy for a service principal', () => {
    // GIVEN
    const { stack } = setup();
    const added: PolicyStatement[] = [];
    // WHEN
    const grant = Grant.addToPrincipalOrResource({ grantee: new ServicePrincipal('sns.amazonaws.com'), actions: ['sqs:SendMessage'], resourceArns: ['arn:q'], resource: fakeResource(stack, added) });
    // THEN
    assert.equal(added.length, 1);
    assert.equal(grant.resourceStatement, added[0]);
    assert.deepEqual((stack.resolve(added[0].toStatementJson()) as Record<string, unknown>).Principal, { Service: 'sns.amazonaws.com' });
  });

  test('applyBefore makes constructs depend on the grantee\'s policy', () => {
    // GIVEN
    const { app, stack, role } = setup();
    const grant = Grant.addToPrincipal({ grantee: role, actions: ['s3:GetObject'], resourceArns: ['*'] });
    const consumer = new CfnResource(stack, 'Consumer', { type: 'AWS::SQS::Queue' });
    // WHEN
    grant.applyBefore(consumer);
    // THEN
    const template = app.synth().getStackArtifact('TestStack').template as { Resources: Record<string, { DependsOn?: string[] }> };
    assert.deepEqual(template.Resources.Consumer.DependsOn, ['RoleDefaultPolicy5FFB7DAB']);
  });

  test('assertSuccess fails for a grant that added nothing', () => {
    // GIVEN
    const grant = Grant.addToPrincipal({ grantee: new ServicePrincipal('sns.amazonaws.com'), actions: ['s3:GetObject'], resourceArns: ['*'] });
    // THEN
    assert.equal(grant.success, false);
    assert.throws(() => grant.assertSuccess(), /could not be added on either identity or resource policy/);
    assert.equal(Grant.drop(new ServicePrincipal('sns.amazonaws.com'), 'nothing').success, false);
  });
});
