// Error: new WebSocketAuthorizer of type LAMBDA without authorizerUri.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  new apigwv2.WebSocketAuthorizer(stack, 'Authorizer', {
    webSocketApi: api,
    type: apigwv2.WebSocketAuthorizerType.LAMBDA,
    identitySource: ['route.request.header.Authorization'],
  });
  return app;
}
