// api.metric and stage.metric with every MetricOptions prop, rendered into alarms (createAlarm, new Alarm, with()).
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  const stage = new apigwv2.WebSocketStage(stack, 'mystage', { webSocketApi: api, stageName: 'dev' });

  // Defaults: Average over 5 minutes, dimension ApiId.
  api.metric('ConnectCount').createAlarm(stack, 'DefaultAlarm', { threshold: 100, evaluationPeriods: 1 });

  const full = api.metric('MessageCount', {
    account: '123456789012',
    color: cloudwatch.Color.GREEN,
    dimensionsMap: { ApiId: api.apiId, Route: 'sendMessage' },
    label: 'Messages',
    period: cdk.Duration.minutes(1),
    region: 'us-east-1',
    statistic: cloudwatch.Stats.SUM,
    unit: cloudwatch.Unit.COUNT,
  });
  full.createAlarm(stack, 'FullAlarm', {
    threshold: 1000,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmName: 'ws-messages',
    alarmDescription: 'Too many messages',
    actionsEnabled: false,
  });

  // stage.metric overwrites user dimensions with {ApiId, Stage}.
  const latency = stage.metric('IntegrationLatency', {
    statistic: 'p99',
    period: cdk.Duration.seconds(60),
    dimensionsMap: { Ignored: 'yes' },
    unit: cloudwatch.Unit.MILLISECONDS,
  });
  new cloudwatch.Alarm(stack, 'LatencyAlarm', {
    metric: latency,
    threshold: 500,
    evaluationPeriods: 5,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.IGNORE,
    evaluateLowSampleCountPercentile: 'ignore',
  });

  // metric.with() keeps the rest and changes what is given.
  const errors = stage.metric('ExecutionError', { statistic: 'Maximum' }).with({
    statistic: cloudwatch.Stats.percentile(90),
    period: cdk.Duration.minutes(15),
    label: 'p90 errors',
  });
  new cloudwatch.Alarm(stack, 'ErrorAlarm', {
    metric: errors,
    threshold: 1,
    evaluationPeriods: 2,
    comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.BREACHING,
  });
  api
    .metric('ClientError', { statistic: 'n' })
    .with({ dimensionsMap: { ApiId: api.apiId, Stage: 'dev' } })
    .createAlarm(stack, 'ClientErrorAlarm', {
      threshold: 10,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.MISSING,
    });
  new cdk.CfnOutput(stack, 'MetricName', { value: `${full.namespace}/${full.metricName}/${full.statistic}` });
  new cdk.CfnOutput(stack, 'MetricPeriod', { value: String(latency.period.toSeconds()) });
  return app;
}
