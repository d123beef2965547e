// WebSocketLambdaAuthorizer with custom identitySource and authorizerName, reused on a second $connect route.
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
  const authHandler = new lambda.Function(stack, 'AuthHandler', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
  const authorizer = new authorizers.WebSocketLambdaAuthorizer('CustomAuthorizer', authHandler, {
    authorizerName: 'my-authorizer',
    identitySource: ['route.request.header.Authorization', 'route.request.querystring.token'],
  });
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi', {
    connectRouteOptions: {
      integration: new integrations.WebSocketLambdaIntegration('ConnectIntegration', handler),
      authorizer,
    },
  });
  // Binding the same authorizer again on the same API creates no second authorizer or permission.
  new apigwv2.WebSocketRoute(stack, 'SecondConnect', {
    webSocketApi: api,
    routeKey: '$connect',
    integration: new integrations.WebSocketMockIntegration('SecondConnectIntegration'),
    authorizer,
  });
  return app;
}
