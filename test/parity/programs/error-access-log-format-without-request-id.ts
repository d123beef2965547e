// Error: a custom access-log format without $context.requestId or $context.extendedRequestId.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as logs from 'aws-cdk-lib/aws-logs';

type AccessLogFormat = ReturnType<apigwv2.WebSocketStage['defaultAccessLogFormat']>;

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  const template = new apigwv2.WebSocketStage(stack, 'Template', { webSocketApi: api, stageName: 'template' });
  const Format = template.defaultAccessLogFormat().constructor as new (format: string) => AccessLogFormat;
  new apigwv2.WebSocketStage(stack, 'Stage', {
    webSocketApi: api,
    stageName: 'dev',
    accessLogSettings: {
      destination: new apigwv2.LogGroupLogDestination(new logs.LogGroup(stack, 'Logs')),
      format: new Format('$context.status $context.routeKey'),
    },
  });
  return app;
}
