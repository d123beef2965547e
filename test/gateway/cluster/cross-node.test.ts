import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApiGatewayManagementApiClient, DeleteConnectionCommand, GetConnectionCommand, GoneException, PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { Gateway } from '../../../src/gateway/gateway.js';
import { eventually, readEvents } from '../support/client.js';
import { startCluster, type ClusterFixture } from '../support/cluster-fixture.js';

const BACKEND = { accessKeyId: 'AKIAWSGATECLUSTER01', secretAccessKey: 'cluster-secret' };

describe('cluster mode: three nodes on one Redis', { timeout: 120_000 }, () => {
  let cluster: ClusterFixture;
  let nodes: readonly Gateway[];
  let eventLog: string;

  before(async () => {
    cluster = await startCluster(3, 'node-', BACKEND);
    ({ nodes, eventLog } = cluster);
  });
  after(() => cluster?.stop());

  const sdk = (node: Gateway) => new ApiGatewayManagementApiClient({ endpoint: `${node.url}/dev`, region: 'us-east-1', credentials: BACKEND, maxAttempts: 1 });
  const connectTo = (node: Gateway) => cluster.connectTo(node, { 'User-Agent': 'cluster-test' });

  test('GIVEN a client on node 1 WHEN node 0 gets PostToConnection for it THEN the client receives the data (200)', async () => {
    const { client, id } = await connectTo(nodes[1]);
    const out = await sdk(nodes[0]).send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.from('across nodes') }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.equal(await client.next(), 'across nodes');
  });

  test('GIVEN a client on node 2 WHEN node 0 gets GetConnection THEN the holding node answers with ISO dates and the identity', async () => {
    const { id } = await connectTo(nodes[2]);
    const out = await sdk(nodes[0]).send(new GetConnectionCommand({ ConnectionId: id }));
    assert.ok(out.ConnectedAt instanceof Date && out.LastActiveAt instanceof Date);
    assert.deepEqual(out.Identity, { SourceIp: '127.0.0.1', UserAgent: 'cluster-test' });
  });

  test('GIVEN a client on node 1 WHEN node 2 gets DeleteConnection THEN it closes with 1000 and $disconnect runs; then it is gone everywhere', async () => {
    const { client, id } = await connectTo(nodes[1]);
    const out = await sdk(nodes[2]).send(new DeleteConnectionCommand({ ConnectionId: id }));
    assert.equal(out.$metadata.httpStatusCode, 204);
    assert.equal((await client.waitClosed()).code, 1000);
    const disconnect = await eventually(() => readEvents(eventLog).find((e) => e.requestContext?.eventType === 'DISCONNECT' && e.requestContext.connectionId === id));
    assert.equal(disconnect.requestContext.disconnectReason, 'Connection Closed Normally');
    for (const node of nodes) {
      await assert.rejects(sdk(node).send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.from('x') })), GoneException);
    }
  });

  test('GIVEN a connection id no node holds WHEN any node gets a call THEN 410, without waiting', async () => {
    const started = Date.now();
    await assert.rejects(sdk(nodes[0]).send(new GetConnectionCommand({ ConnectionId: 'AAAAAAAAAAAAAAA=' })), GoneException);
    assert.ok(Date.now() - started < 2000);
  });

  test('GIVEN every node WHEN /readyz is asked THEN each is ready and names itself', async () => {
    for (const [i, node] of nodes.entries()) {
      const res = await fetch(`${node.url}/readyz`);
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { nodeId: string }).nodeId, `node-${i}`);
    }
  });
});
