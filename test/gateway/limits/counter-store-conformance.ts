/**
 * The conformance suite every CounterStore passes (MemoryCounterStore, RedisCounterStore): call it
 * from the store's own test file with a fixture. A fixture hands out stores that stand for the
 * nodes of one cluster; whether two of them share their counters is what `sharedAcrossNodes` says
 * (a memory store counts for its own process, a Redis store for the cluster).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CounterStore } from '../../../src/gateway/limits/counter-store.js';

export interface CounterStoreFixture<S extends CounterStore = CounterStore> {
  /** A store for one more node of the fixture's cluster. */
  node(): Promise<S>;
  /** Closes every store the fixture handed out and removes what they stored. */
  close(): Promise<void>;
}

export interface CounterStoreConformanceOptions {
  /** A fresh cluster (no counters yet); each test opens its own. */
  open(): Promise<CounterStoreFixture>;
  /** True when stores of one fixture share their counters (cluster-wide limits). */
  readonly sharedAcrossNodes: boolean;
}

/** Runs `body` with one store of a fresh fixture, and closes the fixture. */
async function withStore(options: CounterStoreConformanceOptions, body: (store: CounterStore) => Promise<void>): Promise<void> {
  const fixture = await options.open();
  try {
    await body(await fixture.node());
  } finally {
    await fixture.close();
  }
}

