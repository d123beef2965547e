// apiKeySelectionExpression: HEADER_X_API_KEY, AUTHORIZER_USAGE_IDENTIFIER_KEY and a custom selector.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  new apigwv2.WebSocketApi(stack, 'HeaderApi', {
    apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY,
  });
  new apigwv2.WebSocketApi(stack, 'AuthorizerApi', {
    apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.AUTHORIZER_USAGE_IDENTIFIER_KEY,
  });
  const custom = new apigwv2.WebSocketApiKeySelectionExpression('$request.header.x-custom-key');
  const api = new apigwv2.WebSocketApi(stack, 'CustomApi', { apiKeySelectionExpression: custom });
  new cdk.CfnOutput(stack, 'CustomSelector', { value: custom.customApiKeySelector });
  new cdk.CfnOutput(stack, 'CustomApiName', { value: api.webSocketApiName ?? 'none' });
  return app;
}
