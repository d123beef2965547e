// WebSocketAuthorizer constructed directly (LAMBDA with authorizerUri, IAM without), then used by id.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  const lambdaAuthorizer = new apigwv2.WebSocketAuthorizer(stack, 'LambdaAuthorizer', {
    webSocketApi: api,
    type: apigwv2.WebSocketAuthorizerType.LAMBDA,
    identitySource: ['identitysource.1', 'identitysource.2'],
    authorizerUri: 'arn:cool-lambda-arn',
  });
  new apigwv2.WebSocketAuthorizer(stack, 'IamAuthorizer', {
    webSocketApi: api,
    type: apigwv2.WebSocketAuthorizerType.IAM,
    identitySource: ['route.request.header.Authorization'],
    authorizerName: 'iam-authorizer',
  });
  api.addRoute('$connect', {
    integration: new integrations.WebSocketMockIntegration('ConnectIntegration'),
    authorizer: apigwv2.WebSocketAuthorizer.fromWebSocketAuthorizerAttributes(stack, 'ById', {
      authorizerId: lambdaAuthorizer.authorizerId,
      authorizerType: 'CUSTOM',
    }),
  });
  new cdk.CfnOutput(stack, 'AuthorizerId', { value: lambdaAuthorizer.authorizerId });
  return app;
}
