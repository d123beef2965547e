// WebSocketStage.fromWebSocketStageAttributes: metric (into an alarm), stageName and addStageVariable.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  const stage = apigwv2.WebSocketStage.fromWebSocketStageAttributes(stack, 'ImportedStage', {
    stageName: 'live',
    api,
  });
  stage.addStageVariable('ignored', 'value');
  new cloudwatch.Alarm(stack, 'StageAlarm', {
    metric: stage.metric('ConnectCount', { statistic: cloudwatch.Stats.SUM, period: cdk.Duration.minutes(10) }),
    threshold: 50,
    evaluationPeriods: 2,
  });
  new cdk.CfnOutput(stack, 'StageName', { value: stage.stageName });
  return app;
}
