import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PolicyStatement, ServicePrincipal } from '../../src/iam/index.js';
import { CfnResourcePolicy, ResourcePolicy } from '../../src/logs/index.js';
import { newStack, onlyResource, templateOf } from '../cloudwatch/support.js';

describe('ResourcePolicy', () => {
  test('renders its statements as a JSON string under the given name', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    const policy = new ResourcePolicy(stack, 'Policy', {
      resourcePolicyName: 'delivery',
      policyStatements: [new PolicyStatement({
        actions: ['logs:PutLogEvents'], resources: ['*'], principals: [new ServicePrincipal('delivery.logs.amazonaws.com')],
      })],
    });
    // THEN
    assert.ok(CfnResourcePolicy.isCfnResourcePolicy(policy.node.defaultChild));
    const p = onlyResource(templateOf(app), 'AWS::Logs::ResourcePolicy');
    assert.equal(p.PolicyName, 'delivery');
    assert.deepEqual(JSON.parse(p.PolicyDocument as string), {
      Statement: [{ Action: 'logs:PutLogEvents', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Resource: '*' }],
      Version: '2012-10-17',
    });
  });

  test('without a name, the name is unique to the construct path', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    const policy = new ResourcePolicy(stack, 'Policy');
    policy.document.addStatements(new PolicyStatement({ actions: ['logs:PutLogEvents'], resources: ['*'], principals: [new ServicePrincipal('x.amazonaws.com')] }));
    // THEN
    assert.match(onlyResource(templateOf(app), 'AWS::Logs::ResourcePolicy').PolicyName as string, /^TestStackPolicy[0-9A-F]{8}$/);
  });
});

describe('CfnResourcePolicy', () => {
  test('renders PolicyDocument and PolicyName; the Ref is the name', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    const policy = new CfnResourcePolicy(stack, 'Policy', { policyDocument: '{"Statement":[]}', policyName: 'n' });
    // THEN
    assert.equal(CfnResourcePolicy.CFN_RESOURCE_TYPE_NAME, 'AWS::Logs::ResourcePolicy');
    assert.deepEqual(stack.resolve(policy.resourcePolicyRef), { policyName: { Ref: 'Policy' } });
    assert.deepEqual(onlyResource(templateOf(app), 'AWS::Logs::ResourcePolicy'), { PolicyDocument: '{"Statement":[]}', PolicyName: 'n' });
  });
});
