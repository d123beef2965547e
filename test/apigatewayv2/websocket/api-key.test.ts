import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cdkApigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cdkIam from 'aws-cdk-lib/aws-iam';
import { synthWith } from '../cfn/compare.js';
import { newStack, resourcesOfType, templateOf } from '../../support/synth.js';
import * as apigwv2 from '../../../src/apigatewayv2/index.js';
import * as iam from '../../../src/iam/index.js';
import { ApiKey, RateLimitedApiKey } from '../../../src/apigatewayv2/index.js';

/** Templates of a program using aws-apigatewayv2 and aws-iam, from wsgate and from aws-cdk-lib. */
function synthBoth(program: Parameters<typeof synthWith<{ apigwv2: typeof apigwv2; iam: typeof iam }>>[2]) {
  return synthWith({ apigwv2, iam }, { apigwv2: cdkApigatewayv2, iam: cdkIam }, program);
}

describe('ApiKey', () => {
  test('renders every prop, the key ARN and imports as aws-cdk-lib does', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ core, apigwv2 }, stack) => {
      // WHEN
      const key = new apigwv2.ApiKey(stack, 'ApiKey', {
        apiKeyName: 'my-key',
        description: 'A key',
        value: 'abcdefghijklmnopqrstuvwxyz',
        enabled: false,
        generateDistinctId: true,
        customerId: 'customer-1',
      });
      new apigwv2.ApiKey(stack, 'DefaultKey');
      const imported = apigwv2.ApiKey.fromApiKeyId(stack, 'ImportedKey', 'imported-key-id');
      new core.CfnOutput(stack, 'KeyId', { value: key.keyId });
      new core.CfnOutput(stack, 'KeyArn', { value: key.keyArn });
      new core.CfnOutput(stack, 'KeyRef', { value: key.apiKeyRef.apiKeyId });
      new core.CfnOutput(stack, 'ImportedArn', { value: imported.keyArn });
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });

  test('grants read, write and read-write on the key as aws-cdk-lib does', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ apigwv2, iam }, stack) => {
      const key = new apigwv2.ApiKey(stack, 'ApiKey');
      const reader = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
      const writer = new iam.User(stack, 'Writer');
      const admin = new iam.Role(stack, 'Admin', { assumedBy: new iam.AccountRootPrincipal() });

      // WHEN
      key.grantRead(reader);
      key.grantWrite(writer);
      key.grantReadWrite(admin);
      // The import has the grants too, though IApiKey does not declare them (as in aws-cdk-lib).
      (apigwv2.ApiKey.fromApiKeyId(stack, 'ImportedKey', 'imported-key-id') as apigwv2.ApiKey).grantRead(reader);
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });

  test('is enabled unless told otherwise', () => {
    // GIVEN
    const { stack } = newStack();

    // WHEN
    new ApiKey(stack, 'Key');

    // THEN
    assert.deepEqual(templateOf(stack).Resources.Key961B73FD, { Type: 'AWS::ApiGateway::ApiKey', Properties: { Enabled: true } });
  });
});

describe('RateLimitedApiKey', () => {
  test('makes a usage plan of its own only when limits or stages are given, as aws-cdk-lib does', () => {
    // GIVEN
    const { wsgate, cdk } = synthBoth(({ core, apigwv2 }, stack) => {
      const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
      const stage = new apigwv2.WebSocketStage(stack, 'mystage', { webSocketApi: api, stageName: 'dev' });

      // WHEN
      const limited = new apigwv2.RateLimitedApiKey(stack, 'RateLimited', {
        apiKeyName: 'limited',
        apiStages: [{ api, stage }],
        quota: { limit: 100, period: apigwv2.Period.DAY },
        throttle: { rateLimit: 1 },
      });
      new apigwv2.RateLimitedApiKey(stack, 'ThrottleOnly', { throttle: {} });
      new apigwv2.RateLimitedApiKey(stack, 'Plain');
      new core.CfnOutput(stack, 'KeyId', { value: limited.keyId });
      new core.CfnOutput(stack, 'KeyArn', { value: limited.keyArn });
    });

    // THEN
    assert.deepEqual(wsgate, cdk);
  });

  test('without limits it is a plain API key', () => {
    // GIVEN
    const { stack } = newStack();

    // WHEN
    new RateLimitedApiKey(stack, 'Key', { apiKeyName: 'k' });

    // THEN
    const template = templateOf(stack);
    assert.equal(Object.keys(resourcesOfType(template, 'AWS::ApiGateway::UsagePlan')).length, 0);
    assert.deepEqual(Object.values(resourcesOfType(template, 'AWS::ApiGateway::ApiKey'))[0].Properties, { Enabled: true, Name: 'k' });
  });
});
