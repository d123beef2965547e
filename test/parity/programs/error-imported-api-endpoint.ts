// Error: reading apiEndpoint of an API imported without one.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = apigwv2.WebSocketApi.fromWebSocketApiAttributes(stack, 'Imported', { webSocketId: 'abc123' });
  new cdk.CfnOutput(stack, 'Endpoint', { value: api.apiEndpoint });
  return app;
}
