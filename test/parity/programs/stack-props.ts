// Stack props: stackName, description and terminationProtection (the last two stack-level settings also via setters).
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack', {
    stackName: 'my-chat-stack',
    description: 'A WebSocket chat backend',
    terminationProtection: true,
  });
  new apigwv2.WebSocketApi(stack, 'mywsapi');
  new cdk.CfnOutput(stack, 'StackName', { value: stack.stackName });
  new cdk.CfnOutput(stack, 'StackId', { value: stack.stackId });
  new cdk.CfnOutput(stack, 'ArtifactId', { value: stack.artifactId });
  const other = new cdk.Stack(app, 'OtherStack');
  other.templateOptions.description = 'Set through templateOptions';
  other.terminationProtection = false;
  new apigwv2.WebSocketApi(other, 'otherapi');
  new cdk.CfnOutput(other, 'StackName', { value: other.stackName });
  return app;
}
