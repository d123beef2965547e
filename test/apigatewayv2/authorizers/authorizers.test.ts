import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocketApi } from '../../../src/apigatewayv2/index.js';
import { WebSocketIamAuthorizer, WebSocketLambdaAuthorizer } from '../../../src/apigatewayv2/authorizers/index.js';
import { WebSocketLambdaIntegration } from '../../../src/apigatewayv2/integrations/index.js';
import { newStack, resourcesOfType, templateOf } from '../../support/synth.js';
import { inlineFunction } from '../websocket/support.js';

describe('WebSocketLambdaAuthorizer', () => {
  test('default: a REQUEST authorizer under the API, the header identity source, and its invoke permission', () => {
    // GIVEN
    const { stack } = newStack();
    const handler = inlineFunction(stack, 'Handler');
    const authFn = inlineFunction(stack, 'AuthFn');
    // WHEN
    new WebSocketApi(stack, 'mywsapi', {
      connectRouteOptions: { integration: new WebSocketLambdaIntegration('Connect', handler), authorizer: new WebSocketLambdaAuthorizer('Authorizer', authFn) },
    });
    // THEN
    const t = templateOf(stack);
    const authorizer = t.Resources.mywsapiAuthorizerE5A498EF;
    assert.equal(authorizer.Type, 'AWS::ApiGatewayV2::Authorizer');
    assert.equal(authorizer.Properties.Name, 'Authorizer');
    assert.equal(authorizer.Properties.AuthorizerType, 'REQUEST');
    assert.deepEqual(authorizer.Properties.IdentitySource, ['route.request.header.Authorization']);
    const permission = t.Resources.mywsapiTestStackmywsapiAuthorizer6E1CECFBPermissionE7D8EA9E;
    const parts = permission.Properties.SourceArn['Fn::Join'][1];
    assert.deepEqual(parts.slice(-2), ['/authorizers/', { Ref: 'mywsapiAuthorizerE5A498EF' }]);
    const route = Object.values(resourcesOfType(t, 'AWS::ApiGatewayV2::Route'))[0];
    assert.equal(route.Properties?.AuthorizationType, 'CUSTOM');
    assert.deepEqual(route.Properties?.AuthorizerId, { Ref: 'mywsapiAuthorizerE5A498EF' });
  });

  test('custom name and identity sources; reuse on the same API adds nothing; another API is refused', () => {
    const { stack } = newStack();
    const fn = inlineFunction(stack, 'Fn');
    const authorizer = new WebSocketLambdaAuthorizer('Auth', fn, { authorizerName: 'named', identitySource: ['route.request.querystring.token'] });
    const api = new WebSocketApi(stack, 'Api');
    api.addRoute('$connect', { integration: new WebSocketLambdaIntegration('C', fn), authorizer });
    const t = templateOf(stack);
    const auth = Object.values(resourcesOfType(t, 'AWS::ApiGatewayV2::Authorizer'))[0];
    assert.equal(auth.Properties?.Name, 'named');
    assert.deepEqual(auth.Properties?.IdentitySource, ['route.request.querystring.token']);
    const other = new WebSocketApi(stack, 'Other');
    assert.throws(() => other.addRoute('$connect', { integration: new WebSocketLambdaIntegration('D', fn), authorizer }),
      (e: Error) => e.name === 'CannotAttachSameAuthorizerToMultipleApis' && e.message === 'Cannot attach the same authorizer to multiple Apis');
  });
});

describe('WebSocketIamAuthorizer', () => {
  test('renders AWS_IAM on the $connect route and creates no resource', () => {
    const { stack } = newStack();
    const fn = inlineFunction(stack, 'Fn');
    new WebSocketApi(stack, 'Api', { connectRouteOptions: { integration: new WebSocketLambdaIntegration('C', fn), authorizer: new WebSocketIamAuthorizer() } });
    const t = templateOf(stack);
    const route = Object.values(resourcesOfType(t, 'AWS::ApiGatewayV2::Route'))[0];
    assert.equal(route.Properties?.RouteKey, '$connect');
    assert.equal(route.Properties?.AuthorizationType, 'AWS_IAM');
    assert.equal(route.Properties?.AuthorizerId, undefined);
    assert.equal(Object.keys(resourcesOfType(t, 'AWS::ApiGatewayV2::Authorizer')).length, 0);
  });
});
