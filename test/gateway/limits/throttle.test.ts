import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as apigwv2 from '../../../src/apigatewayv2/index.js';
import { WebSocketMockIntegration } from '../../../src/apigatewayv2/integrations/index.js';
import type { CfnResource } from '../../../src/core/index.js';
import type { CounterStore, QuotaResult, TakeResult } from '../../../src/gateway/limits/counter-store.js';
import { LIMITS_ERRORS, limitErrorFrame, limitResponse } from '../../../src/gateway/limits/limits-errors.js';
import { MemoryCounterStore } from '../../../src/gateway/limits/memory-counter-store.js';
import { DEFAULT_THROTTLE, Throttle, rateAndBurst, resolveThrottleOptions, type ThrottleOptions, type ThrottleVerdict } from '../../../src/gateway/limits/throttle.js';
import type { GatewayModel } from '../../../src/model/gateway-model.js';
import { loadGatewayModel } from '../../../src/model/load-template.js';
import { readTemplateSources } from '../../../src/model/load-source.js';
import { newStack } from '../../support/synth.js';

/**
 * Routes $connect, sendmessage, echo, ping. Stage `open` sets no throttle; `limited` sets a
 * default (rate 2, burst 3) and RouteSettings for sendmessage (1, 1) and ping (burst 10 only);
 * `routeonly` sets RouteSettings for sendmessage (rate 5 only) and no default.
 */
function fixture(): { model: GatewayModel; apiId: string } {
  const { app, stack } = newStack();
  const api = new apigwv2.WebSocketApi(stack, 'Api');
  for (const routeKey of ['$connect', 'sendmessage', 'echo', 'ping']) {
    api.addRoute(routeKey, { integration: new WebSocketMockIntegration(`Mock${routeKey}`) });
  }
  new apigwv2.WebSocketStage(stack, 'Open', { webSocketApi: api, stageName: 'open' });
  const limited = new apigwv2.WebSocketStage(stack, 'Limited', { webSocketApi: api, stageName: 'limited', throttle: { rateLimit: 2, burstLimit: 3 } });
  (limited.node.defaultChild as CfnResource).addPropertyOverride('RouteSettings', {
    sendmessage: { ThrottlingRateLimit: 1, ThrottlingBurstLimit: 1 },
    ping: { ThrottlingBurstLimit: 10 },
  });
  const routeOnly = new apigwv2.WebSocketStage(stack, 'RouteOnly', { webSocketApi: api, stageName: 'routeonly' });
  (routeOnly.node.defaultChild as CfnResource).addPropertyOverride('RouteSettings', { sendmessage: { ThrottlingRateLimit: 5 } });
  const model = loadGatewayModel(readTemplateSources(app));
  return { model, apiId: model.apis[0].apiId };
}

function setup(options: Partial<ThrottleOptions> = {}, store: CounterStore = new MemoryCounterStore()) {
  const { model, apiId } = fixture();
  let now = 1_000_000;
  const throttle = new Throttle(model, store, resolveThrottleOptions(options), () => now);
  return {
    throttle,
    apiId,
    message: (stage: string, routeKey: string) => throttle.admitMessage(apiId, stage, routeKey),
    connect: (stage: string) => throttle.admitConnect(apiId, stage),
    advance: (ms: number) => { now += ms; },
  };
}

const codeOf = (v: ThrottleVerdict) => (v.allowed ? 'ok' : v.refusal.code);
/** The answers to `n` calls, counted by outcome. */
function tally(n: number, call: () => ThrottleVerdict | Promise<ThrottleVerdict>): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const v = call() as ThrottleVerdict;
    out[codeOf(v)] = (out[codeOf(v)] ?? 0) + 1;
  }
  return out;
}

