/**
 * Cluster failure behaviour with real node processes (`wsgate serve --redis`) on a private Redis:
 * Redis restarted, one node cut off from Redis (a TCP proxy between it and Redis is cut), a node
 * drained with SIGTERM, a node killed with SIGKILL. Runs in that order on the same three nodes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect as netConnect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { WebSocketApi, WebSocketStage } from '../../../src/apigatewayv2/index.js';
import { WebSocketLambdaIntegration } from '../../../src/apigatewayv2/integrations/index.js';
import { App, Stack } from '../../../src/core/index.js';
import * as lambda from '../../../src/lambda/index.js';
import { TestClient, eventually, readEvents } from '../support/client.js';
import { startRedisServer, type RedisServerProcess } from '../../registry/support/redis.js';

const BACKEND = { accessKeyId: 'AKIAWSGATECLUSTER02', secretAccessKey: 'cluster-secret' };

/** Polls an async check until it gives something, bounded in time. */
async function until<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** $default answers the caller's connection id and the body; $disconnect records its event. */
function buildApp(eventLog: string): string {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'wsgate-cluster-')) });
  const stack = new Stack(app, 'ClusterStack');
  const fn = (id: string, code: string) => new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline(code), environment: { EVENT_LOG: eventLog },
  });
  const api = new WebSocketApi(stack, 'Api');
  new WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev', autoDeploy: true });
  api.addRoute('$default', {
    integration: new WebSocketLambdaIntegration('Echo', fn('Echo', 'exports.handler = async (e) => ({ body: JSON.stringify({ id: e.requestContext.connectionId, body: e.body }) });')),
    returnResponse: true,
  });
  api.addRoute('$disconnect', {
    integration: new WebSocketLambdaIntegration('Gone', fn('Gone', `const fs = require('fs');
exports.handler = async (e) => { fs.appendFileSync(process.env.EVENT_LOG, JSON.stringify(e) + '\\n'); return {}; };`)),
  });
  return app.synth().directory;
}

interface Node {
  readonly id: string;
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<number | null>;
}

async function startNode(id: string, assembly: string, redisUrl: string): Promise<Node> {
  const child = spawn(process.execPath, [
    '--conditions=wsgate-source', '--import', 'tsx', 'src/cli/main.ts', 'serve', assembly, '--port', '0', '--quiet', '--no-tls', '--in-process',
    '--redis', redisUrl, '--node-id', id, '--credentials', `${BACKEND.accessKeyId}:${BACKEND.secretAccessKey}=execute-api:ManageConnections`,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let out = '';
  child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node ${id} did not start in 30 s: ${out}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ws:\/\/(127\.0\.0\.1:\d+)\/dev/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://${m[1]}`);
      }
    });
    void exited.then((code) => reject(new Error(`node ${id} exited with ${code}: ${out}`)));
  });
  return { id, child, url, exited };
}

