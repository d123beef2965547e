/**
 * The Redis counter store: the shared conformance suite (stores of one key prefix are the nodes of
 * one cluster and share their counters), then what only it does: one round trip per check, keys
 * under the cluster's prefix that expire, usage plan quotas and stage throttles that hold across
 * nodes, and Redis going away (killed, frozen) and coming back: checks keep answering, counted on
 * each node alone meanwhile, and are shared again after.
 * Redis: test/registry/support/redis.ts (REDIS_URL, 127.0.0.1:6379, or a private redis-server).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { Redis } from 'ioredis';
import * as apigwv2 from '../../../src/apigatewayv2/index.js';
import { WebSocketMockIntegration } from '../../../src/apigatewayv2/integrations/index.js';
import { ApiKeyCheck } from '../../../src/gateway/limits/api-key-check.js';
import { ApiKeyRegistry } from '../../../src/gateway/limits/api-keys.js';
import { isPromise, type CounterStore } from '../../../src/gateway/limits/counter-store.js';
import { createCounterStore } from '../../../src/gateway/limits/create-counter-store.js';
import { RedisCounterStore, type RedisCounterStoreOptions } from '../../../src/gateway/limits/redis-counter-store.js';
import { Throttle, resolveThrottleOptions } from '../../../src/gateway/limits/throttle.js';
import { loadGatewayModel } from '../../../src/model/load-template.js';
import { readTemplateSources } from '../../../src/model/load-source.js';
import { freePort, startRedisServer, testRedis, type TestRedis } from '../../registry/support/redis.js';
import { newStack } from '../../support/synth.js';
import { counterStoreConformance, type CounterStoreFixture } from './counter-store-conformance.js';

let redis: TestRedis;
before(async () => { redis = await testRedis(); });
after(async () => { await redis.close(); });

const quiet = { log: () => undefined };

/** Stores on one key prefix: the nodes of one cluster. */
function cluster(url: () => string, keyPrefix: string, options: Partial<RedisCounterStoreOptions> = {}): CounterStoreFixture<RedisCounterStore> {
  const stores: RedisCounterStore[] = [];
  return {
    node: async () => {
      const store = await RedisCounterStore.connect({ url: url(), keyPrefix, ...quiet, ...options });
      stores.push(store);
      return store;
    },
    close: async () => { await Promise.all(stores.map((s) => s.close())); },
  };
}

counterStoreConformance('RedisCounterStore', { sharedAcrossNodes: true, open: async () => cluster(() => redis.url, redis.newPrefix()) });

