// lambda.Code.fromAsset of a small directory: the asset hash and S3 location in the template.
import { fileURLToPath } from 'node:url';
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const handler = new lambda.Function(stack, 'AssetHandler', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromAsset(fileURLToPath(new URL('../fixtures/asset-handler', import.meta.url))),
  });
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  api.addRoute('sendMessage', { integration: new integrations.WebSocketLambdaIntegration('Send', handler) });
  return app;
}
