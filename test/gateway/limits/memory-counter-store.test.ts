/**
 * The memory counter store: the shared conformance suite (one store per process, so two stores
 * count separately), then what only it does: it answers synchronously, so the per-message path
 * pays no promise for its limits.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isPromise } from '../../../src/gateway/limits/counter-store.js';
import { MemoryCounterStore } from '../../../src/gateway/limits/memory-counter-store.js';
import { counterStoreConformance } from './counter-store-conformance.js';

counterStoreConformance('MemoryCounterStore', {
  sharedAcrossNodes: false,
  open: async () => ({ node: async () => new MemoryCounterStore(), close: async () => undefined }),
});

describe('MemoryCounterStore answers at once', () => {
  test('GIVEN takes and quota counts WHEN made THEN every answer is a value, not a promise', () => {
    const store = new MemoryCounterStore();
    const answers = [store.take('b', 1, 1, 0), store.take('b', 1, 1, 0), store.consume('q', 1, 0, 1000), store.consume('q', 1, 0, 1000)];
    for (const answer of answers) assert.equal(isPromise(answer), false);
    assert.deepEqual(answers, [
      { allowed: true, retryAfterMs: 0 }, { allowed: false, retryAfterMs: 1000 },
      { allowed: true, used: 1, remaining: 0 }, { allowed: false, used: 1, remaining: 0 },
    ]);
  });

  test('GIVEN a steady rate WHEN a request comes every millisecond for 10 s THEN exactly the full bucket and 3 per second are allowed', () => {
    const store = new MemoryCounterStore();
    let allowed = 0;
    for (let t = 1000; t <= 11_000; t++) if (store.take('s', 3, 3, t).allowed) allowed++;
    assert.equal(allowed, 33);
  });
});
