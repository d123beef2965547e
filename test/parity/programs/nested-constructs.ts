// WebSocket constructs nested two levels deep under user Constructs (logical IDs include the path).
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

class ChatBackend extends Construct {
  readonly api: apigwv2.WebSocketApi;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const handlers = new Construct(this, 'Handlers');
    const handler = new lambda.Function(handlers, 'Message', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    });
    const authorizer = new lambda.Function(handlers, 'Auth', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    });
    this.api = new apigwv2.WebSocketApi(this, 'Api', {
      connectRouteOptions: {
        integration: new integrations.WebSocketLambdaIntegration('Connect', handler),
        authorizer: new authorizers.WebSocketLambdaAuthorizer('Authorizer', authorizer),
      },
    });
    this.api.addRoute('sendMessage', { integration: new integrations.WebSocketLambdaIntegration('Send', handler) });
    new apigwv2.WebSocketStage(this, 'Stage', { webSocketApi: this.api, stageName: 'dev' });
    this.api.grantManageConnections(handler);
  }
}

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const outer = new Construct(stack, 'Chat');
  new ChatBackend(outer, 'Backend');
  // A construct called 'Default' is hidden from logical IDs.
  new ChatBackend(outer, 'Default');
  return app;
}
