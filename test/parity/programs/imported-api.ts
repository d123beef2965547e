// fromWebSocketApiAttributes with and without apiEndpoint: metric, a new WebSocketRoute and a new WebSocketStage on it.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const withEndpoint = apigwv2.WebSocketApi.fromWebSocketApiAttributes(stack, 'WithEndpoint', {
    webSocketId: 'abc123',
    apiEndpoint: 'wss://abc123.execute-api.us-east-1.amazonaws.com',
  });
  const withoutEndpoint = apigwv2.WebSocketApi.fromWebSocketApiAttributes(stack, 'WithoutEndpoint', {
    webSocketId: 'def456',
  });
  const handler = new lambda.Function(stack, 'Handler', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
  new apigwv2.WebSocketRoute(stack, 'ImportedRoute', {
    webSocketApi: withEndpoint,
    routeKey: 'sendMessage',
    integration: new integrations.WebSocketLambdaIntegration('SendMessageIntegration', handler),
  });
  new apigwv2.WebSocketRoute(stack, 'OtherRoute', {
    webSocketApi: withoutEndpoint,
    routeKey: '$default',
    integration: new integrations.WebSocketMockIntegration('DefaultIntegration'),
  });
  const stage = new apigwv2.WebSocketStage(stack, 'ImportedStage', { webSocketApi: withoutEndpoint, stageName: 'prod' });
  withEndpoint.metric('ConnectCount').createAlarm(stack, 'ConnectAlarm', { threshold: 5, evaluationPeriods: 1 });
  stage.metric('MessageCount').createAlarm(stack, 'StageAlarm', { threshold: 5, evaluationPeriods: 1 });
  new cdk.CfnOutput(stack, 'Endpoint', { value: withEndpoint.apiEndpoint });
  new cdk.CfnOutput(stack, 'ImportedId', { value: withoutEndpoint.apiId });
  new cdk.CfnOutput(stack, 'StageUrl', { value: stage.url });
  new cdk.CfnOutput(stack, 'IsWebsocket', { value: String(withoutEndpoint.isWebsocketApi) });
  return app;
}
