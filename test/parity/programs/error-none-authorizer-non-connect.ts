// Error: even an explicit WebSocketNoneAuthorizer is refused on a non-$connect route (new WebSocketRoute).
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  new apigwv2.WebSocketRoute(stack, 'Route', {
    webSocketApi: api,
    routeKey: '$default',
    integration: new integrations.WebSocketMockIntegration('Default'),
    authorizer: new apigwv2.WebSocketNoneAuthorizer(),
  });
  return app;
}
