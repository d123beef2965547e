import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cdkApigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { synthWith } from '../cfn/compare.js';
import { newStack, resourcesOfType, templateOf } from '../../support/synth.js';
import * as apigwv2 from '../../../src/apigatewayv2/index.js';
import { ApiKey, Period, UsagePlan, WebSocketApi, WebSocketStage } from '../../../src/apigatewayv2/index.js';

/** Templates of a program using the aws-apigatewayv2 module, from wsgate and from aws-cdk-lib. */
function synthBoth(program: Parameters<typeof synthWith<{ apigwv2: typeof apigwv2 }>>[2]) {
  return synthWith({ apigwv2 }, { apigwv2: cdkApigatewayv2 }, program);
}

describe('UsagePlan', () => {
  test('renders stages, quota, throttle, keys and dependencies as aws-cdk-lib does', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ core, apigwv2 }, stack) => {
      const api = new apigwv2.WebSocketApi(stack, 'mywsapi', {
        apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY,
      });
      const stage = new apigwv2.WebSocketStage(stack, 'mystage', { webSocketApi: api, stageName: 'dev' });
      const prod = new apigwv2.WebSocketStage(stack, 'prodstage', { webSocketApi: api, stageName: 'prod' });

      // WHEN
      const plan = new apigwv2.UsagePlan(stack, 'UsagePlan', {
        usagePlanName: 'Basic',
        description: 'Basic plan',
        apiStages: [{ api, stage }, { api }],
        quota: { limit: 10000, offset: 1, period: apigwv2.Period.MONTH },
        throttle: { rateLimit: 10.5, burstLimit: 20 },
      });
      plan.addApiStage({ api, stage: prod });
      const key = new apigwv2.ApiKey(stack, 'ApiKey');
      plan.addApiKey(key);
      plan.addApiKey(new apigwv2.ApiKey(stack, 'SecondKey'), { overrideLogicalId: 'SecondKeyMapping' });
      plan.addApiKey(apigwv2.ApiKey.fromApiKeyId(stack, 'ImportedKey', 'key-1'));
      new apigwv2.UsagePlan(stack, 'EmptyPlan');
      new apigwv2.UsagePlan(stack, 'StagelessPlan', { apiStages: [{ api }], throttle: {}, quota: {} });
      apigwv2.UsagePlan.fromUsagePlanId(stack, 'ImportedPlan', 'plan-id').addApiKey(key);
      new core.CfnOutput(stack, 'PlanId', { value: plan.usagePlanId });
      new core.CfnOutput(stack, 'PlanRef', { value: plan.usagePlanRef.usagePlanId });
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });

  test('the usage plan key is named after the plan and the key', () => {
    // GIVEN
    const { stack } = newStack();
    const plan = new UsagePlan(stack, 'Plan');

    // WHEN
    plan.addApiKey(new ApiKey(stack, 'Key'));

    // THEN
    const keys = resourcesOfType(templateOf(stack), 'AWS::ApiGateway::UsagePlanKey');
    assert.deepEqual(Object.keys(keys), ['PlanUsagePlanKeyResourceTestStackKeyB586D3AADBC5BD77']);
    assert.deepEqual(Object.values(keys)[0].Properties, {
      KeyId: { Ref: 'Key961B73FD' },
      KeyType: 'API_KEY',
      UsagePlanId: { Ref: 'PlanDAF4E53A' },
    });
  });

  test('stages added later are rendered but add no dependency', () => {
    // GIVEN
    const { stack } = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const stage = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });
    const plan = new UsagePlan(stack, 'Plan', { quota: { limit: 5, period: Period.DAY } });

    // WHEN
    plan.addApiStage({ api, stage });

    // THEN
    const [resource] = Object.values(resourcesOfType(templateOf(stack), 'AWS::ApiGateway::UsagePlan'));
    assert.deepEqual(resource.Properties, {
      ApiStages: [{ ApiId: { Ref: 'ApiF70053CD' }, Stage: 'dev' }],
      Quota: { Limit: 5, Period: 'DAY' },
    });
    assert.equal(resource.DependsOn, undefined);
  });

  test('burst and quota limits must be whole numbers', () => {
    // GIVEN
    const { stack } = newStack();

    // THEN
    assert.throws(() => new UsagePlan(stack, 'Burst', { throttle: { burstLimit: 1.5 } }),
      { name: 'ShouldBeShouldInteger', message: 'Throttle burst limit should be an integer' });
    assert.throws(() => new UsagePlan(stack, 'Quota', { quota: { limit: 2.5 } }),
      { name: 'ShouldBeShouldInteger', message: 'Throttle quota limit should be an integer' });
    assert.doesNotThrow(() => new UsagePlan(stack, 'Rate', { throttle: { rateLimit: 0.5, burstLimit: 2 } }));
  });
});
