import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayMetrics } from '../../../src/gateway/metrics/metrics.js';

describe('GatewayMetrics', () => {
  test('renders counters, the latency histogram and the connection gauge in Prometheus text format', async () => {
    // GIVEN
    const m = new GatewayMetrics();
    const route = { apiId: 'abcdefghij', stage: 'dev', route: 'sendMessage' };
    // WHEN
    m.markConnect({ ...route, route: '$connect' });
    m.markMessage(route);
    m.markMessage(route, 2);
    m.markIntegrationError(route);
    m.markClientError(route);
    m.markExecutionError(route);
    m.observeIntegrationLatency(route, 3);
    m.observeIntegrationLatency(route, 40_000);
    m.connectionOpened('abcdefghij', 'dev');
    m.connectionOpened('abcdefghij', 'dev');
    m.connectionClosed('abcdefghij', 'dev');
    const { contentType, body } = await m.render();
    // THEN
    assert.equal(contentType, 'text/plain; version=0.0.4; charset=utf-8');
    const labels = 'ApiId="abcdefghij",Stage="dev",Route="sendMessage"';
    assert.match(body, /^# TYPE ConnectCount counter$/m);
    assert.match(body, /^ConnectCount\{ApiId="abcdefghij",Stage="dev",Route="\$connect"\} 1$/m);
    for (const [name, value] of [['MessageCount', 3], ['IntegrationError', 1], ['ClientError', 1], ['ExecutionError', 1]] as const) {
      assert.ok(body.includes(`\n${name}{${labels}} ${value}\n`), `${name} ${value}`);
    }
    assert.ok(body.includes(`IntegrationLatency_bucket{le="2",${labels}} 0\n`));
    assert.ok(body.includes(`IntegrationLatency_bucket{le="5",${labels}} 1\n`));
    assert.ok(body.includes(`IntegrationLatency_bucket{le="29000",${labels}} 1\n`));
    assert.ok(body.includes(`IntegrationLatency_bucket{le="+Inf",${labels}} 2\n`));
    assert.ok(body.includes(`IntegrationLatency_sum{${labels}} 40003\n`));
    assert.ok(body.includes(`IntegrationLatency_count{${labels}} 2\n`));
    assert.ok(body.includes('wsgate_connections{ApiId="abcdefghij",Stage="dev"} 1\n'));
  });

  test('label values are escaped', async () => {
    const m = new GatewayMetrics();
    m.markMessage({ apiId: 'a', stage: 'd"v', route: 'back\\slash' });
    assert.ok((await m.render()).body.includes('MessageCount{ApiId="a",Stage="d\\"v",Route="back\\\\slash"} 1'));
  });
});
