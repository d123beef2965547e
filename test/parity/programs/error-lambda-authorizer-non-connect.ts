// Error: a Lambda authorizer on a route other than $connect.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
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
  api.addRoute('sendMessage', {
    integration: new integrations.WebSocketLambdaIntegration('Send', handler),
    authorizer: new authorizers.WebSocketLambdaAuthorizer('Authorizer', handler),
  });
  return app;
}
