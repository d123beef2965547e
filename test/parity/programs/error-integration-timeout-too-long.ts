// Error: an integration timeout above 29 seconds (on an AWS integration).
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  api.addRoute('put', {
    integration: new integrations.WebSocketAwsIntegration('Put', {
      integrationUri: 'arn:aws:apigateway:us-east-1:dynamodb:action/PutItem',
      integrationMethod: 'POST',
      timeout: cdk.Duration.millis(29001),
    }),
  });
  return app;
}