/** Polls `check` until it holds, at most `timeoutMs`. */
async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('RedisCounterStore in Redis', { timeout: 30_000 }, () => {
  test('GIVEN a store WHEN checks are made one after the other THEN each is one script call to Redis', async () => {
    const fixture = cluster(() => redis.url, redis.newPrefix());
    const store = await fixture.node();
    const commands: string[] = [];
    const onStart = (context: unknown): void => { commands.push((context as { command: string }).command); };
    subscribe('tracing:ioredis:command:start', onStart);
    try {
      for (let i = 0; i < 10; i++) await store.take('route', 100, 100, 1000);
      for (let i = 0; i < 10; i++) await store.consume('quota', 100, 0, 86_400_000);
    } finally {
      unsubscribe('tracing:ioredis:command:start', onStart);
      await fixture.close();
    }
    assert.equal(commands.length, 20, `commands: ${commands.join(' ')}`);
    for (const c of commands) assert.ok(c === 'evalsha' || c === 'eval', `unexpected command ${c}`);
  });

  test('GIVEN buckets and windows WHEN used THEN their keys are under the cluster prefix and expire, except a bucket that never refills', async () => {
    const prefix = redis.newPrefix();
    const fixture = cluster(() => redis.url, prefix);
    const store = await fixture.node();
    const admin = new Redis(redis.url);
    try {
      const now = Date.now();
      await store.take('route:abc/dev/$default', 10, 20, now);
      await store.take('blocked', 0, 1, now);
      await store.consume('quota:plan/key', 5, now - 1000, now + 86_400_000);
      const keys = (await admin.keys(`${prefix}*`)).sort();
      assert.deepEqual(keys, [`${prefix}limits:b:blocked`, `${prefix}limits:b:route:abc/dev/$default`, `${prefix}limits:q:quota:plan/key`]);
      // The bucket is one token short: full again in 100 ms, kept 60 s more.
      const bucketTtl = await admin.pttl(`${prefix}limits:b:route:abc/dev/$default`);
      assert.ok(bucketTtl > 55_000 && bucketTtl <= 60_100, `bucket TTL ${bucketTtl}`);
      // The window lasts a day and a second from its start, kept 60 s more.
      const windowTtl = await admin.pttl(`${prefix}limits:q:quota:plan/key`);
      assert.ok(windowTtl > 86_401_000 && windowTtl <= 86_461_000, `window TTL ${windowTtl}`);
      assert.equal(await admin.pttl(`${prefix}limits:b:blocked`), -1);
    } finally {
      admin.disconnect();
      await fixture.close();
    }
  });

  test('GIVEN createCounterStore WHEN given no Redis THEN it counts in memory and answers at once; WHEN given one THEN its stores share counters', async () => {
    const memory = await createCounterStore();
    const first = memory.take('b', 1, 1, 0);
    assert.equal(isPromise(first), false);
    assert.equal(memory.shared, false);
    await memory.close();

    const keyPrefix = redis.newPrefix();
    const one = await createCounterStore({ redis: redis.url, keyPrefix, nodeId: 'node-1', ...quiet });
    const two = await createCounterStore({ redis: redis.url, keyPrefix, nodeId: 'node-2', ...quiet });
    try {
      assert.ok(one instanceof RedisCounterStore);
      assert.equal(one.shared, true);
      assert.equal((await one.take('b', 1, 1, 0)).allowed, true);
      assert.equal((await two.take('b', 1, 1, 0)).allowed, false);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  test('GIVEN no Redis at the URL WHEN a store connects THEN it rejects within the connect timeout', async () => {
    const port = await freePort();
    await assert.rejects(RedisCounterStore.connect({ url: `redis://127.0.0.1:${port}`, connectTimeoutMs: 500, ...quiet }), /did not answer within 500 ms/);
  });
});

const KEY = 'cluster-key-0123456789abcdefghij';

/** An API whose `send` route requires a key in a plan (10/s, 3 a day) and whose stage throttles `ping` to burst 2 with no refill to speak of. */
function limitsModel() {
  const { app, stack } = newStack();
  const api = new apigwv2.WebSocketApi(stack, 'Api', { apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY });
  new apigwv2.WebSocketRoute(stack, 'Send', { webSocketApi: api, routeKey: 'send', apiKeyRequired: true, integration: new WebSocketMockIntegration('MockSend') });
  new apigwv2.WebSocketRoute(stack, 'Ping', { webSocketApi: api, routeKey: 'ping', integration: new WebSocketMockIntegration('MockPing') });
  const stage = new apigwv2.WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev', throttle: { rateLimit: 0.001, burstLimit: 2 } });
  const plan = new apigwv2.UsagePlan(stack, 'Plan', { apiStages: [{ api, stage }], throttle: { rateLimit: 10, burstLimit: 10 }, quota: { limit: 3, period: apigwv2.Period.DAY } });
  plan.addApiKey(new apigwv2.ApiKey(stack, 'Key', { value: KEY }));
  const model = loadGatewayModel(readTemplateSources(app));
  return { model, api: model.apis[0] };
}

describe('limits on shared counters: three nodes of one cluster', { timeout: 30_000 }, () => {
  test("GIVEN three nodes WHEN one API key is used on each THEN the plan's daily quota holds across them, and so does the stage's route throttle", async () => {
    const { model, api } = limitsModel();
    const fixture = cluster(() => redis.url, redis.newPrefix());
    try {
      const planStartMs = Date.UTC(2020, 0, 1);
      const nodes = await Promise.all([0, 1, 2].map(async () => {
        const store: CounterStore = await fixture.node();
        return {
          keys: new ApiKeyCheck({ usagePlans: model.usagePlans, registry: ApiKeyRegistry.create(model.usagePlans, {}), store, planStartMs }),
          throttle: new Throttle(model, store, resolveThrottleOptions({})),
        };
      }));
      const send = api.routes.get('send')!;
      const kinds: string[] = [];
      for (let i = 0; i < 5; i++) kinds.push((await nodes[i % 3].keys.check(api.apiId, 'dev', send, KEY)).kind);
      assert.deepEqual(kinds, ['ok', 'ok', 'ok', 'throttled', 'throttled']);
      const pings: boolean[] = [];
      for (let i = 0; i < 4; i++) pings.push((await nodes[i % 3].throttle.admitMessage(api.apiId, 'dev', 'ping')).allowed);
      assert.deepEqual(pings, [true, true, false, false]);
    } finally {
      await fixture.close();
    }
  });
});

describe('RedisCounterStore when Redis goes away', { timeout: 60_000 }, () => {
  test('GIVEN two nodes WHEN Redis is killed THEN checks still answer, each node enforcing the limit alone; WHEN it is back THEN the counters are shared again', { timeout: 30_000 }, async () => {
    const server = await startRedisServer();
    const messages: string[] = [];
    const fixture = cluster(() => server.url, 'outage:', { commandTimeoutMs: 200, reconnectMaxDelayMs: 100, log: (m) => messages.push(m) });
    try {
      const [one, two] = [await fixture.node(), await fixture.node()];
      assert.equal((await one.take('b', 0, 2, 0)).allowed, true);
      assert.equal((await two.take('b', 0, 2, 0)).allowed, true);
      assert.equal((await one.take('b', 0, 2, 0)).allowed, false);

      // WHEN Redis dies
      await server.kill();
      await eventually('both nodes notice', () => !one.shared && !two.shared);
      // THEN each node counts alone: the burst of 2 holds on each of them
      for (const node of [one, two]) {
        const answers = [await node.take('b', 0, 2, 0), await node.take('b', 0, 2, 0), await node.take('b', 0, 2, 0)];
        assert.deepEqual(answers.map((a) => a.allowed), [true, true, false]);
        assert.deepEqual(await node.consume('q', 1, 0, 1000), { allowed: true, used: 1, remaining: 0 });
        assert.equal((await node.consume('q', 1, 0, 1000)).allowed, false);
      }
      assert.equal(messages.filter((m) => m.includes('lost Redis')).length, 2, messages.join('\n'));

      // WHEN Redis comes back (empty)
      await server.restart();
      await eventually('both nodes reach it again', () => one.shared && two.shared);
      // THEN the counters are shared again, and the node-local counts are gone
      assert.equal((await one.take('b', 0, 2, 0)).allowed, true);
      assert.equal((await two.take('b', 0, 2, 0)).allowed, true);
      assert.equal((await one.take('b', 0, 2, 0)).allowed, false);
      assert.equal((await two.take('b', 0, 2, 0)).allowed, false);
      assert.equal(messages.filter((m) => m.includes('reach Redis again')).length, 2, messages.join('\n'));
    } finally {
      await fixture.close();
      await server.stop();
    }
  });

  test('GIVEN a Redis that stops answering (frozen) WHEN a check is made THEN it answers from the node after the command timeout, and the next ones at once', { timeout: 30_000 }, async () => {
    const server = await startRedisServer();
    const fixture = cluster(() => server.url, 'frozen:', { commandTimeoutMs: 300, reconnectMaxDelayMs: 100 });
    try {
      const store = await fixture.node();
      assert.equal((await store.take('b', 0, 1, 0)).allowed, true);
      server.freeze();
      // The first check waits for Redis (at most the command timeout), then counts on the node.
      assert.equal((await store.take('b', 0, 1, 0)).allowed, true);
      // The client drops the silent connection; from then on the node's count goes on without waiting for Redis: the second is refused.
      await eventually('the store stops waiting for Redis', () => !store.shared);
      const next = store.take('b', 0, 1, 0);
      assert.equal(isPromise(next), false);
      assert.equal((await next).allowed, false);
      server.thaw();
      await eventually('the store reaches Redis again', () => store.shared);
      // Redis kept the bucket it had: empty.
      assert.equal((await store.take('b', 0, 1, 0)).allowed, false);
    } finally {
      server.thaw();
      await fixture.close();
      await server.stop();
    }
  });
});
