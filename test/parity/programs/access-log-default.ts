// Stage access logs to a LogGroupLogDestination with the default WebSocket format; LogGroup retention and removal policy.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as logs from 'aws-cdk-lib/aws-logs';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  const logGroup = new logs.LogGroup(stack, 'AccessLogs', {
    retention: logs.RetentionDays.ONE_WEEK,
    removalPolicy: cdk.RemovalPolicy.DESTROY,
  });
  const stage = new apigwv2.WebSocketStage(stack, 'mystage', {
    webSocketApi: api,
    stageName: 'dev',
    accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(logGroup) },
  });
  new logs.LogGroup(stack, 'Named', { logGroupName: '/ws/named', retention: logs.RetentionDays.INFINITE });
  new logs.LogGroup(stack, 'DefaultGroup');
  new cdk.CfnOutput(stack, 'DefaultFormat', { value: stage.defaultAccessLogFormat().toString() });
  new cdk.CfnOutput(stack, 'LogGroupName', { value: logGroup.logGroupName });
  new cdk.CfnOutput(stack, 'LogGroupArn', { value: logGroup.logGroupArn });
  return app;
}
