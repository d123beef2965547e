/**
 * Gateway nodes of one cluster in the test's process: the chat fixture served by `count` nodes on a
 * test Redis (its own key prefix), with a backend's credentials for the management API, and a way
 * to connect a client to a node and learn its connection id.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Gateway } from '../../../src/gateway/gateway.js';
import { testRedis, type TestRedis } from '../../registry/support/redis.js';
import { TestClient, eventually, readEvents } from './client.js';
import { buildChatApp, wsgateLibrary } from './chat-fixture.js';

export interface ClusterFixture {
  readonly nodes: readonly Gateway[];
  readonly eventLog: string;
  /** Connects a client to `node`; resolves with it and the connection id its $connect event named. */
  connectTo(node: Gateway, headers?: Record<string, string>): Promise<{ client: TestClient; id: string }>;
  /** Closes the clients, stops the nodes, deletes the Redis keys. */
  stop(): Promise<void>;
}

export async function startCluster(count: number, nodeIdPrefix: string, backend: { accessKeyId: string; secretAccessKey: string }): Promise<ClusterFixture> {
  const redis: TestRedis = await testRedis();
  const eventLog = join(mkdtempSync(join(tmpdir(), 'wsgate-events-')), 'events.jsonl');
  const assembly = buildChatApp(await wsgateLibrary(), eventLog);
  const keyPrefix = redis.newPrefix();
  const nodes: Gateway[] = [];
  const clients: TestClient[] = [];
  for (let i = 0; i < count; i++) {
    nodes.push(await Gateway.start(assembly, {
      log: false, invocationMode: 'in-process', redis: redis.url, nodeId: `${nodeIdPrefix}${i}`, cluster: { keyPrefix },
      credentials: [{ ...backend, allow: ['execute-api:ManageConnections'] }],
    }));
  }
  return {
    nodes,
    eventLog,
    async connectTo(node, headers) {
      const tag = randomUUID();
      const client = await TestClient.connect(`${node.endpoints()[0].url}?tag=${tag}`, { headers });
      clients.push(client);
      const connect = await eventually(() => readEvents(eventLog).find((e) => e.queryStringParameters?.tag === tag));
      return { client, id: connect.requestContext.connectionId as string };
    },
    async stop() {
      for (const c of clients) c.ws.terminate();
      for (const node of nodes) await node.stop();
      await redis.close();
    },
  };
}
