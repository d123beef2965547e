import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CredentialStore, CredentialStoreError } from '../../../src/gateway/auth/credential-store.js';
import type { RoleModel } from '../../../src/model/gateway-model.js';

const ENV = { account: '123456789012', partition: 'aws' };
const role = (name: string): RoleModel => ({
  key: `Stack/${name}`, stackName: 'Stack', logicalId: name, roleName: `Stack-${name}-ABC`, arn: `arn:aws:iam::123456789012:role/Stack-${name}-ABC`,
  statements: [{ effect: 'Allow', action: ['execute-api:ManageConnections'], resource: ['*'], source: `Stack/${name}Policy` }],
  unreadable: ['managed policy arn:aws:iam::aws:policy/Unknown is not known'],
});

describe('CredentialStore', () => {
  test('GIVEN a role WHEN credentials are issued THEN they look like Lambda\'s temporary credentials and carry the role\'s statements', () => {
    const store = new CredentialStore(ENV);
    const issued = store.issueForRole(role('FnRole'), 'Stack-Fn-XYZ');
    assert.match(issued.accessKeyId, /^ASIA[A-Z0-9]{16}$/);
    assert.match(issued.secretAccessKey, /^[A-Za-z0-9+/]{40}$/);
    assert.ok(issued.sessionToken && issued.sessionToken.length >= 200);
    assert.deepEqual(issued.principal, {
      arn: 'arn:aws:sts::123456789012:assumed-role/Stack-FnRole-ABC/Stack-Fn-XYZ',
      statements: role('FnRole').statements,
      kind: 'role',
      roleKey: 'Stack/FnRole',
      unreadable: ['managed policy arn:aws:iam::aws:policy/Unknown is not known'],
    });
    assert.equal(store.lookup(issued.accessKeyId), issued);
  });

  test('GIVEN one gateway run WHEN the same role and session ask again THEN the same credentials; another session or role gets its own', () => {
    const store = new CredentialStore(ENV);
    const first = store.issueForRole(role('FnRole'), 'FnA');
    assert.equal(store.issueForRole(role('FnRole'), 'FnA'), first);
    const otherSession = store.issueForRole(role('FnRole'), 'FnB');
    const otherRole = store.issueForRole(role('OtherRole'), 'FnA');
    assert.equal(new Set([first.accessKeyId, otherSession.accessKeyId, otherRole.accessKeyId]).size, 3);
    assert.equal(new Set([first.sessionToken, otherSession.sessionToken, otherRole.sessionToken]).size, 3);
  });

  test('GIVEN issued credentials WHEN their role\'s policies change (a hot reload) THEN the same keys carry the new statements; other roles are untouched', () => {
    const store = new CredentialStore(ENV);
    const issued = store.issueForRole(role('FnRole'), 'FnA');
    const other = store.issueForRole(role('OtherRole'), 'FnB');
    const changed: RoleModel = { ...role('FnRole'), statements: [{ effect: 'Deny', action: ['*'], resource: ['*'], source: 'Stack/Deny' }], unreadable: [] };
    store.updateRoles([changed]);
    const after = store.lookup(issued.accessKeyId)!;
    assert.deepEqual([after.secretAccessKey, after.sessionToken], [issued.secretAccessKey, issued.sessionToken]);
    assert.deepEqual(after.principal.statements, changed.statements);
    assert.deepEqual(after.principal.unreadable, []);
    assert.equal(store.issueForRole(changed, 'FnA'), after, 'the session keeps its keys');
    assert.equal(store.lookup(other.accessKeyId), other);
  });

  test('GIVEN external credentials WHEN registered THEN looked up by access key with statements for "all", a list of actions, or given statements', () => {
    const store = new CredentialStore(ENV);
    const all = store.register({ accessKeyId: 'AKIAEXAMPLEALL00001', secretAccessKey: 's1', allow: 'all' });
    assert.deepEqual(all.principal.statements, [{ effect: 'Allow', action: ['*'], resource: ['*'], source: 'credentials AKIAEXAMPLEALL00001' }]);
    assert.equal(all.principal.arn, 'arn:aws:iam::123456789012:user/AKIAEXAMPLEALL00001');
    assert.equal(all.principal.kind, 'external');
    const listed = store.register({ accessKeyId: 'AKIAEXAMPLELIST0001', secretAccessKey: 's2', sessionToken: 'tok', allow: ['execute-api:*'], arn: 'arn:aws:iam::123456789012:user/dev' });
    assert.deepEqual(listed.principal.statements, [{ effect: 'Allow', action: ['execute-api:*'], resource: ['*'], source: 'credentials AKIAEXAMPLELIST0001' }]);
    assert.equal(store.lookup('AKIAEXAMPLELIST0001')?.sessionToken, 'tok');
    const statements = [{ effect: 'Deny' as const, action: ['*'], resource: ['*'], source: 'mine' }];
    assert.equal(store.register({ accessKeyId: 'AKIAEXAMPLESTMT0001', secretAccessKey: 's3', allow: { statements } }).principal.statements, statements);
    assert.equal(store.lookup('AKIAUNKNOWN00000000'), undefined);
  });

  test('GIVEN invalid or duplicate external credentials WHEN registered THEN CredentialStoreError', () => {
    const store = new CredentialStore(ENV);
    store.register({ accessKeyId: 'AKIAEXAMPLEDUP00001', secretAccessKey: 's', allow: 'all' });
    for (const [credentials, reason] of [
      [{ accessKeyId: 'AKIAEXAMPLEDUP00001', secretAccessKey: 's', allow: 'all' as const }, /already registered/],
      [{ accessKeyId: 'short', secretAccessKey: 's', allow: 'all' as const }, /16 to 128 letters/],
      [{ accessKeyId: 'AKIA/SLASH/0000000', secretAccessKey: 's', allow: 'all' as const }, /16 to 128 letters/],
      [{ accessKeyId: 'AKIAEXAMPLENOSECRET', secretAccessKey: '', allow: 'all' as const }, /needs a secret/],
    ] as const) {
      assert.throws(() => store.register(credentials), (e: unknown) => e instanceof CredentialStoreError && reason.test(e.message) && e.code === 'WSGATE_ERR_CREDENTIALS');
    }
  });
});
