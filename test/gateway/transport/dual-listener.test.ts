import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { Gateway } from '../../../src/gateway/gateway.js';
import { TestClient } from '../support/client.js';
import { buildChatApp, wsgateLibrary } from '../support/chat-fixture.js';

function openSecure(url: string, ca?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { ca, handshakeTimeout: 5000 });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

describe('one port, plain and TLS', { timeout: 60_000 }, () => {
  let gateway: Gateway;
  let ca: string;

  before(async () => {
    const eventLog = join(mkdtempSync(join(tmpdir(), 'wsgate-events-')), 'events.jsonl');
    // Isolated: in-process mode trusts the CA inside this process too (handlers share it), which this suite must not.
    gateway = await Gateway.start(buildChatApp(await wsgateLibrary(), eventLog), { log: false, stateDir: mkdtempSync(join(tmpdir(), 'wsgate-state-')) });
    ca = readFileSync(gateway.caCertPath!, 'utf8');
  });
  after(() => gateway?.stop());

  test('GIVEN the project CA WHEN a client connects with wss:// THEN the route answers over TLS', async () => {
    const endpoint = gateway.endpoints()[0];
    assert.equal(endpoint.secureUrl, endpoint.url.replace('ws://', 'wss://'));
    assert.equal(endpoint.managementUrl, `https://127.0.0.1:${gateway.port}/dev`);
    const ws = await openSecure(endpoint.secureUrl!, ca);
    const answer = new Promise<string>((resolve) => ws.once('message', (d) => resolve(d.toString())));
    ws.send(JSON.stringify({ action: 'bounce', n: 1 }));
    assert.equal(await answer, JSON.stringify({ action: 'bounce', n: 1 }));
    ws.close();
  });

  test('GIVEN a client that does not trust the CA WHEN it connects with wss:// THEN the certificate is refused', async () => {
    await assert.rejects(openSecure(gateway.endpoints()[0].secureUrl!), /self[- ]signed|unable to (get|verify)/i);
  });

  test('GIVEN the TLS port WHEN a plain ws:// client connects to the same port THEN it is served too', async () => {
    const client = await TestClient.connect(gateway.endpoints()[0].url);
    client.send(JSON.stringify({ action: 'bounce', plain: true }));
    assert.equal(await client.next(), JSON.stringify({ action: 'bounce', plain: true }));
    client.close();
  });

  test('GIVEN https WHEN a plain GET reaches a stage THEN it is 426 as over plain HTTP', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${gateway.secureUrl}/dev`, { ca, agent: false, timeout: 5000 }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 426);
  });

  test('GIVEN tls: false WHEN the gateway starts THEN it serves plain only and names no secure URL', async () => {
    const eventLog = join(mkdtempSync(join(tmpdir(), 'wsgate-events-')), 'events.jsonl');
    const plain = await Gateway.start(buildChatApp(await wsgateLibrary(), eventLog), { log: false, invocationMode: 'in-process', tls: false });
    try {
      assert.equal(plain.secureUrl, undefined);
      assert.equal(plain.endpoints()[0].secureUrl, undefined);
      assert.equal(plain.endpoints()[0].managementUrl, `http://127.0.0.1:${plain.port}/dev`);
    } finally {
      await plain.stop();
    }
  });
});
