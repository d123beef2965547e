// WebSocketIamAuthorizer on $connect: AuthorizationType AWS_IAM and no authorizer resource.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
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
  api.addRoute('$connect', {
    integration: new integrations.WebSocketLambdaIntegration('ConnectIntegration', handler),
    authorizer: new authorizers.WebSocketIamAuthorizer(),
  });
  // An explicit WebSocketNoneAuthorizer on $connect is allowed too.
  const other = new apigwv2.WebSocketApi(stack, 'OtherApi');
  other.addRoute('$connect', {
    integration: new integrations.WebSocketMockIntegration('MockConnect'),
    authorizer: new apigwv2.WebSocketNoneAuthorizer(),
  });
  return app;
}
