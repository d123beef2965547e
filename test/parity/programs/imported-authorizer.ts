// WebSocketAuthorizer.fromWebSocketAuthorizerAttributes used on $connect routes (CUSTOM and AWS_IAM types).
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const custom = apigwv2.WebSocketAuthorizer.fromWebSocketAuthorizerAttributes(stack, 'ImportedAuthorizer', {
    authorizerId: 'auth1234',
    authorizerType: 'CUSTOM',
  });
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi', {
    connectRouteOptions: {
      integration: new integrations.WebSocketMockIntegration('ConnectIntegration'),
      authorizer: custom,
    },
  });
  new cdk.CfnOutput(stack, 'ApiId', { value: api.apiId });
  const iamLike = apigwv2.WebSocketAuthorizer.fromWebSocketAuthorizerAttributes(stack, 'ImportedIam', {
    authorizerId: 'unused',
    authorizerType: 'AWS_IAM',
  });
  new apigwv2.WebSocketApi(stack, 'OtherApi', {
    connectRouteOptions: {
      integration: new integrations.WebSocketMockIntegration('OtherConnect'),
      authorizer: iamLike,
    },
  });
  return app;
}
