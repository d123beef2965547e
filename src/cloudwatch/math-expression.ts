/**
 * Metrics computed by CloudWatch rather than queried: math expressions over other metrics
 * (`m1 + m2`, `ANOMALY_DETECTION_BAND(m0, 2)`) and search expressions (`SEARCH(...)`, graphs only).
 */
import type { Construct } from 'constructs';
import { Duration, Token, UnscopedValidationError } from '../core/index.js';
import type { IMetric, MetricConfig } from './metric-types.js';
import { Alarm } from './alarm.js';
import { alarmPropsFor } from './private/alarm-options.js';
import type { CreateAlarmOptions } from './metric.js';
import { dispatchMetric, metricKey } from './private/metric-util.js';

/** The properties of a math expression that `with()` can change. */
export interface MathExpressionOptions {
  /**
   * The expression's name in graphs; `''` shows only the labels of the series it returns.
   *
   * @default - the expression text
   */
  readonly label?: string;
  /** The graph color. @default - chosen by CloudWatch */
  readonly color?: string;
  /** Whether graphs draw the expression. @default true */
  readonly visible?: boolean;
  /**
   * The period of the expression; it replaces the periods of all metrics it uses.
   *
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;
  /** The account search functions run in. @default - the deployment account */
  readonly searchAccount?: string;
  /** The region search functions run in. @default - the deployment region */
  readonly searchRegion?: string;
}

/** Properties of a `MathExpression`. */
export interface MathExpressionProps extends MathExpressionOptions {
  /** The expression; one containing SEARCH cannot be alarmed on. */
  readonly expression: string;
  /**
   * The metrics the expression uses, by the identifier it refers to them with. Their periods are
   * replaced by the expression's.
   *
   * @default - none
   */
  readonly usingMetrics?: Record<string, IMetric>;
}

/** The properties of a search expression that `with()` can change. */
export interface SearchExpressionOptions {
  /** A prefix for the names of the series found. @default - none */
  readonly label?: string;
  /** The color of the first series found. @default - chosen by CloudWatch */
  readonly color?: string;
  /** Whether graphs draw the series found. @default true */
  readonly visible?: boolean;
  /** The period of the series found. @default Duration.minutes(5) */
  readonly period?: Duration;
  /** The account the search runs in. @default - the deployment account */
  readonly searchAccount?: string;
  /** The region the search runs in. @default - the deployment region */
  readonly searchRegion?: string;
}

/** Properties of a `SearchExpression`. */
export interface SearchExpressionProps extends SearchExpressionOptions {
  /**
   * The search, for example `SEARCH('{AWS/ApiGateway,ApiId} ConnectCount', 'Sum', 300)`.
   * Search expressions cannot be alarmed on.
   */
  readonly expression: string;
}

/** A metric computed from other metrics. Immutable, like `Metric`. */
export class MathExpression implements IMetric {
  /** The expression. */
  public readonly expression: string;
  /** The metrics the expression uses, by id (with the expression's period). */
  public readonly usingMetrics: Record<string, IMetric>;
  /** The label in graphs. */
  public readonly label?: string;
  /** The color in graphs. */
  public readonly color?: string;
  /** Whether graphs draw the expression. */
  public readonly visible?: boolean;
  /** The aggregation period. */
  public readonly period: Duration;
  /** The account searches run in. */
  public readonly searchAccount?: string;
  /** The region searches run in. */
  public readonly searchRegion?: string;
  /**
   * Problems found in the expression.
   *
   * @deprecated use warningsV2
   */
  public readonly warnings?: string[];
  /** Problems found in the expression, by warning id. */
  public readonly warningsV2?: { [id: string]: string };

