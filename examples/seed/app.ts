// The seed page's example in TypeScript: a WebSocket API with one custom route and a dev stage.
import { App, Stack } from 'wsgate';
import * as apigwv2 from 'wsgate/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'wsgate/aws-apigatewayv2-integrations';
import * as lambda from 'wsgate/aws-lambda';

const app = new App();
const stack = new Stack(app, 'SeedStack');

const messageHandler = new lambda.Function(stack, 'MessageHandler', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline('exports.handler = async (e) => ({ statusCode: 200, body: e.body });'),
});

const webSocketApi = new apigwv2.WebSocketApi(stack, 'mywsapi');
new apigwv2.WebSocketStage(stack, 'mystage', { webSocketApi, stageName: 'dev', autoDeploy: true });
webSocketApi.addRoute('sendMessage', {
  integration: new WebSocketLambdaIntegration('SendMessageIntegration', messageHandler),
  returnResponse: true,
});

app.synth();
