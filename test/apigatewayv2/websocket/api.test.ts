import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Construct } from 'constructs';
import { CfnResource, RemovalPolicy, Resource, Stack } from '../../../src/core/index.js';
import * as iam from '../../../src/iam/index.js';
import { IpAddressType, WebSocketApi, WebSocketApiKeySelectionExpression } from '../../../src/apigatewayv2/index.js';
import { WebSocketIamAuthorizer } from '../../../src/apigatewayv2/authorizers/index.js';
import { newStack, resourcesOfType, templateOf } from '../../support/synth.js';
import { DummyIntegration } from './support.js';

const joinArn = (apiLogicalId: string, suffix: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':', { Ref: apiLogicalId }, suffix]],
});

describe('WebSocketApi', () => {
  test('default: a WEBSOCKET Api named after the construct id, with the default route selection expression', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    new WebSocketApi(stack, 'api');
    // THEN
    const t = templateOf(stack);
    assert.deepEqual(t.Resources.apiC8550315, {
      Type: 'AWS::ApiGatewayV2::Api',
      Properties: { Name: 'api', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' },
    });
    assert.equal(Object.keys(resourcesOfType(t, 'AWS::ApiGatewayV2::Stage')).length, 0);
    assert.equal(Object.keys(resourcesOfType(t, 'AWS::ApiGatewayV2::Route')).length, 0);
  });

  test('every prop renders onto the Api resource', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    new WebSocketApi(stack, 'api', {
      apiName: 'MyChatApi',
      description: 'chat',
      routeSelectionExpression: '$request.body.route',
      apiKeySelectionExpression: WebSocketApiKeySelectionExpression.HEADER_X_API_KEY,
      ipAddressType: IpAddressType.DUAL_STACK,
      disableSchemaValidation: false,
    });
    // THEN
    assert.deepEqual(templateOf(stack).Resources.apiC8550315.Properties, {
      Name: 'MyChatApi', Description: 'chat', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.route',
      ApiKeySelectionExpression: '$request.header.x-api-key', IpAddressType: 'dualstack', DisableSchemaValidation: false,
    });
  });

  test('api key selection expressions: the two constants and a custom one', () => {
    assert.equal(WebSocketApiKeySelectionExpression.HEADER_X_API_KEY.customApiKeySelector, '$request.header.x-api-key');
    assert.equal(WebSocketApiKeySelectionExpression.AUTHORIZER_USAGE_IDENTIFIER_KEY.customApiKeySelector, '$context.authorizer.usageIdentifierKey');
    assert.equal(new WebSocketApiKeySelectionExpression('$request.header.k').customApiKeySelector, '$request.header.k');
  });

  test('addRoute adds a route with the key, a child `<key>-Route`, and returns it', () => {
    // GIVEN
    const { stack } = newStack();
    const api = new WebSocketApi(stack, 'api');
    // WHEN
    const route = api.addRoute('myroute', { integration: new DummyIntegration() });
    // THEN
    assert.equal(route.node.id, 'myroute-Route');
    assert.equal(route.routeKey, 'myroute');
    const routes = resourcesOfType(templateOf(stack), 'AWS::ApiGatewayV2::Route');
    assert.deepEqual(Object.values(routes)[0].Properties, {
      ApiId: { Ref: 'apiC8550315' }, AuthorizationType: 'NONE', RouteKey: 'myroute',
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'apimyrouteRouteDummyIntegration4CA1C9B0' }]] },
    });
  });

  test('addRoute twice with one key fails with the construct id clash', () => {
    const { stack } = newStack();
    const api = new WebSocketApi(stack, 'api');
    api.addRoute('r', { integration: new DummyIntegration('A') });
    assert.throws(() => api.addRoute('r', { integration: new DummyIntegration('B') }), /There is already a Construct with name 'r-Route'/);
  });

  test('connect, disconnect and default route options add those routes in that order', () => {
    const { stack } = newStack();
    new WebSocketApi(stack, 'api', {
      defaultRouteOptions: { integration: new DummyIntegration('D') },
      connectRouteOptions: { integration: new DummyIntegration('C') },
      disconnectRouteOptions: { integration: new DummyIntegration('X') },
    });
    const keys = Object.values(resourcesOfType(templateOf(stack), 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties?.RouteKey);
    assert.deepEqual(keys, ['$connect', '$disconnect', '$default']);
  });

  test('an authorizer is only allowed on $connect', () => {
    const { stack } = newStack();
    const api = new WebSocketApi(stack, 'api');
    assert.throws(
      () => api.addRoute('message', { integration: new DummyIntegration(), authorizer: new WebSocketIamAuthorizer() }),
      (e: Error) => e.name === 'SetWebSocketAuthorizerConnect' && e.message === 'You can only set a WebSocket authorizer to a $connect route.',
    );
  });

  test('applyRemovalPolicy applies to the Api resource only', () => {
    const { stack } = newStack();
    const api = new WebSocketApi(stack, 'api');
    api.addRoute('r', { integration: new DummyIntegration() });
    api.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const t = templateOf(stack);
    assert.equal(t.Resources.apiC8550315.DeletionPolicy, 'Retain');
    assert.equal(t.Resources.apiC8550315.UpdateReplacePolicy, 'Retain');
    const route = Object.values(resourcesOfType(t, 'AWS::ApiGatewayV2::Route'))[0] as Record<string, unknown>;
    assert.equal(route.DeletionPolicy, undefined);
  });

  test('arnForExecuteApi: defaults, method, ANY, stage and path; warns that it is deprecated', () => {
    // GIVEN
    const { stack } = newStack();
    const api = new WebSocketApi(stack, 'api');
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (m: string) => { warnings.push(m); };
    try {
      // THEN
      assert.deepEqual(stack.resolve(api.arnForExecuteApi()), joinArn('apiC8550315', '/*/*/*'));
      assert.deepEqual(stack.resolve(api.arnForExecuteApi('GET')), joinArn('apiC8550315', '/*/GET/*'));
      assert.deepEqual(stack.resolve(api.arnForExecuteApi('ANY', '/path', 'dev')), joinArn('apiC8550315', '/dev/*/path'));
      assert.deepEqual(stack.resolve(api.arnForExecuteApi('POST', '/@connections', 'prod')), joinArn('apiC8550315', '/prod/POST/@connections'));
      assert.throws(() => api.arnForExecuteApi('GET', 'path'), (e: Error) => e.name === 'PathStart' && e.message === "Path must start with '/': path");
    } finally {
      console.warn = original;
    }
    assert.ok(warnings.length >= 1);
    assert.match(warnings[0], /^\[WARNING\] aws-cdk-lib\.aws_apigatewayv2\.WebSocketApi#arnForExecuteApi is deprecated/);
  });

  test('arnForExecuteApiV2: defaults, route, route and stage', () => {
    const { stack } = newStack();
    const api = new WebSocketApi(stack, 'api');
    assert.deepEqual(stack.resolve(api.arnForExecuteApiV2()), joinArn('apiC8550315', '/*/*'));
    assert.deepEqual(stack.resolve(api.arnForExecuteApiV2('$connect')), joinArn('apiC8550315', '/*/$connect'));
    assert.deepEqual(stack.resolve(api.arnForExecuteApiV2('sendMessage', 'dev')), joinArn('apiC8550315', '/dev/sendMessage'));
  });

  test('grantManageConnections gives a principal execute-api:ManageConnections on every stage', () => {
    // GIVEN
    const { stack } = newStack();
    const api = new WebSocketApi(stack, 'api');
    const user = new iam.User(stack, 'User');
    // WHEN
    const grant = api.grantManageConnections(user);
    // THEN
    assert.ok(grant.success);
    const policy = Object.values(resourcesOfType(templateOf(stack), 'AWS::IAM::Policy'))[0];
    assert.deepEqual((policy.Properties?.PolicyDocument as { Statement: unknown[] }).Statement, [{
      Action: 'execute-api:ManageConnections', Effect: 'Allow', Resource: joinArn('apiC8550315', '/*/*/@connections/*'),
    }]);
  });

  test('metric: AWS/ApiGateway, dimension ApiId, Average over 5 minutes; props override', () => {
    const { stack } = newStack();
    const api = new WebSocketApi(stack, 'api');
    const m = api.metric('ConnectCount');
    assert.equal(m.namespace, 'AWS/ApiGateway');
    assert.equal(m.metricName, 'ConnectCount');
    assert.deepEqual(stack.resolve(m.dimensions), { ApiId: { Ref: 'apiC8550315' } });
    assert.equal(m.statistic, 'Average');
    assert.equal(m.period.toSeconds(), 300);
    const custom = api.metric('MessageCount', { statistic: 'Sum', dimensionsMap: { Other: 'x' } });
    assert.equal(custom.statistic, 'Sum');
    assert.deepEqual(custom.dimensions, { Other: 'x' });
  });

  test('toString is the construct path', () => {
    const { stack } = newStack();
    const api = new WebSocketApi(new Construct(stack, 'Nest'), 'api');
    assert.equal(api.toString(), 'TestStack/Nest/api');
  });

  test('apiId is the Ref and apiEndpoint the ApiEndpoint attribute', () => {
    const { stack } = newStack();
    const api = new WebSocketApi(stack, 'api');
    assert.deepEqual(stack.resolve(api.apiId), { Ref: 'apiC8550315' });
    assert.deepEqual(stack.resolve(api.apiEndpoint), { 'Fn::GetAtt': ['apiC8550315', 'ApiEndpoint'] });
    assert.deepEqual(stack.resolve(api.apiRef), { apiId: { Ref: 'apiC8550315' } });
  });

  test('env is the stack environment; node, stack and webSocketApiName are set', () => {
    const { stack } = newStack({ env: { account: '123456789012', region: 'eu-west-1' } });
    const api = new WebSocketApi(stack, 'api');
    assert.deepEqual(api.env, { account: '123456789012', region: 'eu-west-1' });
    assert.equal(api.node.id, 'api');
    assert.equal(api.stack, stack);
    assert.equal(api.webSocketApiName, 'api');
    assert.equal(new WebSocketApi(stack, 'named', { apiName: '' }).webSocketApiName, '');
  });

  test('fromWebSocketApiAttributes imports an API; apiEndpoint throws when not given', () => {
    const { stack } = newStack();
    const imported = WebSocketApi.fromWebSocketApiAttributes(stack, 'Imp', { webSocketId: 'ws-1234', apiEndpoint: 'api-endpoint' });
    assert.equal(imported.apiId, 'ws-1234');
    assert.equal(imported.apiEndpoint, 'api-endpoint');
    assert.equal(imported.isWebsocketApi, true);
    const bare = WebSocketApi.fromWebSocketApiAttributes(stack, 'Bare', { webSocketId: 'ws-1' });
    assert.throws(() => bare.apiEndpoint, (e: Error) => e.name === 'ApiEndpointConfiguredImportedWeb' && /apiEndpoint is not configured/.test(e.message));
    assert.deepEqual(stack.resolve(bare.metric('ConnectCount').dimensions), { ApiId: 'ws-1' });
  });

  test('isConstruct, isResource and isOwnedResource', () => {
    const { stack } = newStack();
    const api = new WebSocketApi(stack, 'api');
    const imported = WebSocketApi.fromWebSocketApiAttributes(stack, 'Imp', { webSocketId: 'x' });
    assert.equal(WebSocketApi.isConstruct(api), true);
    assert.ok(!WebSocketApi.isConstruct({}));
    assert.equal(WebSocketApi.isResource(api), true);
    assert.equal(Resource.isResource(new Construct(stack, 'plain')), false);
    assert.equal(WebSocketApi.isOwnedResource(api), true);
    assert.equal(WebSocketApi.isOwnedResource(imported), false);
    assert.ok(CfnResource.isCfnResource(api.node.defaultChild));
    assert.equal(Stack.of(api), stack);
  });
});
