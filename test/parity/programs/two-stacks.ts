// Two stacks in one app, each with its own API, and a stack-level dependency (Stack#addDependency is deprecated).
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';

export default function build(): cdk.App {
  const app = new cdk.App();
  const first = new cdk.Stack(app, 'FirstStack');
  const second = new cdk.Stack(app, 'SecondStack');
  const firstApi = new apigwv2.WebSocketApi(first, 'Api');
  firstApi.addRoute('ping', { integration: new integrations.WebSocketMockIntegration('Ping') });
  const secondApi = new apigwv2.WebSocketApi(second, 'Api');
  secondApi.addRoute('ping', { integration: new integrations.WebSocketMockIntegration('Ping') });
  second.addDependency(first, 'the second API is deployed after the first');
  const third = new cdk.Stack(app, 'ThirdStack');
  new apigwv2.WebSocketApi(third, 'Api');
  third.addStackDependency(second);
  return app;
}
