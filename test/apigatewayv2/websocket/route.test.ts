import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Duration } from '../../../src/core/index.js';
import { WebSocketApi, WebSocketRoute, WebSocketIntegration, WebSocketIntegrationType } from '../../../src/apigatewayv2/index.js';
import { newStack, resourcesOfType, templateOf } from '../../support/synth.js';
import { DummyIntegration } from './support.js';

describe('WebSocketRoute', () => {
  test('default: the route targets its integration, created under the route', () => {
    // GIVEN
    const { stack } = newStack();
    const webSocketApi = new WebSocketApi(stack, 'Api');
    // WHEN
    new WebSocketRoute(stack, 'Route', { webSocketApi, integration: new DummyIntegration(), routeKey: 'message' });
    // THEN
    const t = templateOf(stack);
    const route = Object.values(resourcesOfType(t, 'AWS::ApiGatewayV2::Route'))[0];
    assert.deepEqual(route.Properties?.Target, { 'Fn::Join': ['', ['integrations/', { Ref: 'RouteDummyIntegrationE40E82B4' }]] });
    assert.deepEqual(t.Resources.RouteDummyIntegrationE40E82B4.Properties, {
      ApiId: { Ref: 'ApiF70053CD' }, IntegrationType: 'AWS_PROXY', IntegrationUri: 'some-uri',
    });
  });

  test('apiKeyRequired renders ApiKeyRequired', () => {
    const { stack } = newStack();
    const webSocketApi = new WebSocketApi(stack, 'Api');
    new WebSocketRoute(stack, 'Route', { webSocketApi, integration: new DummyIntegration(), routeKey: 'message', apiKeyRequired: true });
    assert.equal(Object.values(resourcesOfType(templateOf(stack), 'AWS::ApiGatewayV2::Route'))[0].Properties?.ApiKeyRequired, true);
  });

  test('one integration instance cannot be used by two APIs', () => {
    const { stack } = newStack();
    const a = new WebSocketApi(stack, 'A');
    const b = new WebSocketApi(stack, 'B');
    const integration = new DummyIntegration();
    a.addRoute('x', { integration });
    assert.throws(() => b.addRoute('x', { integration }),
      (e: Error) => e.name === 'SingleIntegrationCannotAssociatedMultiple' && e.message === 'A single integration cannot be associated with multiple APIs.');
  });

  test('two integration instances on one API give two integrations; one instance on two routes gives one', () => {
    const { stack } = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const shared = new DummyIntegration('Shared');
    api.addRoute('a', { integration: shared });
    api.addRoute('b', { integration: shared });
    api.addRoute('c', { integration: new DummyIntegration('Other') });
    assert.equal(Object.keys(resourcesOfType(templateOf(stack), 'AWS::ApiGatewayV2::Integration')).length, 2);
  });

  test('returnResponse adds the $default route response and its selection expression', () => {
    const { stack } = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const route = api.addRoute('myroute', { integration: new DummyIntegration(), returnResponse: true });
    const t = templateOf(stack);
    const r = Object.values(resourcesOfType(t, 'AWS::ApiGatewayV2::Route'))[0];
    assert.equal(r.Properties?.RouteResponseSelectionExpression, '$default');
    assert.deepEqual(Object.values(resourcesOfType(t, 'AWS::ApiGatewayV2::RouteResponse'))[0].Properties, {
      ApiId: { Ref: 'ApiF70053CD' }, RouteId: stack.resolve(route.routeId), RouteResponseKey: '$default',
    });
    assert.deepEqual(stack.resolve(route.routeRef), { apiId: { Ref: 'ApiF70053CD' }, routeId: stack.resolve(route.routeId) });
  });
});

describe('WebSocketIntegration', () => {
  test('timeouts outside 50 ms to 29 s are refused; the bounds are allowed', () => {
    const { stack } = newStack();
    const webSocketApi = new WebSocketApi(stack, 'Api');
    const make = (id: string, timeout: Duration) => new WebSocketIntegration(stack, id, {
      webSocketApi, integrationType: WebSocketIntegrationType.MOCK, integrationUri: '', timeout,
    });
    const refused = (e: Error) => e.name === 'IntegrationTimeoutMillisecondsSeconds' && e.message === 'Integration timeout must be between 50 milliseconds and 29 seconds.';
    assert.throws(() => make('Low', Duration.millis(49)), refused);
    assert.throws(() => make('High', Duration.seconds(30)), refused);
    make('Min', Duration.millis(50));
    make('Max', Duration.seconds(29));
    const timeouts = Object.values(resourcesOfType(templateOf(stack), 'AWS::ApiGatewayV2::Integration')).map((r) => r.Properties?.TimeoutInMillis);
    assert.deepEqual(timeouts, [50, 29000]);
  });
});
