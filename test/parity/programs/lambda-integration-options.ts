// WebSocketLambdaIntegration with timeout and contentHandling.
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
  api.addRoute('text', {
    integration: new integrations.WebSocketLambdaIntegration('TextIntegration', handler, {
      timeout: cdk.Duration.seconds(10),
      contentHandling: apigwv2.ContentHandling.CONVERT_TO_TEXT,
    }),
  });
  api.addRoute('binary', {
    integration: new integrations.WebSocketLambdaIntegration('BinaryIntegration', handler, {
      contentHandling: apigwv2.ContentHandling.CONVERT_TO_BINARY,
    }),
  });
  return app;
}
