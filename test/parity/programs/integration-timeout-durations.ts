// Duration variants as integration timeouts, including both limits (50 ms and 29 s) and a token.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
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
  const timeouts: Record<string, cdk.Duration> = {
    millis50: cdk.Duration.millis(50),
    seconds29: cdk.Duration.seconds(29),
    minutesFraction: cdk.Duration.minutes(0.25),
    parsed: cdk.Duration.parse('PT12S'),
    plus: cdk.Duration.seconds(1).plus(cdk.Duration.millis(500)),
    minus: cdk.Duration.seconds(20).minus(cdk.Duration.seconds(5)),
  };
  for (const [key, timeout] of Object.entries(timeouts)) {
    api.addRoute(key, { integration: new integrations.WebSocketLambdaIntegration(`${key}Integration`, handler, { timeout }) });
  }
  // An unresolved timeout is not validated (it must be given in milliseconds to be convertible).
  const param = new cdk.CfnParameter(stack, 'TimeoutMillis', { type: 'Number', default: 5000 });
  api.addRoute('fromParameter', {
    integration: new integrations.WebSocketAwsIntegration('ParamIntegration', {
      integrationUri: 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/q',
      integrationMethod: 'POST',
      timeout: cdk.Duration.millis(param.valueAsNumber),
    }),
  });
  return app;
}
