// Error: addRoute twice with the same route key (construct id clash).
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'api');
  api.addRoute('r', { integration: new integrations.WebSocketMockIntegration('First') });
  api.addRoute('r', { integration: new integrations.WebSocketMockIntegration('Second') });
  return app;
}
