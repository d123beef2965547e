/**
 * Redis going away, on a private redis-server the test kills, restarts and freezes: the nodes keep
 * their own connections, queries about others and cross-node requests fail at once with a typed
 * error, and once Redis answers again every live connection is registered again (nothing lost,
 * nothing removed meanwhile brought back) and the bus works again.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLUSTER_ERRORS, ClusterError, type ClusterErrorKind } from '../../src/registry/cluster-errors.js';
import { RedisNodeBus } from '../../src/registry/redis-node-bus.js';
import { RedisRegistry } from '../../src/registry/redis-registry.js';
import type { ConnectionRecord } from '../../src/registry/registry.js';
import { startRedisServer, type RedisServerProcess } from './support/redis.js';

let server: RedisServerProcess;
before(async () => { server = await startRedisServer(); });
after(async () => { await server.stop(); });

interface TestNode {
  readonly registry: RedisRegistry;
  readonly bus: RedisNodeBus;
}

async function startNode(nodeId: string, keyPrefix: string, recordTtlMs: number, url = server.url): Promise<TestNode> {
  const options = {
    url, keyPrefix, nodeId, heartbeatIntervalMs: 200, recordTtlMs,
    commandTimeoutMs: 500, reconnectMaxDelayMs: 200, keepAliveIntervalMs: 200, log: () => undefined,
  };
  const registry = await RedisRegistry.connect(options);
  const bus = await RedisNodeBus.connect(options);
  bus.serve((message) => ({ echo: message, by: nodeId }));
  return { registry, bus };
}

async function stopNodes(...nodes: TestNode[]): Promise<void> {
  await Promise.all(nodes.flatMap((n) => [n.bus.close(), n.registry.close()]));
}

function record(id: string, nodeId: string): ConnectionRecord {
  return { connectionId: id, apiId: 'abcdefghij', stage: 'dev', nodeId, connectedAt: 1000, lastActiveAt: 1000, identity: { sourceIp: '127.0.0.1' } };
}

async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) assert.fail(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function isCluster(kind: ClusterErrorKind) {
  return (e: unknown): boolean => ClusterError.is(e, kind);
}

describe('Registry and bus through a Redis outage', { timeout: 90_000 }, () => {
  test('GIVEN two nodes WHEN Redis is killed and restarted empty THEN they serve their own connections meanwhile and register them all again after', { timeout: 40_000 }, async () => {
    const one = await startNode('node-1', 'restart:', 2000);
    const two = await startNode('node-2', 'restart:', 2000);
    try {
      await one.registry.add(record('A1', 'node-1'));
      await one.registry.add(record('A2', 'node-1'));
      await two.registry.add(record('B1', 'node-2'));
      assert.deepEqual(await one.bus.request('node-2', { n: 1 }, 5000), { echo: { n: 1 }, by: 'node-2' });

      // WHEN Redis dies
      await server.kill();
      await eventually('node-1 notices', async () => !one.registry.available);

      // THEN node-1 keeps its own connections: adds, removes and touches work, and reads of its own answer
      await one.registry.add(record('A3', 'node-1'));
      assert.equal(await one.registry.remove('A2'), true);
      await one.registry.touch('A1', 5555);
      assert.equal((await one.registry.get('A1'))?.lastActiveAt, 5555);
      // ... while what needs Redis fails at once with a typed error
      await assert.rejects(one.registry.get('B1'), isCluster(CLUSTER_ERRORS.REGISTRY_UNAVAILABLE));
      await assert.rejects(one.registry.count(), isCluster(CLUSTER_ERRORS.REGISTRY_UNAVAILABLE));
      await assert.rejects(one.bus.request('node-2', { n: 2 }, 30_000), isCluster(CLUSTER_ERRORS.BUS_UNAVAILABLE));

      // WHEN Redis comes back empty
      await server.restart();

      // THEN every live connection is registered again, the removed one is not, and the bus works again
      await eventually('node-2 sees node-1\'s connections again', async () => (await two.registry.get('A1'))?.lastActiveAt === 5555
        && (await two.registry.get('A3')) !== undefined);
      await eventually('node-1 sees node-2\'s connection again', async () => (await one.registry.get('B1')) !== undefined);
      assert.equal(await two.registry.get('A2'), undefined);
      assert.equal(await two.registry.count(), 3);
      assert.deepEqual(await two.registry.aliveNodes(), ['node-1', 'node-2']);
      await eventually('the bus answers again', async () => {
        const answer = await one.bus.request('node-2', { n: 3 }, 1000);
        return answer.by === 'node-2';
      });
    } finally {
      await stopNodes(one, two);
    }
  });

  test('GIVEN a Redis that keeps its data WHEN it is killed and restarted THEN a removal made while it was down is applied, and nothing removed comes back', { timeout: 40_000 }, async () => {
    const persistent = await startRedisServer({ persistent: true });
    // A TTL far longer than the test: only the removal itself can make the record go.
    const one = await startNode('node-1', 'persist:', 60_000, persistent.url);
    const two = await startNode('node-2', 'persist:', 60_000, persistent.url);
    try {
      await one.registry.add(record('P1', 'node-1'));
      await one.registry.add(record('P2', 'node-1'));
      assert.ok((await two.registry.get('P1')) !== undefined);

      await persistent.kill();
      await eventually('node-1 notices', async () => !one.registry.available);
      assert.equal(await one.registry.remove('P1'), true);
      await persistent.restart();

      await eventually('the removal reached Redis', async () => two.registry.available && (await two.registry.get('P1')) === undefined);
      assert.deepEqual((await two.registry.listByNode('node-1')).map((r) => r.connectionId), ['P2']);
    } finally {
      await stopNodes(one, two);
      await persistent.stop();
    }
  });

  test('GIVEN two nodes WHEN Redis stops answering for a while THEN cross-node requests fail with a 5xx, and what changed meanwhile reaches Redis after', { timeout: 40_000 }, async () => {
    const one = await startNode('node-1', 'freeze:', 60_000);
    const two = await startNode('node-2', 'freeze:', 60_000);
    let frozen = false;
    try {
      await one.registry.add(record('F1', 'node-1'));
      await one.registry.add(record('F2', 'node-1'));
      assert.ok((await two.registry.get('F1')) !== undefined);

      server.freeze();
      frozen = true;
      assert.equal(await one.registry.remove('F1'), true);
      await one.registry.add(record('F3', 'node-1'));
      assert.equal((await one.registry.get('F3'))?.connectionId, 'F3');
      await assert.rejects(one.bus.request('node-2', { n: 1 }, 30_000), (e: unknown) => ClusterError.is(e) && e.status >= 500);
      await assert.rejects(two.registry.get('F2'), isCluster(CLUSTER_ERRORS.REGISTRY_UNAVAILABLE));
      server.thaw();
      frozen = false;

      await eventually('the changes reached Redis', async () => (await two.registry.get('F1')) === undefined && (await two.registry.get('F3')) !== undefined);
      assert.deepEqual((await two.registry.listByNode('node-1')).map((r) => r.connectionId).sort(), ['F2', 'F3']);
      await eventually('the bus answers again', async () => (await one.bus.request('node-2', { n: 2 }, 1000)).by === 'node-2');
    } finally {
      if (frozen) server.thaw();
      await stopNodes(one, two);
    }
  });
});
