/**
 * `Metric`: one CloudWatch metric (namespace, name, dimensions) with how to aggregate it
 * (statistic, period, unit) and how to show it (label, color). It is a value, not a construct:
 * alarms and graphs read it through `toMetricConfig()`.
 */
import type { Construct, IConstruct } from 'constructs';
import { Duration, Stack, Token, UnscopedValidationError } from '../core/index.js';
import type { IMetric, MetricConfig, Unit } from './metric-types.js';
import { normalizeStatistic, parseStatistic } from './private/statistic.js';
import { Stats } from './stats.js';
import { Alarm } from './alarm.js';
import { alarmPropsFor } from './private/alarm-options.js';
import type { ComparisonOperator } from './alarm.js';
import type { CreateAlarmOptionsBase } from './private/alarm-options.js';
import { MathExpression, type MathExpressionOptions } from './math-expression.js';
import { Grant, type IGrantable } from '../iam/index.js';

/** Dimension values by name, values of any type (tokens included). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- aws-cdk-lib's DimensionHash holds values of any type
export type DimensionHash = { [dim: string]: any };

/** Dimension values by name. */
export type DimensionsMap = { [dim: string]: string };

/** Options most metric-returning methods accept. */
export interface CommonMetricOptions {
  /**
   * The length of each aggregation bucket: 1, 5, 10 or 30 seconds, or a multiple of a minute.
   *
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;

  /**
   * How data points in a period are aggregated. Simple statistics may be written in short form
   * (`avg`, `min`, `max`, `sum`, `n`) and are normalised; extended ones are percentiles (`p99`),
   * trimmed/winsorized means, counts and sums (`tm90`, `WM(10%:90%)`, `tc90`, `ts90`), `IQM` and
   * percentile ranks (`PR(:300)`). The `Stats` class builds them.
   *
   * @default Average
   */
  readonly statistic?: string;

  /** The metric's dimensions. @default - no dimensions */
  readonly dimensionsMap?: DimensionsMap;

  /**
   * Only use datums published in this unit. Rarely needed: it filters, it does not convert, and
   * graphs ignore it.
   *
   * @default - datums in every unit
   */
  readonly unit?: Unit;

  /**
   * The metric's name in graphs. Dynamic labels such as `[max: ${MAX}]` are allowed.
   *
   * @default - no label
   */
  readonly label?: string;

  /** The graph color, as `#rrggbb` (see `Color`). @default - chosen by CloudWatch */
  readonly color?: string;

  /**
   * An id for the metric in dashboard widgets, usable as a variable in math expressions: letters,
   * digits and underscores, starting with a lowercase letter.
   *
   * @default - no id
   */
  readonly id?: string;

  /** Whether graphs draw the metric. @default true */
  readonly visible?: boolean;

  /** The account the metric is published in. @default - the deployment account */
  readonly account?: string;

  /** The region the metric is published in. @default - the deployment region */
  readonly region?: string;

  /** The account of the stack the metric was attached to. @default - the deployment account */
  readonly stackAccount?: string;

  /** The region of the stack the metric was attached to. @default - the deployment region */
  readonly stackRegion?: string;
}

/** Properties of a `Metric`. */
export interface MetricProps extends CommonMetricOptions {
  /** The metric's namespace, for example `AWS/ApiGateway`. */
  readonly namespace: string;
  /** The metric's name, for example `ConnectCount`. */
  readonly metricName: string;
}

/** The properties of a metric that `with()` can change. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a separate name for the same options, as in aws-cdk-lib
export interface MetricOptions extends CommonMetricOptions {}

/** What `createAlarm()` needs besides the metric. */
export interface CreateAlarmOptions extends CreateAlarmOptionsBase {
  /** How the statistic is compared with the threshold. @default GreaterThanOrEqualToThreshold */
  readonly comparisonOperator?: ComparisonOperator;
  /** The value the statistic is compared with. */
  readonly threshold: number;
}

/** Options of {@link Metric.anomalyDetectionFor}. */
export interface AnomalyDetectionMetricOptions extends MathExpressionOptions {
  /** The metric whose expected band is modelled. */
  readonly metric: IMetric;
  /**
   * The width of the band in standard deviations; must be above 0.
   *
   * @default 2
   */
  readonly stdDevs?: number;
}

const VALID_SHORT_PERIODS = new Set([1, 5, 10, 30]);

/**
 * A CloudWatch metric and its aggregation. Immutable: `with()` and `attachTo()` return a changed
 * copy (or the same object when nothing changes).
 */
