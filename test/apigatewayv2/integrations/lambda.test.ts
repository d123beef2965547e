import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Duration } from '../../../src/core/index.js';
import { ContentHandling, WebSocketApi, WebSocketStage } from '../../../src/apigatewayv2/index.js';
import { WebSocketLambdaIntegration } from '../../../src/apigatewayv2/integrations/index.js';
import { newStack, resourcesOfType, templateOf } from '../../support/synth.js';
import { inlineFunction } from '../websocket/support.js';

describe('WebSocketLambdaIntegration', () => {
  test('the seed example: an AWS_PROXY integration and a permission per route, with the ids aws-cdk-lib gives', () => {
    // GIVEN
    const { stack } = newStack();
    const messageHandler = inlineFunction(stack, 'MessageHandler');
    // WHEN
    const webSocketApi = new WebSocketApi(stack, 'mywsapi');
    new WebSocketStage(stack, 'mystage', { webSocketApi, stageName: 'dev', autoDeploy: true });
    webSocketApi.addRoute('sendMessage', { integration: new WebSocketLambdaIntegration('SendMessageIntegration', messageHandler) });
    // THEN
    const t = templateOf(stack);
    const fnId = Object.keys(resourcesOfType(t, 'AWS::Lambda::Function'))[0];
    assert.deepEqual(t.Resources.mywsapisendMessageRouteSendMessageIntegrationPermission6547E7B7.Properties, {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
      Principal: 'apigateway.amazonaws.com',
      SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':', { Ref: 'mywsapi32E6CE11' }, '/*sendMessage']] },
    });
    assert.deepEqual(t.Resources.mywsapisendMessageRouteSendMessageIntegrationF32B4113.Properties, {
      ApiId: { Ref: 'mywsapi32E6CE11' },
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': [fnId, 'Arn'] }, '/invocations']] },
    });
    assert.ok(t.Resources.mywsapisendMessageRouteC3EBE2C3);
    assert.deepEqual(t.Resources.mystage114C35EC.Properties, { ApiId: { Ref: 'mywsapi32E6CE11' }, AutoDeploy: true, StageName: 'dev' });
  });

  test('one integration shared by two routes: one integration, a permission for each route', () => {
    const { stack } = newStack();
    const fn = inlineFunction(stack, 'Fn');
    const api = new WebSocketApi(stack, 'Api');
    const integration = new WebSocketLambdaIntegration('Shared', fn);
    api.addRoute('$connect', { integration });
    api.addRoute('$disconnect', { integration });
    const t = templateOf(stack);
    assert.equal(Object.keys(resourcesOfType(t, 'AWS::ApiGatewayV2::Integration')).length, 1);
    const sources = Object.values(resourcesOfType(t, 'AWS::Lambda::Permission')).map((p) => {
      const parts = (p.Properties?.SourceArn as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
      return parts[parts.length - 1];
    });
    assert.deepEqual(sources, ['/*$connect', '/*$disconnect']);
  });

  test('timeout and contentHandling render on the integration', () => {
    const { stack } = newStack();
    const fn = inlineFunction(stack, 'Fn');
    new WebSocketApi(stack, 'Api', {
      connectRouteOptions: { integration: new WebSocketLambdaIntegration('I', fn, { timeout: Duration.seconds(10), contentHandling: ContentHandling.CONVERT_TO_TEXT }) },
    });
    const p = Object.values(resourcesOfType(templateOf(stack), 'AWS::ApiGatewayV2::Integration'))[0].Properties;
    assert.equal(p?.TimeoutInMillis, 10000);
    assert.equal(p?.ContentHandlingStrategy, 'CONVERT_TO_TEXT');
  });
});
