// lambda.Function with environment, timeout, memorySize, description and an explicit role; addPermission and grantInvoke.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const role = new iam.Role(stack, 'HandlerRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
  });
  const handler = new lambda.Function(stack, 'Handler', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    role,
    environment: { TABLE_NAME: 'connections', STAGE: 'dev' },
    timeout: cdk.Duration.seconds(29),
    memorySize: 512,
    description: 'WebSocket message handler',
    functionName: 'ws-message-handler',
  });
  handler.addEnvironment('ADDED_LATER', 'yes');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  api.addRoute('sendMessage', { integration: new integrations.WebSocketLambdaIntegration('Send', handler) });
  handler.addPermission('AllowAccount', {
    principal: new iam.AccountRootPrincipal(),
    action: 'lambda:InvokeFunction',
  });
  handler.addPermission('AllowApiGateway', {
    principal: new iam.ServicePrincipal('apigateway.amazonaws.com'),
    sourceArn: api.arnForExecuteApiV2('$default'),
    sourceAccount: stack.account,
  });
  const invoker = new iam.Role(stack, 'Invoker', { assumedBy: new iam.AccountRootPrincipal() });
  handler.grantInvoke(invoker);
  const defaults = new lambda.Function(stack, 'Defaults', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
  defaults.grantInvoke(new iam.ServicePrincipal('events.amazonaws.com'));
  new cdk.CfnOutput(stack, 'FunctionArn', { value: handler.functionArn });
  new cdk.CfnOutput(stack, 'FunctionName', { value: handler.functionName });
  new cdk.CfnOutput(stack, 'RoleArn', { value: defaults.role?.roleArn ?? 'none' });
  return app;
}
