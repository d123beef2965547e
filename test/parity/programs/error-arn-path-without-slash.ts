// Error: arnForExecuteApi with a path that does not start with '/'.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  new cdk.CfnOutput(stack, 'Arn', { value: api.arnForExecuteApi('GET', 'path', 'dev') });
  return app;
}
