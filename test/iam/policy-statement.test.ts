// Tests of PolicyStatement: rendering, validation and the add* helpers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Stack } from '../../src/core/index.js';
import {
  AnyPrincipal, ArnPrincipal, Effect, PolicyStatement, ServicePrincipal, StarPrincipal,
} from '../../src/iam/index.js';

describe('PolicyStatement', () => {
  test('renders single values as scalars and leaves out empty parts', () => {
    // GIVEN
    const stack = new Stack();
    // WHEN
    const statement = new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] });
    // THEN
    assert.deepEqual(stack.resolve(statement.toStatementJson()), { Action: 's3:GetObject', Effect: 'Allow', Resource: '*' });
  });

  test('keeps lists of several values, de-duplicated, in insertion order', () => {
    // GIVEN
    const stack = new Stack();
    const statement = new PolicyStatement({ effect: Effect.DENY, actions: ['b:Two', 'a:One', 'b:Two'] });
    // WHEN
    statement.addResources('arn:x', 'arn:y', 'arn:x');
    statement.addCondition('StringEquals', { 'aws:SourceAccount': '123' });
    statement.addCondition('StringEquals', { 'aws:SourceArn': 'arn:z' });
    // THEN
    assert.deepEqual(stack.resolve(statement.toJSON()), {
      Action: ['b:Two', 'a:One'],
      Condition: { StringEquals: { 'aws:SourceAccount': '123', 'aws:SourceArn': 'arn:z' } },
      Effect: 'Deny',
      Resource: ['arn:x', 'arn:y'],
    });
  });

  test('a single-token resource list is rendered as a scalar, as in aws-cdk-lib', () => {
    // GIVEN
    const stack = new Stack();
    // WHEN
    const statement = new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [`${stack.account}`] });
    // THEN
    assert.deepEqual((stack.resolve(statement.toStatementJson()) as Record<string, unknown>).Resource, { Ref: 'AWS::AccountId' });
  });

  test('renders principals by kind', () => {
    // GIVEN
    const stack = new Stack();
    const statement = new PolicyStatement({ actions: ['sts:AssumeRole'] });
    // WHEN
    statement.addPrincipals(new ServicePrincipal('lambda'), new ArnPrincipal('arn:aws:iam::1:role/r'));
    statement.addAccountRootPrincipal();
    // THEN
    assert.deepEqual((stack.resolve(statement.toStatementJson()) as Record<string, unknown>).Principal, {
      Service: 'lambda.amazonaws.com',
      AWS: ['arn:aws:iam::1:role/r', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] }],
    });
  });

  test('a StarPrincipal renders as the literal "*", AnyPrincipal as {AWS: "*"}', () => {
    // GIVEN
    const stack = new Stack();
    // WHEN
    const star = new PolicyStatement({ actions: ['s3:*'], principals: [new StarPrincipal()] });
    const any = new PolicyStatement({ actions: ['s3:*'], principals: [new AnyPrincipal()] });
    // THEN
    assert.equal((stack.resolve(star.toStatementJson()) as Record<string, unknown>).Principal, '*');
    assert.deepEqual((stack.resolve(any.toStatementJson()) as Record<string, unknown>).Principal, { AWS: '*' });
  });

  test('fromJson reads back what toJSON writes', () => {
    // GIVEN
    const json = { Action: ['s3:GetObject', 's3:PutObject'], Effect: 'Allow', NotResource: 'arn:x', Sid: 'Read' };
    // WHEN
    const statement = PolicyStatement.fromJson(json);
    // THEN
    assert.deepEqual(new Stack().resolve(statement.toJSON()), json);
  });

  test('refuses invalid actions and mixing Actions with NotActions', () => {
    // GIVEN
    const statement = new PolicyStatement({ actions: ['s3:GetObject'] });
    // THEN
    assert.throws(() => new PolicyStatement({ actions: ['GetObject'] }), /Action 'GetObject' is invalid/);
    assert.throws(() => statement.addNotActions('s3:PutObject'), /Cannot add 'NotActions' to policy statement if 'Actions' have been added/);
  });

  test('validates identity, resource and trust policies', () => {
    // GIVEN
    const bare = new PolicyStatement();
    const withPrincipal = new PolicyStatement({ actions: ['s3:GetObject'], principals: [new AnyPrincipal()] });
    // THEN
    assert.deepEqual(bare.validateForIdentityPolicy(), [
      "A PolicyStatement must specify at least one 'action' or 'notAction'.",
      'A PolicyStatement used in an identity-based policy must specify at least one resource.',
    ]);
    assert.match(withPrincipal.validateForIdentityPolicy()[0], /cannot specify any IAM principals/);
    assert.deepEqual(withPrincipal.validateForTrustPolicy(), []);
    assert.match(withPrincipal.validateForResourcePolicy()[0], /must specify at least one resource/);
  });

  test('a frozen statement can no longer change', () => {
    // GIVEN
    const statement = new PolicyStatement({ actions: ['s3:GetObject'] }).freeze();
    // THEN
    assert.throws(() => statement.addResources('*'), /addResources: freeze\(\) has been called/);
  });

  test('copy keeps everything unless overridden', () => {
    // GIVEN
    const statement = new PolicyStatement({ sid: 'A', actions: ['s3:GetObject'], resources: ['*'] });
    // WHEN
    const copy = statement.copy({ effect: Effect.DENY });
    // THEN
    assert.deepEqual(copy.toStatementJson(), { Action: 's3:GetObject', Effect: 'Deny', Resource: '*', Sid: 'A' });
  });
});
