import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ApiGatewayManagementApiClient, ForbiddenException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { Gateway } from '../../../src/gateway/gateway.js';
import type { GatewayOptions } from '../../../src/gateway/options.js';
import { TestClient } from '../support/client.js';
import { buildManagementApp } from '../support/management-fixture.js';

const here = dirname(fileURLToPath(import.meta.url));
const SCRIPT = join(here, '../fixtures/scripts/post-to-connection.mjs');
const BACKEND = { accessKeyId: 'AKIAWSGATEBACKEND01', secretAccessKey: 'backend-secret-key' };
const run = promisify(execFile);

interface Answer { ok: boolean; name?: string; status?: number; forbidden?: boolean; message?: string }

describe('IAM on the management API: enforce, warn, off; external callers', { timeout: 120_000 }, () => {
  let assembly: string;
  const gateways: Gateway[] = [];
  const clients: TestClient[] = [];

  before(() => {
    assembly = buildManagementApp(join(mkdtempSync(join(tmpdir(), 'wsgate-events-')), 'events.jsonl'));
  });
  after(async () => {
    for (const c of clients) c.ws.terminate();
    for (const g of gateways) await g.stop();
  });

  const start = async (options: GatewayOptions) => {
    const gateway = await Gateway.start(assembly, { log: false, invocationMode: 'in-process', ...options });
    gateways.push(gateway);
    return gateway;
  };
  const connect = async (gateway: Gateway) => {
    const client = await TestClient.connect(gateway.endpoints()[0].url);
    clients.push(client);
    client.send(JSON.stringify({ action: 'whoami' }));
    return { client, id: (JSON.parse(await client.next(30_000)) as { connectionId: string }).connectionId };
  };
  const postUnsigned = (gateway: Gateway, id: string) => fetch(`${gateway.url}/dev/@connections/${encodeURIComponent(id)}`, { method: 'POST', body: 'unsigned' });

  describe('enforce (the default)', () => {
    let gateway: Gateway;
    before(async () => { gateway = await start({ credentials: [{ ...BACKEND, allow: ['execute-api:ManageConnections'] }] }); });

    test('GIVEN an unsigned request WHEN it posts THEN 403 ForbiddenException "Missing Authentication Token", nothing delivered', async () => {
      const { client, id } = await connect(gateway);
      const res = await postUnsigned(gateway, id);
      assert.equal(res.status, 403);
      assert.equal(res.headers.get('x-amzn-errortype'), 'ForbiddenException');
      assert.deepEqual(await res.json(), { message: 'Missing Authentication Token' });
      client.send(JSON.stringify({ action: 'whoami' }));
      assert.match(await client.next(), /connectionId/, 'the next frame is the answer, not the refused post');
    });

    test('GIVEN an external script with the configured credentials WHEN it posts over HTTPS THEN the client receives it', async () => {
      const { client, id } = await connect(gateway);
      const env = { ...process.env, AWS_ACCESS_KEY_ID: BACKEND.accessKeyId, AWS_SECRET_ACCESS_KEY: BACKEND.secretAccessKey, NODE_EXTRA_CA_CERTS: gateway.caCertPath };
      const { stdout } = await run(process.execPath, [SCRIPT, gateway.endpoints()[0].managementUrl, id, 'from a script'], { env, timeout: 30_000 });
      assert.deepEqual(JSON.parse(stdout) as Answer, { ok: true, status: 200 });
      assert.equal(await client.next(), 'from a script');
    });

    test('GIVEN an external script with a wrong secret WHEN it posts THEN it gets ForbiddenException (instanceof)', async () => {
      const { id } = await connect(gateway);
      const env = { ...process.env, AWS_ACCESS_KEY_ID: BACKEND.accessKeyId, AWS_SECRET_ACCESS_KEY: 'not-the-secret', NODE_EXTRA_CA_CERTS: gateway.caCertPath };
      const { stdout } = await run(process.execPath, [SCRIPT, gateway.endpoints()[0].managementUrl, id, 'nope'], { env, timeout: 30_000 });
      const answer = JSON.parse(stdout) as Answer;
      assert.deepEqual({ ok: answer.ok, name: answer.name, forbidden: answer.forbidden, status: answer.status }, { ok: false, name: 'ForbiddenException', forbidden: true, status: 403 });
      assert.match(answer.message ?? '', /signature we calculated does not match/);
    });

    test('GIVEN credentials the gateway does not know WHEN the SDK posts THEN ForbiddenException', async () => {
      const { id } = await connect(gateway);
      const sdk = new ApiGatewayManagementApiClient({ endpoint: `${gateway.url}/dev`, region: 'us-east-1', credentials: { accessKeyId: 'AKIAUNKNOWNCALLER01', secretAccessKey: 'x' } });
      await assert.rejects(sdk.send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.from('x') })), (e: unknown) => e instanceof ForbiddenException && /security token included in the request is invalid/.test(e.message));
    });
  });

  describe('warn', () => {
    let gateway: Gateway;
    const warnings: string[] = [];
    before(async () => { gateway = await start({ iam: 'warn', warn: (line) => warnings.push(line) }); });

    test('GIVEN a function without the grant WHEN it posts THEN the post is delivered and one line says which grant AWS would require', async () => {
      const { client } = await connect(gateway);
      client.send(JSON.stringify({ action: 'stranger', form: 'execute-api', op: 'post', data: 'allowed with a warning' }));
      const frames = [await client.next(30_000), await client.next(30_000)];
      assert.ok(frames.includes('allowed with a warning'), JSON.stringify(frames));
      const line = warnings.find((w) => w.includes('PostToConnection'));
      assert.ok(line, JSON.stringify(warnings));
      assert.match(line, /^\[wsgate\] iam warn: AWS would refuse PostToConnection \S+ with 403 ForbiddenException: .*is not authorized to perform: execute-api:ManageConnections/);
      assert.match(line, /grant execute-api:ManageConnections on arn:aws:execute-api:us-east-1:123456789012:\w+\/dev\/POST\/@connections\/\S+ to role ManageStack\/StrangerServiceRole\w+ \(webSocketApi.grantManageConnections\(fn\)/);
    });

    test('GIVEN an unsigned request WHEN it posts THEN it is delivered, with a warning', async () => {
      const { client, id } = await connect(gateway);
      assert.equal((await postUnsigned(gateway, id)).status, 200);
      assert.equal(await client.next(), 'unsigned');
      assert.ok(warnings.some((w) => w.includes('Missing Authentication Token')));
    });
  });

  describe('off', () => {
    test('GIVEN iam off WHEN an unsigned request posts THEN it is delivered and nothing is logged', async () => {
      const warnings: string[] = [];
      const gateway = await start({ iam: 'off', warn: (line) => warnings.push(line) });
      const { client, id } = await connect(gateway);
      assert.equal((await postUnsigned(gateway, id)).status, 200);
      assert.equal(await client.next(), 'unsigned');
      assert.deepEqual(warnings, []);
    });
  });
});
