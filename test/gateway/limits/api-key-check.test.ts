import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as apigateway from '../../../src/apigateway/index.js';
import * as apigwv2 from '../../../src/apigatewayv2/index.js';
import { WebSocketMockIntegration } from '../../../src/apigatewayv2/integrations/index.js';
import { ApiKeyCheck, type ApiKeyAdmission } from '../../../src/gateway/limits/api-key-check.js';
import { ApiKeyRegistry } from '../../../src/gateway/limits/api-keys.js';
import type { CounterStore, MaybePromise, QuotaResult, TakeResult } from '../../../src/gateway/limits/counter-store.js';
import { LIMITS_ERRORS } from '../../../src/gateway/limits/limits-errors.js';
import { MemoryCounterStore } from '../../../src/gateway/limits/memory-counter-store.js';
import type { GatewayModel, RouteModel } from '../../../src/model/gateway-model.js';
import { loadGatewayModel } from '../../../src/model/load-template.js';
import { readTemplateSources } from '../../../src/model/load-source.js';
import { newStack } from '../../support/synth.js';

const VALID = 'valid-key-0123456789abcdefgh';
const DISABLED = 'disabled-key-0123456789abcdef';
const LONE = 'lone-key-0123456789abcdefghij';
const ROUTED = 'routed-key-0123456789abcdefg';
const PLAN_START = Date.parse('2026-03-04T10:00:00.000Z');

/**
 * An API with a $connect and a sendmessage route that require a key and a ping route that does
 * not; stages dev, prod and test. Plan Basic covers dev and prod (rate 1/s, burst 2, 5 a day with
 * an offset of 2). The Routed plan covers test with a per-route throttle on sendmessage.
 */
function fixture(): { model: GatewayModel; apiId: string; routes: Map<string, RouteModel> } {
  const { app, stack } = newStack();
  const api = new apigwv2.WebSocketApi(stack, 'Api', { apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY });
  for (const [routeKey, apiKeyRequired] of [['$connect', true], ['sendmessage', true], ['ping', false]] as const) {
    new apigwv2.WebSocketRoute(stack, `Route${routeKey}`, { webSocketApi: api, routeKey, apiKeyRequired, integration: new WebSocketMockIntegration(`Mock${routeKey}`) });
  }
  const dev = new apigwv2.WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev' });
  const prod = new apigwv2.WebSocketStage(stack, 'Prod', { webSocketApi: api, stageName: 'prod' });
  const testStage = new apigwv2.WebSocketStage(stack, 'Test', { webSocketApi: api, stageName: 'test' });
  const plan = new apigwv2.UsagePlan(stack, 'Basic', {
    apiStages: [{ api, stage: dev }],
    throttle: { rateLimit: 1, burstLimit: 2 },
    quota: { limit: 5, offset: 2, period: apigwv2.Period.DAY },
  });
  plan.addApiStage({ api, stage: prod });
  plan.addApiKey(new apigwv2.ApiKey(stack, 'Valid', { value: VALID }));
  plan.addApiKey(new apigwv2.ApiKey(stack, 'Disabled', { value: DISABLED, enabled: false }));
  new apigwv2.ApiKey(stack, 'Lone', { value: LONE });
  const routed = new apigateway.CfnUsagePlan(stack, 'Routed', {
    apiStages: [{ apiId: api.apiId, stage: testStage.stageName, throttle: { sendmessage: { rateLimit: 1, burstLimit: 1 } } }],
    throttle: { rateLimit: 100, burstLimit: 100 },
  });
  const routedKey = new apigwv2.ApiKey(stack, 'RoutedKey', { value: ROUTED });
  new apigateway.CfnUsagePlanKey(stack, 'RoutedLink', { keyId: routedKey.keyId, keyType: 'API_KEY', usagePlanId: routed.ref });
  const model = loadGatewayModel(readTemplateSources(app));
  return { model, apiId: model.apis[0].apiId, routes: new Map(model.apis[0].routes) };
}