export function counterStoreConformance(name: string, options: CounterStoreConformanceOptions): void {
  const run = (body: (store: CounterStore) => Promise<void>) => () => withStore(options, body);

  describe(`${name} (counter store conformance): token buckets`, { timeout: 30_000 }, () => {
    test('GIVEN a new bucket (rate 2/s, burst 3) WHEN taken from THEN it starts full: 3 at once, the 4th refused with the exact wait', run(async (store) => {
      const t0 = 1_000_000;
      for (let i = 0; i < 3; i++) assert.deepEqual(await store.take('b', 2, 3, t0), { allowed: true, retryAfterMs: 0 });
      assert.deepEqual(await store.take('b', 2, 3, t0), { allowed: false, retryAfterMs: 500 });
      assert.deepEqual(await store.take('b', 2, 3, t0 + 499), { allowed: false, retryAfterMs: 1 });
      assert.deepEqual(await store.take('b', 2, 3, t0 + 500), { allowed: true, retryAfterMs: 0 });
      assert.equal((await store.take('b', 2, 3, t0 + 500)).allowed, false);
    }));

    test('GIVEN a steady rate WHEN requests come exactly at the rate THEN every one is allowed, and one more each period is refused', run(async (store) => {
      // rate 3/s, burst 1: one token every 333.3 ms.
      assert.equal((await store.take('r', 3, 1, 0)).allowed, true);
      assert.deepEqual(await store.take('r', 3, 1, 0), { allowed: false, retryAfterMs: 334 });
      assert.deepEqual(await store.take('r', 3, 1, 333), { allowed: false, retryAfterMs: 1 });
      assert.equal((await store.take('r', 3, 1, 334)).allowed, true);
      // Over 10 s in steps of 5 ms, taking whenever a token is there: the full bucket (3), then exactly 3 per second.
      let allowed = 0;
      for (let t = 1000; t <= 11_000; t += 5) if ((await store.take('s', 3, 3, t)).allowed) allowed++;
      assert.equal(allowed, 33);
    }));

    test('GIVEN a fractional rate WHEN the bucket refills THEN the fractions add up exactly', run(async (store) => {
      // 0.3 tokens/s: a token every 3333.3 ms.
      assert.equal((await store.take('f', 0.3, 1, 0)).allowed, true);
      assert.deepEqual(await store.take('f', 0.3, 1, 1), { allowed: false, retryAfterMs: 3333 });
      assert.deepEqual(await store.take('f', 0.3, 1, 3333), { allowed: false, retryAfterMs: 1 });
      assert.equal((await store.take('f', 0.3, 1, 3334)).allowed, true);
    }));

    test('GIVEN an idle bucket WHEN time passes THEN it refills only up to the burst', run(async (store) => {
      for (let i = 0; i < 5; i++) await store.take('b', 100, 5, 0);
      // 10 s idle at 100/s would be 1000 tokens; the bucket holds 5.
      let allowed = 0;
      for (let i = 0; i < 10; i++) if ((await store.take('b', 100, 5, 10_000)).allowed) allowed++;
      assert.equal(allowed, 5);
    }));

    test('GIVEN a cost WHEN taken THEN that many tokens go, and a cost above the burst is never allowed', run(async (store) => {
      assert.equal((await store.take('c', 1, 10, 0, 7)).allowed, true);
      assert.deepEqual(await store.take('c', 1, 10, 0, 7), { allowed: false, retryAfterMs: 4000 });
      assert.deepEqual(await store.take('c', 1, 10, 0, 11), { allowed: false, retryAfterMs: Infinity });
    }));

    test('GIVEN rate 0 and burst 0 WHEN taken THEN every request is refused (a blocked route)', run(async (store) => {
      assert.deepEqual(await store.take('z', 0, 0, 0), { allowed: false, retryAfterMs: Infinity });
      assert.deepEqual(await store.take('z', 0, 0, 60_000), { allowed: false, retryAfterMs: Infinity });
    }));

    test('GIVEN rate 0 and a burst WHEN the burst is used up THEN it never refills', run(async (store) => {
      assert.equal((await store.take('once', 0, 2, 0)).allowed, true);
      assert.equal((await store.take('once', 0, 2, 0)).allowed, true);
      assert.deepEqual(await store.take('once', 0, 2, 86_400_000), { allowed: false, retryAfterMs: Infinity });
    }));

    test('GIVEN an infinite burst WHEN taken many times THEN every request is allowed', run(async (store) => {
      for (let i = 0; i < 20; i++) assert.deepEqual(await store.take('inf', 1, Infinity, 0), { allowed: true, retryAfterMs: 0 });
    }));

    test('GIVEN a clock that goes back WHEN taken THEN no tokens are made up', run(async (store) => {
      await store.take('b', 1, 1, 5000);
      assert.equal((await store.take('b', 1, 1, 1000)).allowed, false);
      assert.equal((await store.take('b', 1, 1, 5999)).allowed, false);
      assert.equal((await store.take('b', 1, 1, 6000)).allowed, true);
    }));

    test('GIVEN two keys WHEN taken THEN their buckets are separate', run(async (store) => {
      assert.equal((await store.take('a', 1, 1, 0)).allowed, true);
      assert.equal((await store.take('b', 1, 1, 0)).allowed, true);
      assert.equal((await store.take('a', 1, 1, 0)).allowed, false);
    }));

    test('GIVEN a bucket and a quota window with the same key WHEN both are used THEN they do not mix', run(async (store) => {
      assert.equal((await store.take('same', 1, 1, 0)).allowed, true);
      assert.deepEqual(await store.consume('same', 5, 0, 1000), { allowed: true, used: 1, remaining: 4 });
      assert.equal((await store.take('same', 1, 1, 0)).allowed, false);
    }));

    test('GIVEN many concurrent takes WHEN they race for one bucket THEN exactly the burst is allowed', run(async (store) => {
      const answers = await Promise.all(Array.from({ length: 50 }, () => store.take('race', 0, 20, 0)));
      assert.equal(answers.filter((a) => a.allowed).length, 20);
    }));
  });

  describe(`${name} (counter store conformance): quota windows`, { timeout: 30_000 }, () => {
    test('GIVEN a limit of 2 WHEN consumed in one window THEN 2 are counted and the 3rd is refused without counting', run(async (store) => {
      assert.deepEqual(await store.consume('q', 2, 0, 1000), { allowed: true, used: 1, remaining: 1 });
      assert.deepEqual(await store.consume('q', 2, 0, 1000), { allowed: true, used: 2, remaining: 0 });
      assert.deepEqual(await store.consume('q', 2, 0, 1000), { allowed: false, used: 2, remaining: 0 });
    }));

    test('GIVEN a used-up window WHEN the next window starts THEN counting starts from zero', run(async (store) => {
      await store.consume('q', 1, 0, 1000);
      assert.equal((await store.consume('q', 1, 0, 1000)).allowed, false);
      assert.deepEqual(await store.consume('q', 1, 1000, 2000), { allowed: true, used: 1, remaining: 0 });
      // A late request for the ended window counts in the current one.
      assert.equal((await store.consume('q', 1, 0, 1000)).allowed, false);
    }));

    test('GIVEN a limit of 0 WHEN consumed THEN it is refused', run(async (store) => {
      assert.deepEqual(await store.consume('q', 0, 0, 1000), { allowed: false, used: 0, remaining: 0 });
    }));

    test('GIVEN a calendar-month window WHEN consumed THEN it counts like any other', run(async (store) => {
      const start = Date.UTC(2030, 0, 1);
      const end = Date.UTC(2030, 1, 1);
      for (let i = 1; i <= 3; i++) assert.deepEqual(await store.consume('month', 3, start, end), { allowed: true, used: i, remaining: 3 - i });
      assert.deepEqual(await store.consume('month', 3, start, end), { allowed: false, used: 3, remaining: 0 });
    }));

    test('GIVEN many concurrent requests WHEN they race for one window THEN exactly the limit is counted', run(async (store) => {
      const answers = await Promise.all(Array.from({ length: 50 }, () => store.consume('race', 20, 0, 1000)));
      assert.equal(answers.filter((a) => a.allowed).length, 20);
      assert.deepEqual([...answers.filter((a) => a.allowed).map((a) => a.used)].sort((x, y) => x - y), Array.from({ length: 20 }, (_, i) => i + 1));
    }));
  });

  describe(`${name} (counter store conformance): two nodes`, { timeout: 30_000 }, () => {
    const shared = options.sharedAcrossNodes;
    test(shared
      ? 'GIVEN two nodes WHEN both take from one bucket THEN they share it: the burst holds across them, and a refill is seen by both'
      : 'GIVEN two stores WHEN both take from one key THEN each has its own bucket (the counters of one process)', async () => {
      const fixture = await options.open();
      try {
        const [one, two] = [await fixture.node(), await fixture.node()];
        // burst 4, 1 token/s: one takes 3, two takes the 4th and is then refused.
        for (let i = 0; i < 3; i++) assert.equal((await one.take('route', 1, 4, 0)).allowed, true);
        assert.equal((await two.take('route', 1, 4, 0)).allowed, true);
        if (shared) {
          assert.deepEqual(await two.take('route', 1, 4, 0), { allowed: false, retryAfterMs: 1000 });
          assert.deepEqual(await one.take('route', 1, 4, 999), { allowed: false, retryAfterMs: 1 });
          assert.equal((await two.take('route', 1, 4, 1000)).allowed, true);
          assert.equal((await one.take('route', 1, 4, 1000)).allowed, false);
        } else {
          for (let i = 0; i < 3; i++) assert.equal((await two.take('route', 1, 4, 0)).allowed, true);
          assert.equal((await one.take('route', 1, 4, 0)).allowed, true);
          assert.equal((await one.take('route', 1, 4, 0)).allowed, false);
        }
      } finally {
        await fixture.close();
      }
    });

    test(shared
      ? 'GIVEN two nodes WHEN both count in one quota window THEN the limit holds across them'
      : 'GIVEN two stores WHEN both count in one quota window THEN each counts its own', async () => {
      const fixture = await options.open();
      try {
        const [one, two] = [await fixture.node(), await fixture.node()];
        assert.deepEqual(await one.consume('key', 3, 0, 1000), { allowed: true, used: 1, remaining: 2 });
        assert.deepEqual(await two.consume('key', 3, 0, 1000), shared ? { allowed: true, used: 2, remaining: 1 } : { allowed: true, used: 1, remaining: 2 });
        assert.equal((await one.consume('key', 3, 0, 1000)).allowed, true);
        assert.deepEqual(await two.consume('key', 3, 0, 1000), shared ? { allowed: false, used: 3, remaining: 0 } : { allowed: true, used: 2, remaining: 1 });
      } finally {
        await fixture.close();
      }
    });

    if (shared) {
      test('GIVEN three nodes WHEN they race for one bucket THEN exactly the burst is allowed in all', async () => {
        const fixture = await options.open();
        try {
          const nodes = [await fixture.node(), await fixture.node(), await fixture.node()];
          const answers = await Promise.all(Array.from({ length: 90 }, (_, i) => nodes[i % 3].take('race', 0, 25, 0)));
          assert.equal(answers.filter((a) => a.allowed).length, 25);
        } finally {
          await fixture.close();
        }
      });
    }
  });
}
