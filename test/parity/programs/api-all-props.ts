// WebSocketApi with every prop: apiName, description, routeSelectionExpression and the three route options.
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
  new apigwv2.WebSocketApi(stack, 'mywsapi', {
    apiName: 'MyChatApi',
    description: 'A chat API with all props set',
    routeSelectionExpression: '$request.body.route',
    connectRouteOptions: { integration: new integrations.WebSocketLambdaIntegration('ConnectIntegration', handler) },
    disconnectRouteOptions: {
      integration: new integrations.WebSocketLambdaIntegration('DisconnectIntegration', handler),
    },
    defaultRouteOptions: {
      integration: new integrations.WebSocketMockIntegration('DefaultIntegration'),
      returnResponse: true,
    },
  });
  // An empty apiName is kept as Name: "" (the default only applies when the prop is undefined).
  new apigwv2.WebSocketApi(stack, 'EmptyNameApi', { apiName: '' });
  return app;
}