export class Metric implements IMetric {
  /** A math expression giving the anomaly detection band of `props.metric`. */
  public static anomalyDetectionFor(props: AnomalyDetectionMetricOptions): MathExpression {
    if (props.stdDevs !== undefined && props.stdDevs <= 0) {
      throw new UnscopedValidationError('StdDevsMustBeGreaterThanZero', 'stdDevs must be greater than 0');
    }
    return new MathExpression({
      expression: `ANOMALY_DETECTION_BAND(m0, ${props.stdDevs ?? 2})`,
      usingMetrics: { m0: props.metric },
      period: props.period,
      label: 'Anomaly Detection Band',
      ...props,
    });
  }

  /** Gives `grantee` permission to publish metric data (`cloudwatch:PutMetricData` on `*`). */
  public static grantPutMetricData(grantee: IGrantable): Grant {
    return Grant.addToPrincipal({ grantee, actions: ['cloudwatch:PutMetricData'], resourceArns: ['*'] });
  }

  /** The metric's dimensions, if any. */
  public readonly dimensions?: DimensionHash;
  /** The metric's namespace. */
  public readonly namespace: string;
  /** The metric's name. */
  public readonly metricName: string;
  /** The aggregation period. */
  public readonly period: Duration;
  /** The statistic, normalised (`Average` for `avg`). */
  public readonly statistic: string;
  /** The label in graphs. */
  public readonly label?: string;
  /** The color in graphs. */
  public readonly color?: string;
  /** The id in dashboard widgets. */
  public readonly id?: string;
  /** Whether graphs draw the metric. */
  public readonly visible?: boolean;
  /** The unit datums are filtered on. */
  public readonly unit?: Unit;
  /**
   * Problems found in the metric's properties.
   *
   * @deprecated use warningsV2
   */
  public readonly warnings?: string[];
  /** Problems found in the metric's properties, by warning id. */
  public readonly warningsV2?: { [id: string]: string };

  readonly #accountOverride?: string;
  readonly #regionOverride?: string;
  readonly #stackAccount?: string;
  readonly #stackRegion?: string;

  constructor(props: MetricProps) {
    this.period = props.period ?? Duration.minutes(5);
    const periodSec = this.period.toSeconds();
    if (!VALID_SHORT_PERIODS.has(periodSec) && periodSec % 60 !== 0) {
      throw new UnscopedValidationError('PeriodMustBeValidInterval',
        `'period' must be 1, 5, 10, 30, or a multiple of 60 seconds, received ${periodSec}`);
    }
    // aws-cdk-lib still reads the removed `dimensions` prop at run time, after `dimensionsMap`.
    const legacy = (props as { dimensions?: DimensionHash }).dimensions;
    this.dimensions = checkDimensions(props.dimensionsMap ?? legacy);
    this.namespace = props.namespace;
    this.metricName = props.metricName;

    const parsed = parseStatistic(props.statistic || Stats.AVERAGE);
    if (parsed.type === 'unparseable') {
      const label = props.label ? `, label "${props.label}"` : '';
      const warning = `Unrecognized statistic "${parsed.input}" for metric with namespace "${props.namespace}"${label} and metric name "${props.metricName}". Preferably use the \`aws_cloudwatch.Stats\` helper class to specify a statistic. You can ignore this warning if your statistic is valid but not yet supported by the \`aws_cloudwatch.Stats\` helper class.`;
      this.warningsV2 = { 'CloudWatch:Alarm:UnrecognizedStatistic': warning };
      this.warnings = [warning];
    }
    this.statistic = normalizeStatistic(parsed);
    this.label = props.label;
    this.color = props.color;
    this.id = props.id;
    this.visible = props.visible;
    this.unit = props.unit;
    this.#accountOverride = props.account;
    this.#regionOverride = props.region;
    this.#stackAccount = props.stackAccount;
    this.#stackRegion = props.stackRegion;
    // Like aws-cdk-lib, show account and region as own enumerable properties (for spreads and equality checks).
    for (const key of ['account', 'region'] as const) {
      Object.defineProperty(this, key, { enumerable: true, configurable: true, get: () => this.envValue(key) });
    }
  }

