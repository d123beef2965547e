/** Helpers for code that consumes any `IMetric`: dispatch on its kind, its period, its identity. */
import { Duration, UnscopedValidationError } from '../../core/index.js';
import type { IMetric, MetricConfig, MetricExpressionConfig, MetricStatConfig } from '../metric-types.js';

/** One handler per kind of metric. */
export interface MetricDispatcher<T> {
  withStat(stat: MetricStatConfig, conf: MetricConfig): T;
  withMathExpression(expr: MetricExpressionConfig, conf: MetricConfig): T;
  withSearchExpression(expr: MetricExpressionConfig, conf: MetricConfig): T;
}

/** Calls the handler for the kind of `metric`; a metric must be exactly one kind. */
export function dispatchMetric<T>(metric: IMetric, fns: MetricDispatcher<T>): T {
  const conf = metric.toMetricConfig();
  const kinds = [conf.metricStat, conf.mathExpression, conf.searchExpression].filter(Boolean).length;
  if (kinds > 1) {
    throw new UnscopedValidationError('MetricObjectCannotProduceMultipleTypes',
      "Metric object must not produce more than one of 'metricStat', 'mathExpression', or 'searchExpression'");
  }
  if (conf.metricStat) return fns.withStat(conf.metricStat, conf);
  if (conf.mathExpression) return fns.withMathExpression(conf.mathExpression, conf);
  if (conf.searchExpression) return fns.withSearchExpression(conf.searchExpression, conf);
  throw new UnscopedValidationError('MetricObjectMustHaveOneType',
    "Metric object must have either 'metricStat', 'mathExpression', or 'searchExpression'");
}

/** The aggregation period of any metric (expressions without one count as five minutes). */
export function metricPeriod(metric: IMetric): Duration {
  const ownPeriod = (): Duration => (metric as { period?: Duration }).period ?? Duration.minutes(5);
  return dispatchMetric(metric, {
    withStat: (stat) => stat.period,
    withMathExpression: ownPeriod,
    withSearchExpression: ownPeriod,
  });
}

const METRIC_KEY = Symbol('wsgate/cloudwatch.MetricKey');

/**
 * A string that is equal for two metric objects exactly when they query the same data, used to
 * spot the same metric reached twice in one alarm or graph. Cached on the object.
 */
export function metricKey(metric: IMetric): string {
  const cached = (metric as { [METRIC_KEY]?: string })[METRIC_KEY];
  if (cached !== undefined) return cached;

  const parts: string[] = [];
  const conf = metric.toMetricConfig();
  if (conf.mathExpression) {
    parts.push(conf.mathExpression.expression);
    for (const id of Object.keys(conf.mathExpression.usingMetrics).sort()) {
      parts.push(id, metricKey(conf.mathExpression.usingMetrics[id]));
    }
    if (conf.mathExpression.searchRegion) parts.push(conf.mathExpression.searchRegion);
    if (conf.mathExpression.searchAccount) parts.push(conf.mathExpression.searchAccount);
  }
  if (conf.searchExpression) {
    parts.push(conf.searchExpression.expression);
    if (conf.searchExpression.searchRegion) parts.push(conf.searchExpression.searchRegion);
    if (conf.searchExpression.searchAccount) parts.push(conf.searchExpression.searchAccount);
  }
  if (conf.metricStat) {
    const s = conf.metricStat;
    parts.push(s.namespace, s.metricName);
    for (const dim of s.dimensions ?? []) parts.push(dim.name, String(dim.value));
    if (s.statistic) parts.push(s.statistic);
    if (s.period) parts.push(`${s.period.toSeconds()}`);
    if (s.region) parts.push(s.region);
    if (s.account) parts.push(s.account);
  }
  const key = parts.join('|');
  Object.defineProperty(metric, METRIC_KEY, { value: key });
  return key;
}

/** A copy of `x` without its undefined values. */
export function dropUndefined<T extends object>(x: T): T {
  return Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as T;
}