  constructor(props: MathExpressionProps) {
    this.period = props.period ?? Duration.minutes(5);
    this.expression = props.expression;
    this.label = props.label;
    this.color = props.color;
    this.visible = props.visible;
    this.searchAccount = props.searchAccount;
    this.searchRegion = props.searchRegion;

    const warnings: Record<string, string> = {};
    let overridden = false;
    this.usingMetrics = {};
    for (const [id, metric] of Object.entries(props.usingMetrics ?? {})) {
      const changed = withPeriod(metric, this.period);
      if (changed.overridden) overridden = true;
      this.usingMetrics[id] = changed.metric;
    }
    if (overridden) {
      warnings['CloudWatch:Math:MetricsPeriodsOverridden'] =
        `Periods of metrics in 'usingMetrics' for Math expression '${this.expression}' have been overridden to ${this.period.toSeconds()} seconds.`;
    }

    const invalid = Object.keys(this.usingMetrics).filter((x) => !Token.isUnresolved(x) && !VALID_VARIABLE.test(x));
    if (invalid.length > 0) {
      throw new UnscopedValidationError('InvalidVariableNames',
        `Invalid variable names in expression: ${invalid}. Must start with lowercase letter and only contain alphanumerics.`);
    }
    this.checkNoIdConflicts();

    const missing = identifiersIn(this.expression).filter((i) => !this.usingMetrics[i]);
    if (!this.expression.toUpperCase().match('\\b(INSIGHT_RULE_METRIC|SELECT|SEARCH|METRICS)\\b') && missing.length > 0) {
      warnings['CloudWatch:Math:UnknownIdentifier'] =
        `Math expression '${this.expression}' references unknown identifiers: ${missing.join(', ')}. Please add them to the 'usingMetrics' map.`;
    }
    for (const m of Object.values(this.usingMetrics)) {
      for (const [id, message] of Object.entries(m.warningsV2 ?? {})) warnings[id] = message;
    }
    if (Object.keys(warnings).length > 0) {
      this.warnings = Object.values(warnings);
      this.warningsV2 = warnings;
    }
  }

  /** A copy with some properties changed, or this same object when nothing changes. */
  public with(props: MathExpressionOptions): MathExpression {
    if (changesNothing(props, this)) return this;
    return new MathExpression({
      expression: this.expression,
      usingMetrics: this.usingMetrics,
      label: props.label ?? this.label,
      color: props.color ?? this.color,
      visible: props.visible ?? this.visible,
      period: props.period ?? this.period,
      searchAccount: props.searchAccount ?? this.searchAccount,
      searchRegion: props.searchRegion ?? this.searchRegion,
    });
  }

  public toMetricConfig(): MetricConfig {
    return {
      mathExpression: {
        period: this.period.toSeconds(),
        expression: this.expression,
        usingMetrics: this.usingMetrics,
        searchAccount: this.searchAccount,
        searchRegion: this.searchRegion,
      },
      renderingProperties: { label: this.label, color: this.color, visible: this.visible },
    };
  }

  /** A new alarm on this expression (`period` in `props` changes the expression first). */
  public createAlarm(scope: Construct, id: string, props: CreateAlarmOptions): Alarm {
    const period = (props as { period?: Duration }).period;
    return new Alarm(scope, id, alarmPropsFor(this.with({ period }), props));
  }

  /** The label if there is one, else the expression. */
  public toString(): string {
    return this.label || this.expression;
  }

  /** One id may not stand for two different metrics anywhere in the expression tree. */
  private checkNoIdConflicts(): void {
    const seen = new Map<string, IMetric>();
    const visit = (metric: IMetric): void => {
      dispatchMetric(metric, {
        withStat() {},
        withMathExpression(expr) {
          for (const [id, sub] of Object.entries(expr.usingMetrics)) {
            const existing = seen.get(id);
            if (existing && metricKey(existing) !== metricKey(sub)) {
              throw new UnscopedValidationError('DuplicateMetricId',
                `The ID '${id}' used for two metrics in the expression: '${sub}' and '${existing}'. Rename one.`);
            }
            seen.set(id, sub);
            visit(sub);
          }
        },
        withSearchExpression(expr) {
          if (Object.entries(expr.usingMetrics).length > 0) {
            throw new UnscopedValidationError('SearchExpressionCannotHaveUsingMetrics',
              `Search expression '${expr.expression}' should not contain any 'usingMetrics'.`);
          }
        },
      });
    };
    visit(this);
  }
}

