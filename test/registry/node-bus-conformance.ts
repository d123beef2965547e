/**
 * The conformance suite every NodeBus implementation passes (memory and Redis): call it from the
 * implementation's own test file with a factory of clusters. Every wait is bounded: a request that
 * should fail at once is given a long timeout, so a bus that waits instead fails by its error code
 * (NODE_TIMEOUT instead of the expected one) or by the test's own timeout.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLUSTER_ERRORS, ClusterError, type ClusterErrorKind } from '../../src/registry/cluster-errors.js';
import type { BusMessage, NodeBus } from '../../src/registry/node-bus.js';

/** The nodes of one test: each started node is alive (and stays so) until stopped. */
export interface BusCluster {
  /** Starts a node: its bus, and whatever keeps it alive. */
  start(nodeId: string): Promise<NodeBus>;
  /** Stops a node as a graceful shutdown does: it leaves, it is no longer alive. */
  stop(nodeId: string): Promise<void>;
  /** Stops every node still started. */
  close(): Promise<void>;
}

/** Long enough that a request that should fail at once cannot be mistaken for one that timed out. */
const LONG_MS = 30_000;
const TEST_TIMEOUT_MS = 15_000;

async function rejectsWith(promise: Promise<unknown>, kind: ClusterErrorKind, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(ClusterError.is(e), `expected a ClusterError, got ${String(e)}`);
    assert.equal(e.code, kind.code, e.message);
    assert.equal(e.status, kind.status);
    if (message) assert.match(e.message, message);
    return true;
  });
}

export function nodeBusConformance(name: string, createCluster: () => Promise<BusCluster>): void {
  describe(`${name} (node bus conformance)`, { timeout: 60_000 }, () => {
    const withCluster = (run: (cluster: BusCluster) => Promise<void>) => async () => {
      const cluster = await createCluster();
      try {
        await run(cluster);
      } finally {
        await cluster.close();
      }
    };

    test('GIVEN two nodes WHEN one requests the other THEN the handler gets the message and the sender, and its answer comes back', { timeout: TEST_TIMEOUT_MS }, withCluster(async (cluster) => {
      const a = await cluster.start('node-a');
      const b = await cluster.start('node-b');
      const seen: Array<[BusMessage, string]> = [];
      b.serve((message, from) => {
        seen.push([message, from]);
        return { echo: message, by: 'node-b' };
      });
      const answer = await a.request('node-b', { op: 'post', connectionId: 'X1', data: 'héllo', n: [1, null] }, LONG_MS);
      assert.deepEqual(answer, { echo: { op: 'post', connectionId: 'X1', data: 'héllo', n: [1, null] }, by: 'node-b' });
      assert.deepEqual(seen, [[{ op: 'post', connectionId: 'X1', data: 'héllo', n: [1, null] }, 'node-a']]);
    }));

    test('GIVEN many concurrent requests, to two nodes and to itself THEN each gets its own answer', { timeout: TEST_TIMEOUT_MS }, withCluster(async (cluster) => {
      const a = await cluster.start('node-a');
      const b = await cluster.start('node-b');
      const c = await cluster.start('node-c');
      for (const bus of [a, b, c]) {
        bus.serve(async (message) => {
          // Answers out of order: the later the request, the sooner the answer.
          await new Promise((r) => setTimeout(r, 50 - Number(message.i)));
          return { i: message.i, by: bus.nodeId };
        });
      }
      const targets = ['node-b', 'node-c', 'node-a'];
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => a.request(targets[i % 3]!, { i }, LONG_MS)));
      answers.forEach((answer, i) => assert.deepEqual(answer, { i, by: targets[i % 3] }));
    }));

    test('GIVEN a node whose handler does not answer in time WHEN requested THEN NODE_TIMEOUT (504)', { timeout: TEST_TIMEOUT_MS }, withCluster(async (cluster) => {
      const a = await cluster.start('node-a');
      const b = await cluster.start('node-b');
      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => { release = r; });
      b.serve(async () => {
        await held;
        return { late: true };
      });
      try {
        await rejectsWith(a.request('node-b', { op: 'get' }, 300), CLUSTER_ERRORS.NODE_TIMEOUT, /node-b/);
      } finally {
        release();
      }
    }));

    test('GIVEN a node that never existed WHEN requested THEN NODE_NOT_ALIVE (410) at once', { timeout: TEST_TIMEOUT_MS }, withCluster(async (cluster) => {
      const a = await cluster.start('node-a');
      await rejectsWith(a.request('node-ghost', { op: 'get' }, LONG_MS), CLUSTER_ERRORS.NODE_NOT_ALIVE, /node-ghost/);
    }));

    test('GIVEN a node that stopped WHEN requested THEN NODE_NOT_ALIVE at once, and it is no longer among the alive nodes', { timeout: TEST_TIMEOUT_MS }, withCluster(async (cluster) => {
      const a = await cluster.start('node-a');
      const b = await cluster.start('node-b');
      b.serve(() => ({ ok: true }));
      assert.deepEqual((await a.aliveNodes()).sort(), ['node-a', 'node-b']);
      await cluster.stop('node-b');
      await rejectsWith(a.request('node-b', { op: 'get' }, LONG_MS), CLUSTER_ERRORS.NODE_NOT_ALIVE);
      assert.deepEqual(await a.aliveNodes(), ['node-a']);
    }));

    test('GIVEN an alive node that does not serve its bus WHEN requested THEN NODE_NOT_LISTENING (503) at once', { timeout: TEST_TIMEOUT_MS }, withCluster(async (cluster) => {
      const a = await cluster.start('node-a');
      await cluster.start('node-b');
      await rejectsWith(a.request('node-b', { op: 'get' }, LONG_MS), CLUSTER_ERRORS.NODE_NOT_LISTENING);
    }));

    test('GIVEN a handler that throws WHEN requested THEN NODE_HANDLER_FAILED (502) with what it threw', { timeout: TEST_TIMEOUT_MS }, withCluster(async (cluster) => {
      const a = await cluster.start('node-a');
      const b = await cluster.start('node-b');
      b.serve(() => { throw new Error('socket exploded'); });
      await rejectsWith(a.request('node-b', { op: 'post' }, LONG_MS), CLUSTER_ERRORS.NODE_HANDLER_FAILED, /socket exploded/);
    }));

    test('GIVEN a pending request WHEN the requesting bus closes THEN it rejects with BUS_CLOSED, and so do later requests', { timeout: TEST_TIMEOUT_MS }, withCluster(async (cluster) => {
      const a = await cluster.start('node-a');
      const b = await cluster.start('node-b');
      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => { release = r; });
      b.serve(async () => {
        await held;
        return {};
      });
      try {
        const pending = a.request('node-b', { op: 'get' }, LONG_MS);
        const closedWhileWaiting = rejectsWith(pending, CLUSTER_ERRORS.BUS_CLOSED);
        await new Promise((r) => setTimeout(r, 100));
        await a.close();
        await closedWhileWaiting;
        await rejectsWith(a.request('node-b', { op: 'get' }, LONG_MS), CLUSTER_ERRORS.BUS_CLOSED);
      } finally {
        release();
      }
    }));

    test('GIVEN a bus WHEN serve is called twice THEN the second call throws', { timeout: TEST_TIMEOUT_MS }, withCluster(async (cluster) => {
      const a = await cluster.start('node-a');
      a.serve(() => ({}));
      assert.throws(() => a.serve(() => ({})), /already serves/);
    }));
  });
}
