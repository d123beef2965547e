import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Gateway } from '../../src/gateway/gateway.js';
import { resolveOptions } from '../../src/gateway/options.js';
import { TestClient, eventually, readEvents } from './support/client.js';
import { buildChatApp, wsgateLibrary } from './support/chat-fixture.js';

describe('gateway limits and shutdown', { timeout: 60_000 }, () => {
  let dir: string;
  let eventLog: string;

  before(async () => {
    eventLog = join(mkdtempSync(join(tmpdir(), 'wsgate-events-')), 'events.jsonl');
    dir = buildChatApp(await wsgateLibrary(), eventLog);
  });

  const disconnectOf = async (tag: string) => {
    const id = (await eventually(() => readEvents(eventLog).find((e) => e.queryStringParameters?.tag === tag))).requestContext.connectionId;
    return eventually(() => readEvents(eventLog).find((e) => e.requestContext?.eventType === 'DISCONNECT' && e.requestContext.connectionId === id), 10_000, 'the $disconnect event');
  };

  describe('timers', () => {
    let gateway: Gateway;
    before(async () => {
      gateway = await Gateway.start(dir, { log: false, invocationMode: 'in-process', limits: { idleTimeoutMs: 300, maxConnectionDurationMs: 1200 } });
    });
    after(() => gateway.stop());

    test('an idle connection is closed with 1001 and $disconnect runs', async () => {
      const tag = randomUUID();
      const c = await TestClient.connect(`${gateway.endpoints()[0].url}?tag=${tag}`);
      assert.equal((await c.waitClosed()).code, 1001);
      const d = await disconnectOf(tag);
      assert.equal(d.requestContext.disconnectStatusCode, 1001);
      assert.equal(d.requestContext.disconnectReason, 'Going away');
    });

    test('a busy connection is still closed at the maximum duration', async () => {
      const tag = randomUUID();
      const c = await TestClient.connect(`${gateway.endpoints()[0].url}?tag=${tag}`);
      const keepBusy = setInterval(() => c.ws.readyState === c.ws.OPEN && c.send('{"action":"oneway"}'), 100);
      try {
        assert.equal((await c.waitClosed(10_000)).code, 1001);
      } finally {
        clearInterval(keepBusy);
      }
      assert.equal((await disconnectOf(tag)).requestContext.disconnectStatusCode, 1001);
    });
  });

  test('stop closes every connection with 1001, runs $disconnect for each, and refuses new ones', async () => {
    const gateway = await Gateway.start(dir, { log: false });
    const url = gateway.endpoints()[0].url;
    const tags = [randomUUID(), randomUUID()];
    const clients = await Promise.all(tags.map((t) => TestClient.connect(`${url}?tag=${t}`)));
    await gateway.stop();
    for (const c of clients) assert.equal((await c.waitClosed()).code, 1001);
    for (const t of tags) assert.equal((await disconnectOf(t)).requestContext.disconnectReason, 'Going away');
    await assert.rejects(TestClient.connect(url), /ECONNREFUSED/);
  });

  test('a client that does not read is closed once too much is queued for it', async () => {
    const gateway = await Gateway.start(dir, { log: false, invocationMode: 'in-process', limits: { maxBufferedBytes: 64 * 1024 } });
    const socket = await rawClient(new URL(gateway.endpoints()[0].url));
    try {
      // The raw client never reads: its receive buffer fills, then the gateway's send queue.
      // `bounce` answers with the body and records nothing (no event log growing by megabytes).
      // 30 KB frames: under the 32 KB frame limit, so only the queue can end the connection.
      const frame = maskedTextFrame(`{"action":"bounce","pad":"${'p'.repeat(30 * 1024)}"}`);
      const sender = setInterval(() => { if (!socket.destroyed && socket.writableLength < 1024 * 1024) socket.write(frame); }, 2);
      try {
        const d = await eventually(() => readEvents(eventLog).find((e) => e.requestContext?.eventType === 'DISCONNECT' && e.requestContext.disconnectStatusCode === 1008), 30_000, 'the slow client to be closed');
        assert.equal(d.requestContext.disconnectReason, 'Slow client: too much data queued');
      } finally {
        clearInterval(sender);
      }
    } finally {
      socket.destroy();
      await gateway.stop();
    }
  });

  test('limits are validated: positive numbers, frames no larger than messages', () => {
    assert.equal(resolveOptions().limits.maxMessageBytes, 128 * 1024);
    assert.equal(resolveOptions().limits.maxFrameBytes, 32 * 1024);
    assert.equal(resolveOptions().limits.idleTimeoutMs, 600_000);
    assert.equal(resolveOptions().limits.maxConnectionDurationMs, 7_200_000);
    assert.throws(() => resolveOptions({ limits: { idleTimeoutMs: 0 } }), /idleTimeoutMs must be a positive number/);
    assert.throws(() => resolveOptions({ limits: { maxFrameBytes: 200_000 } }), /cannot exceed maxMessageBytes/);
  });
});

/** A WebSocket client made by hand over TCP, which completes the handshake and then never reads. */
function rawClient(url: URL): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.write(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
    socket.once('data', (d: Buffer) => {
      socket.pause();
      if (d.toString().startsWith('HTTP/1.1 101')) resolve(socket);
      else reject(new Error(`handshake refused: ${d.toString().split('\r\n')[0]}`));
    });
    socket.once('error', reject);
  });
}

/** One masked text frame, as a client must send it (payloads up to 64 KB). */
function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const header = Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const masked = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; i++) masked[i] = payload[i] ^ mask[i % 4];
  return Buffer.concat([header, mask, masked]);
}
