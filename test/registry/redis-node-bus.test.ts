/**
 * The Redis node bus passes the bus conformance suite: each node is a RedisRegistry (its
 * heartbeat makes the node alive) and a RedisNodeBus, on the test Redis under a prefix of its own.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLUSTER_ERRORS, ClusterError } from '../../src/registry/cluster-errors.js';
import { RedisNodeBus } from '../../src/registry/redis-node-bus.js';
import { RedisRegistry } from '../../src/registry/redis-registry.js';
import { nodeBusConformance } from './node-bus-conformance.js';
import { freePort, testRedis, type TestRedis } from './support/redis.js';

let redis: TestRedis;
before(async () => { redis = await testRedis(); });
after(async () => { await redis.close(); });

nodeBusConformance('RedisNodeBus', async () => {
  const keyPrefix = redis.newPrefix();
  const nodes = new Map<string, { registry: RedisRegistry; bus: RedisNodeBus }>();
  const stop = async (nodeId: string): Promise<void> => {
    const node = nodes.get(nodeId);
    nodes.delete(nodeId);
    await Promise.all([node?.bus.close(), node?.registry.close()]);
  };
  return {
    start: async (nodeId) => {
      const options = { url: redis.url, keyPrefix, nodeId, log: () => undefined };
      const registry = await RedisRegistry.connect(options);
      const bus = await RedisNodeBus.connect(options);
      nodes.set(nodeId, { registry, bus });
      return bus;
    },
    stop,
    close: async () => {
      await Promise.all([...nodes.keys()].map(stop));
    },
  };
});

test('GIVEN no Redis at the URL WHEN a bus connects THEN BUS_UNAVAILABLE (503) within the connect timeout', { timeout: 10_000 }, async () => {
  const port = await freePort();
  await assert.rejects(
    RedisNodeBus.connect({ url: `redis://127.0.0.1:${port}`, nodeId: 'node-1', connectTimeoutMs: 500 }),
    (e: unknown) => ClusterError.is(e, CLUSTER_ERRORS.BUS_UNAVAILABLE) && e.status === 503,
  );
});
