import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { Gateway } from '../../../src/gateway/gateway.js';
import type { IamMode } from '../../../src/gateway/auth/iam-guard.js';
import { ManagementClient } from '../../../src/testing/management-client.js';
import { TestClient } from '../support/client.js';
import { inlineApp } from '../../testing/fixtures/inline-app.js';
import { testRedis, type TestRedis } from '../../registry/support/redis.js';

const ADMIN = { accessKeyId: 'AKIAWSGATEADMINTEST1', secretAccessKey: 'admin-secret' };
const MANAGER = { accessKeyId: 'AKIAWSGATEADMINTEST2', secretAccessKey: 'manager-secret' };
const INVOKER = { accessKeyId: 'AKIAWSGATEADMINTEST3', secretAccessKey: 'invoker-secret' };

/** A GET (or other method) without a signature. */
function rawRequest(url: string, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function start(iam: IamMode, warnings: string[] = []): Promise<Gateway> {
  return Gateway.start(inlineApp({ stages: ['dev', 'prod'], separateApis: true }), {
    log: false, invocationMode: 'in-process', tls: false, iam, warn: (m) => warnings.push(m),
    credentials: [
      { ...ADMIN, allow: ['execute-api:ManageConnections'] },
      // ManageConnections on the dev stages only.
      { ...MANAGER, allow: { statements: [{ effect: 'Allow', action: ['execute-api:ManageConnections'], resource: ['arn:aws:execute-api:us-east-1:123456789012:*/dev/*'], source: 'test' }] } },
      { ...INVOKER, allow: ['execute-api:Invoke'] },
    ],
  });
}

describe('the admin API: GET /@wsgate/connections', { timeout: 60_000 }, () => {
  let gateway: Gateway;
  const clients: TestClient[] = [];
  before(async () => {
    gateway = await start('enforce');
    const [dev, prod] = ['dev', 'prod'].map((s) => gateway.endpoints().find((e) => e.stage === s)!.url);
    clients.push(await TestClient.connect(dev, { headers: { 'User-Agent': 'admin-test/dev' } }));
    clients.push(await TestClient.connect(prod, { headers: { 'User-Agent': 'admin-test/prod' } }));
  });
  after(async () => {
    for (const c of clients) c.ws.terminate();
    await gateway?.stop();
  });

  const client = (credentials: typeof ADMIN | undefined, path = '') => new ManagementClient({ url: `${gateway.url}${path}`, credentials });

  test('GIVEN credentials allowed ManageConnections everywhere WHEN they list a stage, then every stage THEN the records come from the registry, oldest first', async () => {
    const dev = await client(ADMIN, '/dev').listConnections();
    assert.equal(dev.length, 1);
    const [record] = dev;
    assert.match(record.connectionId, /^[A-Za-z0-9_-]{15}=$/);
    assert.equal(record.stage, 'dev');
    assert.equal(record.nodeId, gateway.nodeId);
    assert.equal(record.identity.userAgent, 'admin-test/dev');
    assert.equal(record.identity.sourceIp, '127.0.0.1');
    assert.ok(!Number.isNaN(Date.parse(record.connectedAt)) && Date.parse(record.lastActiveAt) >= Date.parse(record.connectedAt));
    const all = await client(ADMIN).listConnections();
    assert.deepEqual(all.map((c) => c.identity.userAgent), ['admin-test/dev', 'admin-test/prod']);
    // The API's own path reaches the stage too.
    const apiPath = `/${record.apiId}/dev`;
    assert.deepEqual((await client(ADMIN, apiPath).listConnections()).map((c) => c.connectionId), [record.connectionId]);
  });

  test('GIVEN credentials granted the dev stages WHEN they list it THEN allowed; WHEN they list every stage or another THEN 403 ForbiddenException naming the resource', async () => {
    assert.equal((await client(MANAGER, '/dev').listConnections()).length, 1);
    await assert.rejects(client(MANAGER).listConnections(), (e: { status?: number; errorType?: string; message: string }) => {
      assert.equal(e.status, 403);
      assert.equal(e.errorType, 'ForbiddenException');
      assert.match(e.message, /is not authorized to perform: execute-api:ManageConnections on resource: arn:aws:execute-api:us-east-1:123456789012:\*\/\*\/GET\/@connections\/\*/);
      return true;
    });
    await assert.rejects(client(MANAGER, '/prod').listConnections(), { status: 403 });
    await assert.rejects(client(INVOKER, '/dev').listConnections(), { status: 403 });
  });

  test('GIVEN IAM enforced WHEN a request is unsigned or wrongly signed THEN 403', async () => {
    const unsigned = await rawRequest(`${gateway.url}/@wsgate/connections`);
    assert.equal(unsigned.status, 403);
    assert.equal(unsigned.headers['x-amzn-errortype'], 'ForbiddenException');
    await assert.rejects(client({ ...ADMIN, secretAccessKey: 'wrong' }).listConnections(), { status: 403 });
  });

  test('GIVEN another method or an unknown stage THEN 405 with Allow: GET, or 404 naming the stages', async () => {
    const post = await rawRequest(`${gateway.url}/dev/@wsgate/connections`, 'POST');
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, 'GET');
    const unknown = await rawRequest(`${gateway.url}/staging/@wsgate/connections`);
    assert.equal(unknown.status, 404);
    assert.match(JSON.parse(unknown.body).message, /No stage at \/staging: the stages are \/dev, \/prod/);
  });
});

