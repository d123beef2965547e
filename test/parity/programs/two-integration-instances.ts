// Two integration instances (same handler, different ids) on one API give two Integrations.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const handler = new lambda.Function(stack, 'Handler', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  api.addRoute('first', { integration: new integrations.WebSocketLambdaIntegration('FirstIntegration', handler) });
  api.addRoute('second', { integration: new integrations.WebSocketLambdaIntegration('SecondIntegration', handler) });
  // The same construct id on two instances is fine: each lives under its own route.
  api.addRoute('third', { integration: new integrations.WebSocketLambdaIntegration('SameId', handler) });
  api.addRoute('fourth', { integration: new integrations.WebSocketLambdaIntegration('SameId', handler) });
  return app;
}
