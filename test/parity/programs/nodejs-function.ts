// aws-lambda-nodejs NodejsFunction bundling a tiny TypeScript entry with esbuild.
import { fileURLToPath } from 'node:url';
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const handler = new nodejs.NodejsFunction(stack, 'Bundled', {
    entry: fileURLToPath(new URL('../fixtures/nodejs-handler/index.ts', import.meta.url)),
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'handler',
  });
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  api.addRoute('sendMessage', { integration: new integrations.WebSocketLambdaIntegration('Send', handler) });
  return app;
}
