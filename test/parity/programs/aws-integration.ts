// WebSocketAwsIntegration with every prop (credentialsRole, requestParameters, templates, passthrough, timeout…).
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const role = new iam.Role(stack, 'ApiGatewayRole', {
    assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
  });
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  api.addRoute('putItem', {
    integration: new integrations.WebSocketAwsIntegration('DynamodbPutItem', {
      integrationUri: `arn:aws:apigateway:${stack.region}:dynamodb:action/PutItem`,
      integrationMethod: 'POST',
      credentialsRole: role,
      requestParameters: {
        'integration.request.header.Content-Type': "'application/x-amz-json-1.0'",
      },
      requestTemplates: {
        'application/json': JSON.stringify({ TableName: 'Connections', Item: { id: { S: '$context.connectionId' } } }),
      },
      templateSelectionExpression: '\\$default',
      passthroughBehavior: apigwv2.PassthroughBehavior.WHEN_NO_TEMPLATES,
      contentHandling: apigwv2.ContentHandling.CONVERT_TO_BINARY,
      timeout: cdk.Duration.seconds(10),
    }),
    returnResponse: true,
  });
  api.addRoute('minimal', {
    integration: new integrations.WebSocketAwsIntegration('SqsSend', {
      integrationUri: 'arn:aws:apigateway:us-west-2:sqs:path/123456789012/queue',
      integrationMethod: 'POST',
      passthroughBehavior: apigwv2.PassthroughBehavior.NEVER,
    }),
  });
  return app;
}
