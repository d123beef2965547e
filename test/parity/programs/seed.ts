// The seed example: a WebSocketApi, a dev stage with autoDeploy, and one Lambda-integrated route.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const messageHandler = new lambda.Function(stack, 'MessageHandler', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
  const webSocketApi = new apigwv2.WebSocketApi(stack, 'mywsapi');
  new apigwv2.WebSocketStage(stack, 'mystage', {
    webSocketApi,
    stageName: 'dev',
    autoDeploy: true,
  });
  webSocketApi.addRoute('sendMessage', {
    integration: new integrations.WebSocketLambdaIntegration('SendMessageIntegration', messageHandler),
  });
  return app;
}
