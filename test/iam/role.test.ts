// Tests of Role: the template it writes (compared with aws-cdk-lib), its default policy, grants and imports.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { App, Duration, Stack } from '../../src/core/index.js';
import { AccountRootPrincipal, ArnPrincipal, ManagedPolicy, PolicyStatement, Role, ServicePrincipal, User } from '../../src/iam/index.js';
import { freshOutdir, synthBoth } from './cdk-compare.js';

function newStack(): { app: App; stack: Stack } {
  const app = new App({ outdir: freshOutdir() });
  return { app, stack: new Stack(app, 'TestStack') };
}

function template(app: App): { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> } {
  return app.synth().getStackArtifact('TestStack').template as never;
}

describe('Role', () => {
  test('synthesizes the same template as aws-cdk-lib for roles, policies, grants and imports', () => {
    // GIVEN / WHEN
    const { expected, actual } = synthBoth(({ cdk, iam }, stack) => {
      const role = new iam.Role(stack, 'ConnectionsRole', {
        roleName: 'connections-role',
        description: 'Manages connections',
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        inlinePolicies: {
          Manage: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['execute-api:ManageConnections'], resources: ['*'], conditions: { Bool: { 'aws:SecureTransport': 'true' } } })] }),
        },
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
        maxSessionDuration: cdk.Duration.hours(2),
        path: '/ws/',
        permissionsBoundary: iam.ManagedPolicy.fromManagedPolicyName(stack, 'Boundary', 'boundary'),
      });
      role.addToPolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['execute-api:Invoke'], resources: ['*'] }));
      role.addToPolicy(new iam.PolicyStatement({ actions: ['a:B', 'a:C'], resources: ['*'] }));
      role.addToPolicy(new iam.PolicyStatement({ actions: ['a:C', 'a:B'], resources: ['*'] }));
      const other = new iam.Role(stack, 'Other', {
        assumedBy: new iam.CompositePrincipal(new iam.AccountRootPrincipal(), new iam.ArnPrincipal('arn:aws:iam::123456789012:role/ci').withSessionTags()),
        externalIds: ['one', 'two'],
      });
      role.grantPassRole(other);
      role.grant(other, 'iam:GetRole');
      const user = new iam.User(stack, 'Operator');
      role.grantAssumeRole(user);
      iam.Role.fromRoleArn(stack, 'Imported', 'arn:aws:iam::123456789012:role/imported')
        .addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
      iam.Role.fromRoleName(stack, 'ByName', 'by-name')
        .addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
      const immutable = iam.Role.fromRoleArn(stack, 'Frozen', 'arn:aws:iam::123456789012:role/frozen', { mutable: false });
      immutable.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
      new cdk.CfnOutput(stack, 'Arn', { value: role.roleArn });
      new cdk.CfnOutput(stack, 'Name', { value: role.roleName });
      new cdk.CfnOutput(stack, 'Id', { value: role.roleId });
      new cdk.CfnOutput(stack, 'FrozenName', { value: immutable.roleName });
    });
    // THEN
    assert.deepEqual(actual, expected);
  });

  test('the first statement creates a DefaultPolicy named by its logical ID and attached by Ref', () => {
    // GIVEN
    const { app, stack } = newStack();
    const role = new Role(stack, 'MyRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    // WHEN
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    // THEN
    const policy = template(app).Resources.MyRoleDefaultPolicyA36BE1DD;
    assert.equal(policy.Type, 'AWS::IAM::Policy');
    assert.equal(policy.Properties.PolicyName, 'MyRoleDefaultPolicyA36BE1DD');
    assert.deepEqual(policy.Properties.Roles, [{ Ref: 'MyRoleF48FFE04' }]);
  });

  test('roleArn, roleName and roleId are the role resource attributes', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    const role = new Role(stack, 'MyRole', { assumedBy: new AccountRootPrincipal() });
    // THEN
    assert.deepEqual(stack.resolve(role.roleArn), { 'Fn::GetAtt': ['MyRoleF48FFE04', 'Arn'] });
    assert.deepEqual(stack.resolve(role.roleName), { Ref: 'MyRoleF48FFE04' });
    assert.deepEqual(stack.resolve(role.roleId), { 'Fn::GetAtt': ['MyRoleF48FFE04', 'RoleId'] });
    assert.equal(Role.isRole(role), true);
  });

  test('addManagedPolicy attaches each ARN once', () => {
    // GIVEN
    const { app, stack } = newStack();
    const role = new Role(stack, 'MyRole', { assumedBy: new AccountRootPrincipal() });
    // WHEN
    role.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess'));
    role.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess'));
    // THEN
    assert.equal((template(app).Resources.MyRoleF48FFE04.Properties.ManagedPolicyArns as unknown[]).length, 1);
  });

  test('validates name, path, session duration and description', () => {
    // GIVEN
    const { stack } = newStack();
    const assumedBy = new AccountRootPrincipal();
    // THEN
    assert.throws(() => new Role(stack, 'A', { assumedBy, roleName: 'has space' }), /Invalid roleName/);
    assert.throws(() => new Role(stack, 'B', { assumedBy, path: 'no-slash' }), /Role path must be either a slash/);
    assert.throws(() => new Role(stack, 'C', { assumedBy, maxSessionDuration: Duration.minutes(30) }), /maxSessionDuration is set to 1800/);
    assert.throws(() => new Role(stack, 'D', { assumedBy, description: 'x'.repeat(1001) }), /no longer than 1000 characters/);
  });

  test('grantAssumeRole refuses service and account principals', () => {
    // GIVEN
    const { stack } = newStack();
    const role = new Role(stack, 'MyRole', { assumedBy: new AccountRootPrincipal() });
    // THEN
    assert.throws(() => role.grantAssumeRole(new ServicePrincipal('lambda.amazonaws.com')), /Cannot use a service or account principal with grantAssumeRole/);
  });

  test('an imported role of another account is immutable: statements are dropped', () => {
    // GIVEN
    const app = new App({ outdir: freshOutdir() });
    const stack = new Stack(app, 'TestStack', { env: { account: '111111111111', region: 'us-east-1' } });
    // WHEN
    const role = Role.fromRoleArn(stack, 'Foreign', 'arn:aws:iam::222222222222:role/foreign');
    const added = role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    // THEN
    assert.equal(added.statementAdded, true);
    assert.equal(role.roleName, 'foreign');
    assert.ok(stack.node.tryFindChild('MutableRoleForeign'));
    assert.equal(Object.keys(template(app).Resources ?? {}).length, 0);
  });

  test('grants on an imported role target its ARN', () => {
    // GIVEN
    const { app, stack } = newStack();
    const user = new User(stack, 'U');
    // WHEN
    Role.fromRoleArn(stack, 'R', 'arn:aws:iam::123456789012:role/r').grantPassRole(user);
    // THEN
    const doc = template(app).Resources.UDefaultPolicyDA5BFDA0.Properties.PolicyDocument as { Statement: Array<{ Resource: string }> };
    assert.equal(doc.Statement[0].Resource, 'arn:aws:iam::123456789012:role/r');
  });

  test('an ArnPrincipal can assume a role', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    new Role(stack, 'R2', { assumedBy: new ArnPrincipal('arn:aws:iam::123456789012:user/u') });
    // THEN
    const trust = template(app).Resources.R2D8F31528.Properties.AssumeRolePolicyDocument as { Statement: Array<{ Principal: unknown }> };
    assert.deepEqual(trust.Statement[0].Principal, { AWS: 'arn:aws:iam::123456789012:user/u' });
  });
});
