import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Construct } from 'constructs';
import { Duration } from '../../src/core/index.js';
import {
  Alarm, AnomalyDetectionAlarm, ComparisonOperator, Metric, TreatMissingData, Unit,
  type IAlarm, type IAlarmAction,
} from '../../src/cloudwatch/index.js';
import { newStack, onlyResource, templateOf } from './support.js';
import { bothTemplates } from './cdk-compare.js';

const connects = new Metric({ namespace: 'AWS/ApiGateway', metricName: 'ConnectCount', dimensionsMap: { ApiId: 'abc123' } });

/** An action that remembers how it was bound. */
class TestAction implements IAlarmAction {
  public bound?: { scope: Construct; alarm: IAlarm };
  constructor(private readonly arn: string) {}
  public bind(scope: Construct, alarm: IAlarm) {
    this.bound = { scope, alarm };
    return { alarmActionArn: this.arn };
  }
}

describe('Alarm', () => {
  test('a plain metric renders into the single-metric fields, GreaterThanOrEqualToThreshold by default', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    new Alarm(stack, 'Alarm', { metric: connects, threshold: 100, evaluationPeriods: 2 });
    // THEN
    assert.deepEqual(onlyResource(templateOf(app), 'AWS::CloudWatch::Alarm'), {
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Dimensions: [{ Name: 'ApiId', Value: 'abc123' }],
      EvaluationPeriods: 2,
      MetricName: 'ConnectCount',
      Namespace: 'AWS/ApiGateway',
      Period: 300,
      Statistic: 'Average',
      Threshold: 100,
    });
  });

  test('a percentile goes to ExtendedStatistic; unit, period and every alarm setting are rendered', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    new Alarm(stack, 'Alarm', {
      metric: connects.with({ statistic: 'p99', unit: Unit.COUNT, period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.BREACHING,
      alarmName: 'name',
      alarmDescription: 'description',
      actionsEnabled: false,
      evaluateLowSampleCountPercentile: 'ignore',
    });
    // THEN
    const p = onlyResource(templateOf(app), 'AWS::CloudWatch::Alarm');
    assert.equal(p.ExtendedStatistic, 'p99');
    assert.equal(p.Statistic, undefined);
    assert.equal(p.Unit, 'Count');
    assert.equal(p.Period, 60);
    assert.equal(p.DatapointsToAlarm, 3);
    assert.equal(p.ComparisonOperator, 'LessThanThreshold');
    assert.equal(p.TreatMissingData, 'breaching');
    assert.equal(p.AlarmName, 'name');
    assert.equal(p.AlarmDescription, 'description');
    assert.equal(p.ActionsEnabled, false);
    assert.equal(p.EvaluateLowSampleCountPercentile, 'ignore');
  });

  test('a labelled metric, or one in another account, goes into Metrics', () => {
    // GIVEN
    const { app, stack } = newStack({ account: '111111111111', region: 'us-east-1' });
    // WHEN
    new Alarm(stack, 'Labelled', { metric: connects.with({ label: 'Connections' }), threshold: 1, evaluationPeriods: 1 });
    new Alarm(stack, 'Other', { metric: connects.with({ account: '222222222222' }), threshold: 1, evaluationPeriods: 1 });
    new Alarm(stack, 'Same', { metric: connects.with({ account: '111111111111' }), threshold: 1, evaluationPeriods: 1 });
    // THEN
    const resources = templateOf(app).Resources!;
    const byId = (prefix: string) => Object.entries(resources).find(([k]) => k.startsWith(prefix))![1].Properties!;
    assert.deepEqual(byId('Labelled').Metrics, [{
      Id: 'm1', Label: 'Connections', ReturnData: true,
      MetricStat: { Metric: { Dimensions: [{ Name: 'ApiId', Value: 'abc123' }], MetricName: 'ConnectCount', Namespace: 'AWS/ApiGateway' }, Period: 300, Stat: 'Average' },
    }]);
    assert.equal((byId('Other').Metrics as Array<Record<string, unknown>>)[0].AccountId, '222222222222');
    assert.equal(byId('Same').Metrics, undefined);
    assert.equal(byId('Same').MetricName, 'ConnectCount');
  });

  test('a metric of another region is refused', () => {
    // GIVEN
    const { stack } = newStack({ region: 'us-east-1' });
    // WHEN / THEN
    assert.throws(() => new Alarm(stack, 'Alarm', { metric: connects.with({ region: 'eu-west-1' }), threshold: 1, evaluationPeriods: 1 }), {
      name: 'AlarmRegionMismatch',
      message: "Cannot create an Alarm in region 'us-east-1' based on metric 'ConnectCount' in 'eu-west-1'",
    });
  });

  test('alarmArn is the Arn attribute and alarmName the Ref', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    const alarm = new Alarm(stack, 'Alarm', { metric: connects, threshold: 1, evaluationPeriods: 1 });
    // THEN
    assert.deepEqual(stack.resolve(alarm.alarmArn), { 'Fn::GetAtt': ['Alarm7103F465', 'Arn'] });
    assert.deepEqual(stack.resolve(alarm.alarmName), { Ref: 'Alarm7103F465' });
    assert.deepEqual(stack.resolve(alarm.alarmRef), { alarmName: { Ref: 'Alarm7103F465' }, alarmArn: { 'Fn::GetAtt': ['Alarm7103F465', 'Arn'] } });
    assert.deepEqual(stack.resolve(alarm.renderAlarmRule()), { 'Fn::Join': ['', ['ALARM("', { 'Fn::GetAtt': ['Alarm7103F465', 'Arn'] }, '")']] });
  });

  test('actions are bound to the alarm and rendered, even when added after creation', () => {
    // GIVEN
    const { app, stack } = newStack();
    const alarm = new Alarm(stack, 'Alarm', { metric: connects, threshold: 1, evaluationPeriods: 1 });
    const onAlarm = new TestAction('arn:aws:sns:us-east-1:111111111111:alarm');
    // WHEN
    alarm.addAlarmAction(onAlarm, new TestAction('arn:aws:sns:us-east-1:111111111111:second'));
    alarm.addOkAction(new TestAction('arn:aws:sns:us-east-1:111111111111:ok'));
    alarm.addInsufficientDataAction(new TestAction('arn:aws:sns:us-east-1:111111111111:data'));
    // THEN
    assert.equal(onAlarm.bound?.alarm, alarm);
    assert.equal(onAlarm.bound?.scope, alarm);
    const p = onlyResource(templateOf(app), 'AWS::CloudWatch::Alarm');
    assert.deepEqual(p.AlarmActions, ['arn:aws:sns:us-east-1:111111111111:alarm', 'arn:aws:sns:us-east-1:111111111111:second']);
    assert.deepEqual(p.OKActions, ['arn:aws:sns:us-east-1:111111111111:ok']);
    assert.deepEqual(p.InsufficientDataActions, ['arn:aws:sns:us-east-1:111111111111:data']);
  });

  test('EC2 actions need a per-instance metric', () => {
    // GIVEN
    const { stack } = newStack();
    const alarm = new Alarm(stack, 'Alarm', { metric: connects, threshold: 1, evaluationPeriods: 1 });
    // WHEN / THEN
    assert.throws(() => alarm.addAlarmAction(new TestAction('arn:aws:automate:us-east-1:ec2:stop')), { name: 'Ec2AlarmActionsRequireInstanceMetric' });
  });

  test('threshold is required, and anomaly operators need a band', () => {
    // GIVEN
    const { stack } = newStack();
    const band = Metric.anomalyDetectionFor({ metric: connects });
    // WHEN / THEN
    assert.throws(() => new Alarm(stack, 'A', { metric: connects, evaluationPeriods: 1 } as unknown as ConstructorParameters<typeof Alarm>[2]),
      { name: 'ThresholdRequiredForStandardAlarms', message: 'threshold must be specified for standard alarms' });
    assert.throws(() => new Alarm(stack, 'B', { metric: connects, threshold: 0, evaluationPeriods: 1, comparisonOperator: ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD }),
      { name: 'AnomalyDetectionOperatorRequiresBandMetric' });
    assert.throws(() => new Alarm(stack, 'C', { metric: band, threshold: 0, evaluationPeriods: 1 }),
      { name: 'FixedThresholdOperatorCannotUseAnomalyBand' });
  });

  test('toAnnotation() describes the threshold line', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    const alarm = new Alarm(stack, 'Alarm', { metric: connects, threshold: 100, evaluationPeriods: 3, datapointsToAlarm: 2 });
    // THEN
    assert.deepEqual(alarm.toAnnotation(), { label: 'ConnectCount >= 100 for 2 datapoints within 15 minutes', value: 100 });
  });

  test('metric warnings become warnings on the alarm', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    const alarm = new Alarm(stack, 'Alarm', { metric: connects.with({ statistic: 'bogus' }), threshold: 1, evaluationPeriods: 1 });
    // THEN
    const warnings = alarm.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^Unrecognized statistic "bogus".*\[ack: CloudWatch:Alarm:UnrecognizedStatistic\]$/);
  });

  test('fromAlarmArn() and fromAlarmName() read the name from the ARN', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    const byArn = Alarm.fromAlarmArn(stack, 'ByArn', 'arn:aws:cloudwatch:us-east-1:111111111111:alarm:mine');
    const byName = Alarm.fromAlarmName(stack, 'ByName', 'theirs');
    // THEN
    assert.equal(byArn.alarmName, 'mine');
    assert.equal(byArn.alarmArn, 'arn:aws:cloudwatch:us-east-1:111111111111:alarm:mine');
    assert.equal(byName.alarmName, 'theirs');
    assert.deepEqual(stack.resolve(byName.alarmArn), {
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':alarm:theirs']],
    });
  });

  test('AnomalyDetectionAlarm watches the band with ThresholdMetricId', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    new AnomalyDetectionAlarm(stack, 'Anomaly', { metric: connects, evaluationPeriods: 1 });
    // THEN
    const p = onlyResource(templateOf(app), 'AWS::CloudWatch::Alarm');
    assert.equal(p.ComparisonOperator, 'LessThanLowerOrGreaterThanUpperThreshold');
    assert.equal(p.ThresholdMetricId, 'expr_1');
    assert.equal(p.Threshold, undefined);
    assert.deepEqual((p.Metrics as Array<Record<string, unknown>>).map((m) => [m.Id, m.ReturnData]), [['expr_1', true], ['m0', true]]);
    const anomaly = stack.node.findChild('Anomaly') as AnomalyDetectionAlarm;
    assert.deepEqual(anomaly.toAnnotation(), { value: 0, label: 'Anomaly Detection Band', visible: false });
    assert.throws(() => new AnomalyDetectionAlarm(stack, 'Bad', { metric: connects, evaluationPeriods: 1, comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD }),
      { name: 'FixedThresholdOperatorCannotUseAnomalyBand' });
  });
});

