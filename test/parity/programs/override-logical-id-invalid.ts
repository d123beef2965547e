// overrideLogicalId('bad-id') is not rejected by aws-cdk-lib 2.276 (only its template validator warns on stderr).
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  (api.node.defaultChild as apigwv2.CfnApi).overrideLogicalId('bad-id');
  // References to the renamed resource use the overridden id too.
  api.addRoute('message', { integration: new integrations.WebSocketMockIntegration('Mock') });
  return app;
}
