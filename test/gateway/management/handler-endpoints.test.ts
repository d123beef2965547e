import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Gateway } from '../../../src/gateway/gateway.js';
import { TestClient, eventually, readEvents } from '../support/client.js';
import { buildManagementApp } from '../support/management-fixture.js';

interface Answer {
  ok: boolean;
  endpoint: string;
  status?: number;
  name?: string;
  gone?: boolean;
  forbidden?: boolean;
  tooLarge?: boolean;
  limited?: boolean;
  connectedAtIsDate?: boolean;
  lastActiveAtIsDate?: boolean;
  identity?: Record<string, string>;
}

const FORMS = ['domain', 'callback', 'execute-api'] as const;

for (const invocationMode of ['isolated', 'in-process'] as const) {
  describe(`handlers reach the management API with the real AWS SDK over HTTPS (${invocationMode})`, { timeout: 120_000 }, () => {
    let gateway: Gateway;
    let eventLog: string;
    const clients: TestClient[] = [];

    before(async () => {
      eventLog = join(mkdtempSync(join(tmpdir(), 'wsgate-events-')), 'events.jsonl');
      gateway = await Gateway.start(buildManagementApp(eventLog), { log: false, invocationMode, limits: { maxBufferedBytes: 64 * 1024 } });
    });
    after(async () => {
      for (const c of clients) c.ws.terminate();
      await gateway?.stop();
    });

    const connect = async (): Promise<{ client: TestClient; id: string }> => {
      const client = await TestClient.connect(gateway.endpoints()[0].url);
      clients.push(client);
      client.send(JSON.stringify({ action: 'whoami' }));
      const { connectionId } = JSON.parse(await client.next(30_000)) as { connectionId: string };
      return { client, id: connectionId };
    };
    const ask = async (client: TestClient, request: Record<string, unknown>): Promise<Answer> => {
      client.send(JSON.stringify({ action: 'manage', ...request }));
      return JSON.parse(await client.next(30_000)) as Answer;
    };

    for (const form of FORMS) {
      test(`GIVEN two clients WHEN one's handler posts to the other through the ${form} endpoint THEN the other receives it`, async () => {
        const a = await connect();
        const b = await connect();
        const answer = await ask(a.client, { form, op: 'post', target: b.id, data: `hello via ${form}` });
        assert.deepEqual({ ok: answer.ok, status: answer.status }, { ok: true, status: 200 }, JSON.stringify(answer));
        assert.equal(await b.client.next(), `hello via ${form}`);
        const api = gateway.model.apis[0];
        const expected = form === 'domain' ? `https://127.0.0.1:${gateway.port}/dev` : `https://${api.apiId}.execute-api.us-east-1.amazonaws.com/dev`;
        assert.equal(answer.endpoint, expected);
      });
    }

    test('GIVEN a connection WHEN a handler calls GetConnection THEN the SDK parses ISO dates and the identity', async () => {
      const a = await connect();
      const answer = await ask(a.client, { form: 'execute-api', op: 'get' });
      assert.equal(answer.ok, true, JSON.stringify(answer));
      assert.equal(answer.connectedAtIsDate, true);
      assert.equal(answer.lastActiveAtIsDate, true);
      assert.deepEqual(answer.identity, { SourceIp: '127.0.0.1' });
    });

    test('GIVEN two clients WHEN a handler deletes the other THEN it closes with 1000 and $disconnect runs with "Connection Closed Normally"', async () => {
      const a = await connect();
      const b = await connect();
      const answer = await ask(a.client, { form: 'callback', op: 'delete', target: b.id });
      assert.deepEqual({ ok: answer.ok, status: answer.status }, { ok: true, status: 204 });
      assert.equal((await b.client.waitClosed()).code, 1000);
      const disconnect = await eventually(() => readEvents(eventLog).find((e) => e.requestContext?.connectionId === b.id), 15_000, 'the $disconnect event');
      assert.equal(disconnect.requestContext.disconnectStatusCode, 1000);
      assert.equal(disconnect.requestContext.disconnectReason, 'Connection Closed Normally');
    });

    test('GIVEN a closed connection WHEN a handler posts to it THEN the SDK throws GoneException (instanceof)', async () => {
      const a = await connect();
      const b = await connect();
      b.client.close();
      await b.client.waitClosed();
      // $disconnect runs once the connection has left the registry.
      await eventually(() => readEvents(eventLog).find((e) => e.requestContext?.connectionId === b.id), 15_000, 'the $disconnect event');
      const answer = await ask(a.client, { form: 'domain', op: 'post', target: b.id, data: 'too late' });
      assert.deepEqual({ ok: answer.ok, name: answer.name, gone: answer.gone, status: answer.status }, { ok: false, name: 'GoneException', gone: true, status: 410 });
    });

    test('GIVEN a function whose role lacks the grant WHEN it posts (enforce) THEN the SDK throws ForbiddenException naming the action', async () => {
      const a = await connect();
      a.client.send(JSON.stringify({ action: 'stranger', form: 'domain', op: 'post', data: 'not allowed' }));
      const answer = JSON.parse(await a.client.next(30_000)) as Answer & { message?: string };
      assert.deepEqual({ ok: answer.ok, name: answer.name, forbidden: answer.forbidden, status: answer.status }, { ok: false, name: 'ForbiddenException', forbidden: true, status: 403 });
      assert.match(answer.message ?? '', /assumed-role\/.+ is not authorized to perform: execute-api:ManageConnections on resource: arn:aws:execute-api:us-east-1:123456789012:[a-z0-9]{10}\/dev\/POST\/@connections\//);
    });

    test('GIVEN a client that does not read WHEN a handler floods it THEN the SDK throws LimitExceededException (429) and the connection stays open', async () => {
      const a = await connect();
      const b = await connect();
      (b.client.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
      const answer = await ask(a.client, { form: 'domain', op: 'flood', target: b.id, size: 100 * 1024, count: 400 });
      assert.deepEqual({ ok: answer.ok, name: answer.name, limited: answer.limited, status: answer.status }, { ok: false, name: 'LimitExceededException', limited: true, status: 429 });
      (b.client.ws as unknown as { _socket: { resume(): void } })._socket.resume();
      b.client.send(JSON.stringify({ action: 'whoami' }));
      await eventually(() => b.client.frames.find((f) => f.includes(b.id)), 15_000, 'an answer on the flooded connection');
      assert.equal(b.client.closed, undefined);
    });

    test('GIVEN 129 KB of data WHEN a handler posts it THEN the SDK throws PayloadTooLargeException (413)', async () => {
      const a = await connect();
      const answer = await ask(a.client, { form: 'domain', op: 'post', size: 129 * 1024 });
      assert.deepEqual({ ok: answer.ok, name: answer.name, tooLarge: answer.tooLarge, status: answer.status }, { ok: false, name: 'PayloadTooLargeException', tooLarge: true, status: 413 });
    });
  });
}
