// Tags.of(app / stack / api).add and remove, with priorities and resource-type filters.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const handler = new lambda.Function(stack, 'Handler', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  api.addRoute('sendMessage', {
    integration: new integrations.WebSocketLambdaIntegration('SendMessageIntegration', handler),
  });
  new apigwv2.WebSocketStage(stack, 'mystage', { webSocketApi: api, stageName: 'dev' });
  const untagged = new apigwv2.WebSocketApi(stack, 'UntaggedApi');
  new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });

  cdk.Tags.of(app).add('app', 'chat');
  cdk.Tags.of(app).add('owner', 'app-level');
  cdk.Tags.of(stack).add('owner', 'stack-level');
  cdk.Tags.of(api).add('owner', 'api-level');
  // A lower priority loses against the default priority (100) of the stack tag.
  cdk.Tags.of(api).add('env', 'low', { priority: 50 });
  cdk.Tags.of(stack).add('env', 'stack');
  // A higher priority wins even though it is applied at a higher level.
  cdk.Tags.of(app).add('cost-center', 'app-wins', { priority: 300 });
  cdk.Tags.of(api).add('cost-center', 'api-loses');
  cdk.Tags.of(stack).add('only-stages', 'yes', { includeResourceTypes: ['AWS::ApiGatewayV2::Stage'] });
  cdk.Tags.of(stack).add('not-roles', 'yes', { excludeResourceTypes: ['AWS::IAM::Role'] });
  cdk.Tags.of(untagged).remove('app');
  cdk.Tags.of(untagged).remove('owner', { priority: 50 });
  cdk.Tags.of(stack).remove('not-roles', { includeResourceTypes: ['AWS::Lambda::Function'] });
  return app;
}
