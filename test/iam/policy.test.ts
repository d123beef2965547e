// Tests of Policy: when it is written, its default name, attachment and validation.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { App, Stack } from '../../src/core/index.js';
import { AccountRootPrincipal, Policy, PolicyStatement, Role, User } from '../../src/iam/index.js';
import { freshOutdir, synthBoth } from './cdk-compare.js';

function newStack(): { app: App; stack: Stack } {
  const app = new App({ outdir: freshOutdir() });
  return { app, stack: new Stack(app, 'TestStack') };
}

function resources(app: App): Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] }> {
  return (app.synth().getStackArtifact('TestStack').template as { Resources?: Record<string, never> }).Resources ?? {};
}

describe('Policy', () => {
  test('synthesizes the same template as aws-cdk-lib (names, attachments, empty and forced policies)', () => {
    // GIVEN / WHEN
    const { expected, actual } = synthBoth(({ iam }, stack) => {
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
      const user = new iam.User(stack, 'User', { userName: 'bob' });
      const shared = new iam.Policy(stack, 'Shared', {
        policyName: 'shared',
        roles: [role],
        users: [user],
        statements: [new iam.PolicyStatement({ actions: ['logs:CreateLogGroup'], resources: ['*'] })],
      });
      shared.addStatements(new iam.PolicyStatement({ actions: ['logs:PutLogEvents'], resources: ['*'] }));
      new iam.Policy(stack, 'Unattached', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })] });
      new iam.Policy(stack, 'Empty');
      const late = new iam.Policy(stack, 'Late');
      late.attachToRole(role);
      late.addStatements(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }));
      const dependsOnShared = new iam.Role(stack, 'Waiting', { assumedBy: new iam.AccountRootPrincipal() });
      dependsOnShared.node.addDependency(shared);
    });
    // THEN
    assert.deepEqual(actual, expected);
  });

  test('defaults its name to its logical ID', () => {
    // GIVEN
    const { app, stack } = newStack();
    const role = new Role(stack, 'Role', { assumedBy: new AccountRootPrincipal() });
    // WHEN
    new Policy(stack, 'MyPolicy', { roles: [role], statements: [new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })] });
    // THEN
    const [id, policy] = Object.entries(resources(app)).find(([, r]) => r.Type === 'AWS::IAM::Policy')!;
    assert.equal(policy.Properties.PolicyName, id);
  });

  test('is left out of the template until it has statements and is attached', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    new Policy(stack, 'Alone', { statements: [new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })] });
    // THEN
    assert.deepEqual(Object.keys(resources(app)), []);
  });

  test('a forced policy must have statements and be attached', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    new Policy(stack, 'Forced', { force: true });
    // THEN
    assert.throws(() => app.synth(), /Policy created with force=true is empty[\s\S]*must be attached to at least one principal/);
  });

  test('its statements must suit an identity policy', () => {
    // GIVEN
    const { app, stack } = newStack();
    const user = new User(stack, 'User');
    // WHEN
    new Policy(stack, 'NoResource', { users: [user], statements: [new PolicyStatement({ actions: ['s3:GetObject'] })] });
    // THEN
    assert.throws(() => app.synth(), /must specify at least one resource/);
  });

  test('its grant principal adds statements to it and cannot be named in resource policies', () => {
    // GIVEN
    const { stack } = newStack();
    const policy = new Policy(stack, 'P');
    // WHEN
    const result = policy.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    // THEN
    assert.equal(result.statementAdded, true);
    assert.equal(policy.document.statementCount, 1);
    assert.throws(() => policy.grantPrincipal.assumeRoleAction, /needs to add a resource policy/);
  });

  test('fromPolicyName keeps the name and has no reference', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    const imported = Policy.fromPolicyName(stack, 'Imported', 'existing');
    // THEN
    assert.equal(imported.policyName, 'existing');
    assert.throws(() => imported.policyRef, /Cannot use a Policy.fromPolicyName\(\) here/);
  });
});