describe('Alarm (untyped legacy props)', () => {
  test('period and statistic given to the alarm itself still override the metric, as in aws-cdk-lib', () => {
    // GIVEN
    const { app, stack } = newStack();
    const legacy = { metric: connects, threshold: 1, evaluationPeriods: 1, period: Duration.minutes(1), statistic: 'Sum' };
    // WHEN
    new Alarm(stack, 'Alarm', legacy as ConstructorParameters<typeof Alarm>[2]);
    // THEN
    const p = onlyResource(templateOf(app), 'AWS::CloudWatch::Alarm');
    assert.equal(p.Period, 60);
    assert.equal(p.Statistic, 'Sum');
  });

  test('createAlarm() applies them to the metric', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    connects.createAlarm(stack, 'Alarm', { threshold: 1, evaluationPeriods: 1, statistic: 'p90' } as Parameters<Metric['createAlarm']>[2]);
    // THEN
    assert.equal(onlyResource(templateOf(app), 'AWS::CloudWatch::Alarm').ExtendedStatistic, 'p90');
  });
});

describe('Alarm templates are the same as aws-cdk-lib', () => {
  test('WebSocket API and stage metrics: default, p99, every setting, label, other account, actions', () => {
    // GIVEN / WHEN
    const { ours, theirs } = bothTemplates(({ cloudwatch: cw, core }, stack) => {
      const api = new cw.Metric({ namespace: 'AWS/ApiGateway', metricName: 'ConnectCount', dimensionsMap: { ApiId: 'abc123' } });
      const stage = new cw.Metric({ namespace: 'AWS/ApiGateway', metricName: 'MessageCount', dimensionsMap: { ApiId: 'abc123', Stage: 'dev' } });
      api.createAlarm(stack, 'Default', { threshold: 100, evaluationPeriods: 2 });
      new cw.Alarm(stack, 'P99', { metric: stage.with({ statistic: cw.Stats.p(99) }), threshold: 5, evaluationPeriods: 1 });
      new cw.Alarm(stack, 'Trimmed', { metric: stage.with({ statistic: 'tm(10%:90%)', unit: cw.Unit.COUNT }), threshold: 5, evaluationPeriods: 1 });
      new cw.Alarm(stack, 'All', {
        metric: stage.with({ statistic: 'sum', period: core.Duration.minutes(1) }),
        threshold: 1, evaluationPeriods: 5, datapointsToAlarm: 3, alarmName: 'all', alarmDescription: 'd',
        comparisonOperator: cw.ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cw.TreatMissingData.IGNORE, actionsEnabled: true, evaluateLowSampleCountPercentile: 'evaluate',
      });
      new cw.Alarm(stack, 'Labelled', { metric: api.with({ label: 'Connections', color: cw.Color.RED }), threshold: 1, evaluationPeriods: 1 });
      new cw.Alarm(stack, 'OtherAccount', { metric: api.with({ account: '222222222222', statistic: 'p90' }), threshold: 1, evaluationPeriods: 1 });
      const withActions = new cw.Alarm(stack, 'Actions', { metric: api, threshold: 1, evaluationPeriods: 1 });
      withActions.addAlarmAction({ bind: () => ({ alarmActionArn: 'arn:aws:sns:us-east-1:111111111111:a' }) });
      withActions.addOkAction({ bind: () => ({ alarmActionArn: 'arn:aws:sns:us-east-1:111111111111:o' }) });
      withActions.addInsufficientDataAction({ bind: () => ({ alarmActionArn: 'arn:aws:sns:us-east-1:111111111111:i' }) });
      new core.CfnOutput(stack, 'Arn', { value: withActions.alarmArn });
      new core.CfnOutput(stack, 'Name', { value: withActions.alarmName });
      new core.CfnOutput(stack, 'Imported', { value: cw.Alarm.fromAlarmName(stack, 'Imp', 'x').alarmArn });
    });
    // THEN
    assert.equal(Object.keys(ours.Resources ?? {}).length, 7);
    assert.deepEqual(ours, theirs);
  });

  test('an environment-specific stack with attached metrics', () => {
    // GIVEN / WHEN
    const { ours, theirs } = bothTemplates(({ cloudwatch: cw }, stack) => {
      const metric = new cw.Metric({ namespace: 'AWS/ApiGateway', metricName: 'ConnectCount', dimensionsMap: { ApiId: 'abc123' } }).attachTo(stack);
      metric.createAlarm(stack, 'Attached', { threshold: 1, evaluationPeriods: 1 });
      new cw.Alarm(stack, 'Foreign', { metric: metric.with({ account: '333333333333' }), threshold: 1, evaluationPeriods: 1 });
    }, { account: '111111111111', region: 'eu-west-1' });
    // THEN
    assert.equal(Object.keys(ours.Resources ?? {}).length, 2);
    assert.deepEqual(ours, theirs);
  });

  test('math expressions and anomaly detection', () => {
    // GIVEN / WHEN
    const { ours, theirs } = bothTemplates(({ cloudwatch: cw, core }, stack) => {
      const errors = new cw.Metric({ namespace: 'AWS/ApiGateway', metricName: 'ClientError', statistic: 'Sum', dimensionsMap: { ApiId: 'a' } });
      const messages = new cw.Metric({ namespace: 'AWS/ApiGateway', metricName: 'MessageCount', statistic: 'Sum', dimensionsMap: { ApiId: 'a' }, label: 'msgs' });
      const ratio = new cw.MathExpression({ expression: 'e / m', usingMetrics: { e: errors, m: messages }, period: core.Duration.minutes(1), label: 'ratio' });
      ratio.createAlarm(stack, 'Ratio', { threshold: 0.05, evaluationPeriods: 3 });
      const nested = new cw.MathExpression({ expression: 'r * 100', usingMetrics: { r: ratio } });
      new cw.Alarm(stack, 'Nested', { metric: nested, threshold: 5, evaluationPeriods: 1 });
      new cw.Alarm(stack, 'Constant', { metric: new cw.MathExpression({ expression: 'TIME_SERIES(1)' }), threshold: 5, evaluationPeriods: 1 });
      new cw.AnomalyDetectionAlarm(stack, 'Anomaly', { metric: errors, evaluationPeriods: 2, stdDevs: 3 });
      new cw.Alarm(stack, 'Band', {
        metric: cw.Metric.anomalyDetectionFor({ metric: messages }),
        threshold: cw.Alarm.ANOMALY_DETECTION_NO_THRESHOLD, evaluationPeriods: 1,
        comparisonOperator: cw.ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD,
      });
    });
    // THEN
    assert.equal(Object.keys(ours.Resources ?? {}).length, 5);
    assert.deepEqual(ours, theirs);
  });
});
