/**
 * The Redis registry: the shared conformance suite, then what only a shared registry does: several
 * nodes see one another's connections, touches are batched, the heartbeat keeps records alive and
 * writes back what Redis lost, a killed node's records expire, a closed one leaves at once.
 * Redis: support/redis.ts (REDIS_URL, 127.0.0.1:6379, or a private redis-server).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { CLUSTER_ERRORS, ClusterError } from '../../src/registry/cluster-errors.js';
import { RedisKeys } from '../../src/registry/redis-keys.js';
import { RedisRegistry, type RedisRegistryOptions } from '../../src/registry/redis-registry.js';
import type { ConnectionRecord } from '../../src/registry/registry.js';
import { registryConformance } from './conformance.js';
import { freePort, testRedis, type TestRedis } from './support/redis.js';

let redis: TestRedis;
before(async () => { redis = await testRedis(); });
after(async () => { await redis.close(); });

function connect(nodeId: string, keyPrefix: string, options: Partial<RedisRegistryOptions> = {}): Promise<RedisRegistry> {
  return RedisRegistry.connect({ url: redis.url, keyPrefix, nodeId, log: () => undefined, ...options });
}

function record(id: string, nodeId: string, lastActiveAt = 1000): ConnectionRecord {
  return { connectionId: id, apiId: 'abcdefghij', stage: 'dev', nodeId, connectedAt: 1000, lastActiveAt, identity: { sourceIp: '127.0.0.1' } };
}

/** Polls `check` until it holds, at most `timeoutMs`. */
async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

registryConformance('RedisRegistry', () => connect('node-test', redis.newPrefix()));