/** A counter store answering with promises, as a networked one does. */
class PromiseCounterStore implements CounterStore {
  private readonly inner = new MemoryCounterStore();
  public take(key: string, rate: number, burst: number, now: number, cost?: number): Promise<TakeResult> {
    return Promise.resolve(this.inner.take(key, rate, burst, now, cost));
  }
  public consume(key: string, limit: number, start: number, end: number): Promise<QuotaResult> {
    return Promise.resolve(this.inner.consume(key, limit, start, end));
  }
}

function setup(store: CounterStore = new MemoryCounterStore()) {
  const f = fixture();
  let now = PLAN_START;
  const check = new ApiKeyCheck({
    usagePlans: f.model.usagePlans,
    registry: ApiKeyRegistry.create(f.model.usagePlans),
    store,
    clock: () => now,
  });
  const route = (key: string) => f.routes.get(key)!;
  const raw = (stage: string, routeKey: string, value: string | undefined) => check.check(f.apiId, stage, route(routeKey), value);
  return {
    ...f,
    raw,
    /** The answer of a check that must not wait for the store. */
    check: (stage: string, routeKey: string, value: string | undefined) => sync(raw(stage, routeKey, value)),
    setNow: (t: number) => { now = t; },
  };
}

function sync<T>(value: MaybePromise<T>): T {
  assert.ok(!(value instanceof Promise), 'answered synchronously');
  return value as T;
}

const kindOf = (a: ApiKeyAdmission) => (a.kind === 'ok' ? 'ok' : a.refusal.code);

