// IAM: Role with inline and managed policies, principals, conditions, and a Policy attached to a role and a user.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  const document = new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        actions: ['execute-api:ManageConnections', 'execute-api:Invoke'],
        resources: [api.arnForExecuteApiV2('$connect', 'dev'), `${api.arnForExecuteApiV2()}/@connections/*`],
        conditions: {
          StringEquals: { 'aws:RequestedRegion': 'us-east-1' },
          Bool: { 'aws:SecureTransport': 'true' },
        },
      }),
    ],
  });
  const role = new iam.Role(stack, 'ConnectionsRole', {
    roleName: 'connections-role',
    description: 'Manages WebSocket connections',
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    inlinePolicies: { ManageConnections: document },
    managedPolicies: [
      iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'),
      iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonAPIGatewayInvokeFullAccess'),
    ],
    maxSessionDuration: cdk.Duration.hours(2),
    path: '/ws/',
  });
  role.addToPolicy(
    new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      actions: ['execute-api:Invoke'],
      resources: ['*'],
      conditions: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } },
    }),
  );
  new iam.Role(stack, 'AccountRole', { assumedBy: new iam.AccountRootPrincipal() });
  new iam.Role(stack, 'ArnRole', {
    assumedBy: new iam.ArnPrincipal('arn:aws:iam::123456789012:role/deployer'),
    externalIds: ['external-1'],
  });
  const user = new iam.User(stack, 'Operator', { userName: 'ws-operator' });
  const policy = new iam.Policy(stack, 'SharedPolicy', {
    policyName: 'shared-policy',
    statements: [
      new iam.PolicyStatement({
        actions: ['logs:CreateLogGroup'],
        resources: [stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '/ws/*', arnFormat: cdk.ArnFormat.COLON_RESOURCE_NAME })],
      }),
    ],
  });
  policy.attachToRole(role);
  policy.attachToUser(user);
  policy.addStatements(new iam.PolicyStatement({ actions: ['logs:PutLogEvents'], resources: ['*'] }));
  user.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['execute-api:ManageConnections'], resources: [api.arnForExecuteApiV2()] }));
  new cdk.CfnOutput(stack, 'RoleArn', { value: role.roleArn });
  new cdk.CfnOutput(stack, 'RoleName', { value: role.roleName });
  new cdk.CfnOutput(stack, 'UserArn', { value: user.userArn });
  new cdk.CfnOutput(stack, 'PolicyJson', { value: cdk.Stack.of(role).toJsonString(document.toJSON()) });
  return app;
}
