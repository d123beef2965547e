// Tests of RoleGrants: passing and assuming a role.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { App, Stack } from '../../src/core/index.js';
import { AccountPrincipal, AccountRootPrincipal, Role, RoleGrants, User } from '../../src/iam/index.js';
import { freshOutdir } from './cdk-compare.js';

describe('RoleGrants', () => {
  test('passRole and assumeRole grant on the role ARN', () => {
    // GIVEN
    const stack = new Stack(new App({ outdir: freshOutdir() }), 'TestStack');
    const role = new Role(stack, 'Role', { assumedBy: new AccountRootPrincipal() });
    const user = new User(stack, 'User');
    // WHEN
    const grants = RoleGrants.fromRole(role);
    const pass = grants.passRole(user);
    const assume = grants.assumeRole(user);
    // THEN
    assert.deepEqual(stack.resolve(pass.principalStatement!.toStatementJson()), { Action: 'iam:PassRole', Effect: 'Allow', Resource: { 'Fn::GetAtt': ['Role1ABCC5F0', 'Arn'] } });
    assert.equal(assume.principalStatement!.actions[0], 'sts:AssumeRole');
    assert.throws(() => grants.assumeRole(new AccountPrincipal('123456789012')), /Cannot use a service or account principal/);
  });
});
