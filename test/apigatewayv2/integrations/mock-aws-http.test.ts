import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Duration } from '../../../src/core/index.js';
import * as iam from '../../../src/iam/index.js';
import { ContentHandling, PassthroughBehavior, WebSocketApi } from '../../../src/apigatewayv2/index.js';
import { WebSocketAwsIntegration, WebSocketHttpIntegration, WebSocketMockIntegration } from '../../../src/apigatewayv2/integrations/index.js';
import { newStack, resourcesOfType, templateOf } from '../../support/synth.js';

const integrationProps = (stack: Parameters<typeof templateOf>[0]) =>
  Object.values(resourcesOfType(templateOf(stack), 'AWS::ApiGatewayV2::Integration')).map((r) => r.Properties);

describe('WebSocketMockIntegration', () => {
  test('renders MOCK with an empty URI, and templates when given', () => {
    const { stack } = newStack();
    const api = new WebSocketApi(stack, 'Api');
    api.addRoute('a', { integration: new WebSocketMockIntegration('A') });
    api.addRoute('b', { integration: new WebSocketMockIntegration('B', { requestTemplates: { $default: '{"statusCode":200}' }, templateSelectionExpression: '\\$default' }), returnResponse: true });
    const [a, b] = integrationProps(stack);
    assert.deepEqual(a, { ApiId: { Ref: 'ApiF70053CD' }, IntegrationType: 'MOCK', IntegrationUri: '' });
    assert.deepEqual(b?.RequestTemplates, { $default: '{"statusCode":200}' });
    assert.equal(b?.TemplateSelectionExpression, '\\$default');
  });
});

describe('WebSocketAwsIntegration', () => {
  test('passes every prop through, with no IAM permission added', () => {
    const { stack } = newStack();
    const role = new iam.Role(stack, 'MyRole', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
    const api = new WebSocketApi(stack, 'Api');
    api.addRoute('put', {
      integration: new WebSocketAwsIntegration('Put', {
        integrationUri: 'arn:aws:apigateway:us-west-2:dynamodb:action/PutItem',
        integrationMethod: 'POST',
        credentialsRole: role,
        requestParameters: { 'integration.request.header.Content-Type': "'application/x-amz-json-1.0'" },
        requestTemplates: { 'application/json': '{}' },
        templateSelectionExpression: '\\$default',
        passthroughBehavior: PassthroughBehavior.WHEN_NO_TEMPLATES,
        contentHandling: ContentHandling.CONVERT_TO_BINARY,
        timeout: Duration.seconds(10),
      }),
    });
    const [p] = integrationProps(stack);
    assert.equal(p?.IntegrationType, 'AWS');
    assert.equal(p?.IntegrationMethod, 'POST');
    assert.deepEqual(p?.CredentialsArn, { 'Fn::GetAtt': ['MyRoleF48FFE04', 'Arn'] });
    assert.equal(p?.PassthroughBehavior, 'WHEN_NO_TEMPLATES');
    assert.equal(p?.ContentHandlingStrategy, 'CONVERT_TO_BINARY');
    assert.equal(p?.TimeoutInMillis, 10000);
    assert.deepEqual(p?.RequestParameters, { 'integration.request.header.Content-Type': "'application/x-amz-json-1.0'" });
    assert.equal(Object.keys(resourcesOfType(templateOf(stack), 'AWS::IAM::Policy')).length, 0);
  });
});

describe('WebSocketHttpIntegration', () => {
  test('renders HTTP_PROXY by default and HTTP with templates when proxy is false', () => {
    const { stack } = newStack();
    const api = new WebSocketApi(stack, 'Api');
    api.addRoute('p', { integration: new WebSocketHttpIntegration('P', 'https://example.com/hook', { timeout: Duration.seconds(5) }) });
    api.addRoute('t', { integration: new WebSocketHttpIntegration('T', 'https://example.com/t', { proxy: false, method: 'PUT', requestTemplates: { $default: '$input.body' } }) });
    const [p, t] = integrationProps(stack);
    assert.deepEqual(p, { ApiId: { Ref: 'ApiF70053CD' }, IntegrationMethod: 'POST', IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://example.com/hook', TimeoutInMillis: 5000 });
    assert.equal(t?.IntegrationType, 'HTTP');
    assert.equal(t?.IntegrationMethod, 'PUT');
    assert.deepEqual(t?.RequestTemplates, { $default: '$input.body' });
  });
});
