// Error: an IAM authorizer on the $disconnect route (through disconnectRouteOptions).
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  new apigwv2.WebSocketApi(stack, 'mywsapi', {
    disconnectRouteOptions: {
      integration: new integrations.WebSocketMockIntegration('Disconnect'),
      authorizer: new authorizers.WebSocketIamAuthorizer(),
    },
  });
  return app;
}
