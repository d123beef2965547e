import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PolicyStatementModel } from '../../../src/model/gateway-model.js';
import { PolicyDocumentError, describeStatement, evaluatePolicy, policyDocumentStatements } from '../../../src/gateway/auth/policy-evaluator.js';

const API = 'arn:aws:execute-api:us-east-1:123456789012:abcde12345';
const POST = `${API}/dev/POST/@connections/Zq0lpfIyliACGbQ=`;
const MANAGE = 'execute-api:ManageConnections';

const allow = (action: string | string[], resource: string | string[], extra: Partial<PolicyStatementModel> = {}): PolicyStatementModel =>
  ({ effect: 'Allow', action: [action].flat(), resource: [resource].flat(), source: 'test', ...extra });
const deny = (action: string | string[], resource: string | string[], extra: Partial<PolicyStatementModel> = {}): PolicyStatementModel =>
  ({ effect: 'Deny', action: [action].flat(), resource: [resource].flat(), source: 'test', ...extra });
const effect = (statements: PolicyStatementModel[], action = MANAGE, resource = POST, context = {}) => evaluatePolicy(statements, { action, resource, context }).effect;

describe('evaluatePolicy', () => {
  test('GIVEN the statement grantManageConnections emits WHEN any verb on any connection is asked THEN Allow, naming the statement', () => {
    const grant = allow(MANAGE, `${API}/*/*/@connections/*`, { source: 'Stack/FnServiceRoleDefaultPolicy' });
    for (const verb of ['POST', 'GET', 'DELETE']) {
      const decision = evaluatePolicy([grant], { action: MANAGE, resource: `${API}/prod/${verb}/@connections/abc=` });
      assert.deepEqual(decision, { effect: 'Allow', statement: grant });
    }
    assert.equal(describeStatement(grant), 'Stack/FnServiceRoleDefaultPolicy');
  });

  test('GIVEN no statement for the action or the resource WHEN asked THEN ImplicitDeny', () => {
    assert.equal(effect([]), 'ImplicitDeny');
    assert.equal(effect([allow('execute-api:Invoke', '*')]), 'ImplicitDeny');
    assert.equal(effect([allow(MANAGE, 'arn:aws:execute-api:us-east-1:123456789012:otherapi01/*')]), 'ImplicitDeny');
  });

  test('GIVEN wildcards WHEN matching THEN * spans any run (also : and /), ? exactly one character', () => {
    assert.equal(effect([allow('execute-api:Manage*', '*')]), 'Allow');
    assert.equal(effect([allow('*', 'arn:aws:execute-api:*')]), 'Allow');
    assert.equal(effect([allow(MANAGE, `${API}/de?/POST/@connections/*`)]), 'Allow');
    assert.equal(effect([allow(MANAGE, `${API}/d?/POST/@connections/*`)]), 'ImplicitDeny');
    assert.equal(effect([allow(MANAGE, `${API}/dev/POST/@connections/Zq0lpfIyliACGbQ?`)]), 'Allow');
    // Regular-expression characters in a pattern are literal.
    assert.equal(effect([allow(MANAGE, `${API}/dev/POST/@connections/Zq0lpfIyliACGbQ.`)]), 'ImplicitDeny');
  });

  test('GIVEN different case WHEN matching THEN actions are case-insensitive and resources case-sensitive', () => {
    assert.equal(effect([allow('EXECUTE-API:manageconnections', POST)]), 'Allow');
    assert.equal(effect([allow(MANAGE, POST.replace('/dev/', '/DEV/'))]), 'ImplicitDeny');
  });

  test('GIVEN an Allow and an explicit Deny WHEN both match THEN the Deny wins, whatever the order, and is named', () => {
    const denial = deny(MANAGE, `${API}/dev/*`, { sid: 'NoDev' });
    for (const statements of [[allow('*', '*'), denial], [denial, allow('*', '*')]]) {
      assert.deepEqual(evaluatePolicy(statements, { action: MANAGE, resource: POST }), { effect: 'ExplicitDeny', statement: denial });
    }
    assert.equal(describeStatement(denial), 'test (Sid NoDev)');
    assert.equal(effect([allow('*', '*'), denial], MANAGE, POST.replace('/dev/', '/prod/')), 'Allow');
  });

  test('GIVEN NotAction / NotResource WHEN matching THEN they apply to everything they do not list', () => {
    const powerUser: PolicyStatementModel = { effect: 'Allow', notAction: ['iam:*', 'organizations:*'], resource: ['*'], source: 'PowerUserAccess' };
    assert.equal(effect([powerUser]), 'Allow');
    assert.equal(effect([powerUser], 'iam:PassRole', 'arn:aws:iam::123456789012:role/x'), 'ImplicitDeny');
    const exceptProd: PolicyStatementModel = { effect: 'Allow', action: [MANAGE], notResource: [`${API}/prod/*`], source: 'test' };
    assert.equal(effect([exceptProd]), 'Allow');
    assert.equal(effect([exceptProd], MANAGE, POST.replace('/dev/', '/prod/')), 'ImplicitDeny');
    const denyAllButInvoke: PolicyStatementModel = { effect: 'Deny', notAction: ['execute-api:Invoke'], resource: ['*'], source: 'test' };
    assert.equal(effect([allow('*', '*'), denyAllButInvoke]), 'ExplicitDeny');
    assert.equal(effect([allow('*', '*'), denyAllButInvoke], 'execute-api:Invoke'), 'Allow');
  });

  test('GIVEN conditions the evaluator reads WHEN the context matches or not THEN they decide', () => {
    const fromLan = allow(MANAGE, '*', { condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '127.0.0.1'] } } });
    assert.equal(effect([fromLan], MANAGE, POST, { 'aws:SourceIp': '10.1.2.3' }), 'Allow');
    assert.equal(effect([fromLan], MANAGE, POST, { 'aws:SourceIp': '127.0.0.1' }), 'Allow');
    assert.equal(effect([fromLan], MANAGE, POST, { 'aws:SourceIp': '192.168.1.1' }), 'ImplicitDeny');
    assert.equal(effect([fromLan], MANAGE, POST, {}), 'ImplicitDeny');
    const ipv6 = allow(MANAGE, '*', { condition: { IpAddress: { 'aws:sourceip': '2001:db8::/32' } } });
    assert.equal(effect([ipv6], MANAGE, POST, { 'aws:SourceIp': '2001:db8::1' }), 'Allow');
    const notFromLan = deny(MANAGE, '*', { condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } });
    assert.equal(effect([allow('*', '*'), notFromLan], MANAGE, POST, { 'aws:SourceIp': '10.9.9.9' }), 'Allow');
    assert.equal(effect([allow('*', '*'), notFromLan], MANAGE, POST, { 'aws:SourceIp': '8.8.8.8' }), 'ExplicitDeny');
    const principal = allow(MANAGE, '*', { condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/Chat*' }, StringEquals: { 'aws:PrincipalAccount': '123456789012' } } });
    assert.equal(effect([principal], MANAGE, POST, { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/ChatFn', 'aws:PrincipalAccount': '123456789012' }), 'Allow');
    assert.equal(effect([principal], MANAGE, POST, { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/Other', 'aws:PrincipalAccount': '123456789012' }), 'ImplicitDeny');
    const ifExists = allow(MANAGE, '*', { condition: { StringEqualsIfExists: { 'aws:RequestTag/team': 'chat' } } });
    assert.equal(effect([ifExists], MANAGE, POST, {}), 'Allow');
    assert.equal(effect([ifExists], MANAGE, POST, { 'aws:RequestTag/team': 'billing' }), 'ImplicitDeny');
    const nullCheck = allow(MANAGE, '*', { condition: { Null: { 'aws:SourceIp': 'false' } } });
    assert.equal(effect([nullCheck], MANAGE, POST, { 'aws:SourceIp': '1.2.3.4' }), 'Allow');
    assert.equal(effect([nullCheck], MANAGE, POST, {}), 'ImplicitDeny');
  });

  test('GIVEN a condition the evaluator cannot decide WHEN evaluated THEN it fails closed: the Allow does not apply, the Deny does', () => {
    const undecidable: Array<PolicyStatementModel['condition']> = [
      { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
      { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a'] } },
      { StringEquals: { 'aws:PrincipalTag/team': '${aws:username}' } },
      { IpAddress: { 'aws:SourceIp': 'not-a-range' } },
    ];
    for (const condition of undecidable) {
      assert.equal(effect([allow(MANAGE, '*', { condition })], MANAGE, POST, { 'aws:SourceIp': '1.2.3.4' }), 'ImplicitDeny', JSON.stringify(condition));
      assert.equal(effect([allow('*', '*'), deny(MANAGE, '*', { condition })], MANAGE, POST, { 'aws:SourceIp': '1.2.3.4' }), 'ExplicitDeny', JSON.stringify(condition));
    }
    // A decidable part that does not hold still keeps the Deny from applying.
    const partly = deny(MANAGE, '*', { condition: { DateGreaterThan: { 'aws:CurrentTime': 'x' }, StringEquals: { 'aws:PrincipalAccount': '999999999999' } } });
    assert.equal(effect([allow('*', '*'), partly], MANAGE, POST, { 'aws:PrincipalAccount': '123456789012' }), 'Allow');
  });

  test('GIVEN a statement with neither Resource nor NotResource WHEN evaluated THEN it fails closed', () => {
    assert.equal(effect([{ effect: 'Allow', action: ['*'], source: 't' }]), 'ImplicitDeny');
    assert.equal(effect([allow('*', '*'), { effect: 'Deny', action: [MANAGE], source: 't' }]), 'ExplicitDeny');
  });
});

describe('policyDocumentStatements', () => {
  test('GIVEN a Lambda authorizer policy (Statement an object, Action a string) WHEN read THEN it evaluates like the array shape', () => {
    const methodArn = `${API}/dev/$connect`;
    const single = policyDocumentStatements({ Version: '2012-10-17', Statement: { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: methodArn } }, 'authorizer');
    const array = policyDocumentStatements({ Version: '2012-10-17', Statement: [{ Action: ['execute-api:Invoke'], Effect: 'Allow', Resource: [methodArn] }] }, 'authorizer');
    assert.deepEqual(single, array);
    assert.deepEqual(single, [{ effect: 'Allow', action: ['execute-api:Invoke'], resource: [methodArn], source: 'authorizer' }]);
    assert.equal(evaluatePolicy(single, { action: 'execute-api:Invoke', resource: methodArn }).effect, 'Allow');
    const denied = policyDocumentStatements({ Statement: [{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: `${API}/*` }] }, 'authorizer');
    assert.equal(evaluatePolicy(denied, { action: 'execute-api:Invoke', resource: methodArn }).effect, 'ExplicitDeny');
  });

  test('GIVEN a document IAM would refuse WHEN read THEN PolicyDocumentError says why', () => {
    const bad: Array<[unknown, RegExp]> = [
      ['not a document', /the document must be an object/],
      [{ Version: '2012-10-17' }, /has no Statement/],
      [{ Statement: [{ Effect: 'allow', Action: '*', Resource: '*' }] }, /Statement\[0\]: Effect must be Allow or Deny, got "allow"/],
      [{ Statement: { Effect: 'Allow', Resource: '*' } }, /exactly one of Action and NotAction/],
      [{ Statement: { Effect: 'Allow', Action: [1], Resource: '*' } }, /Action must hold strings/],
      [{ Statement: { Effect: 'Allow', Action: '*', Resource: '*', NotResource: 'x' } }, /both Resource and NotResource/],
    ];
    for (const [document, reason] of bad) {
      assert.throws(() => policyDocumentStatements(document, 'authorizer'), (e: unknown) => e instanceof PolicyDocumentError && reason.test(e.message) && e.code === 'WSGATE_ERR_POLICY_DOCUMENT');
    }
  });
});
