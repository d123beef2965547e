import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Duration } from '../../src/core/index.js';
import { MathExpression, Metric, SearchExpression } from '../../src/cloudwatch/index.js';
import { newStack, onlyResource, templateOf } from './support.js';

const errors = new Metric({ namespace: 'AWS/ApiGateway', metricName: 'ClientError', statistic: 'Sum' });
const messages = new Metric({ namespace: 'AWS/ApiGateway', metricName: 'MessageCount', statistic: 'Sum' });

describe('MathExpression', () => {
  test('takes the expression period for every metric it uses', () => {
    // GIVEN / WHEN
    const expr = new MathExpression({ expression: 'e / m', usingMetrics: { e: errors, m: messages }, period: Duration.minutes(1) });
    // THEN
    assert.equal(expr.period.toSeconds(), 60);
    assert.equal((expr.usingMetrics.e as Metric).period.toSeconds(), 60);
    assert.equal(expr.warningsV2, undefined);
  });

  test('warns when a metric period of its own is overridden, and about unknown identifiers', () => {
    // GIVEN
    const oneMinute = errors.with({ period: Duration.minutes(1) });
    // WHEN
    const expr = new MathExpression({ expression: 'e + x', usingMetrics: { e: oneMinute } });
    // THEN
    assert.equal(expr.warningsV2?.['CloudWatch:Math:MetricsPeriodsOverridden'],
      "Periods of metrics in 'usingMetrics' for Math expression 'e + x' have been overridden to 300 seconds.");
    assert.equal(expr.warningsV2?.['CloudWatch:Math:UnknownIdentifier'],
      "Math expression 'e + x' references unknown identifiers: x. Please add them to the 'usingMetrics' map.");
  });

  test('refuses bad variable names and one id for two metrics', () => {
    // WHEN / THEN
    assert.throws(() => new MathExpression({ expression: 'A', usingMetrics: { A: errors } }), { name: 'InvalidVariableNames' });
    const inner = new MathExpression({ expression: 'a', usingMetrics: { a: errors } });
    assert.throws(() => new MathExpression({ expression: 'a + b', usingMetrics: { a: messages, b: inner } }), { name: 'DuplicateMetricId' });
  });

  test('with() returns the same object when nothing changes, else a copy', () => {
    // GIVEN
    const expr = new MathExpression({ expression: 'e', usingMetrics: { e: errors }, label: 'L' });
    // WHEN / THEN
    assert.equal(expr.with({ label: 'L' }), expr);
    const copy = expr.with({ label: 'M', period: Duration.minutes(1) });
    assert.equal(copy.label, 'M');
    assert.equal(copy.period.toSeconds(), 60);
  });

  test('toMetricConfig() and toString()', () => {
    // GIVEN
    const expr = new MathExpression({ expression: 'e * 2', usingMetrics: { e: errors } });
    // WHEN
    const config = expr.toMetricConfig();
    // THEN
    assert.equal(config.mathExpression?.expression, 'e * 2');
    assert.equal(config.mathExpression?.period, 300);
    assert.equal(config.metricStat, undefined);
    assert.equal(expr.toString(), 'e * 2');
    assert.equal(expr.with({ label: 'Double' }).toString(), 'Double');
  });

  test('createAlarm() renders the expression tree into Metrics', () => {
    // GIVEN
    const { app, stack } = newStack();
    const expr = new MathExpression({ expression: 'e / m', usingMetrics: { e: errors, m: messages } });
    // WHEN
    expr.createAlarm(stack, 'Ratio', { threshold: 0.1, evaluationPeriods: 1 });
    // THEN
    const p = onlyResource(templateOf(app), 'AWS::CloudWatch::Alarm');
    const metrics = p.Metrics as Array<Record<string, unknown>>;
    assert.deepEqual(metrics.map((m) => [m.Id, m.Expression, m.ReturnData]), [
      ['expr_1', 'e / m', true], ['e', undefined, false], ['m', undefined, false],
    ]);
  });
});

describe('SearchExpression', () => {
  test('describes a search and cannot be alarmed on', () => {
    // GIVEN
    const { stack } = newStack();
    const search = new SearchExpression({ expression: "SEARCH('{AWS/ApiGateway,ApiId} MessageCount', 'Sum', 300)", label: 'All' });
    // WHEN
    const config = search.toMetricConfig();
    // THEN
    assert.equal(config.searchExpression?.period, 300);
    assert.deepEqual(config.searchExpression?.usingMetrics, {});
    assert.equal(search.toString(), 'All');
    assert.equal(search.with({ label: 'All' }), search);
    assert.equal(search.with({ period: Duration.minutes(1) }).period.toSeconds(), 60);
    assert.throws(() => new MathExpression({ expression: 's', usingMetrics: { s: search } }).createAlarm(stack, 'A', { threshold: 1, evaluationPeriods: 1 }),
      { name: 'SearchExpressionsNotSupportedInAlarms' });
  });
});
