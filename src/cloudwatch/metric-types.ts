/**
 * The shapes metrics share: what an alarm or graph asks a metric for (`IMetric.toMetricConfig()`),
 * the units CloudWatch knows, and the old statistic enum.
 */
import type { Duration } from '../core/index.js';

/**
 * Anything that can be alarmed on or graphed: a plain metric, a math expression or a search
 * expression. Consumers only ever call `toMetricConfig()` and read the warnings.
 */
export interface IMetric {
  /**
   * Problems found while building the metric; the consumer attaches them to itself.
   *
   * @default - none
   * @deprecated use warningsV2
   */
  readonly warnings?: string[];

  /**
   * Problems found while building the metric, keyed by a warning id the user can acknowledge.
   *
   * @default - none
   */
  readonly warningsV2?: { [id: string]: string };

  /** Describes the metric as one of `metricStat`, `mathExpression` or `searchExpression`. */
  toMetricConfig(): MetricConfig;
}

/**
 * One dimension of a metric: a name and its value.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cw-dimension.html
 */
export interface Dimension {
  /** The dimension's name. */
  readonly name: string;
  /** The dimension's value. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- aws-cdk-lib types this as `any` (tokens and literals alike)
  readonly value: any;
}

/**
 * The five simple statistics.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html
 * @deprecated build statistic strings with the `Stats` helpers instead
 */
export enum Statistic {
  /** How many data points the period holds. */
  SAMPLE_COUNT = 'SampleCount',
  /** Sum divided by SampleCount. */
  AVERAGE = 'Average',
  /** All values added up. */
  SUM = 'Sum',
  /** The smallest value seen in the period. */
  MINIMUM = 'Minimum',
  /** The largest value seen in the period. */
  MAXIMUM = 'Maximum',
}

/** The units a CloudWatch metric can be published and filtered in. */
export enum Unit {
  /** Seconds. */
  SECONDS = 'Seconds',
  /** Microseconds. */
  MICROSECONDS = 'Microseconds',
  /** Milliseconds. */
  MILLISECONDS = 'Milliseconds',
  /** Bytes. */
  BYTES = 'Bytes',
  /** Kilobytes. */
  KILOBYTES = 'Kilobytes',
  /** Megabytes. */
  MEGABYTES = 'Megabytes',
  /** Gigabytes. */
  GIGABYTES = 'Gigabytes',
  /** Terabytes. */
  TERABYTES = 'Terabytes',
  /** Bits. */
  BITS = 'Bits',
  /** Kilobits. */
  KILOBITS = 'Kilobits',
  /** Megabits. */
  MEGABITS = 'Megabits',
  /** Gigabits. */
  GIGABITS = 'Gigabits',
  /** Terabits. */
  TERABITS = 'Terabits',
  /** Percent. */
  PERCENT = 'Percent',
  /** A plain count. */
  COUNT = 'Count',
  /** Bytes per second. */
  BYTES_PER_SECOND = 'Bytes/Second',
  /** Kilobytes per second. */
  KILOBYTES_PER_SECOND = 'Kilobytes/Second',
  /** Megabytes per second. */
  MEGABYTES_PER_SECOND = 'Megabytes/Second',
  /** Gigabytes per second. */
  GIGABYTES_PER_SECOND = 'Gigabytes/Second',
  /** Terabytes per second. */
  TERABYTES_PER_SECOND = 'Terabytes/Second',
  /** Bits per second. */
  BITS_PER_SECOND = 'Bits/Second',
  /** Kilobits per second. */
  KILOBITS_PER_SECOND = 'Kilobits/Second',
  /** Megabits per second. */
  MEGABITS_PER_SECOND = 'Megabits/Second',
  /** Gigabits per second. */
  GIGABITS_PER_SECOND = 'Gigabits/Second',
  /** Terabits per second. */
  TERABITS_PER_SECOND = 'Terabits/Second',
  /** A count per second. */
  COUNT_PER_SECOND = 'Count/Second',
  /** No unit. */
  NONE = 'None',
}

/** What a metric object is, as returned by `IMetric.toMetricConfig()`: exactly one kind is set. */
export interface MetricConfig {
  /** Set when the metric is a plain metric query. @default - not a plain metric */
  readonly metricStat?: MetricStatConfig;
  /** Set when the metric is a math expression. @default - not a math expression */
  readonly mathExpression?: MetricExpressionConfig;
  /** Set when the metric is a search expression. @default - not a search expression */
  readonly searchExpression?: MetricExpressionConfig;
  /**
   * Extra keys copied into dashboard graphs (label, color, id, visible...).
   *
   * @default - none
   */
  readonly renderingProperties?: Record<string, unknown>;
}

/**
 * A plain metric query. The unit is called `unitFilter` here because it only selects datums
 * published in that unit; it converts nothing.
 */
export interface MetricStatConfig {
  /** The dimensions, sorted by name. @default [] */
  readonly dimensions?: Dimension[];
  /** The metric's namespace. */
  readonly namespace: string;
  /** The metric's name. */
  readonly metricName: string;
  /** The aggregation period. */
  readonly period: Duration;
  /** The aggregation, simple (`Average`) or extended (`p99`). */
  readonly statistic: string;
  /** Only datums published in this unit. @default - all datums */
  readonly unitFilter?: Unit;
  /** The region the metric lives in. @default - the deployment region */
  readonly region?: string;
  /** The account the metric lives in. @default - the deployment account */
  readonly account?: string;
  /** The region given on the metric itself (not taken from an attached stack). @default - none */
  readonly regionOverride?: string;
  /** The account given on the metric itself (not taken from an attached stack). @default - none */
  readonly accountOverride?: string;
}

/** A math or search expression. */
export interface MetricExpressionConfig {
  /** The expression text. */
  readonly expression: string;
  /** The metrics the expression refers to, by id. */
  readonly usingMetrics: Record<string, IMetric>;
  /** The aggregation period, in seconds. */
  readonly period: number;
  /** The account a search runs in. @default - the deployment account */
  readonly searchAccount?: string;
  /** The region a search runs in. @default - the deployment region */
  readonly searchRegion?: string;
}