describe('stage and route throttle resolution', () => {
  test('GIVEN DefaultRouteSettings and RouteSettings WHEN resolved THEN a route setting overrides the default field by field, each route with its own bucket', () => {
    const { throttle, apiId } = setup();
    assert.deepEqual(throttle.routeLimit(apiId, 'limited', 'sendmessage'), { key: `route:${apiId}/limited/sendmessage`, rate: 1, burst: 1 });
    assert.deepEqual(throttle.routeLimit(apiId, 'limited', 'ping'), { key: `route:${apiId}/limited/ping`, rate: 2, burst: 10 });
    assert.deepEqual(throttle.routeLimit(apiId, 'limited', 'echo'), { key: `route:${apiId}/limited/echo`, rate: 2, burst: 3 });
    assert.deepEqual(throttle.routeLimit(apiId, 'limited', '$connect'), { key: `route:${apiId}/limited/$connect`, rate: 2, burst: 3 });
    // A key that is no route of the API shares one bucket with the stage default.
    assert.deepEqual(throttle.routeLimit(apiId, 'limited', 'nosuchroute'), { key: `route:${apiId}/limited/*`, rate: 2, burst: 3 });
  });

  test('GIVEN no settings, or settings on one route only WHEN resolved THEN the other routes have no stage limit', () => {
    const { throttle, apiId } = setup();
    for (const routeKey of ['$connect', 'sendmessage', 'echo', 'nosuchroute']) assert.equal(throttle.routeLimit(apiId, 'open', routeKey), undefined);
    // Rate 5 without a burst: a burst of one second's worth.
    assert.deepEqual(throttle.routeLimit(apiId, 'routeonly', 'sendmessage'), { key: `route:${apiId}/routeonly/sendmessage`, rate: 5, burst: 5 });
    assert.equal(throttle.routeLimit(apiId, 'routeonly', 'echo'), undefined);
  });

  test('GIVEN half-set settings WHEN read THEN the missing half follows the other', () => {
    assert.equal(rateAndBurst(undefined, undefined), undefined);
    assert.deepEqual(rateAndBurst(0.5, undefined), { rate: 0.5, burst: 1 });
    assert.deepEqual(rateAndBurst(undefined, 4), { rate: 4, burst: 4 });
    assert.deepEqual(rateAndBurst(0, 0), { rate: 0, burst: 0 });
  });
});

describe('Throttle admission', () => {
  test('GIVEN route buckets WHEN messages flood one route THEN it gets 429 while other routes and stages still answer', () => {
    const { message, advance } = setup();
    assert.deepEqual(tally(5, () => message('limited', 'sendmessage')), { ok: 1, [LIMITS_ERRORS.ROUTE_THROTTLED.code]: 4 });
    assert.deepEqual(message('limited', 'sendmessage'), { allowed: false, refusal: LIMITS_ERRORS.ROUTE_THROTTLED, retryAfterMs: 1000 });
    assert.deepEqual(tally(5, () => message('limited', 'echo')), { ok: 3, [LIMITS_ERRORS.ROUTE_THROTTLED.code]: 2 });
    assert.deepEqual(tally(100, () => message('open', 'sendmessage')), { ok: 100 });
    assert.deepEqual(tally(10, () => message('routeonly', 'sendmessage')), { ok: 5, [LIMITS_ERRORS.ROUTE_THROTTLED.code]: 5 });
    advance(1000);
    assert.deepEqual(tally(3, () => message('limited', 'sendmessage')), { ok: 1, [LIMITS_ERRORS.ROUTE_THROTTLED.code]: 2 });
    assert.deepEqual(tally(3, () => message('limited', 'echo')), { ok: 2, [LIMITS_ERRORS.ROUTE_THROTTLED.code]: 1 });
  });

  test('GIVEN the stage default WHEN connects flood THEN the $connect bucket refuses with 429', () => {
    const { connect } = setup();
    assert.deepEqual(tally(5, () => connect('limited')), { ok: 3, [LIMITS_ERRORS.ROUTE_THROTTLED.code]: 2 });
    assert.deepEqual(tally(50, () => connect('open')), { ok: 50 });
  });

  test('GIVEN the defaults WHEN read THEN they are API Gateway\'s: 500 new connections/s, 10 000 requests/s with burst 5 000', () => {
    assert.deepEqual(DEFAULT_THROTTLE, { connectionsPerSecond: 500, connectionBurst: 500, requestsPerSecond: 10_000, requestBurst: 5_000 });
    assert.deepEqual(resolveThrottleOptions(), DEFAULT_THROTTLE);
    assert.deepEqual(resolveThrottleOptions({ requestBurst: 10 }), { ...DEFAULT_THROTTLE, requestBurst: 10 });
    assert.throws(() => resolveThrottleOptions({ connectionsPerSecond: -1 }), /Gateway throttle connectionsPerSecond must be a number of at least 0/);
    assert.throws(() => resolveThrottleOptions({ requestBurst: Number.NaN }), RangeError);
  });

  test('GIVEN the default gateway-wide limits WHEN 501 connects arrive at once THEN 500 pass and the next waits 2 ms', () => {
    const { connect, advance } = setup();
    assert.deepEqual(tally(500, () => connect('open')), { ok: 500 });
    assert.deepEqual(connect('open'), { allowed: false, refusal: LIMITS_ERRORS.CONNECTIONS_THROTTLED, retryAfterMs: 2 });
    advance(2);
    assert.equal(codeOf(connect('open') as ThrottleVerdict), 'ok');
    advance(1000);
    assert.deepEqual(tally(600, () => connect('open')), { ok: 500, [LIMITS_ERRORS.CONNECTIONS_THROTTLED.code]: 100 });
  });

  test('GIVEN the default gateway-wide limits WHEN requests flood THEN the burst of 5 000 passes, then 10 000 per second', () => {
    const { message, connect, throttle, advance } = setup();
    assert.deepEqual(tally(5001, () => message('open', 'echo')), { ok: 5000, [LIMITS_ERRORS.REQUESTS_THROTTLED.code]: 1 });
    // Connects and management calls share the request bucket.
    assert.equal(codeOf(connect('open') as ThrottleVerdict), LIMITS_ERRORS.REQUESTS_THROTTLED.code);
    assert.deepEqual(throttle.admitManagementCall(), { allowed: false, refusal: LIMITS_ERRORS.MANAGEMENT_THROTTLED, retryAfterMs: 1 });
    // 10 000/s is 10 per millisecond.
    advance(1);
    assert.deepEqual(tally(11, () => message('open', 'echo')), { ok: 10, [LIMITS_ERRORS.REQUESTS_THROTTLED.code]: 1 });
    // A full second refills at most the burst.
    advance(1000);
    assert.deepEqual(tally(5001, () => message('open', 'echo')), { ok: 5000, [LIMITS_ERRORS.REQUESTS_THROTTLED.code]: 1 });
  });

  test('GIVEN Infinity WHEN set for the gateway-wide rates THEN there is no gateway-wide limit', () => {
    const { message, connect } = setup({ requestsPerSecond: Infinity, connectionsPerSecond: Infinity });
    assert.deepEqual(tally(20_000, () => message('open', 'echo')), { ok: 20_000 });
    assert.deepEqual(tally(2_000, () => connect('open')), { ok: 2_000 });
  });

  test('GIVEN a refusal by the first bucket WHEN a later bucket exists THEN the later bucket is not touched', () => {
    // Requests: burst 1, one more each millisecond. limited/echo: burst 3, rate 2.
    const { message, advance } = setup({ requestsPerSecond: 1000, requestBurst: 1 });
    const answers: string[] = [];
    const send = () => answers.push(codeOf(message('limited', 'echo') as ThrottleVerdict));
    send();
    send(); // refused by the request bucket: echo keeps its 2 tokens
    for (let i = 0; i < 3; i++) {
      advance(1);
      send();
    }
    const { REQUESTS_THROTTLED: requests, ROUTE_THROTTLED: route } = LIMITS_ERRORS;
    assert.deepEqual(answers, ['ok', requests.code, 'ok', 'ok', route.code]);
  });

  test('GIVEN a counter store that answers with promises WHEN admitting THEN the verdicts are the same', async () => {
    class PromiseCounterStore implements CounterStore {
      private readonly inner = new MemoryCounterStore();
      public take(key: string, rate: number, burst: number, now: number, cost?: number): Promise<TakeResult> {
        return Promise.resolve(this.inner.take(key, rate, burst, now, cost));
      }
      public consume(key: string, limit: number, start: number, end: number): Promise<QuotaResult> {
        return Promise.resolve(this.inner.consume(key, limit, start, end));
      }
    }
    const { message } = setup({ requestsPerSecond: 100, requestBurst: 2 }, new PromiseCounterStore());
    const answers: string[] = [];
    for (let i = 0; i < 3; i++) answers.push(codeOf(await message('limited', 'echo')));
    assert.deepEqual(answers, ['ok', 'ok', LIMITS_ERRORS.REQUESTS_THROTTLED.code]);
  });
});

