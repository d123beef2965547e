/**
 * /metrics of the nodes of a cluster: each names itself in the node-level metrics, counts the
 * connections it holds, and counts (with their latency) the management calls it passed to the node
 * holding the connection; every exposition is valid Prometheus text.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiGatewayManagementApiClient, GetConnectionCommand, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { Gateway } from '../../../src/gateway/gateway.js';
import { startCluster, type ClusterFixture } from '../support/cluster-fixture.js';
import { parsePrometheusText, sampleValue, type Family } from './prometheus-text.js';

const BACKEND = { accessKeyId: 'AKIAWSGATEMETRICS01', secretAccessKey: 'metrics-secret' };

describe('cluster mode: node-level metrics', { timeout: 90_000 }, () => {
  let cluster: ClusterFixture;
  let nodes: readonly Gateway[];

  before(async () => {
    cluster = await startCluster(2, 'metrics-node-', BACKEND);
    nodes = cluster.nodes;
  });
  after(() => cluster?.stop());

  const scrape = async (node: Gateway): Promise<Map<string, Family>> => {
    const res = await fetch(`${node.url}/metrics`);
    assert.equal(res.status, 200);
    return parsePrometheusText(await res.text());
  };

  test('GIVEN a client on node 1 WHEN node 0 gets PostToConnection and GetConnection for it THEN node 0 counts two answered cross-node calls with their latency, and node 1 counts the connection', async () => {
    // GIVEN
    const { client, id } = await cluster.connectTo(nodes[1]);
    const sdk = new ApiGatewayManagementApiClient({ endpoint: `${nodes[0].url}/dev`, region: 'us-east-1', credentials: BACKEND, maxAttempts: 1 });
    // WHEN
    await sdk.send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.from('counted') }));
    assert.equal(await client.next(), 'counted');
    await sdk.send(new GetConnectionCommand({ ConnectionId: id }));
    // THEN
    const zero = await scrape(nodes[0]);
    const one = await scrape(nodes[1]);
    const node0 = { node: 'metrics-node-0' };
    assert.equal(sampleValue(zero, 'wsgate_cross_node_calls_total', { ...node0, method: 'POST', outcome: 'answered' }), 1);
    assert.equal(sampleValue(zero, 'wsgate_cross_node_calls_total', { ...node0, method: 'GET', outcome: 'answered' }), 1);
    assert.equal(sampleValue(zero, 'wsgate_cross_node_call_duration_seconds_count', node0), 2);
    assert.ok(sampleValue(zero, 'wsgate_cross_node_call_duration_seconds_sum', node0) > 0);
    assert.equal(sampleValue(zero, 'wsgate_node_connections', node0), 0);
    assert.equal(sampleValue(one, 'wsgate_node_connections', { node: 'metrics-node-1' }), 1);
    // The node that held the connection passed nothing on.
    assert.equal(sampleValue(one, 'wsgate_cross_node_call_duration_seconds_count', { node: 'metrics-node-1' }), 0);
  });
});
