// Error: stack.renameLogicalId to an id that is not alphanumeric (checked when the template is synthesized).
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  new apigwv2.WebSocketApi(stack, 'mywsapi');
  stack.renameLogicalId('mywsapi32E6CE11', 'bad-id');
  return app;
}
