import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Construct } from 'constructs';
import { CfnResource, Names, Stack } from '../../src/core/index.js';
import { makeUniqueId } from '../../src/core/private/uniqueid.js';
import { newStack, templateOf } from '../support/synth.js';

describe('logical IDs', () => {
  test('match aws-cdk-lib for the checked examples of cdk-parity.md §3', () => {
    assert.equal(makeUniqueId(['mywsapi', 'Resource']), 'mywsapi32E6CE11');
    assert.equal(makeUniqueId(['mywsapi', 'sendMessage-Route', 'Resource']), 'mywsapisendMessageRouteC3EBE2C3');
    assert.equal(makeUniqueId(['Chat', 'Default', 'Api', 'Resource']), 'ChatApi86739009');
    assert.equal(makeUniqueId(['Default', 'Resource', 'Resource']), 'CF9390BA');
    assert.equal(makeUniqueId(['with-dash_and.dot space', 'x']).startsWith('withdashanddotspacex'), true);
    assert.equal(makeUniqueId(['A'.repeat(300), 'B']).length, 248);
  });

  test('a single component is used as-is, without a hash', () => {
    assert.equal(makeUniqueId(['CDKMetadata', 'Default']), 'CDKMetadata');
  });

  test('a template uses the path below the stack, dropping Default', () => {
    // GIVEN
    const { stack } = newStack();
    const api = new Construct(stack, 'mywsapi');
    new CfnResource(api, 'Resource', { type: 'AWS::ApiGatewayV2::Api' });
    const wrapper = new Construct(stack, 'Default');
    new CfnResource(wrapper, 'Thing', { type: 'AWS::X::Y' });
    // THEN
    const ids = Object.keys(templateOf(stack).Resources);
    assert.deepEqual(ids, ['mywsapi32E6CE11', 'Thing']);
  });

  test('renameLogicalId and overrideLogicalId replace the allocated ID; an unused rename fails synthesis', () => {
    // GIVEN
    const { stack } = newStack();
    const a = new CfnResource(stack, 'A', { type: 'AWS::X::Y' });
    new CfnResource(stack, 'B', { type: 'AWS::X::Y' });
    // WHEN
    a.overrideLogicalId('Renamed');
    stack.renameLogicalId('B', 'BB');
    // THEN
    assert.deepEqual(Object.keys(templateOf(stack).Resources), ['Renamed', 'BB']);
    const other = newStack().stack;
    other.renameLogicalId('Nope', 'X');
    assert.throws(() => templateOf(other), /LogicalID renames were not applied: Nope/);
  });

  test('Names.uniqueId includes the stack id; a stack with no scope is named Default and dropped', () => {
    const { stack } = newStack();
    const c = new Construct(new Construct(stack, 'mywsapi'), 'Authorizer');
    assert.equal(Names.uniqueId(c), 'TestStackmywsapiAuthorizer6E1CECFB');
    const bare = new Stack();
    assert.equal(bare.stackName, 'Default');
    assert.equal(Names.uniqueId(new Construct(bare, 'X')), 'X');
  });
});
