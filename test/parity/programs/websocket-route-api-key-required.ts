// new WebSocketRoute directly, with apiKeyRequired true and false and a route response.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi', {
    apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY,
  });
  const route = new apigwv2.WebSocketRoute(stack, 'Route', {
    webSocketApi: api,
    routeKey: 'message',
    integration: new integrations.WebSocketMockIntegration('DummyIntegration'),
    apiKeyRequired: true,
    returnResponse: true,
  });
  new apigwv2.WebSocketRoute(api, 'Explicit', {
    webSocketApi: api,
    routeKey: 'other',
    integration: new integrations.WebSocketMockIntegration('OtherIntegration'),
    apiKeyRequired: false,
  });
  new cdk.CfnOutput(stack, 'RouteId', { value: route.routeId });
  new cdk.CfnOutput(stack, 'RouteApi', { value: route.webSocketApi.apiId });
  return app;
}