/** Metrics found by a search, for graphs. Immutable, like `Metric`. */
export class SearchExpression implements IMetric {
  /** The search expression. */
  public readonly expression: string;
  /** The prefix of the names of the series found. */
  public readonly label?: string;
  /** The color of the first series found. */
  public readonly color?: string;
  /** Whether graphs draw the series found. */
  public readonly visible?: boolean;
  /** The aggregation period. */
  public readonly period: Duration;
  /** The account the search runs in. */
  public readonly searchAccount?: string;
  /** The region the search runs in. */
  public readonly searchRegion?: string;
  /**
   * Problems found in the search expression.
   *
   * @deprecated use warningsV2
   */
  public readonly warnings?: string[];
  /** Problems found in the search expression, by warning id. */
  public readonly warningsV2?: { [id: string]: string };

  constructor(props: SearchExpressionProps) {
    this.expression = props.expression;
    this.label = props.label;
    this.color = props.color;
    this.visible = props.visible;
    this.period = props.period ?? Duration.minutes(5);
    this.searchAccount = props.searchAccount;
    this.searchRegion = props.searchRegion;
  }

  /** A copy with some properties changed, or this same object when nothing changes. */
  public with(props: SearchExpressionOptions): SearchExpression {
    if (changesNothing(props, this)) return this;
    return new SearchExpression({
      expression: this.expression,
      label: props.label ?? this.label,
      color: props.color ?? this.color,
      visible: props.visible ?? this.visible,
      period: props.period ?? this.period,
      searchAccount: props.searchAccount ?? this.searchAccount,
      searchRegion: props.searchRegion ?? this.searchRegion,
    });
  }

  public toMetricConfig(): MetricConfig {
    return {
      searchExpression: {
        period: this.period.toSeconds(),
        expression: this.expression,
        usingMetrics: {},
        searchAccount: this.searchAccount,
        searchRegion: this.searchRegion,
      },
      renderingProperties: { label: this.label, color: this.color, visible: this.visible },
    };
  }

  /** The label if there is one, else the expression. */
  public toString(): string {
    return this.label || this.expression;
  }
}

const VALID_VARIABLE = /^[a-z][a-zA-Z0-9_]*$/;

/** The variable-like words of an expression, ignoring tokens and quoted strings. */
function identifiersIn(expression: string): string[] {
  const bare = expression.replace(/\$\{Token\[[^\]]+\]\}/g, '').replace(/"[^"]*"|'[^']*'/g, '');
  return [...bare.matchAll(/[a-z][a-zA-Z0-9_]*/g)].map((m) => m[0]);
}

/** `metric` with `period`; overridden when it had a non-default period of its own that differs. */
function withPeriod(metric: IMetric, period: Duration): { metric: IMetric; overridden: boolean } {
  const modifiable = metric as IMetric & { with?: (o: { period: Duration }) => IMetric; period?: Duration };
  if (typeof modifiable.with !== 'function') {
    throw new UnscopedValidationError('MetricMustImplementWith', `Metric object should also implement 'with': ${metric}`);
  }
  const own = modifiable.period;
  const overridden = own !== undefined && own.toSeconds() !== 300 && own.toSeconds() !== period.toSeconds();
  return { metric: modifiable.with({ period }), overridden };
}

function same<T>(given: T | undefined, current: T | undefined): boolean {
  return given === undefined || given === current;
}

/** The options both expression kinds share, as `with()` reads them. */
interface ExpressionRendering {
  readonly label?: string;
  readonly color?: string;
  readonly visible?: boolean;
  readonly period?: Duration;
  readonly searchAccount?: string;
  readonly searchRegion?: string;
}

/** True when `with(props)` would give an expression equal to `current`. */
function changesNothing(props: ExpressionRendering, current: ExpressionRendering & { readonly period: Duration }): boolean {
  return same(props.label, current.label) &&
    same(props.color, current.color) &&
    same(props.visible, current.visible) &&
    (props.period === undefined || props.period.toSeconds() === current.period.toSeconds()) &&
    same(props.searchAccount, current.searchAccount) &&
    same(props.searchRegion, current.searchRegion);
}