describe('ApiKeyCheck', () => {
  test('GIVEN a route that requires a key WHEN the key is missing, unknown, disabled or in no plan of the stage THEN 403 Forbidden', () => {
    const { check } = setup();
    for (const [stage, value, expected] of [
      ['dev', undefined, LIMITS_ERRORS.API_KEY_MISSING],
      ['dev', '', LIMITS_ERRORS.API_KEY_MISSING],
      ['dev', 'unknown-key-0123456789abcdef', LIMITS_ERRORS.API_KEY_UNKNOWN],
      ['dev', DISABLED, LIMITS_ERRORS.API_KEY_DISABLED],
      ['dev', LONE, LIMITS_ERRORS.API_KEY_NOT_IN_PLAN],
      ['test', VALID, LIMITS_ERRORS.API_KEY_NOT_IN_PLAN],
    ] as const) {
      const answer = check(stage, '$connect', value);
      assert.deepEqual(answer, { kind: 'refused', status: 403, refusal: expected }, `${stage} ${String(value)}`);
      assert.equal(expected.message, 'Forbidden');
    }
  });

  test('GIVEN a valid key in the plan WHEN checked THEN ok with identity.apiKey and identity.apiKeyId', () => {
    const { check, model } = setup();
    const keyId = [...model.usagePlans.apiKeys.values()].find((k) => k.value === VALID)!.keyId;
    assert.deepEqual(check('dev', '$connect', VALID), { kind: 'ok', identity: { apiKey: VALID, apiKeyId: keyId } });
    assert.deepEqual(check('prod', 'sendmessage', VALID), { kind: 'ok', identity: { apiKey: VALID, apiKeyId: keyId } });
  });

  test('GIVEN a route that requires no key WHEN any key or none is sent THEN ok without identity, and nothing is counted', () => {
    const { check } = setup();
    for (let i = 0; i < 10; i++) assert.deepEqual(check('dev', 'ping', i % 2 ? undefined : 'whatever'), { kind: 'ok' });
    assert.equal(check('dev', '$connect', VALID).kind, 'ok');
  });

  test('GIVEN the plan throttle (rate 1/s, burst 2) WHEN 3 requests come at once THEN the 3rd is 429 Too Many Requests, and one more is allowed a second later', () => {
    const { check, setNow } = setup();
    assert.equal(kindOf(check('dev', '$connect', VALID)), 'ok');
    assert.equal(kindOf(check('prod', 'sendmessage', VALID)), 'ok'); // one bucket per key across the plan's stages
    assert.deepEqual(check('dev', 'sendmessage', VALID), { kind: 'throttled', status: 429, refusal: LIMITS_ERRORS.KEY_THROTTLED, retryAfterMs: 1000 });
    assert.equal(LIMITS_ERRORS.KEY_THROTTLED.message, 'Too Many Requests');
    setNow(PLAN_START + 999);
    assert.equal(kindOf(check('dev', 'sendmessage', VALID)), LIMITS_ERRORS.KEY_THROTTLED.code);
    setNow(PLAN_START + 1000);
    assert.equal(kindOf(check('dev', 'sendmessage', VALID)), 'ok');
  });

  test('GIVEN a daily quota of 5 with offset 2 WHEN used across days THEN 3 on the first day, 5 on the next, 429 Limit Exceeded in between', () => {
    const { check, setNow } = setup();
    const day = 86_400_000;
    const firstDayEnd = Date.parse('2026-03-05T00:00:00.000Z');
    // 2 s apart, so the throttle never refuses.
    const useUp = (from: number) => {
      const answers: string[] = [];
      for (let i = 0; i < 7; i++) {
        setNow(from + i * 2000);
        answers.push(kindOf(check('dev', 'sendmessage', VALID)));
      }
      return answers;
    };
    const q = LIMITS_ERRORS.QUOTA_EXCEEDED.code;
    assert.deepEqual(useUp(PLAN_START), ['ok', 'ok', 'ok', q, q, q, q]);
    setNow(firstDayEnd - 1);
    assert.deepEqual(check('dev', 'sendmessage', VALID), { kind: 'throttled', status: 429, refusal: LIMITS_ERRORS.QUOTA_EXCEEDED, retryAfterMs: 1 });
    assert.equal(LIMITS_ERRORS.QUOTA_EXCEEDED.message, 'Limit Exceeded');
    assert.deepEqual(useUp(firstDayEnd), ['ok', 'ok', 'ok', 'ok', 'ok', q, q]);
    assert.deepEqual(useUp(firstDayEnd + day), ['ok', 'ok', 'ok', 'ok', 'ok', q, q]);
  });

  test('GIVEN a per-route throttle in the plan\'s API stage WHEN that route is used THEN it replaces the plan throttle for that route only', () => {
    const { check } = setup();
    assert.equal(kindOf(check('test', 'sendmessage', ROUTED)), 'ok');
    assert.equal(kindOf(check('test', 'sendmessage', ROUTED)), LIMITS_ERRORS.KEY_THROTTLED.code);
    for (let i = 0; i < 50; i++) assert.equal(kindOf(check('test', '$connect', ROUTED)), 'ok');
  });

  test('GIVEN a counter store that answers with promises WHEN checked THEN the answers are the same', async () => {
    const { raw: check, setNow } = setup(new PromiseCounterStore());
    const first = check('dev', 'sendmessage', VALID);
    assert.ok(first instanceof Promise);
    assert.equal(kindOf(await first), 'ok');
    assert.equal(kindOf(await check('dev', 'sendmessage', VALID)), 'ok');
    assert.equal(kindOf(await check('dev', 'sendmessage', VALID)), LIMITS_ERRORS.KEY_THROTTLED.code);
    setNow(PLAN_START + 10_000);
    assert.equal(kindOf(await check('dev', 'sendmessage', VALID)), 'ok');
    setNow(PLAN_START + 20_000);
    // The quota (3 on the first day) is used up by the 3 allowed requests.
    assert.equal(kindOf(await check('dev', 'sendmessage', VALID)), LIMITS_ERRORS.QUOTA_EXCEEDED.code);
    // Refusals that need no counter stay synchronous.
    assert.deepEqual(check('dev', 'sendmessage', undefined), { kind: 'refused', status: 403, refusal: LIMITS_ERRORS.API_KEY_MISSING });
  });
});
