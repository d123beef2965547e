import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { asJsonCopy, copyAsJson } from '../../../src/gateway/invocation/json-copy.js';

const viaJson = (v: unknown) => { const t = JSON.stringify(v); return t === undefined ? undefined : JSON.parse(t); };

describe('copyAsJson', () => {
  test('gives exactly what a JSON round trip gives', () => {
    const samples: unknown[] = [
      null, 1, 'x', true, [1, undefined, () => 1, Symbol('s'), NaN], { a: undefined, b: () => 1, c: [{ d: new Date(0) }], e: Infinity, f: -0 },
      { nested: { deep: { list: [1, 'two', { three: 3 }] } } }, new Date(86_400_000), { toJSON: () => ({ replaced: true }) },
      [new Number(1), new String('s'), new Boolean(false)], { date: new Date(5), buf: Buffer.from('hi') }, undefined, () => 1,
      { toJSON: () => new Date(0) }, { a: { toJSON: () => ({ toJSON: () => 'inner' }) } }, [{ toJSON: (key: string) => `at ${key}` }],
    ];
    for (const s of samples) assert.deepEqual(copyAsJson(s), viaJson(s));
  });

  test('copies: changing the copy leaves the original alone', () => {
    const original = { identity: { sourceIp: '1.2.3.4' }, list: [1] };
    const copied = copyAsJson(original) as typeof original;
    copied.identity.sourceIp = 'changed';
    copied.list.push(2);
    assert.deepEqual(original, { identity: { sourceIp: '1.2.3.4' }, list: [1] });
  });

  test('cycles and BigInts throw as JSON.stringify does; a shared (non-cyclic) object is fine', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.throws(() => copyAsJson(cyclic), /circular structure/);
    assert.throws(() => copyAsJson({ n: 1n }), /BigInt/);
    const shared = { v: 1 };
    assert.deepEqual(copyAsJson({ a: shared, b: shared }), { a: { v: 1 }, b: { v: 1 } });
  });

  test('GIVEN values nested deeper than the quick pass goes THEN the copy is still exact, and a deep cycle still throws', () => {
    // GIVEN
    let deep: Record<string, unknown> = { leaf: [1, undefined, new Date(0)] };
    for (let i = 0; i < 200; i++) deep = { level: i, child: deep, skip: undefined };
    const cyclic: Record<string, unknown> = {};
    let tail = cyclic;
    for (let i = 0; i < 100; i++) tail = (tail.next = {}) as Record<string, unknown>;
    tail.back = cyclic;
    // WHEN / THEN
    assert.deepEqual(copyAsJson(deep), viaJson(deep));
    assert.throws(() => copyAsJson(cyclic), /circular structure/);
  });

  test('GIVEN a value handed over as its own copy WHEN copied THEN it is given as it is, once', () => {
    // GIVEN
    const event = asJsonCopy({ requestContext: { routeKey: '$default' }, body: 'x' });
    // WHEN
    const first = copyAsJson(event);
    const second = copyAsJson(event);
    // THEN
    assert.equal(first, event);
    assert.notEqual(second, event);
    assert.deepEqual(second, event);
  });

  test('GIVEN a value handed over, then another WHEN the first is copied THEN it is copied, and the second is given as it is', () => {
    // GIVEN
    const first = asJsonCopy({ body: 'a' });
    const second = asJsonCopy({ body: 'b' });
    // WHEN
    const copiedFirst = copyAsJson(first);
    const copiedSecond = copyAsJson(second);
    // THEN
    assert.notEqual(copiedFirst, first);
    assert.deepEqual(copiedFirst, first);
    assert.equal(copiedSecond, second);
  });
});
