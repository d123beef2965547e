/**
 * The gateway compatibility suite: real WebSocket clients over loopback against the chat fixture,
 * asserting API Gateway's behaviour (aws-websocket-behaviour.md §1–§3, §5, §6, §8) to the byte.
 * Run once with the app built by wsgate and once with the app built by aws-cdk-lib.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Gateway } from '../../../src/gateway/gateway.js';
import { TestClient, eventually, readEvents } from './client.js';
import { buildChatApp, type Library } from './chat-fixture.js';

const ID = /^[A-Za-z0-9_-]{15}=$/;
const CLF = /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/;

export function compatSuite(name: string, library: () => Promise<Library> | Library): void {
  describe(`gateway compatibility: ${name}`, { timeout: 120_000 }, () => {
    let gateway: Gateway;
    let url: string;
    let eventLog: string;
    const clients: TestClient[] = [];
    const connect = async (query = '', options: Parameters<typeof TestClient.connect>[1] = {}) => {
      const c = await TestClient.connect(`${url}${query}`, options);
      clients.push(c);
      return c;
    };
    const events = () => readEvents(eventLog);
    const connectEventOf = (tag: string) => eventually(() => events().find((e) => e.queryStringParameters?.tag === tag), 10_000, `the $connect event tagged ${tag}`);

    before(async () => {
      eventLog = join(mkdtempSync(join(tmpdir(), 'wsgate-events-')), 'events.jsonl');
      const dir = buildChatApp(await library(), eventLog);
      gateway = await Gateway.start(dir, { log: false, region: 'eu-west-1', account: '111122223333' });
      url = gateway.endpoints()[0].url;
    });

    after(async () => {
      for (const c of clients) c.ws.terminate();
      await gateway?.stop();
    });

    test('the endpoint is ws://host:port/{stage}; a plain GET gets 426; an unknown stage 403', async () => {
      assert.match(url, /^ws:\/\/127\.0\.0\.1:\d+\/dev$/);
      const plain = await fetch(url.replace(/^ws/, 'http'));
      assert.equal(plain.status, 426);
      await assert.rejects(TestClient.connect(url.replace(/\/dev$/, '/nope')), (e: { status?: number }) => e.status === 403);
    });

    test('$connect gets the event AWS sends: handshake headers without Connection/Upgrade, query maps, stage variables, no body', async () => {
      const tag = randomUUID();
      await connect(`?tag=${tag}&x=1&x=2`, { headers: { 'User-Agent': 'compat-test', 'X-Custom': 'v' } });
      const e = await connectEventOf(tag);
      assert.deepEqual(Object.keys(e), ['headers', 'multiValueHeaders', 'queryStringParameters', 'multiValueQueryStringParameters', 'stageVariables', 'requestContext', 'isBase64Encoded']);
      assert.equal(e.headers['User-Agent'], 'compat-test');
      assert.equal(e.headers['X-Custom'], 'v');
      assert.equal(e.headers.Connection, undefined);
      assert.equal(e.headers.Upgrade, undefined);
      assert.ok(e.headers['Sec-WebSocket-Key']);
      assert.deepEqual(e.multiValueHeaders['X-Custom'], ['v']);
      assert.deepEqual(e.queryStringParameters, { tag, x: '2' });
      assert.deepEqual(e.multiValueQueryStringParameters, { tag: [tag], x: ['1', '2'] });
      assert.deepEqual(e.stageVariables, { color: 'blue' });
      assert.equal(e.isBase64Encoded, false);
      const rc = e.requestContext;
      assert.deepEqual(Object.keys(rc), ['routeKey', 'eventType', 'extendedRequestId', 'requestTime', 'messageDirection', 'stage', 'connectedAt', 'requestTimeEpoch', 'identity', 'requestId', 'domainName', 'connectionId', 'apiId']);
      assert.equal(rc.routeKey, '$connect');
      assert.equal(rc.eventType, 'CONNECT');
      assert.equal(rc.messageDirection, 'IN');
      assert.equal(rc.stage, 'dev');
      assert.match(rc.connectionId, ID);
      assert.match(rc.requestId, ID);
      assert.equal(rc.extendedRequestId, rc.requestId);
      assert.match(rc.requestTime, CLF);
      assert.equal(typeof rc.connectedAt, 'number');
      assert.ok(rc.requestTimeEpoch >= rc.connectedAt);
      assert.deepEqual(rc.identity, { sourceIp: '127.0.0.1', userAgent: 'compat-test' });
      assert.equal(rc.domainName, new URL(url).host);
      assert.equal(rc.apiId, gateway.endpoints()[0].apiId);
    });

    test('$connect without a query string has no query keys, and identity has no userAgent when none was sent', async () => {
      const before = events().length;
      await connect();
      const e = await eventually(() => events().slice(before).find((x) => x.requestContext?.eventType === 'CONNECT'));
      assert.equal('queryStringParameters' in e, false);
      assert.equal('multiValueQueryStringParameters' in e, false);
      assert.deepEqual(e.requestContext.identity, { sourceIp: '127.0.0.1' });
    });

    test('$connect answering a non-2xx status refuses the handshake with that status; a throw 502; a timeout 504', async () => {
      await assert.rejects(connect('?reject=401'), (e: { status?: number }) => e.status === 401);
      await assert.rejects(connect('?reject=418'), (e: { status?: number }) => e.status === 418);
      await assert.rejects(connect('?throw=1'), (e: { status?: number }) => e.status === 502);
      await assert.rejects(connect('?slow=1'), (e: { status?: number }) => e.status === 504);
    });

    test('Sec-WebSocket-Protocol is answered only when the handler returns it', async () => {
      const chosen = await connect('?protocol=chat', { protocols: ['chat', 'other'] });
      assert.equal(chosen.ws.protocol, 'chat');
      const plain = await connect();
      assert.equal(plain.upgradeHeaders['sec-websocket-protocol'], undefined);
      await assert.rejects(connect('', { protocols: ['chat'] }), /no subprotocol/);
    });

    test('a two-way route sends the handler body (statusCode ignored); its event is a MESSAGE with the AWS fields only', async () => {
      const tag = randomUUID();
      const c = await connect(`?tag=${tag}`);
      const connectionId = (await connectEventOf(tag)).requestContext.connectionId;
      c.send(JSON.stringify({ action: 'echo', text: 'hi' }));
      const reply = JSON.parse(await c.next());
      assert.equal(reply.routeKey, 'echo');
      assert.equal(reply.body, '{"action":"echo","text":"hi"}');
      const e = await eventually(() => events().find((x) => x.requestContext?.connectionId === connectionId && x.requestContext.eventType === 'MESSAGE'));
      assert.deepEqual(Object.keys(e), ['stageVariables', 'requestContext', 'body', 'isBase64Encoded']);
      assert.deepEqual(Object.keys(e.requestContext), ['routeKey', 'messageId', 'eventType', 'extendedRequestId', 'requestTime', 'messageDirection', 'stage', 'connectedAt', 'requestTimeEpoch', 'identity', 'requestId', 'domainName', 'connectionId', 'apiId']);
      assert.match(e.requestContext.messageId, ID);
      assert.equal(e.requestContext.connectedAt, (await connectEventOf(tag)).requestContext.connectedAt);
    });

    test('module state stays warm between invocations', async () => {
      const c = await connect();
      c.send('{"action":"echo"}');
      const first = JSON.parse(await c.next()).calls;
      c.send('{"action":"echo"}');
      assert.equal(JSON.parse(await c.next()).calls, first + 1);
    });

    test('a one-way route sends nothing back; a MOCK route answers nothing and fails nothing', async () => {
      const c = await connect();
      c.send('{"action":"oneway"}');
      c.send('{"action":"mock"}');
      c.send('{"action":"echo","n":1}');
      assert.equal(JSON.parse(await c.next()).routeKey, 'echo');
    });

    test('no matching route and no $default: the exact Forbidden frame; non-JSON too; the connection stays open', async () => {
      const c = await connect();
      c.send('{"action":"unknown"}');
      const frame = await c.next();
      assert.match(frame, /^\{"message": "Forbidden", "connectionId":"[A-Za-z0-9_-]{15}=", "requestId":"[A-Za-z0-9_-]{15}="\}$/);
      c.send('not json');
      assert.match(await c.next(), /^\{"message": "Forbidden", /);
      c.send('{"action":"echo"}');
      assert.equal(JSON.parse(await c.next()).routeKey, 'echo');
    });

    test('a handler that throws: the exact Internal server error frame; a timeout: Endpoint request timed out', async () => {
      const c = await connect();
      c.send('{"action":"boom"}');
      assert.match(await c.next(), /^\{"message": "Internal server error", "connectionId":"[A-Za-z0-9_-]{15}=", "requestId":"[A-Za-z0-9_-]{15}="\}$/);
      c.send('{"action":"slow"}');
      assert.match(await c.next(), /^\{"message": "Endpoint request timed out", "connectionId":"[A-Za-z0-9_-]{15}=", "requestId":"[A-Za-z0-9_-]{15}="\}$/);
    });

    test('handlers that exit, loop forever or throw on import do not take the gateway or other routes down', async () => {
      const c = await connect();
      c.send('{"action":"exit"}');
      assert.match(await c.next(), /"Internal server error"/);
      c.send('{"action":"loop"}');
      assert.match(await c.next(), /"Endpoint request timed out"/);
      c.send('{"action":"broken"}');
      assert.match(await c.next(), /"Internal server error"/);
      c.send('{"action":"echo"}');
      assert.equal(JSON.parse(await c.next()).routeKey, 'echo');
      c.send('{"action":"loop"}');
      assert.match(await c.next(), /"Endpoint request timed out"/);
    });

    test('$disconnect runs with the client close code and reason; 1005 when the client gave none', async () => {
      const tagA = randomUUID();
      const a = await connect(`?tag=${tagA}`);
      const idA = (await connectEventOf(tagA)).requestContext.connectionId;
      a.close(4000, 'bye');
      const dA = await eventually(() => events().find((x) => x.requestContext?.eventType === 'DISCONNECT' && x.requestContext.connectionId === idA));
      assert.deepEqual(Object.keys(dA), ['headers', 'multiValueHeaders', 'stageVariables', 'requestContext', 'isBase64Encoded']);
      assert.deepEqual(dA.headers, { Host: new URL(url).host, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' });
      assert.equal(dA.requestContext.disconnectStatusCode, 4000);
      assert.equal(dA.requestContext.disconnectReason, 'bye');
      assert.deepEqual(Object.keys(dA.requestContext), ['routeKey', 'disconnectStatusCode', 'eventType', 'extendedRequestId', 'requestTime', 'messageDirection', 'disconnectReason', 'stage', 'connectedAt', 'requestTimeEpoch', 'identity', 'requestId', 'domainName', 'connectionId', 'apiId']);

      const tagB = randomUUID();
      const b = await connect(`?tag=${tagB}`);
      const idB = (await connectEventOf(tagB)).requestContext.connectionId;
      b.close();
      const dB = await eventually(() => events().find((x) => x.requestContext?.eventType === 'DISCONNECT' && x.requestContext.connectionId === idB));
      assert.equal(dB.requestContext.disconnectStatusCode, 1005);
      assert.equal(dB.requestContext.disconnectReason, 'Client-side close frame status not set');
    });

    test('a binary frame closes with 1003; a frame over 32 KB and a message over 128 KB close with 1009', async () => {
      const bin = await connect();
      bin.send(Buffer.from([1, 2, 3]), { binary: true });
      assert.equal((await bin.waitClosed()).code, 1003);

      const bigFrame = await connect();
      bigFrame.send('x'.repeat(33 * 1024));
      assert.equal((await bigFrame.waitClosed()).code, 1009);

      const bigMessage = await connect();
      for (let i = 0; i < 5; i++) bigMessage.send('y'.repeat(30 * 1024), { fin: i === 4 });
      assert.equal((await bigMessage.waitClosed()).code, 1009);

      const fits = await connect();
      for (let i = 0; i < 4; i++) fits.send(i === 0 ? `{"action":"echo","pad":"${'z'.repeat(30 * 1024 - 30)}` : i === 3 ? '"}' : 'z'.repeat(30 * 1024), { fin: i === 3 });
      assert.equal(JSON.parse(await fits.next()).routeKey, 'echo');
    });

    test('metrics are served under the CloudWatch names', async () => {
      const text = await (await fetch(`${gateway.url}/metrics`)).text();
      for (const name of ['ConnectCount', 'MessageCount', 'IntegrationError', 'ClientError', 'ExecutionError', 'IntegrationLatency']) {
        assert.match(text, new RegExp(`^# TYPE ${name} `, 'm'));
      }
      assert.match(text, /ConnectCount\{ApiId="[a-z0-9]{10}",Stage="dev",Route="\$connect"\} \d+/);
    });
  });
}