describe('the admin API in the other IAM modes, and across a cluster', { timeout: 60_000 }, () => {
  test('GIVEN iam warn WHEN an unsigned listing comes THEN it is answered and a warning says what AWS-style IAM would refuse; GIVEN off THEN answered silently', async () => {
    const warnings: string[] = [];
    const warn = await start('warn', warnings);
    const off = await start('off', warnings);
    try {
      const answer = await rawRequest(`${warn.url}/dev/@wsgate/connections`);
      assert.equal(answer.status, 200);
      assert.deepEqual(JSON.parse(answer.body), { connections: [] });
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /iam warn: AWS would refuse the wsgate connection listing of stage dev \(API inline0\) with 403/);
      assert.equal((await rawRequest(`${off.url}/@wsgate/connections`)).status, 200);
      assert.equal(warnings.length, 1);
    } finally {
      await warn.stop();
      await off.stop();
    }
  });

  test('GIVEN two nodes on one Redis WHEN one is asked for the listing THEN it lists the connections of both', async () => {
    let redis: TestRedis | undefined;
    const nodes: Gateway[] = [];
    const clients: TestClient[] = [];
    try {
      redis = await testRedis();
      const keyPrefix = redis.newPrefix();
      const app = inlineApp();
      for (const nodeId of ['node-a', 'node-b']) {
        nodes.push(await Gateway.start(app, { log: false, invocationMode: 'in-process', tls: false, redis: redis.url, nodeId, cluster: { keyPrefix }, credentials: [{ ...ADMIN, allow: 'all' }] }));
      }
      for (const node of nodes) clients.push(await TestClient.connect(node.endpoints()[0].url));
      const listing = new ManagementClient({ url: `${nodes[0].url}/dev`, credentials: ADMIN });
      // The shared registry records a connection a moment after its handshake.
      const deadline = Date.now() + 10_000;
      let nodeIds: string[] = [];
      while (nodeIds.length < 2 && Date.now() < deadline) {
        nodeIds = (await listing.listConnections()).map((c) => c.nodeId).sort();
        if (nodeIds.length < 2) await new Promise((r) => setTimeout(r, 20));
      }
      assert.deepEqual(nodeIds, ['node-a', 'node-b']);
    } finally {
      for (const c of clients) c.ws.terminate();
      for (const node of nodes) await node.stop();
      await redis?.close();
    }
  });
});
