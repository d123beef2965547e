import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as apigwv2 from '../../src/apigatewayv2/index.js';
import { loadGatewayModel, type TemplateSource } from '../../src/model/load-template.js';
import { readTemplateSources } from '../../src/model/load-source.js';
import { ModelError } from '../../src/model/model-error.js';
import { readUsagePlans } from '../../src/model/usage-plans.js';
import { newStack } from '../support/synth.js';

const ENV = { region: 'eu-west-1', account: '111122223333', partition: 'aws', urlSuffix: 'amazonaws.com' };
const VALUE = 'abcdefghijklmnopqrstuvwxyz';

/** A one-stack source with the given resources. */
function source(resources: Record<string, unknown>, stackName = 'S'): TemplateSource {
  return { stackName, template: { Resources: resources as TemplateSource['template']['Resources'] } };
}

describe('usage plans in the gateway model', () => {
  test('GIVEN a wsgate stack with UsagePlan, ApiKey, addApiKey and addApiStage WHEN loaded THEN keys, plans, stages, throttle and quota are in the model', () => {
    // GIVEN
    const { app, stack } = newStack();
    const api = new apigwv2.WebSocketApi(stack, 'ChatApi', { apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY });
    const dev = new apigwv2.WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev' });
    const prod = new apigwv2.WebSocketStage(stack, 'Prod', { webSocketApi: api, stageName: 'prod' });
    const plan = new apigwv2.UsagePlan(stack, 'Plan', {
      usagePlanName: 'Basic',
      apiStages: [{ api, stage: dev }],
      quota: { limit: 1000, offset: 10, period: apigwv2.Period.WEEK },
      throttle: { rateLimit: 10.5, burstLimit: 20 },
    });
    plan.addApiStage({ api, stage: prod });
    const fixed = new apigwv2.ApiKey(stack, 'FixedKey', { apiKeyName: 'fixed', value: VALUE });
    const generated = new apigwv2.ApiKey(stack, 'GeneratedKey', { enabled: false });
    plan.addApiKey(fixed);
    plan.addApiKey(generated);
    new apigwv2.ApiKey(stack, 'LoneKey', { value: 'zyxwvutsrqponmlkjihgfedcba' });
    new apigwv2.UsagePlan(stack, 'Empty', { apiStages: [{ api }], throttle: {}, quota: {} });
    // WHEN
    const model = loadGatewayModel(readTemplateSources(app), ENV);
    // THEN
    assert.equal(model.apis[0].apiKeySelectionExpression, '$request.header.x-api-key');
    const { apiKeys, plans, unreadable } = model.usagePlans;
    assert.deepEqual(unreadable, []);
    const [planModel, empty] = [...plans.values()];
    assert.match(planModel.key, /^TestStack\/Plan[0-9A-F]{8}$/);
    assert.match(planModel.usagePlanId, /^[a-z0-9]+$/);
    assert.equal(planModel.name, 'Basic');
    assert.deepEqual(planModel.apiStages, [
      { apiId: model.apis[0].apiId, stage: 'dev', routeThrottle: new Map() },
      { apiId: model.apis[0].apiId, stage: 'prod', routeThrottle: new Map() },
    ]);
    assert.deepEqual(planModel.throttle, { rateLimit: 10.5, burstLimit: 20 });
    assert.deepEqual(planModel.quota, { limit: 1000, period: 'WEEK', offset: 10 });
    assert.deepEqual({ stages: empty.apiStages, throttle: empty.throttle, quota: empty.quota }, { stages: [], throttle: undefined, quota: undefined });

    const keys = [...apiKeys.values()];
    assert.deepEqual(keys.map((k) => [k.logicalId.replace(/[0-9A-F]{8}$/, ''), k.name, k.value, k.enabled, k.usagePlanKeys]), [
      ['FixedKey', 'fixed', VALUE, true, [planModel.key]],
      ['GeneratedKey', keys[1].name, undefined, false, [planModel.key]],
      ['LoneKey', keys[2].name, 'zyxwvutsrqponmlkjihgfedcba', true, []],
    ]);
    assert.match(keys[1].name, /^TestStack-GeneratedKey/);
    // The key id is what Ref of the key evaluates to (as in a UsagePlanKey's KeyId).
    assert.match(keys[0].keyId, /^[a-z0-9]+$/);
    assert.notEqual(keys[0].keyId, keys[1].keyId);
  });

  test('GIVEN a RateLimitedApiKey WHEN loaded THEN its own plan holds it', () => {
    const { app, stack } = newStack();
    const api = new apigwv2.WebSocketApi(stack, 'Api');
    const stage = new apigwv2.WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev' });
    new apigwv2.RateLimitedApiKey(stack, 'Limited', { apiStages: [{ api, stage }], quota: { limit: 100, period: apigwv2.Period.DAY }, throttle: { rateLimit: 1 } });
    const { apiKeys, plans } = loadGatewayModel(readTemplateSources(app), ENV).usagePlans;
    const [plan] = [...plans.values()];
    assert.deepEqual([...apiKeys.values()].map((k) => k.usagePlanKeys), [[plan.key]]);
    assert.deepEqual(plan.throttle, { rateLimit: 1, burstLimit: undefined });
    assert.deepEqual(plan.quota, { limit: 100, period: 'DAY', offset: 0 });
  });

  test('GIVEN keys and plans outside the templates (imported) WHEN loaded THEN the links are noted as unreadable and not applied', () => {
    const { app, stack } = newStack();
    const api = new apigwv2.WebSocketApi(stack, 'Api');
    const stage = new apigwv2.WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev' });
    const plan = new apigwv2.UsagePlan(stack, 'Plan', { apiStages: [{ api, stage }] });
    const key = new apigwv2.ApiKey(stack, 'Key');
    plan.addApiKey(apigwv2.ApiKey.fromApiKeyId(stack, 'Imported', 'imported-key-id'));
    apigwv2.UsagePlan.fromUsagePlanId(stack, 'ImportedPlan', 'plan-id').addApiKey(key);
    const { apiKeys, unreadable } = loadGatewayModel(readTemplateSources(app), ENV).usagePlans;
    assert.deepEqual([...apiKeys.values()].map((k) => k.usagePlanKeys), [[]]);
    assert.equal(unreadable.length, 2);
    assert.match(unreadable[0], /API key imported-key-id is not a key of the templates/);
    assert.match(unreadable[1], /usage plan plan-id is not a plan of the templates/);
  });

  test('GIVEN hand-written resources across two stacks, per-route throttles and string numbers WHEN read THEN they are evaluated', () => {
    const apiStack = source({
      Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'a', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' } },
      Key: { Type: 'AWS::ApiGateway::ApiKey', Properties: { Enabled: 'true', Value: { 'Fn::Sub': '${AWS::Region}-0123456789abcdef' } } },
    }, 'A');
    const planStack = source({
      Plan: {
        Type: 'AWS::ApiGateway::UsagePlan',
        Properties: {
          ApiStages: [
            { ApiId: 'abcdefghij', Stage: 'dev', Throttle: { sendMessage: { RateLimit: '2', BurstLimit: 4 } } },
            { ApiId: { 'Fn::ImportValue': 'OtherApi' }, Stage: 'dev' },
          ],
          Quota: { Limit: '50', Period: 'MONTH' },
        },
      },
      Link: { Type: 'AWS::ApiGateway::UsagePlanKey', Properties: { KeyType: 'API_KEY', UsagePlanId: { Ref: 'Plan' }, KeyId: 'placeholder' } },
    }, 'B');
    // The link names the key of the other stack by id, as a cross-stack parameter would.
    const keyId = readUsagePlans([apiStack], ENV).apiKeys.get('A/Key')!.keyId;
    (planStack.template.Resources!.Link.Properties as Record<string, unknown>).KeyId = keyId;
    const model = readUsagePlans([apiStack, planStack], ENV);
    const key = model.apiKeys.get('A/Key')!;
    assert.equal(key.value, 'eu-west-1-0123456789abcdef');
    assert.equal(key.enabled, true);
    assert.deepEqual(key.usagePlanKeys, ['B/Plan']);
    const plan = model.plans.get('B/Plan')!;
    assert.deepEqual(plan.apiStages, [{ apiId: 'abcdefghij', stage: 'dev', routeThrottle: new Map([['sendMessage', { rateLimit: 2, burstLimit: 4 }]]) }]);
    assert.deepEqual(plan.quota, { limit: 50, period: 'MONTH', offset: 0 });
    assert.equal(model.unreadable.length, 1);
    assert.match(model.unreadable[0], /B\/Plan \(ApiStages\[1\]\.ApiId\): Fn::ImportValue/);
  });

  test('GIVEN an ApiKey without Enabled WHEN read THEN it is disabled, as CloudFormation creates it', () => {
    const model = readUsagePlans([source({ Key: { Type: 'AWS::ApiGateway::ApiKey', Properties: {} } })], ENV);
    assert.equal(model.apiKeys.get('S/Key')!.enabled, false);
  });

  describe('templates AWS refuses are ModelErrors', () => {
    const plan = (props: Record<string, unknown>) => ({ Type: 'AWS::ApiGateway::UsagePlan', Properties: props });
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['a quota with a limit and no period', { P: plan({ Quota: { Limit: 5 } }) }, /S\/P \(Quota\.Period\): must be one of DAY, WEEK, MONTH/],
      ['a quota period that is not one', { P: plan({ Quota: { Limit: 5, Period: 'YEAR' } }) }, /Quota\.Period/],
      ['a negative offset', { P: plan({ Quota: { Limit: 5, Offset: -1, Period: 'DAY' } }) }, /Quota\.Offset\): must be a non-negative integer/],
      ['a fractional burst', { P: plan({ Throttle: { BurstLimit: 1.5 } }) }, /Throttle\.BurstLimit\): must be a non-negative integer/],
      ['a rate that is not a number', { P: plan({ Throttle: { RateLimit: 'fast' } }) }, /Throttle\.RateLimit\): must be a non-negative number/],
      ['a key value under 20 characters', { K: { Type: 'AWS::ApiGateway::ApiKey', Properties: { Value: 'short' } } }, /S\/K \(Value\): an API key value must be a string of at least 20/],
      ['two keys with one value', {
        K1: { Type: 'AWS::ApiGateway::ApiKey', Properties: { Value: VALUE } },
        K2: { Type: 'AWS::ApiGateway::ApiKey', Properties: { Value: VALUE } },
      }, /S\/K2 \(Value\): has the value of S\/K1/],
      ['a usage plan key of another type', { L: { Type: 'AWS::ApiGateway::UsagePlanKey', Properties: { KeyType: 'OTHER', KeyId: 'k', UsagePlanId: 'p' } } }, /S\/L \(KeyType\): must be API_KEY/],
      ['a key in two plans of one stage', {
        K: { Type: 'AWS::ApiGateway::ApiKey', Properties: {} },
        P1: plan({ ApiStages: [{ ApiId: 'abcdefghij', Stage: 'dev' }] }),
        P2: plan({ ApiStages: [{ ApiId: 'abcdefghij', Stage: 'prod' }, { ApiId: 'abcdefghij', Stage: 'dev' }] }),
        L1: { Type: 'AWS::ApiGateway::UsagePlanKey', Properties: { KeyType: 'API_KEY', KeyId: { Ref: 'K' }, UsagePlanId: { Ref: 'P1' } } },
        L2: { Type: 'AWS::ApiGateway::UsagePlanKey', Properties: { KeyType: 'API_KEY', KeyId: { Ref: 'K' }, UsagePlanId: { Ref: 'P2' } } },
      }, /S\/K: is in usage plans S\/P1 and S\/P2, which both cover API stage abcdefghij\/dev/],
    ];
    for (const [name, resources, message] of cases) {
      test(`GIVEN ${name} WHEN read THEN a ModelError names it`, () => {
        assert.throws(() => readUsagePlans([source(resources)], ENV), (e: unknown) => e instanceof ModelError && message.test(e.message));
      });
    }
  });
});
