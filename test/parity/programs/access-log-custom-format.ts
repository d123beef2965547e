// Stage access logs with a custom format. AccessLogFormat lives in aws-apigateway, so its class is reached
// through the public `stage.defaultAccessLogFormat()` instance (see test/parity/README.md).
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as logs from 'aws-cdk-lib/aws-logs';

type AccessLogFormat = ReturnType<apigwv2.WebSocketStage['defaultAccessLogFormat']>;

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  const logGroup = new logs.LogGroup(stack, 'AccessLogs', { retention: logs.RetentionDays.ONE_MONTH });
  const template = new apigwv2.WebSocketStage(stack, 'Template', { webSocketApi: api, stageName: 'template' });
  const Format = template.defaultAccessLogFormat().constructor as new (format: string) => AccessLogFormat;
  new apigwv2.WebSocketStage(stack, 'JsonStage', {
    webSocketApi: api,
    stageName: 'json',
    accessLogSettings: {
      destination: new apigwv2.LogGroupLogDestination(logGroup),
      format: new Format(JSON.stringify({ requestId: '$context.requestId', route: '$context.routeKey' })),
    },
  });
  new apigwv2.WebSocketStage(stack, 'ExtendedStage', {
    webSocketApi: api,
    stageName: 'extended',
    accessLogSettings: {
      destination: new apigwv2.LogGroupLogDestination(logGroup),
      format: new Format('$context.extendedRequestId $context.eventType'),
    },
  });
  // A token is not validated.
  const param = new cdk.CfnParameter(stack, 'LogFormat', { type: 'String', default: '$context.status' });
  new apigwv2.WebSocketStage(stack, 'TokenStage', {
    webSocketApi: api,
    stageName: 'token',
    accessLogSettings: {
      destination: new apigwv2.LogGroupLogDestination(logGroup),
      format: new Format(param.valueAsString),
    },
  });
  return app;
}