describe('RedisRegistry shared by several nodes', { timeout: 60_000 }, () => {
  test('GIVEN two nodes WHEN one adds and removes a connection THEN the other sees it, lists it and counts it, then no longer', { timeout: 10_000 }, async () => {
    const prefix = redis.newPrefix();
    const one = await connect('node-1', prefix);
    const two = await connect('node-2', prefix);
    try {
      await one.add(record('S1', 'node-1'));
      await two.add(record('S2', 'node-2'));
      assert.deepEqual(await two.get('S1'), record('S1', 'node-1'));
      assert.deepEqual(await two.listByNode('node-1'), [record('S1', 'node-1')]);
      assert.equal(await two.count(), 2);
      assert.deepEqual(await two.aliveNodes(), ['node-1', 'node-2']);
      assert.equal(await one.remove('S1'), true);
      assert.equal(await two.get('S1'), undefined);
      assert.equal(await two.count(), 1);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  test('GIVEN many touches WHEN the flush interval passes THEN they reach Redis in one or two commands, not one per touch', { timeout: 10_000 }, async () => {
    const prefix = redis.newPrefix();
    // No beat within the test: only the touch flush sends scripts.
    const owner = await connect('node-1', prefix, { touchFlushIntervalMs: 200, heartbeatIntervalMs: 60_000, recordTtlMs: 120_000 });
    const other = await connect('node-2', prefix);
    const commands: string[] = [];
    const onStart = (context: unknown): void => { commands.push((context as { command: string }).command); };
    try {
      for (let i = 0; i < 50; i++) await owner.add(record(`B${i}`, 'node-1'));
      subscribe('tracing:ioredis:command:start', onStart);
      for (let round = 1; round <= 10; round++) {
        for (let i = 0; i < 50; i++) await owner.touch(`B${i}`, 1000 + round);
      }
      await eventually('the last touch visible to the other node', async () => (await other.get('B49'))?.lastActiveAt === 1010);
      unsubscribe('tracing:ioredis:command:start', onStart);
      const touchCommands = commands.filter((c) => c === 'eval' || c === 'evalsha');
      assert.ok(touchCommands.length >= 1, `the flush was not observed (commands seen: ${commands.join(' ')})`);
      assert.ok(touchCommands.length <= 2, `500 touches took ${touchCommands.length} script calls`);
      assert.equal((await other.get('B0'))?.lastActiveAt, 1010);
    } finally {
      await Promise.all([owner.close(), other.close()]);
    }
  });

  test('GIVEN a short TTL WHEN several TTLs pass THEN the heartbeat has kept the node and its records alive', { timeout: 10_000 }, async () => {
    const prefix = redis.newPrefix();
    const owner = await connect('node-1', prefix, { heartbeatIntervalMs: 100, recordTtlMs: 1000 });
    const other = await connect('node-2', prefix);
    try {
      await owner.add(record('H1', 'node-1'));
      await new Promise((r) => setTimeout(r, 3500));
      assert.deepEqual(await other.get('H1'), record('H1', 'node-1'));
      assert.ok((await other.aliveNodes()).includes('node-1'));
    } finally {
      await Promise.all([owner.close(), other.close()]);
    }
  });

  test('GIVEN Redis loses a record of a live node WHEN the next beat comes THEN the record is back', { timeout: 10_000 }, async () => {
    const prefix = redis.newPrefix();
    const owner = await connect('node-1', prefix, { heartbeatIntervalMs: 100, recordTtlMs: 1000 });
    const other = await connect('node-2', prefix);
    const raw = new Redis(redis.url);
    try {
      await owner.add(record('L1', 'node-1'));
      await owner.touch('L1', 4242);
      await raw.del(new RedisKeys(prefix).connection('L1'));
      assert.equal(await other.get('L1'), undefined);
      await eventually('the record written again', async () => (await other.get('L1'))?.lastActiveAt === 4242);
      assert.deepEqual((await other.listByNode('node-1')).map((r) => r.connectionId), ['L1']);
    } finally {
      raw.disconnect();
      await Promise.all([owner.close(), other.close()]);
    }
  });

  test('GIVEN a node killed with SIGKILL WHEN its TTL passes THEN its records are gone, it is dead, and reaping forgets it', { timeout: 30_000 }, async () => {
    const prefix = redis.newPrefix();
    const observer = await connect('node-observer', prefix);
    const child = spawn(process.execPath, ['--conditions=wsgate-source', '--import', 'tsx', fileURLToPath(new URL('./fixtures/registry-node.ts', import.meta.url))], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env, WSGATE_REDIS_URL: redis.url, WSGATE_KEY_PREFIX: prefix, WSGATE_NODE_ID: 'node-doomed',
        WSGATE_HEARTBEAT_MS: '200', WSGATE_TTL_MS: '1000', WSGATE_IDS: 'K1,K2,K3',
      },
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => { if (chunk.toString().includes('ready')) resolve(); });
        child.once('exit', (code) => reject(new Error(`the node exited early (${code})`)));
      });
      assert.equal(await observer.count(), 3);
      assert.deepEqual((await observer.listByNode('node-doomed')).map((r) => r.connectionId).sort(), ['K1', 'K2', 'K3']);

      child.kill('SIGKILL');
      await exited;
      await eventually('the killed node\'s records expired', async () => (await observer.get('K1')) === undefined
        && (await observer.get('K2')) === undefined && (await observer.get('K3')) === undefined);
      assert.equal(await observer.count(), 0);
      assert.deepEqual(await observer.listByNode('node-doomed'), []);
      assert.deepEqual(await observer.aliveNodes(), ['node-observer']);
      assert.deepEqual(await observer.deadNodes(), ['node-doomed']);
      const reaped = await observer.reapDeadNodes();
      assert.deepEqual(reaped.map((r) => r.nodeId), ['node-doomed']);
      assert.deepEqual(await observer.deadNodes(), []);
    } finally {
      child.kill('SIGKILL');
      await exited;
      await observer.close();
    }
  });

  test('GIVEN a node that closes its registry THEN its records and heartbeat are gone at once', { timeout: 10_000 }, async () => {
    const prefix = redis.newPrefix();
    const leaving = await connect('node-1', prefix);
    const other = await connect('node-2', prefix);
    try {
      await leaving.add(record('G1', 'node-1'));
      await leaving.close();
      assert.equal(await other.get('G1'), undefined);
      assert.deepEqual(await other.aliveNodes(), ['node-2']);
      await assert.rejects(leaving.get('G1'), (e: unknown) => ClusterError.is(e, CLUSTER_ERRORS.REGISTRY_UNAVAILABLE));
    } finally {
      await other.close();
    }
  });

  test('GIVEN no Redis at the URL WHEN connecting THEN REGISTRY_UNAVAILABLE (503) within the connect timeout', { timeout: 10_000 }, async () => {
    const port = await freePort();
    await assert.rejects(
      RedisRegistry.connect({ url: `redis://127.0.0.1:${port}`, nodeId: 'node-1', connectTimeoutMs: 500, log: () => undefined }),
      (e: unknown) => ClusterError.is(e, CLUSTER_ERRORS.REGISTRY_UNAVAILABLE) && e.status === 503,
    );
  });

  test('GIVEN a TTL not longer than the heartbeat interval THEN connect refuses the settings', { timeout: 10_000 }, async () => {
    await assert.rejects(connect('node-1', redis.newPrefix(), { heartbeatIntervalMs: 1000, recordTtlMs: 1000 }), /recordTtlMs \(1000\) must be more than heartbeatIntervalMs/);
  });
});
