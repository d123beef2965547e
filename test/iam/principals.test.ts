// Tests of the principal classes: their JSON, conditions, trust-policy statements and names.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Stack } from '../../src/core/index.js';
import {
  AccountPrincipal, ArnPrincipal, CompositePrincipal, FederatedPrincipal, OrganizationPrincipal, PolicyDocument,
  PolicyStatement, ServicePrincipal,
} from '../../src/iam/index.js';

describe('principals', () => {
  test('ServicePrincipal standardises the service name when resolved', () => {
    // GIVEN
    const stack = new Stack();
    // THEN
    assert.deepEqual(stack.resolve(new ServicePrincipal('lambda').policyFragment.principalJson), { Service: ['lambda.amazonaws.com'] });
    assert.equal(stack.resolve(ServicePrincipal.servicePrincipalName('states.amazonaws.com')), 'states.amazonaws.com');
    assert.equal(new ServicePrincipal('lambda.amazonaws.com').toString(), 'ServicePrincipal(lambda.amazonaws.com)');
  });

  test('ServicePrincipal carries an opt-in region different from the stack', () => {
    // GIVEN
    const stack = new Stack(undefined, 'S', { env: { region: 'us-east-1' } });
    // WHEN
    const principal = new ServicePrincipal('logs', { region: 'af-south-1' });
    // THEN
    assert.deepEqual(stack.resolve(principal.policyFragment.principalJson), { Service: ['logs.af-south-1.amazonaws.com'] });
  });

  test('AccountPrincipal is the account root ARN and knows its account', () => {
    // GIVEN
    const stack = new Stack();
    // WHEN
    const principal = new AccountPrincipal('123456789012');
    // THEN
    assert.equal(principal.principalAccount, '123456789012');
    assert.deepEqual(stack.resolve(principal.policyFragment.principalJson), {
      AWS: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::123456789012:root']] }],
    });
  });

  test('withConditions adds conditions to every statement that names the principal', () => {
    // GIVEN
    const stack = new Stack();
    const principal = new ArnPrincipal('arn:aws:iam::1:user/u').withConditions({ StringEquals: { 'aws:SourceAccount': '1' } });
    // WHEN
    const statement = new PolicyStatement({ actions: ['s3:GetObject'], principals: [principal] });
    // THEN
    assert.deepEqual(stack.resolve(statement.toStatementJson()), {
      Action: 's3:GetObject', Condition: { StringEquals: { 'aws:SourceAccount': '1' } }, Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:user/u' },
    });
  });

  test('OrganizationPrincipal is anyone in the organization', () => {
    // GIVEN
    const principal = new OrganizationPrincipal('o-1234567890');
    // THEN
    assert.deepEqual(principal.policyFragment.conditions, { StringEquals: { 'aws:PrincipalOrgID': 'o-1234567890' } });
    assert.throws(() => new OrganizationPrincipal('nope'), /Expected Organization ID must match regex pattern/);
  });

  test('CompositePrincipal adds one trust statement per principal', () => {
    // GIVEN
    const stack = new Stack();
    const doc = new PolicyDocument();
    // WHEN
    new CompositePrincipal(new ServicePrincipal('lambda.amazonaws.com'), new FederatedPrincipal('cognito-identity.amazonaws.com', {}, 'sts:AssumeRoleWithWebIdentity')).addToAssumeRolePolicy(doc);
    // THEN
    assert.deepEqual(stack.resolve(doc), {
      Statement: [
        { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
        { Action: 'sts:AssumeRoleWithWebIdentity', Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' } },
      ],
      Version: '2012-10-17',
    });
    assert.throws(() => new CompositePrincipal(), /at least 1 Principal/);
  });

  test('principals that are not identities take no statements', () => {
    // GIVEN
    const principal = new ServicePrincipal('sns.amazonaws.com');
    // THEN
    assert.equal(principal.addToPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })), false);
    assert.equal(principal.grantPrincipal, principal);
  });
});
