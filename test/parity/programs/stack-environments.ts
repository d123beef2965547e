// An environment-agnostic stack next to an environment-specific one (account and region become literals).
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';

function addChat(stack: cdk.Stack): void {
  const handler = new lambda.Function(stack, 'MessageHandler', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  const stage = new apigwv2.WebSocketStage(stack, 'mystage', { webSocketApi: api, stageName: 'dev', autoDeploy: true });
  api.addRoute('sendMessage', {
    integration: new integrations.WebSocketLambdaIntegration('SendMessageIntegration', handler),
  });
  api.grantManageConnections(handler);
  new cdk.CfnOutput(stack, 'Url', { value: stage.url });
  new cdk.CfnOutput(stack, 'CallbackUrl', { value: stage.callbackUrl });
  new cdk.CfnOutput(stack, 'V2Arn', { value: api.arnForExecuteApiV2('sendMessage', 'dev') });
  new cdk.CfnOutput(stack, 'Region', { value: stack.region });
  new cdk.CfnOutput(stack, 'Account', { value: stack.account });
  new cdk.CfnOutput(stack, 'Partition', { value: stack.partition });
  new cdk.CfnOutput(stack, 'UrlSuffix', { value: stack.urlSuffix });
}

export default function build(): cdk.App {
  const app = new cdk.App();
  addChat(new cdk.Stack(app, 'AgnosticStack'));
  addChat(new cdk.Stack(app, 'EnvStack', { env: { account: '123456789012', region: 'eu-west-1' } }));
  return app;
}
