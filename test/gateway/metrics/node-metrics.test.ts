/**
 * The node-level metrics: the connections a node holds and the management calls it passed to other
 * nodes (by outcome, with their latency), labelled with the node, in an exposition that a strict
 * Prometheus text reader accepts whole.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayMetrics, crossNodeOutcome } from '../../../src/gateway/metrics/metrics.js';
import { CLUSTER_ERRORS, ClusterError } from '../../../src/registry/cluster-errors.js';
import { parsePrometheusText, sampleValue } from './prometheus-text.js';

describe('GatewayMetrics node-level metrics', () => {
  test('GIVEN connections and cross-node calls WHEN rendered THEN the node gauge, the calls by outcome and the latency histogram carry the node label, and the text parses', async () => {
    // GIVEN
    const m = new GatewayMetrics();
    m.nameNode('node-"7"');
    m.markMessage({ apiId: 'abcdefghij', stage: 'dev', route: 'sendMessage' });
    m.observeIntegrationLatency({ apiId: 'abcdefghij', stage: 'dev', route: 'sendMessage' }, 4);
    m.connectionOpened('abcdefghij', 'dev');
    m.connectionOpened('abcdefghij', 'prod');
    m.connectionOpened('abcdefghij', 'prod');
    m.connectionClosed('abcdefghij', 'dev');
    // WHEN
    m.crossNodeCall('POST', 0.8);
    m.crossNodeCall('POST', 3);
    m.crossNodeCall('GET', 1.5);
    m.crossNodeCall('POST', 5001, new ClusterError(CLUSTER_ERRORS.NODE_TIMEOUT, 'no answer'));
    m.crossNodeCall('DELETE', 0.4, new ClusterError(CLUSTER_ERRORS.NODE_NOT_ALIVE, 'dead'));
    const families = parsePrometheusText((await m.render()).body);
    // THEN
    const node = { node: 'node-"7"' };
    assert.equal(families.get('wsgate_node_connections')?.type, 'gauge');
    assert.equal(sampleValue(families, 'wsgate_node_connections', node), 2);
    assert.equal(families.get('wsgate_cross_node_calls_total')?.type, 'counter');
    const calls = (method: string, outcome: string) => sampleValue(families, 'wsgate_cross_node_calls_total', { ...node, method, outcome });
    assert.equal(calls('POST', 'answered'), 2);
    assert.equal(calls('GET', 'answered'), 1);
    assert.equal(calls('POST', 'timeout'), 1);
    assert.equal(calls('DELETE', 'node_gone'), 1);
    // Every method and outcome is there from the start, at 0.
    assert.equal(calls('GET', 'unavailable'), 0);
    assert.equal(families.get('wsgate_cross_node_calls_total')?.samples.length, 15);
    const h = 'wsgate_cross_node_call_duration_seconds';
    assert.equal(families.get(h)?.type, 'histogram');
    assert.equal(sampleValue(families, `${h}_bucket`, { ...node, le: '0.0005' }), 1);
    assert.equal(sampleValue(families, `${h}_bucket`, { ...node, le: '0.001' }), 2);
    assert.equal(sampleValue(families, `${h}_bucket`, { ...node, le: '0.0025' }), 3);
    assert.equal(sampleValue(families, `${h}_bucket`, { ...node, le: '0.005' }), 4);
    assert.equal(sampleValue(families, `${h}_bucket`, { ...node, le: '5' }), 4);
    assert.equal(sampleValue(families, `${h}_bucket`, { ...node, le: '10' }), 5);
    assert.equal(sampleValue(families, `${h}_count`, node), 5);
    assert.ok(Math.abs(sampleValue(families, `${h}_sum`, node) - 5.0067) < 1e-9);
    // The CloudWatch-named metrics are still there, and still parse.
    assert.equal(families.get('IntegrationLatency')?.type, 'histogram');
    assert.equal(sampleValue(families, 'MessageCount', { Route: 'sendMessage' }), 1);
  });

  test('GIVEN the failures of a cross-node call WHEN classified THEN each cluster error has its outcome', () => {
    const outcome = (kind: (typeof CLUSTER_ERRORS)[keyof typeof CLUSTER_ERRORS]) => crossNodeOutcome(new ClusterError(kind, 'x'));
    assert.equal(outcome(CLUSTER_ERRORS.NODE_NOT_ALIVE), 'node_gone');
    assert.equal(outcome(CLUSTER_ERRORS.NODE_TIMEOUT), 'timeout');
    assert.equal(outcome(CLUSTER_ERRORS.NODE_HANDLER_FAILED), 'failed');
    for (const kind of [CLUSTER_ERRORS.BUS_UNAVAILABLE, CLUSTER_ERRORS.BUS_CLOSED, CLUSTER_ERRORS.NODE_NOT_LISTENING, CLUSTER_ERRORS.REGISTRY_UNAVAILABLE]) assert.equal(outcome(kind), 'unavailable');
    assert.equal(crossNodeOutcome(new Error('anything else')), 'failed');
  });

  test('GIVEN a fresh gateway WHEN rendered before any traffic THEN the exposition parses', async () => {
    const families = parsePrometheusText((await new GatewayMetrics().render()).body);
    assert.equal(sampleValue(families, 'wsgate_node_connections'), 0);
  });
});

describe('the Prometheus text reader of these tests', () => {
  test('GIVEN malformed expositions WHEN read THEN each is refused', () => {
    const bad = [
      'no_newline 1',
      'bad-name 1\n',
      'x{a="1" 1\n',
      'x{a="1",a="2"} 1\n',
      'x one\n',
      'x 1\nx 2\n',
      'x 1\ny 1\nx 2\n',
      'x 1\n# TYPE x counter\n',
      '# TYPE x counter\n# TYPE x counter\nx 1\n',
      '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n',
      '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n',
      '# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 1\n',
    ];
    for (const text of bad) assert.throws(() => parsePrometheusText(text), Error, JSON.stringify(text));
    assert.equal(parsePrometheusText('# HELP x a "help" \\\\ text\n# TYPE x gauge\nx{a="q\\"uote",b="new\\nline"} -1.5e3\n').get('x')?.samples[0].value, -1500);
  });
});
