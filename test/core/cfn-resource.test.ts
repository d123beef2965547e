import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Construct } from 'constructs';
import { CfnResource, RemovalPolicy } from '../../src/core/index.js';
import { newStack, templateOf } from '../support/synth.js';

describe('CfnResource', () => {
  test('renders type and properties, and omits empty properties', () => {
    const { stack } = newStack();
    new CfnResource(stack, 'A', { type: 'AWS::X::Y', properties: { Name: 'n', Empty: undefined } });
    new CfnResource(stack, 'B', { type: 'AWS::X::Y' });
    const r = templateOf(stack).Resources;
    assert.deepEqual(r.A, { Type: 'AWS::X::Y', Properties: { Name: 'n' } });
    assert.deepEqual(r.B, { Type: 'AWS::X::Y' });
  });

  test('removal policies map to DeletionPolicy and UpdateReplacePolicy', () => {
    const { stack } = newStack();
    const cases: Array<[RemovalPolicy, string, string]> = [
      [RemovalPolicy.RETAIN, 'Retain', 'Retain'],
      [RemovalPolicy.DESTROY, 'Delete', 'Delete'],
      [RemovalPolicy.SNAPSHOT, 'Snapshot', 'Snapshot'],
      [RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE, 'RetainExceptOnCreate', 'Retain'],
    ];
    cases.forEach(([policy], i) => new CfnResource(stack, `R${i}`, { type: 'AWS::X::Y' }).applyRemovalPolicy(policy));
    const r = templateOf(stack).Resources;
    cases.forEach(([, del, upd], i) => {
      assert.equal(r[`R${i}`].DeletionPolicy, del);
      assert.equal(r[`R${i}`].UpdateReplacePolicy, upd);
    });
  });

  test('overrides set, merge and delete values in the rendered entry', () => {
    const { stack } = newStack();
    const r = new CfnResource(stack, 'R', { type: 'AWS::X::Y', properties: { Keep: 1, Drop: 2, Nested: { A: 1 } } });
    r.addPropertyOverride('Nested.B', 2);
    r.addPropertyDeletionOverride('Drop');
    r.addOverride('Metadata.Key', 'v');
    r.addPropertyOverride('Dotted\\.Key', true);
    assert.deepEqual(templateOf(stack).Resources.R, {
      Type: 'AWS::X::Y',
      Properties: { Keep: 1, Nested: { A: 1, B: 2 }, 'Dotted.Key': true },
      Metadata: { Key: 'v' },
    });
  });

  test('DependsOn is sorted by construct path; construct dependencies become DependsOn', () => {
    const { stack } = newStack();
    const role = new Construct(stack, 'Role');
    new CfnResource(role, 'Resource', { type: 'AWS::IAM::Role' });
    new CfnResource(new Construct(role, 'DefaultPolicy'), 'Resource', { type: 'AWS::IAM::Policy' });
    const fn = new Construct(stack, 'Fn');
    new CfnResource(fn, 'Resource', { type: 'AWS::Lambda::Function' });
    fn.node.addDependency(role);
    const t = templateOf(stack).Resources;
    const fnId = Object.keys(t).find((k) => t[k].Type === 'AWS::Lambda::Function')!;
    assert.deepEqual(t[fnId].DependsOn, [
      Object.keys(t).find((k) => t[k].Type === 'AWS::IAM::Policy'),
      Object.keys(t).find((k) => t[k].Type === 'AWS::IAM::Role'),
    ]);
  });

  test('getAtt and ref resolve to GetAtt and Ref of the logical ID', () => {
    const { stack } = newStack();
    const r = new CfnResource(stack, 'R', { type: 'AWS::X::Y' });
    assert.deepEqual(stack.resolve(r.ref), { Ref: 'R' });
    assert.deepEqual(stack.resolve(r.getAtt('Arn')), { 'Fn::GetAtt': ['R', 'Arn'] });
  });

  test('a reference from another stack fails with a clear message', () => {
    const { app, stack } = newStack();
    const r = new CfnResource(stack, 'R', { type: 'AWS::X::Y' });
    const other = new (stack.constructor as typeof import('../../src/core/index.js').Stack)(app, 'Other');
    new CfnResource(other, 'Uses', { type: 'AWS::X::Y', properties: { Target: r.ref } });
    assert.throws(() => app.synth(), /is referenced from stack 'Other'/);
  });
});
