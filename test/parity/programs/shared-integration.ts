// One WebSocketLambdaIntegration instance used by two routes: one Integration, one Permission per route.
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
  const integration = new integrations.WebSocketLambdaIntegration('SharedIntegration', handler);
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi', {
    connectRouteOptions: { integration },
  });
  api.addRoute('sendMessage', { integration });
  api.addRoute('$default', { integration });
  const mock = new integrations.WebSocketMockIntegration('SharedMock');
  api.addRoute('ping', { integration: mock });
  api.addRoute('pong', { integration: mock, returnResponse: true });
  return app;
}
