// addRoute with returnResponse true (route response created) and false (same as unset).
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
  const withResponse = api.addRoute('sendMessage', {
    integration: new integrations.WebSocketLambdaIntegration('SendIntegration', handler),
    returnResponse: true,
  });
  api.addRoute('noResponse', {
    integration: new integrations.WebSocketLambdaIntegration('NoResponseIntegration', handler),
    returnResponse: false,
  });
  new cdk.CfnOutput(stack, 'RouteId', { value: withResponse.routeId });
  new cdk.CfnOutput(stack, 'RouteKey', { value: withResponse.routeKey });
  return app;
}
