// Error: an integration timeout of Duration.seconds(<token>) cannot be converted to milliseconds.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const seconds = new cdk.CfnParameter(stack, 'TimeoutSeconds', { type: 'Number', default: 5 });
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  api.addRoute('put', {
    integration: new integrations.WebSocketAwsIntegration('Put', {
      integrationUri: 'arn:aws:apigateway:us-east-1:dynamodb:action/PutItem',
      integrationMethod: 'POST',
      timeout: cdk.Duration.seconds(seconds.valueAsNumber),
    }),
  });
  return app;
}
