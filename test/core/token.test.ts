import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Fn, Intrinsic, Lazy, Token, Tokenization } from '../../src/core/index.js';
import { newStack } from '../support/synth.js';

describe('Token', () => {
  test('a string token survives concatenation and resolves to a minimal Fn::Join', () => {
    // GIVEN
    const { stack } = newStack();
    const ref = Token.asString(new Intrinsic({ Ref: 'Thing' }));
    // WHEN
    const s = `arn:${ref}:x` + '/' + ref;
    // THEN
    assert.ok(Token.isUnresolved(s));
    assert.deepEqual(stack.resolve(s), { 'Fn::Join': ['', ['arn:', { Ref: 'Thing' }, ':x/', { Ref: 'Thing' }]] });
  });

  test('a string without tokens is not unresolved and resolves to itself', () => {
    const { stack } = newStack();
    assert.equal(Token.isUnresolved('plain ${not a token}'), false);
    assert.equal(stack.resolve('plain'), 'plain');
  });

  test('number and list tokens resolve to their values', () => {
    // GIVEN
    const { stack } = newStack();
    const n = Token.asNumber(new Intrinsic({ Ref: 'Count' }));
    const l = Token.asList(new Intrinsic({ Ref: 'Names' }));
    // THEN
    assert.ok(Token.isUnresolved(n));
    assert.ok(Token.isUnresolved(l));
    assert.deepEqual(stack.resolve({ n, l }), { n: { Ref: 'Count' }, l: { Ref: 'Names' } });
    assert.equal(Token.asNumber(5), 5);
  });

  test('Tokenization.reverse finds the token a value stands for', () => {
    const t = new Intrinsic('x');
    assert.equal(Tokenization.reverse(Token.asString(t)), t);
    assert.equal(Tokenization.reverse(`a${Token.asString(t)}`), undefined);
    assert.equal(Tokenization.reverseNumber(Token.asNumber(t)), t);
  });
});

describe('Lazy', () => {
  test('a cached lazy string produces once; an uncached one every time', () => {
    // GIVEN
    const { stack } = newStack();
    let calls = 0;
    const cached = Lazy.string({ produce: () => `v${++calls}` });
    let uncalls = 0;
    const uncached = Lazy.uncachedString({ produce: () => `u${++uncalls}` });
    // WHEN
    const first = stack.resolve({ cached, uncached });
    const second = stack.resolve({ cached, uncached });
    // THEN
    assert.deepEqual(first, { cached: 'v1', uncached: 'u1' });
    assert.deepEqual(second, { cached: 'v1', uncached: 'u2' });
  });

  test('Lazy.any producing undefined removes the key; omitEmptyArray removes []', () => {
    const { stack } = newStack();
    const value = { a: Lazy.any({ produce: () => undefined }), b: Lazy.any({ produce: () => [] }, { omitEmptyArray: true }), c: 1 };
    assert.deepEqual(stack.resolve(value), { c: 1 });
  });
});

describe('Fn', () => {
  test('join of literals is a plain string; nested joins with the same delimiter are flattened', () => {
    // GIVEN
    const { stack } = newStack();
    const ref = Fn.ref('X');
    // THEN
    assert.equal(stack.resolve(Fn.join('-', ['a', 'b'])), 'a-b');
    assert.deepEqual(stack.resolve(Fn.join('', ['a', Fn.join('', ['b', ref]), 'c'])), { 'Fn::Join': ['', ['ab', { Ref: 'X' }, 'c']] });
    assert.throws(() => Fn.join(',', []), /FnJoin requires at least one value/);
  });

  test('split and select are computed at once for literals, and become intrinsics for tokens', () => {
    const { stack } = newStack();
    assert.deepEqual(Fn.split(':', 'a:b'), ['a', 'b']);
    assert.equal(Fn.select(1, ['a', 'b']), 'b');
    const parts = Fn.split(':', Fn.ref('Arn'));
    assert.deepEqual(stack.resolve(Fn.select(2, parts)), { 'Fn::Select': [2, { 'Fn::Split': [':', { Ref: 'Arn' }] }] });
  });

  test('sub, importValue, getAtt and conditions render their intrinsics', () => {
    const { stack } = newStack();
    assert.deepEqual(stack.resolve(Fn.sub('x-${AWS::Region}')), { 'Fn::Sub': 'x-${AWS::Region}' });
    assert.deepEqual(stack.resolve(Fn.importValue('Shared')), { 'Fn::ImportValue': 'Shared' });
    assert.deepEqual(stack.resolve(Fn.getAtt('R', 'Arn')), { 'Fn::GetAtt': ['R', 'Arn'] });
    assert.deepEqual(stack.resolve(Fn.conditionNot(Fn.conditionEquals('a', 'b'))), { 'Fn::Not': [{ 'Fn::Equals': ['a', 'b'] }] });
  });
});