describe('limits error catalogue', () => {
  test('GIVEN a throttled connect WHEN answered THEN HTTP 429 {"message":"Too Many Requests"}; a refused key 403 Forbidden', () => {
    assert.deepEqual(limitResponse(LIMITS_ERRORS.ROUTE_THROTTLED), {
      status: 429, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' }, body: '{"message":"Too Many Requests"}',
    });
    assert.equal(limitResponse(LIMITS_ERRORS.API_KEY_UNKNOWN).body, '{"message":"Forbidden"}');
    assert.equal(limitResponse(LIMITS_ERRORS.API_KEY_UNKNOWN).status, 403);
    assert.equal(limitResponse(LIMITS_ERRORS.QUOTA_EXCEEDED).body, '{"message":"Limit Exceeded"}');
    assert.equal(limitResponse(LIMITS_ERRORS.MANAGEMENT_THROTTLED).headers['x-amzn-errortype'], 'LimitExceededException');
  });

  test('GIVEN a throttled message WHEN answered THEN an error frame in API Gateway\'s shape', () => {
    assert.equal(limitErrorFrame(LIMITS_ERRORS.ROUTE_THROTTLED, 'Zq0lpfIyliACGbQ=', 'Zq1LaGLQliAFsbA='),
      '{"message": "Too Many Requests", "connectionId":"Zq0lpfIyliACGbQ=", "requestId":"Zq1LaGLQliAFsbA="}');
  });
});
