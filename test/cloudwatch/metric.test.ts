import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Duration } from '../../src/core/index.js';
import { MathExpression, Metric, Stats, Unit } from '../../src/cloudwatch/index.js';
import { Role, ServicePrincipal } from '../../src/iam/index.js';
import { newStack, onlyResource, templateOf } from './support.js';

const props = { namespace: 'AWS/ApiGateway', metricName: 'ConnectCount', dimensionsMap: { ApiId: 'abc' } };

describe('Metric', () => {
  test('defaults: Average over five minutes, no unit, label or color', () => {
    // GIVEN / WHEN
    const metric = new Metric(props);
    // THEN
    assert.equal(metric.statistic, 'Average');
    assert.equal(metric.period.toSeconds(), 300);
    assert.deepEqual(metric.dimensions, { ApiId: 'abc' });
    assert.equal(metric.unit, undefined);
    assert.equal(metric.label, undefined);
    assert.equal(metric.account, undefined);
    assert.equal(metric.region, undefined);
  });

  test('statistics are normalised as aws-cdk-lib does', () => {
    // GIVEN
    const cases: Array<[string, string]> = [
      ['avg', 'Average'], ['MIN', 'Minimum'], ['max', 'Maximum'], ['sum', 'Sum'], ['n', 'SampleCount'],
      ['samplecount', 'SampleCount'], ['P99', 'p99'], ['p99.9', 'p99.9'], ['TM99', 'tm99'], ['iqm', 'IQM'],
      ['tm(10%:90%)', 'TM(10%:90%)'], ['pr(:300)', 'PR(:300)'], ['wm(:90%)', 'WM(:90%)'],
    ];
    for (const [input, expected] of cases) {
      // WHEN
      const metric = new Metric({ ...props, statistic: input });
      // THEN
      assert.equal(metric.statistic, expected, input);
      assert.equal(metric.warningsV2, undefined);
    }
  });

  test('an unrecognised statistic is kept and warned about', () => {
    // WHEN
    const metric = new Metric({ ...props, statistic: 'p101', label: 'L' });
    // THEN
    assert.equal(metric.statistic, 'p101');
    const warning = metric.warningsV2?.['CloudWatch:Alarm:UnrecognizedStatistic'];
    assert.match(warning ?? '', /^Unrecognized statistic "p101" for metric with namespace "AWS\/ApiGateway", label "L" and metric name "ConnectCount"/);
    assert.deepEqual(metric.warnings, [warning]);
  });

  test('period must be 1, 5, 10, 30 seconds or whole minutes', () => {
    // WHEN / THEN
    for (const s of [1, 5, 10, 30, 60, 120]) new Metric({ ...props, period: Duration.seconds(s) });
    assert.throws(() => new Metric({ ...props, period: Duration.seconds(45) }), {
      name: 'PeriodMustBeValidInterval',
      message: "'period' must be 1, 5, 10, 30, or a multiple of 60 seconds, received 45",
    });
  });

  test('dimensions are checked: at most 30, no missing values, 1..255 characters', () => {
    // GIVEN
    const many = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`d${i}`, 'v']));
    // WHEN / THEN
    assert.throws(() => new Metric({ ...props, dimensionsMap: many }), { name: 'MaximumDimensionsExceeded' });
    assert.throws(() => new Metric({ ...props, dimensionsMap: { A: undefined as unknown as string } }), {
      name: 'InvalidDimensionValue', message: "Dimension value of 'undefined' is invalid for key: A",
    });
    assert.throws(() => new Metric({ ...props, dimensionsMap: { A: '' } }), { name: 'DimensionValueLengthInvalid' });
    assert.throws(() => new Metric({ ...props, dimensionsMap: { ['x'.repeat(256)]: 'v' } }), { name: 'DimensionNameLengthInvalid' });
  });

  test('the removed `dimensions` prop is still read when `dimensionsMap` is absent', () => {
    // GIVEN
    const legacy = { namespace: 'N', metricName: 'M', dimensions: { Old: 'x' } } as unknown as ConstructorParameters<typeof Metric>[0];
    // WHEN
    const metric = new Metric(legacy);
    // THEN
    assert.deepEqual(metric.dimensions, { Old: 'x' });
  });

  test('with() returns the same object when nothing changes', () => {
    // GIVEN
    const metric = new Metric({ ...props, statistic: 'p99', label: 'x' });
    // WHEN / THEN
    assert.equal(metric.with({}), metric);
    assert.equal(metric.with({ statistic: 'p99', label: 'x', period: Duration.minutes(5) }), metric);
  });

  test('with() makes a changed copy and keeps the rest', () => {
    // GIVEN
    const metric = new Metric({ ...props, label: 'x', color: '#000000' });
    // WHEN
    const changed = metric.with({ statistic: Stats.SUM, period: Duration.minutes(1), unit: Unit.COUNT, dimensionsMap: { ApiId: 'def' } });
    // THEN
    assert.notEqual(changed, metric);
    assert.equal(changed.statistic, 'Sum');
    assert.equal(changed.period.toSeconds(), 60);
    assert.equal(changed.unit, 'Count');
    assert.deepEqual(changed.dimensions, { ApiId: 'def' });
    assert.equal(changed.label, 'x');
    assert.equal(changed.color, '#000000');
    assert.equal(metric.statistic, 'Average');
  });

  test('attachTo() in an environment-agnostic stack changes nothing', () => {
    // GIVEN
    const { stack } = newStack();
    const metric = new Metric(props);
    // WHEN / THEN
    assert.equal(metric.attachTo(stack), metric);
  });

  test('attachTo() takes the account and region of an environment-specific stack, unless given', () => {
    // GIVEN
    const { stack } = newStack({ account: '111111111111', region: 'eu-west-1' });
    // WHEN
    const attached = new Metric(props).attachTo(stack);
    const own = new Metric({ ...props, account: '222222222222' }).attachTo(stack);
    // THEN
    assert.equal(attached.account, '111111111111');
    assert.equal(attached.region, 'eu-west-1');
    assert.equal(own.account, '222222222222');
    assert.equal(own.region, 'eu-west-1');
    assert.ok(Object.keys(attached).includes('account'));
  });

  test('toMetricConfig() describes a plain metric with sorted dimensions', () => {
    // GIVEN
    const metric = new Metric({ ...props, dimensionsMap: { Stage: 'dev', ApiId: 'abc' }, unit: Unit.COUNT, label: 'L', region: 'us-east-1' });
    // WHEN
    const config = metric.toMetricConfig();
    // THEN
    assert.deepEqual(config.metricStat?.dimensions, [{ name: 'ApiId', value: 'abc' }, { name: 'Stage', value: 'dev' }]);
    assert.equal(config.metricStat?.namespace, 'AWS/ApiGateway');
    assert.equal(config.metricStat?.statistic, 'Average');
    assert.equal(config.metricStat?.unitFilter, 'Count');
    assert.equal(config.metricStat?.region, 'us-east-1');
    assert.equal(config.metricStat?.regionOverride, 'us-east-1');
    assert.deepEqual(config.renderingProperties, { color: undefined, label: 'L', id: undefined, visible: undefined });
    assert.equal(config.mathExpression, undefined);
  });

  test('toString() is the label, else the metric name', () => {
    // GIVEN / WHEN / THEN
    assert.equal(new Metric(props).toString(), 'ConnectCount');
    assert.equal(new Metric({ ...props, label: 'Connections' }).toString(), 'Connections');
  });

  test('createAlarm() makes an alarm on the metric', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    const alarm = new Metric(props).createAlarm(stack, 'Alarm', { threshold: 10, evaluationPeriods: 3, alarmName: 'too-many' });
    // THEN
    assert.equal(alarm.node.id, 'Alarm');
    const p = onlyResource(templateOf(app), 'AWS::CloudWatch::Alarm');
    assert.equal(p.Threshold, 10);
    assert.equal(p.EvaluationPeriods, 3);
    assert.equal(p.AlarmName, 'too-many');
    assert.equal(p.MetricName, 'ConnectCount');
  });

  test('anomalyDetectionFor() wraps the metric in ANOMALY_DETECTION_BAND', () => {
    // GIVEN
    const metric = new Metric(props);
    // WHEN
    const band = Metric.anomalyDetectionFor({ metric, stdDevs: 3 });
    // THEN
    assert.ok(band instanceof MathExpression);
    assert.equal(band.expression, 'ANOMALY_DETECTION_BAND(m0, 3)');
    assert.equal(band.label, 'Anomaly Detection Band');
    assert.equal(Metric.anomalyDetectionFor({ metric }).expression, 'ANOMALY_DETECTION_BAND(m0, 2)');
    assert.throws(() => Metric.anomalyDetectionFor({ metric, stdDevs: 0 }), { name: 'StdDevsMustBeGreaterThanZero' });
  });
});

describe('Metric.grantPutMetricData', () => {
  test('gives cloudwatch:PutMetricData on every resource', () => {
    // GIVEN
    const { app, stack } = newStack();
    const role = new Role(stack, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    // WHEN
    const grant = Metric.grantPutMetricData(role);
    // THEN
    assert.ok(grant.success);
    const doc = onlyResource(templateOf(app), 'AWS::IAM::Policy').PolicyDocument as { Statement: unknown[] };
    assert.deepEqual(doc.Statement, [{ Action: 'cloudwatch:PutMetricData', Effect: 'Allow', Resource: '*' }]);
  });
});
