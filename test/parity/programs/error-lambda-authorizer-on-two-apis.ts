// Error: one WebSocketLambdaAuthorizer instance used on two APIs.
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
  const authorizer = new authorizers.WebSocketLambdaAuthorizer('Authorizer', handler);
  new apigwv2.WebSocketApi(stack, 'FirstApi', {
    connectRouteOptions: { integration: new integrations.WebSocketMockIntegration('First'), authorizer },
  });
  new apigwv2.WebSocketApi(stack, 'SecondApi', {
    connectRouteOptions: { integration: new integrations.WebSocketMockIntegration('Second'), authorizer },
  });
  return app;
}
