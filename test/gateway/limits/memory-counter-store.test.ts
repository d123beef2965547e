import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryCounterStore } from '../../../src/gateway/limits/memory-counter-store.js';

describe('MemoryCounterStore token buckets', () => {
  test('GIVEN a new bucket (rate 2/s, burst 3) WHEN taken from THEN it starts full: 3 at once, the 4th refused with the exact wait', () => {
    const store = new MemoryCounterStore();
    const t0 = 1_000_000;
    // WHEN / THEN
    for (let i = 0; i < 3; i++) assert.deepEqual(store.take('b', 2, 3, t0), { allowed: true, retryAfterMs: 0 });
    assert.deepEqual(store.take('b', 2, 3, t0), { allowed: false, retryAfterMs: 500 });
    assert.deepEqual(store.take('b', 2, 3, t0 + 499), { allowed: false, retryAfterMs: 1 });
    assert.deepEqual(store.take('b', 2, 3, t0 + 500), { allowed: true, retryAfterMs: 0 });
    assert.equal(store.take('b', 2, 3, t0 + 500).allowed, false);
  });

  test('GIVEN a steady rate WHEN requests come exactly at the rate THEN every one is allowed, and one more each period is refused', () => {
    const store = new MemoryCounterStore();
    // rate 3/s, burst 1: one token every 333.3 ms.
    assert.equal(store.take('r', 3, 1, 0).allowed, true);
    assert.deepEqual(store.take('r', 3, 1, 0), { allowed: false, retryAfterMs: 334 });
    assert.deepEqual(store.take('r', 3, 1, 333), { allowed: false, retryAfterMs: 1 });
    assert.equal(store.take('r', 3, 1, 334).allowed, true);
    // Over 10 s, taking whenever a token is there: the full bucket (3), then exactly 3 per second.
    let allowed = 0;
    for (let t = 1000; t <= 11_000; t++) if (store.take('s', 3, 3, t).allowed) allowed++;
    assert.equal(allowed, 33);
  });

  test('GIVEN an idle bucket WHEN time passes THEN it refills only up to the burst', () => {
    const store = new MemoryCounterStore();
    for (let i = 0; i < 5; i++) store.take('b', 100, 5, 0);
    // 10 s idle at 100/s would be 1000 tokens; the bucket holds 5.
    let allowed = 0;
    for (let i = 0; i < 10; i++) if (store.take('b', 100, 5, 10_000).allowed) allowed++;
    assert.equal(allowed, 5);
  });

  test('GIVEN a cost WHEN taken THEN that many tokens go, and a cost above the burst is never allowed', () => {
    const store = new MemoryCounterStore();
    assert.equal(store.take('c', 1, 10, 0, 7).allowed, true);
    assert.deepEqual(store.take('c', 1, 10, 0, 7), { allowed: false, retryAfterMs: 4000 });
    assert.deepEqual(store.take('c', 1, 10, 0, 11), { allowed: false, retryAfterMs: Infinity });
  });

  test('GIVEN rate 0 and burst 0 WHEN taken THEN every request is refused (a blocked route)', () => {
    const store = new MemoryCounterStore();
    assert.deepEqual(store.take('z', 0, 0, 0), { allowed: false, retryAfterMs: Infinity });
    assert.deepEqual(store.take('z', 0, 0, 60_000), { allowed: false, retryAfterMs: Infinity });
  });

  test('GIVEN a clock that goes back WHEN taken THEN no tokens are made up', () => {
    const store = new MemoryCounterStore();
    store.take('b', 1, 1, 5000);
    assert.equal(store.take('b', 1, 1, 1000).allowed, false);
    assert.equal(store.take('b', 1, 1, 5999).allowed, false);
    assert.equal(store.take('b', 1, 1, 6000).allowed, true);
  });

  test('GIVEN two keys WHEN taken THEN their buckets are separate', () => {
    const store = new MemoryCounterStore();
    assert.equal(store.take('a', 1, 1, 0).allowed, true);
    assert.equal(store.take('b', 1, 1, 0).allowed, true);
    assert.equal(store.take('a', 1, 1, 0).allowed, false);
  });
});

describe('MemoryCounterStore quota windows', () => {
  test('GIVEN a limit of 2 WHEN consumed in one window THEN 2 are counted and the 3rd is refused without counting', () => {
    const store = new MemoryCounterStore();
    assert.deepEqual(store.consume('q', 2, 0, 1000), { allowed: true, used: 1, remaining: 1 });
    assert.deepEqual(store.consume('q', 2, 0, 1000), { allowed: true, used: 2, remaining: 0 });
    assert.deepEqual(store.consume('q', 2, 0, 1000), { allowed: false, used: 2, remaining: 0 });
  });

  test('GIVEN a used-up window WHEN the next window starts THEN counting starts from zero', () => {
    const store = new MemoryCounterStore();
    store.consume('q', 1, 0, 1000);
    assert.equal(store.consume('q', 1, 0, 1000).allowed, false);
    assert.deepEqual(store.consume('q', 1, 1000, 2000), { allowed: true, used: 1, remaining: 0 });
    // A late request for the ended window counts in the current one.
    assert.equal(store.consume('q', 1, 0, 1000).allowed, false);
  });

  test('GIVEN a limit of 0 WHEN consumed THEN it is refused', () => {
    assert.deepEqual(new MemoryCounterStore().consume('q', 0, 0, 1000), { allowed: false, used: 0, remaining: 0 });
  });
});