  /**
   * A copy with some properties changed; namespace and metric name stay. Returns this same object
   * when no option differs from the current value.
   */
  public with(props: MetricOptions): Metric {
    const legacy = (props as { dimensions?: DimensionHash }).dimensions;
    const unchanged =
      same(props.label, this.label) &&
      same(props.color, this.color) &&
      same(props.id, this.id) &&
      same(props.visible, this.visible) &&
      same(props.statistic, this.statistic) &&
      same(props.unit, this.unit) &&
      same(props.account, this.#accountOverride) &&
      same(props.region, this.#regionOverride) &&
      same(props.stackAccount, this.#stackAccount) &&
      same(props.stackRegion, this.#stackRegion) &&
      legacy === undefined &&
      props.dimensionsMap === undefined &&
      (props.period === undefined || props.period.toSeconds() === this.period.toSeconds());
    if (unchanged) return this;

    return new Metric({
      dimensionsMap: props.dimensionsMap ?? legacy ?? this.dimensions,
      namespace: this.namespace,
      metricName: this.metricName,
      period: props.period ?? this.period,
      statistic: props.statistic ?? this.statistic,
      unit: props.unit ?? this.unit,
      label: props.label ?? this.label,
      color: props.color ?? this.color,
      id: props.id ?? this.id,
      visible: props.visible ?? this.visible,
      account: props.account ?? this.#accountOverride,
      region: props.region ?? this.#regionOverride,
      stackAccount: props.stackAccount ?? this.#stackAccount,
      stackRegion: props.stackRegion ?? this.#stackRegion,
    });
  }

  /**
   * This metric, tied to the account and region of the stack `scope` is in, so that an alarm or
   * dashboard in another environment still queries the right place. In an environment-agnostic
   * stack nothing changes and the same object is returned.
   */
  public attachTo(scope: IConstruct): Metric {
    const stack = Stack.of(scope);
    return this.with({
      stackAccount: Token.isUnresolved(stack.account) ? undefined : stack.account,
      stackRegion: Token.isUnresolved(stack.region) ? undefined : stack.region,
    });
  }

  /** The account the metric comes from: the one given, else the attached stack's. */
  public get account(): string | undefined {
    return this.envValue('account');
  }

  /** The region the metric comes from: the one given, else the attached stack's. */
  public get region(): string | undefined {
    return this.envValue('region');
  }

  public toMetricConfig(): MetricConfig {
    const dims = this.dimensionList();
    return {
      metricStat: {
        dimensions: dims.length > 0 ? dims : undefined,
        namespace: this.namespace,
        metricName: this.metricName,
        period: this.period,
        statistic: this.statistic,
        unitFilter: this.unit,
        account: this.account,
        region: this.region,
        accountOverride: this.#accountOverride,
        regionOverride: this.#regionOverride,
      },
      renderingProperties: { color: this.color, label: this.label, id: this.id, visible: this.visible },
    };
  }

  /**
   * A new alarm on this metric. `statistic` and `period` in `props` change the metric first; the
   * other properties configure the alarm.
   */
  public createAlarm(scope: Construct, id: string, props: CreateAlarmOptions): Alarm {
    // `statistic` and `period` left the typed options; aws-cdk-lib still applies them to the metric.
    const legacy = props as { statistic?: string; period?: Duration };
    return new Alarm(scope, id, alarmPropsFor(this.with({ statistic: legacy.statistic, period: legacy.period }), props));
  }

  /** The label if there is one, else the metric name. */
  public toString(): string {
    return this.label || this.metricName;
  }

  private envValue(key: 'account' | 'region'): string | undefined {
    return key === 'account'
      ? this.#accountOverride || this.#stackAccount
      : this.#regionOverride || this.#stackRegion;
  }

  /** The dimensions as `{name, value}` pairs, sorted by name. */
  private dimensionList(): Array<{ name: string; value: unknown }> {
    const dims = this.dimensions;
    if (dims === undefined) return [];
    return Object.keys(dims).sort().map((name) => ({ name, value: dims[name] }));
  }
}

function same<T>(given: T | undefined, current: T | undefined): boolean {
  return given === undefined || given === current;
}

/** At most 30 dimensions; names and values 1 to 255 characters; no missing values. */
function checkDimensions(dims: DimensionHash | undefined): DimensionHash | undefined {
  if (!dims) return dims;
  const names = Object.keys(dims);
  if (names.length > 30) {
    throw new UnscopedValidationError('MaximumDimensionsExceeded', `The maximum number of dimensions is 30, received ${names.length}`);
  }
  for (const name of names) {
    const value = dims[name];
    if (value === undefined || value === null) {
      throw new UnscopedValidationError('InvalidDimensionValue', `Dimension value of '${value}' is invalid for key: ${name}`);
    }
    if (name.length < 1 || name.length > 255) {
      throw new UnscopedValidationError('DimensionNameLengthInvalid',
        `Dimension name must be at least 1 and no more than 255 characters; received ${name}`);
    }
    if (value.length < 1 || value.length > 255) {
      throw new UnscopedValidationError('DimensionValueLengthInvalid',
        `Dimension value must be at least 1 and no more than 255 characters; received ${value}`);
    }
  }
  return dims;
}
