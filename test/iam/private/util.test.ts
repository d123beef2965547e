// Tests of the IAM helpers: principal merging, policy names, unique lists and token comparison.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Stack } from '../../../src/core/index.js';
import { compareStrings, generatePolicyName, mergePrincipal, TokenComparison, UniqueStringSet } from '../../../src/iam/private/util.js';

describe('IAM helpers', () => {
  test('mergePrincipal appends values per key and refuses mixing with a literal principal', () => {
    // GIVEN
    const target: Record<string, unknown[]> = { AWS: ['a'] };
    // WHEN
    mergePrincipal(target, { AWS: 'b', Service: ['s'] });
    // THEN
    assert.deepEqual(target, { AWS: ['a', 'b'], Service: ['s'] });
    assert.throws(() => mergePrincipal(target, { LiteralString: ['*'] }), /Cannot merge principals/);
  });

  test('generatePolicyName keeps the last 128 characters', () => {
    // THEN
    assert.equal(generatePolicyName(new Stack(), 'x'.repeat(130) + 'END').length, 128);
    assert.ok(generatePolicyName(new Stack(), 'x'.repeat(130) + 'END').endsWith('END'));
  });

  test('UniqueStringSet resolves to unique values, and to nothing when empty', () => {
    // GIVEN
    const stack = new Stack();
    const values: string[] = [];
    const list = UniqueStringSet.from(() => values);
    // THEN
    assert.equal(stack.resolve(list), undefined);
    // WHEN
    values.push('a', 'b', 'a');
    // THEN
    assert.deepEqual(stack.resolve(UniqueStringSet.from(() => values)), ['a', 'b']);
  });

  test('compareStrings tells literals and tokens apart', () => {
    // GIVEN
    const stack = new Stack();
    // THEN
    assert.equal(compareStrings('1', '1'), TokenComparison.SAME);
    assert.equal(compareStrings('1', '2'), TokenComparison.DIFFERENT);
    assert.equal(compareStrings(stack.account, '1'), TokenComparison.ONE_UNRESOLVED);
    assert.equal(compareStrings(stack.account, stack.account), TokenComparison.SAME);
    assert.equal(compareStrings(stack.account, stack.region), TokenComparison.BOTH_UNRESOLVED);
  });
});
