import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Gateway } from '../../../src/gateway/gateway.js';
import { TestClient } from '../support/client.js';
import { KEYS, buildLimitsApp } from '../support/limits-fixture.js';

describe('API keys, usage plans and throttling, enforced on real connections', { timeout: 120_000 }, () => {
  let gateway: Gateway;
  const clients: TestClient[] = [];

  before(async () => {
    gateway = await Gateway.start(buildLimitsApp(), { log: false, invocationMode: 'in-process', tls: false, apiKeys: { given: KEYS.given } });
  });
  after(async () => {
    for (const c of clients) c.ws.terminate();
    await gateway?.stop();
  });

  const url = (apiName: string, stage = 'dev') => gateway.endpoints().find((e) => e.apiName === apiName && e.stage === stage)!.url;
  const connect = async (target: string, headers: Record<string, string> = {}) => {
    const client = await TestClient.connect(target, { headers });
    clients.push(client);
    return client;
  };
  const status = (target: string, headers: Record<string, string> = {}) =>
    connect(target, headers).then(() => ({ status: 101, body: '' }), (e: { status: number; body: string }) => ({ status: e.status, body: e.body }));

  describe('API keys on $connect', () => {
    test('GIVEN a route that requires a key WHEN it is missing, unknown or disabled THEN 403 Forbidden', async () => {
      assert.deepEqual(await status(url('Keyed')), { status: 403, body: '{"message":"Forbidden"}' });
      assert.equal((await status(url('Keyed'), { 'x-api-key': 'not-a-key-of-this-template' })).status, 403);
      assert.equal((await status(url('Keyed'), { 'x-api-key': KEYS.disabled })).status, 403);
    });

    test('GIVEN a valid key WHEN the client connects THEN it is admitted and identity carries apiKey and apiKeyId', async () => {
      const client = await connect(url('Keyed'), { 'x-api-key': KEYS.good });
      client.send('who am I');
      const identity = JSON.parse(await client.next()) as Record<string, string>;
      const key = gateway.apiKeys().find((k) => k.value === KEYS.good)!;
      assert.equal(identity.apiKey, KEYS.good);
      assert.equal(identity.apiKeyId, key.model.keyId);
      assert.equal(identity.sourceIp, '127.0.0.1');
    });

    test('GIVEN a key whose value the template lets AWS generate WHEN given at start THEN it works; gateway.apiKeys() lists where each value came from', async () => {
      await connect(url('Keyed'), { 'x-api-key': KEYS.given });
      const sources = Object.fromEntries(gateway.apiKeys().map((k) => [k.model.logicalId.replace(/[0-9A-F]{8}$/, ''), k.valueSource]));
      assert.deepEqual(sources, { Good: 'template', Disabled: 'template', Given: 'option', Quota: 'template' });
    });

    test('GIVEN a usage plan quota of 2 a day WHEN a third connect comes THEN 429 Limit Exceeded', async () => {
      await connect(url('Keyed'), { 'x-api-key': KEYS.quota });
      await connect(url('Keyed'), { 'x-api-key': KEYS.quota });
      assert.deepEqual(await status(url('Keyed'), { 'x-api-key': KEYS.quota }), { status: 429, body: '{"message":"Limit Exceeded"}' });
      assert.equal((await status(url('Keyed'), { 'x-api-key': KEYS.good })).status, 101, 'other keys are unaffected');
    });
  });

  describe('stage throttling', () => {
    test('GIVEN a stage limited to a burst of 2 WHEN a third client connects THEN 429; WHEN a client sends 3 messages THEN the third gets the Too Many Requests frame and the connection stays open', async () => {
      const a = await connect(url('Throttled'));
      await connect(url('Throttled'));
      assert.deepEqual(await status(url('Throttled')), { status: 429, body: '{"message":"Too Many Requests"}' });
      for (const n of [1, 2, 3]) a.send(`m${n}`);
      const frames = [await a.next(), await a.next(), await a.next()];
      assert.deepEqual(frames.filter((f) => f.startsWith('m')).sort(), ['m1', 'm2']);
      const refused = frames.find((f) => f.startsWith('{'))!;
      assert.match(refused, /^\{"message": "Too Many Requests", "connectionId":"[A-Za-z0-9_-]{15}=", "requestId":"[A-Za-z0-9_-]{15}="\}$/);
      assert.equal(a.closed, undefined);
    });
  });
});
