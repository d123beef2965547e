// Raw L1s (CfnApi, CfnRoute, CfnIntegration, CfnStage, CfnRouteResponse, CfnIntegrationResponse, CfnAuthorizer, CfnDeployment) with tags.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.CfnApi(stack, 'Api', {
    name: 'raw-api',
    protocolType: 'WEBSOCKET',
    routeSelectionExpression: '$request.body.action',
    apiKeySelectionExpression: '$request.header.x-api-key',
    description: 'made of L1s',
    disableSchemaValidation: true,
    tags: { team: 'realtime', env: 'test' },
  });
  const integration = new apigwv2.CfnIntegration(stack, 'Integration', {
    apiId: api.ref,
    integrationType: 'MOCK',
    requestTemplates: { $default: '{"statusCode": 200}' },
    templateSelectionExpression: '\\$default',
    timeoutInMillis: 5000,
  });
  const authorizer = new apigwv2.CfnAuthorizer(stack, 'Authorizer', {
    apiId: api.ref,
    authorizerType: 'REQUEST',
    name: 'raw-authorizer',
    authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations',
    identitySource: ['route.request.header.Auth'],
  });
  const connect = new apigwv2.CfnRoute(stack, 'ConnectRoute', {
    apiId: api.ref,
    routeKey: '$connect',
    authorizationType: 'CUSTOM',
    authorizerId: authorizer.ref,
    target: cdk.Fn.join('/', ['integrations', integration.ref]),
  });
  const message = new apigwv2.CfnRoute(stack, 'MessageRoute', {
    // The L1s also accept the referenced L1 itself instead of its id.
    apiId: api,
    routeKey: 'message',
    apiKeyRequired: true,
    routeResponseSelectionExpression: '$default',
    target: `integrations/${integration.ref}`,
  });
  new apigwv2.CfnRouteResponse(stack, 'RouteResponse', {
    apiId: api.ref,
    routeId: message.ref,
    routeResponseKey: '$default',
  });
  new apigwv2.CfnIntegrationResponse(stack, 'IntegrationResponse', {
    apiId: api.ref,
    integrationId: integration.ref,
    integrationResponseKey: '$default',
    responseTemplates: { $default: '{"ok": true}' },
    templateSelectionExpression: '\\$default',
  });
  const deployment = new apigwv2.CfnDeployment(stack, 'Deployment', {
    apiId: api.ref,
    description: 'first deployment',
  });
  deployment.addResourceDependency(connect);
  deployment.addResourceDependency(message);
  new apigwv2.CfnStage(stack, 'Stage', {
    apiId: api.ref,
    stageName: 'prod',
    deploymentId: deployment.ref,
    description: 'raw stage',
    defaultRouteSettings: { throttlingBurstLimit: 10, throttlingRateLimit: 5, dataTraceEnabled: false, loggingLevel: 'INFO' },
    routeSettings: { message: { throttlingRateLimit: 1 } },
    tags: { team: 'realtime' },
  });
  new cdk.CfnOutput(stack, 'ApiEndpoint', { value: api.attrApiEndpoint });
  new cdk.CfnOutput(stack, 'ApiIdAttr', { value: api.attrApiId });
  new cdk.CfnOutput(stack, 'IntegrationRef', { value: integration.ref });
  new cdk.CfnOutput(stack, 'AuthorizerIdAttr', { value: authorizer.attrAuthorizerId });
  return app;
}