/** A TCP proxy to Redis that can be cut (every connection dropped, new ones refused) and healed. */
class CuttableProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private cut = false;

  constructor(private readonly targetPort: number) {
    this.server = createServer((client) => {
      if (this.cut) return client.destroy();
      const upstream = netConnect(this.targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }

  public async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    return `redis://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  public cutOff(): void {
    this.cut = true;
    for (const s of this.sockets) s.destroy();
  }

  public heal(): void {
    this.cut = false;
  }

  public close(): Promise<void> {
    this.cutOff();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('cluster failures with node processes', { timeout: 240_000 }, () => {
  let redis: RedisServerProcess;
  let proxy: CuttableProxy;
  let eventLog: string;
  const nodes: Node[] = [];
  const clients: TestClient[] = [];

  before(async () => {
    redis = await startRedisServer();
    proxy = new CuttableProxy(redis.port);
    const proxied = await proxy.listen();
    eventLog = join(mkdtempSync(join(tmpdir(), 'wsgate-events-')), 'events.jsonl');
    const assembly = buildApp(eventLog);
    // Node 2 reaches Redis through the proxy, so it alone can be cut off.
    nodes.push(...await Promise.all([startNode('n0', assembly, redis.url), startNode('n1', assembly, redis.url), startNode('n2', assembly, proxied)]));
  });
  after(async () => {
    for (const c of clients) c.ws.terminate();
    for (const n of nodes) n.child.kill('SIGKILL');
    await Promise.all(nodes.map((n) => n.exited));
    await proxy?.close();
    await redis?.stop();
  });

  const connectTo = async (node: Node) => {
    const client = await TestClient.connect(`${node.url.replace('http', 'ws')}/dev`);
    clients.push(client);
    client.send('hello');
    const { id } = JSON.parse(await client.next()) as { id: string };
    return { client, id };
  };
  const echoes = async (client: TestClient) => {
    client.send('still there?');
    return (JSON.parse(await client.next()) as { body: string }).body === 'still there?';
  };
  /** PostToConnection through `node`, no SDK retries: the status, and how long it took. */
  const post = async (node: Node, id: string, data: string) => {
    const sdk = new ApiGatewayManagementApiClient({ endpoint: `${node.url}/dev`, region: 'us-east-1', credentials: BACKEND, maxAttempts: 1 });
    const started = Date.now();
    const status = await sdk.send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.from(data) }))
      .then((out) => out.$metadata.httpStatusCode ?? 0, (e: { $metadata?: { httpStatusCode?: number } }) => e.$metadata?.httpStatusCode ?? 0);
    return { status, ms: Date.now() - started };
  };
  const ready = async (node: Node) => (await fetch(`${node.url}/readyz`)).status === 200;

  test('GIVEN Redis restarted WHEN it is down THEN nodes serve their clients and cross-node calls fail fast; WHEN back THEN every connection is registered again', async () => {
    const a = await connectTo(nodes[0]);
    const b = await connectTo(nodes[1]);
    assert.equal((await post(nodes[0], b.id, 'before')).status, 200);
    assert.equal(await b.client.next(), 'before');

    await redis.kill();
    assert.equal(await echoes(a.client), true, 'node 0 still serves its client');
    assert.equal(await echoes(b.client), true, 'node 1 still serves its client');
    const during = await post(nodes[0], b.id, 'during');
    assert.equal(during.status, 503);
    assert.ok(during.ms < 3000, `failed fast (${during.ms} ms)`);
    await until(async () => ((await ready(nodes[0])) ? undefined : true), 10_000, 'node 0 not ready');

    await redis.restart();
    await until(async () => ((await Promise.all(nodes.map(ready))).every(Boolean) ? true : undefined), 20_000, 'all nodes ready again');
    await until(async () => ((await post(nodes[0], b.id, 'after')).status === 200 ? true : undefined), 15_000, 'the post after the restart');
    assert.equal(await b.client.next(), 'after');
    assert.equal((await post(nodes[1], a.id, 'back')).status, 200);
    assert.equal(await a.client.next(), 'back');
  });

  test('GIVEN one node cut off from Redis WHEN it stays cut THEN it serves its clients, the others answer 410 for its connections after the TTL; WHEN healed THEN they are registered again', async () => {
    const c = await connectTo(nodes[2]);
    assert.equal((await post(nodes[0], c.id, 'reachable')).status, 200);
    assert.equal(await c.client.next(), 'reachable');

    proxy.cutOff();
    assert.equal(await echoes(c.client), true, 'the cut-off node still serves its client');
    const gone = await until(async () => {
      const r = await post(nodes[0], c.id, 'x');
      assert.ok(r.ms < 3000 && [503, 410].includes(r.status), `answered ${r.status} in ${r.ms} ms`);
      return r.status === 410 ? r : undefined;
    }, 25_000, 'its connections to leave the registry');
    assert.equal(gone.status, 410);

    proxy.heal();
    await until(async () => ((await post(nodes[0], c.id, 'healed')).status === 200 ? true : undefined), 20_000, 'the node to register its connection again');
    assert.equal(await eventually(() => c.client.frames.find((f) => f === 'healed')), 'healed');
  });

  test('GIVEN a node drained with SIGTERM THEN its clients get 1001 and $disconnect runs, the other nodes are unaffected, and its connections are gone', async () => {
    const d = await connectTo(nodes[1]);
    const other = await connectTo(nodes[0]);
    nodes[1].child.kill('SIGTERM');
    assert.equal((await d.client.waitClosed(15_000)).code, 1001);
    assert.equal(await nodes[1].exited, 0);
    const disconnect = await eventually(() => readEvents(eventLog).find((e) => e.requestContext?.connectionId === d.id));
    assert.equal(disconnect.requestContext.disconnectStatusCode, 1001);
    assert.equal(await echoes(other.client), true);
    assert.equal((await post(nodes[0], d.id, 'x')).status, 410);
    assert.equal((await post(nodes[2], other.id, 'fine')).status, 200);
    assert.equal(await other.client.next(), 'fine');
  });

  test('GIVEN a node killed with SIGKILL THEN its connections leave the registry within 15 s and posts to them get 410, never a hang', async () => {
    const e = await connectTo(nodes[2]);
    const killedAt = Date.now();
    nodes[2].child.kill('SIGKILL');
    await nodes[2].exited;
    await until(async () => {
      const r = await post(nodes[0], e.id, 'x');
      assert.ok(r.ms < 3000 && [503, 410].includes(r.status), `answered ${r.status} in ${r.ms} ms`);
      return r.status === 410 ? true : undefined;
    }, 20_000, 'the killed node\'s connection to leave the registry');
    const elapsed = Date.now() - killedAt;
    assert.ok(elapsed <= 16_000, `gone after ${elapsed} ms`);
  });
});
