import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Gateway } from '../../src/gateway/gateway.js';
import type { InvocationRecord } from '../../src/gateway/options.js';
import { TestClient, eventually } from './support/client.js';
import { buildChatApp, wsgateLibrary } from './support/chat-fixture.js';

describe('the onInvocation observer', { timeout: 60_000 }, () => {
  let gateway: Gateway;
  const records: InvocationRecord[] = [];

  before(async () => {
    const eventLog = join(mkdtempSync(join(tmpdir(), 'wsgate-events-')), 'events.jsonl');
    gateway = await Gateway.start(buildChatApp(await wsgateLibrary(), eventLog), {
      log: false, invocationMode: 'in-process',
      onInvocation: (r) => { records.push(r); if (r.routeKey === 'boom') throw new Error('an observer bug must not break the gateway'); },
    });
  });
  after(() => gateway?.stop());

  test('GIVEN an observer WHEN a client connects, sends and leaves THEN each call is reported with its event, outcome and output', async () => {
    const client = await TestClient.connect(`${gateway.endpoints()[0].url}?tag=observed`);
    client.send(JSON.stringify({ action: 'echo', n: 1 }));
    await client.next();
    client.send(JSON.stringify({ action: 'boom' }));
    assert.match(await client.next(), /Internal server error/);
    client.close();
    const disconnect = await eventually(() => records.find((r) => r.eventType === 'DISCONNECT'));
    const connect = records.find((r) => r.eventType === 'CONNECT')!;
    const id = (connect.event.requestContext as { connectionId: string }).connectionId;
    assert.equal(connect.connectionId, id);
    assert.deepEqual(connect.outcome, { kind: 'answer', value: { statusCode: 200 } });
    const echo = records.find((r) => r.routeKey === 'echo')!;
    assert.equal(echo.eventType, 'MESSAGE');
    assert.equal(echo.event.body, JSON.stringify({ action: 'echo', n: 1 }));
    assert.equal(echo.outcome.kind, 'answer');
    assert.ok(echo.latencyMs >= 0 && echo.startedAt <= Date.now());
    const boom = records.find((r) => r.routeKey === 'boom')!;
    assert.equal(boom.outcome.kind, 'error');
    assert.equal(disconnect.connectionId, id);
    assert.equal(disconnect.routeKey, '$disconnect');
  });
});
