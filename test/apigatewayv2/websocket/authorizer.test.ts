import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  WebSocketApi, WebSocketAuthorizer, WebSocketAuthorizerType, WebSocketNoneAuthorizer,
} from '../../../src/apigatewayv2/index.js';
import { newStack, resourcesOfType, templateOf } from '../../support/synth.js';
import { DummyIntegration } from './support.js';

describe('WebSocketAuthorizer', () => {
  test('lambda: renders a REQUEST authorizer with the URI and identity sources', () => {
    const { stack } = newStack();
    const webSocketApi = new WebSocketApi(stack, 'Api');
    new WebSocketAuthorizer(stack, 'Auth', {
      webSocketApi, type: WebSocketAuthorizerType.LAMBDA, identitySource: ['identitysource.1', 'identitysource.2'], authorizerUri: 'arn:cool-lambda-arn',
    });
    assert.deepEqual(Object.values(resourcesOfType(templateOf(stack), 'AWS::ApiGatewayV2::Authorizer'))[0].Properties, {
      Name: 'Auth', ApiId: { Ref: 'ApiF70053CD' }, AuthorizerType: 'REQUEST', IdentitySource: ['identitysource.1', 'identitysource.2'], AuthorizerUri: 'arn:cool-lambda-arn',
    });
  });

  test('a LAMBDA authorizer without authorizerUri is refused', () => {
    const { stack } = newStack();
    const webSocketApi = new WebSocketApi(stack, 'Api');
    assert.throws(() => new WebSocketAuthorizer(stack, 'Auth', { webSocketApi, type: WebSocketAuthorizerType.LAMBDA, identitySource: [] }),
      (e: Error) => e.name === 'AuthorizerUriMandatoryLambdaAuthorizers' && e.message === 'authorizerUri is mandatory for Lambda authorizers');
  });

  test('an imported authorizer binds with its id and type', () => {
    const { stack } = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const authorizer = WebSocketAuthorizer.fromWebSocketAuthorizerAttributes(stack, 'Imp', { authorizerId: 'auth-123', authorizerType: 'CUSTOM' });
    api.addRoute('$connect', { integration: new DummyIntegration(), authorizer });
    const route = Object.values(resourcesOfType(templateOf(stack), 'AWS::ApiGatewayV2::Route'))[0];
    assert.equal(route.Properties?.AuthorizerId, 'auth-123');
    assert.equal(route.Properties?.AuthorizationType, 'CUSTOM');
  });

  test('the none authorizer renders AuthorizationType NONE explicitly, and is refused off $connect', () => {
    const { stack } = newStack();
    const api = new WebSocketApi(stack, 'Api');
    api.addRoute('$connect', { integration: new DummyIntegration('A'), authorizer: new WebSocketNoneAuthorizer() });
    assert.equal(Object.values(resourcesOfType(templateOf(stack), 'AWS::ApiGatewayV2::Route'))[0].Properties?.AuthorizationType, 'NONE');
    assert.throws(() => api.addRoute('$default', { integration: new DummyIntegration('B'), authorizer: new WebSocketNoneAuthorizer() }), /only set a WebSocket authorizer to a \$connect route/);
  });
});
