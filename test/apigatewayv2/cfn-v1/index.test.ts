// The L1s of AWS::ApiGateway::UsagePlan, ::ApiKey and ::UsagePlanKey, compared with aws-cdk-lib's
// (aws-apigateway) on the same programs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { synthBoth } from '../cfn/compare.js';
import { newStack, templateOf } from '../../support/synth.js';
import { CfnApiKey, CfnUsagePlan, CfnUsagePlanKey } from '../../../src/apigatewayv2/cfn-v1/index.js';
import { Tags } from '../../../src/core/index.js';

describe('CfnUsagePlan', () => {
  test('renders stages (with per-method throttles), quota, throttle and list tags as aws-cdk-lib does', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ core, v1 }, stack) => {
      // WHEN
      const plan = new v1.CfnUsagePlan(stack, 'Plan', {
        usagePlanName: 'Basic',
        description: 'Basic plan',
        apiStages: [
          { apiId: 'api1', stage: 'dev' },
          { apiId: 'api2', stage: 'prod', throttle: { '/items/GET': { burstLimit: 5, rateLimit: 2.5 } } },
        ],
        quota: { limit: 10000, offset: 1, period: 'MONTH' },
        throttle: { rateLimit: 10, burstLimit: 20 },
        tags: [{ key: 'team', value: 'realtime' }],
      });
      core.Tags.of(plan).add('added', 'later');
      new core.CfnOutput(stack, 'Id', { value: plan.attrId });
      new core.CfnOutput(stack, 'Arn', { value: v1.CfnUsagePlan.arnForUsagePlan(plan) });
      const imported = v1.CfnUsagePlan.fromUsagePlanId(stack, 'Imported', 'plan-1');
      new core.CfnOutput(stack, 'ImportedArn', { value: v1.CfnUsagePlan.arnForUsagePlan(imported) });
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });

  test('an empty plan has no properties', () => {
    // GIVEN
    const { stack } = newStack();

    // WHEN
    const plan = new CfnUsagePlan(stack, 'Plan');

    // THEN
    assert.deepEqual(templateOf(stack).Resources.Plan, { Type: 'AWS::ApiGateway::UsagePlan' });
    assert.equal(CfnUsagePlan.isCfnUsagePlan(plan), true);
  });
});

describe('CfnApiKey and CfnUsagePlanKey', () => {
  test('render as aws-cdk-lib does, with references in place of ids', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ core, v1 }, stack) => {
      const plan = new v1.CfnUsagePlan(stack, 'Plan', {});

      // WHEN
      const key = new v1.CfnApiKey(stack, 'Key', {
        name: 'my-key',
        description: 'A key',
        value: 'abcdefghijklmnopqrstuvwxyz',
        enabled: true,
        generateDistinctId: false,
        customerId: 'customer-1',
        stageKeys: [{ restApiId: 'rest1', stageName: 'prod' }],
        tags: [{ key: 'b', value: '2' }, { key: 'a', value: '1' }],
      });
      new v1.CfnUsagePlanKey(stack, 'ByRef', { keyId: key, keyType: 'API_KEY', usagePlanId: plan });
      const byId = new v1.CfnUsagePlanKey(stack, 'ById', { keyId: key.ref, keyType: 'API_KEY', usagePlanId: 'plan-1' });
      const imported = v1.CfnApiKey.fromApiKeyId(stack, 'Imported', 'key-1');
      new v1.CfnUsagePlanKey(stack, 'ForImported', { keyId: imported, keyType: 'API_KEY', usagePlanId: plan.ref });
      new core.CfnOutput(stack, 'KeyId', { value: key.attrApiKeyId });
      new core.CfnOutput(stack, 'KeyArn', { value: v1.CfnApiKey.arnForApiKey(key) });
      new core.CfnOutput(stack, 'ImportedArn', { value: v1.CfnApiKey.arnForApiKey(imported) });
      new core.CfnOutput(stack, 'UsagePlanKeyId', { value: byId.attrId });
      new core.CfnOutput(stack, 'UsagePlanKeyRef', { value: byId.usagePlanKeyRef.usagePlanKeyId });
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });

  test('tags added with Tags.of() rank above the initial ones', () => {
    // GIVEN
    const { stack } = newStack();
    const key = new CfnApiKey(stack, 'Key', { tags: [{ key: 'k', value: 'initial' }] });

    // WHEN
    Tags.of(key).add('k', 'aspect');

    // THEN
    assert.deepEqual(templateOf(stack).Resources.Key.Properties, { Tags: [{ Key: 'k', Value: 'aspect' }] });
  });

  test('a usage plan key without a key type is rejected', () => {
    // GIVEN
    const { stack } = newStack();

    // THEN
    assert.throws(() => new CfnUsagePlanKey(stack, 'K', { keyId: 'k', usagePlanId: 'p' } as never),
      { name: 'MissingRequiredProperty', message: 'TestStack/K is missing required property: keyType' });
  });
});
