// Error: reading callbackUrl of an imported stage.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  const stage = apigwv2.WebSocketStage.fromWebSocketStageAttributes(stack, 'Imported', { stageName: 'dev', api });
  new cdk.CfnOutput(stack, 'CallbackUrl', { value: stage.callbackUrl });
  return app;
}
