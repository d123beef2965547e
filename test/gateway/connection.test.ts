/**
 * A connection's sending: frames sent during one turn of the event loop are held and written
 * together when the turn ends, in order, within the slow-client bound. Real ws server and clients
 * over loopback.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocketServer, type WebSocket } from 'ws';
import { Connection } from '../../src/gateway/connection.js';
import { resolveOptions, type GatewayLimits } from '../../src/gateway/options.js';
import { EndpointMap, type Endpoint } from '../../src/gateway/transport/endpoint-map.js';
import { loadGatewayModel, type TemplateSource } from '../../src/model/load-template.js';
import { TestClient } from './support/client.js';

const TEMPLATE: TemplateSource = {
  stackName: 'Conn',
  template: {
    Resources: {
      Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'conn', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' } },
      Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: 'dev' } },
    },
  },
};

/** The server's side of each client, in the order the clients connected. */
interface Served {
  readonly url: string;
  readonly sockets: WebSocket[];
  next(): Promise<WebSocket>;
  close(): Promise<void>;
}

async function serve(): Promise<Served> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const sockets: WebSocket[] = [];
  const waiting: Array<(ws: WebSocket) => void> = [];
  wss.on('connection', (ws) => {
    const w = waiting.shift();
    if (w) w(ws);
    else sockets.push(ws);
  });
  const address = wss.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${address.port}`,
    sockets,
    next: () => new Promise((resolve) => {
      const ready = sockets.shift();
      if (ready) resolve(ready);
      else waiting.push(resolve);
    }),
    close: () => new Promise((resolve) => {
      for (const c of wss.clients) c.terminate();
      wss.close(() => resolve());
    }),
  };
}

const endpoint: Endpoint = new EndpointMap(loadGatewayModel([TEMPLATE]).apis).list()[0];

function connectionOf(ws: WebSocket, limits: Partial<GatewayLimits> = {}): Connection {
  return new Connection(ws, {
    connectionId: 'AAAAAAAAAAAAAAA=', apiId: endpoint.api.apiId, stage: 'dev', domainName: '127.0.0.1',
    connectedAt: Date.now(), identity: { sourceIp: '127.0.0.1' },
  }, endpoint, '127.0.0.1', resolveOptions({ limits }).limits, () => undefined);
}

const endOfTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Connection sending', { timeout: 30_000 }, () => {
  let served: Served;
  before(async () => { served = await serve(); });
  after(async () => { await served.close(); });

  test('GIVEN an open connection WHEN frames are sent in one turn THEN they are held until the turn ends, then arrive in order', async () => {
    // GIVEN
    const client = await TestClient.connect(served.url);
    const conn = connectionOf(await served.next());
    try {
      // WHEN
      const sent = ['one', 'two', 'three'].map((text) => conn.send(text));
      // THEN
      assert.deepEqual(sent, [true, true, true]);
      assert.ok(conn.ws.bufferedAmount > 0, 'the frames wait for the end of the turn');
      await endOfTurn();
      assert.deepEqual([await client.next(), await client.next(), await client.next()], ['one', 'two', 'three']);
    } finally {
      conn.stopTimers();
      client.ws.terminate();
    }
  });

  test('GIVEN frames held for a client near its limit WHEN more is sent THEN the held frames are written first and the send goes through', async () => {
    // GIVEN
    const client = await TestClient.connect(served.url);
    const conn = connectionOf(await served.next(), { maxBufferedBytes: 4096 });
    try {
      const frames = ['a', 'b', 'c'].map((c) => c.repeat(2000));
      // WHEN
      const sent = frames.map((text) => conn.send(text));
      // THEN
      assert.deepEqual(sent, [true, true, true]);
      assert.equal(conn.closeCause, undefined);
      assert.deepEqual([await client.next(), await client.next(), await client.next()], frames);
    } finally {
      conn.stopTimers();
      client.ws.terminate();
    }
  });

  test('GIVEN more connections than may hold frames at once WHEN each is sent a frame in one turn THEN the first are written before the turn ends', async () => {
    // GIVEN
    const count = 70;
    const clients = await Promise.all(Array.from({ length: count }, () => TestClient.connect(served.url)));
    const conns: Connection[] = [];
    for (let i = 0; i < count; i++) conns.push(connectionOf(await served.next()));
    try {
      // WHEN
      for (const [i, conn] of conns.entries()) conn.send(`frame ${i}`);
      // THEN
      assert.equal(conns[0].ws.bufferedAmount, 0, 'the first connection was written when the list was full');
      assert.ok(conns[count - 1].ws.bufferedAmount > 0, 'the last one waits for the end of the turn');
      const received = await Promise.all(clients.map((c) => c.next()));
      assert.deepEqual(received, clients.map((_, i) => `frame ${i}`));
    } finally {
      for (const conn of conns) conn.stopTimers();
      for (const c of clients) c.ws.terminate();
    }
  });

  test('GIVEN a closed connection WHEN a frame is sent THEN it is refused as gone', async () => {
    // GIVEN
    const client = await TestClient.connect(served.url);
    const conn = connectionOf(await served.next());
    conn.close({ code: 1000, reason: 'done' });
    try {
      // WHEN / THEN
      assert.equal(conn.post('late'), 'gone');
      assert.equal((await client.waitClosed()).code, 1000);
    } finally {
      conn.stopTimers();
      client.ws.terminate();
    }
  });
});
