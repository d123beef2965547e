// WebSocketStage.grantManagementApiAccess to a Function, a Role and a User.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  const stage = new apigwv2.WebSocketStage(stack, 'mystage', { webSocketApi: api, stageName: 'dev' });
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
  stage.grantManagementApiAccess(fn);
  stage.grantManagementApiAccess(new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() }));
  stage.grantManagementApiAccess(new iam.User(stack, 'User'));
  return app;
}
