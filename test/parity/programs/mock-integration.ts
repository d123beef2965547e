// WebSocketMockIntegration plain and with requestTemplates / templateSelectionExpression.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi', {
    defaultRouteOptions: { integration: new integrations.WebSocketMockIntegration('DefaultIntegration') },
  });
  api.addRoute('echo', {
    integration: new integrations.WebSocketMockIntegration('EchoIntegration', {
      requestTemplates: { $default: '{"statusCode": 200}', 'application/json': '{"statusCode": 201}' },
      templateSelectionExpression: '\\$default',
    }),
    returnResponse: true,
  });
  return app;
}
