/**
 * `Alarm`: a CloudWatch alarm on one metric or math expression, rendered into
 * `AWS::CloudWatch::Alarm` the way aws-cdk-lib renders it: the single-metric fields
 * (`MetricName`, `Dimensions`, `Statistic`/`ExtendedStatistic`, `Period`...) when they can say
 * it all, the `Metrics` list when a label, another account or an expression needs it.
 */
import type { Construct } from 'constructs';
import { Annotations, ArnFormat, Lazy, Stack, Token, ValidationError, type Duration } from '../core/index.js';
import type { IAlarmAction } from './alarm-action.js';
import { AlarmBase, type IAlarm } from './alarm-base.js';
import { CfnAlarm } from './cfn-alarm.js';
import type { HorizontalAnnotation } from './graph.js';
import type { CreateAlarmOptions } from './metric.js';
import { Metric } from './metric.js';
import type { IMetric, MetricExpressionConfig, MetricStatConfig } from './metric-types.js';
import type { CreateAlarmOptionsBase } from './private/alarm-options.js';
import { dispatchMetric, dropUndefined, metricPeriod } from './private/metric-util.js';
import { MetricSet } from './private/metric-set.js';
import { parseStatisticToFields } from './private/statistic.js';

/** Properties of an `Alarm`. */
export interface AlarmProps extends CreateAlarmOptions {
  /** The metric (or math expression) the alarm watches. */
  readonly metric: IMetric;
}

/** Properties of an `AnomalyDetectionAlarm`. */
export interface AnomalyDetectionAlarmProps extends CreateAlarmOptionsBase {
  /** The metric whose anomalies raise the alarm. */
  readonly metric: IMetric;
  /**
   * The width of the expected band in standard deviations; must be above 0.
   *
   * @default 2
   */
  readonly stdDevs?: number;
  /**
   * Which side of the band breaches; must be one of the three anomaly detection operators.
   *
   * @default LESS_THAN_LOWER_OR_GREATER_THAN_UPPER_THRESHOLD
   */
  readonly comparisonOperator?: ComparisonOperator;
}

/** How the statistic is compared with the threshold. */
export enum ComparisonOperator {
  /** Statistic >= threshold. */
  GREATER_THAN_OR_EQUAL_TO_THRESHOLD = 'GreaterThanOrEqualToThreshold',
  /** Statistic > threshold. */
  GREATER_THAN_THRESHOLD = 'GreaterThanThreshold',
  /** Statistic < threshold. */
  LESS_THAN_THRESHOLD = 'LessThanThreshold',
  /** Statistic <= threshold. */
  LESS_THAN_OR_EQUAL_TO_THRESHOLD = 'LessThanOrEqualToThreshold',
  /** Outside the anomaly detection band (anomaly detection alarms only). */
  LESS_THAN_LOWER_OR_GREATER_THAN_UPPER_THRESHOLD = 'LessThanLowerOrGreaterThanUpperThreshold',
  /** Above the anomaly detection band (anomaly detection alarms only). */
  GREATER_THAN_UPPER_THRESHOLD = 'GreaterThanUpperThreshold',
  /** Below the anomaly detection band (anomaly detection alarms only). */
  LESS_THAN_LOWER_THRESHOLD = 'LessThanLowerThreshold',
}

/** How periods without data points count. */
export enum TreatMissingData {
  /** As breaching the threshold. */
  BREACHING = 'breaching',
  /** As within the threshold. */
  NOT_BREACHING = 'notBreaching',
  /** The alarm keeps its current state. */
  IGNORE = 'ignore',
  /** They are left out of the evaluation. */
  MISSING = 'missing',
}

const OPERATOR_SYMBOLS: Record<string, string> = {
  GreaterThanOrEqualToThreshold: '>=',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

const ANOMALY_OPERATORS: readonly string[] = [
  ComparisonOperator.LESS_THAN_LOWER_OR_GREATER_THAN_UPPER_THRESHOLD,
  ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD,
  ComparisonOperator.LESS_THAN_LOWER_THRESHOLD,
];

/** The metric fields of a `CfnAlarm`, and the id of the primary metric when `Metrics` is used. */
interface RenderedMetric {
  readonly props: Record<string, unknown>;
  readonly primaryId?: string;
}

/**
 * An alarm on a CloudWatch metric.
 *
 * @resource AWS::CloudWatch::Alarm
 */
export class Alarm extends AlarmBase {
  /** Identifies this class for property injection. */
  public static readonly PROPERTY_INJECTION_ID: string = 'aws-cdk-lib.aws-cloudwatch.Alarm';

  /**
   * The threshold to pass for anomaly detection alarms, whose threshold is the band itself (the
   * value is ignored).
   */
  public static readonly ANOMALY_DETECTION_NO_THRESHOLD = 0;

  /** An existing alarm in this stack's account and region, by name. */
  public static fromAlarmName(scope: Construct, id: string, alarmName: string): IAlarm {
    const stack = Stack.of(scope);
    return this.fromAlarmArn(scope, id, stack.formatArn({
      service: 'cloudwatch',
      resource: 'alarm',
      resourceName: alarmName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    }));
  }

  /** An existing alarm, by ARN (`arn:aws:cloudwatch:<region>:<account>:alarm:<name>`). */
  public static fromAlarmArn(scope: Construct, id: string, alarmArn: string): IAlarm {
    class Import extends AlarmBase {
      public readonly alarmArn = alarmArn;
      public readonly alarmName = Stack.of(scope).splitArn(alarmArn, ArnFormat.COLON_RESOURCE_NAME).resourceName!;
    }
    return new Import(scope, id);
  }

  /** The metric the alarm watches. */
  public readonly metric: IMetric;

  private readonly annotation: HorizontalAnnotation;
  private readonly alarm: CfnAlarm;

  constructor(scope: Construct, id: string, props: AlarmProps) {
    super(scope, id, { physicalName: props.alarmName });

    const comparisonOperator = props.comparisonOperator || ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
    const isAnomalyDetection = ANOMALY_OPERATORS.includes(comparisonOperator);
    let threshold: number | undefined;
    if (isAnomalyDetection) {
      if (!isAnomalyDetectionMetric(props.metric)) {
        throw new ValidationError('AnomalyDetectionOperatorRequiresBandMetric',
          `Anomaly detection operator ${comparisonOperator} requires an ANOMALY_DETECTION_BAND() metric. Use the construct AnomalyDetectionAlarm or wrap your metric in an ANOMALY_DETECTION_BAND expression.`, this);
      }
      if (props.threshold !== undefined && props.threshold !== Alarm.ANOMALY_DETECTION_NO_THRESHOLD) {
        Annotations.of(this).addWarningV2('aws-cdk-lib/aws-cloudwatch:thresholdIgnoredForAnomalyDetection',
          "threshold is unused for anomaly detection alarms. Use 'Alarm.ANOMALY_DETECTION_NO_THRESHOLD' or use the AnomalyDetectionAlarm construct.");
      }
    } else {
      if (isAnomalyDetectionMetric(props.metric)) {
        throw new ValidationError('FixedThresholdOperatorCannotUseAnomalyBand',
          `Fixed threshold operator ${props.comparisonOperator} can not be used with an ANOMALY_DETECTION_BAND() math expression; use an anomaly threshold operator instead.`, this);
      }
      if (props.threshold === undefined) {
        throw new ValidationError('ThresholdRequiredForStandardAlarms', 'threshold must be specified for standard alarms', this);
      }
      threshold = props.threshold;
    }

    const rendered = this.renderMetric(props.metric, isAnomalyDetection);
    const metricProps = { ...rendered.props };
    // `period` and `statistic` left the typed props long ago; aws-cdk-lib still honours them.
    const legacy = props as { period?: Duration; statistic?: string };
    if (legacy.period) metricProps.period = legacy.period.toSeconds();
    if (legacy.statistic) Object.assign(metricProps, parseStatisticToFields(legacy.statistic));

    this.alarm = new CfnAlarm(this, 'Resource', {
      alarmDescription: props.alarmDescription,
      alarmName: this.physicalName || undefined,
      comparisonOperator,
      threshold,
      thresholdMetricId: isAnomalyDetection ? rendered.primaryId : undefined,
      datapointsToAlarm: props.datapointsToAlarm,
      evaluateLowSampleCountPercentile: props.evaluateLowSampleCountPercentile,
      evaluationPeriods: props.evaluationPeriods,
      treatMissingData: props.treatMissingData,
      actionsEnabled: props.actionsEnabled,
      alarmActions: lazyArns(this._alarmActionArns),
      insufficientDataActions: lazyArns(this._insufficientDataActionArns),
      okActions: lazyArns(this._okActionArns),
      ...metricProps,
    });
    this.metric = props.metric;

    if (isAnomalyDetection) {
      this.annotation = { value: Alarm.ANOMALY_DETECTION_NO_THRESHOLD, label: 'Anomaly Detection Band', visible: false };
    } else {
      const datapoints = props.datapointsToAlarm || props.evaluationPeriods;
      const window = describePeriod(props.evaluationPeriods * metricPeriod(props.metric).toSeconds());
      this.annotation = {
        label: `${props.metric} ${OPERATOR_SYMBOLS[comparisonOperator]} ${props.threshold} for ${datapoints} datapoints within ${window}`,
        value: props.threshold!,
      };
    }

    for (const [warningId, message] of Object.entries(this.metric.warningsV2 ?? {})) {
      Annotations.of(this).addWarningV2(warningId, message);
    }
  }

  /**
   * The alarm's ARN.
   *
   * @attribute
   */
  public get alarmArn(): string {
    return this.alarm.attrArn;
  }

  /**
   * The alarm's name.
   *
   * @attribute
   */
  public get alarmName(): string {
    return this.alarm.ref;
  }

  /**
   * The alarm as a threshold line, to draw on a graph that shows other metrics or several alarms.
   */
  public toAnnotation(): HorizontalAnnotation {
    return this.annotation;
  }

  /**
   * Runs these actions when the alarm goes into ALARM state. EC2 actions need a per-instance
   * metric (exactly one dimension, `InstanceId`).
   */
  public override addAlarmAction(...actions: IAlarmAction[]): void {
    this._alarmActionArns.push(...actions.map((a) => this.checkActionArn(a.bind(this, this).alarmActionArn)));
  }

  private checkActionArn(actionArn: string): string {
    if (/arn:aws[a-z0-9-]*:automate:[a-z|\d|-]+:ec2:[a-z]+/.test(actionArn)) {
      const config = this.metric.toMetricConfig();
      const dims = config.metricStat?.dimensions;
      if (dims?.length !== 1 || !dims.some((d) => d.name === 'InstanceId')) {
        throw new ValidationError('Ec2AlarmActionsRequireInstanceMetric',
          `EC2 alarm actions requires an EC2 Per-Instance Metric. (${JSON.stringify(config)} does not have an 'InstanceId' dimension)`, this);
      }
    }
    return actionArn;
  }

  /**
   * The metric fields of the alarm. A plain metric without a label, in the alarm's own account,
   * uses the single-metric fields; otherwise, and for expressions, every metric of the tree goes
   * into `Metrics` with an id, and only the root (plus, for anomaly detection, the metric under
   * the band) returns data.
   */
  private renderMetric(metric: IMetric, doubleReturnData: boolean): RenderedMetric {
    const returnDataLevel = doubleReturnData ? 2 : 1;
    return dispatchMetric<RenderedMetric>(metric, {
      withStat: (stat, conf) => {
        this.checkMetricRegion(stat, metric);
        if (conf.renderingProperties?.label == null && !this.requiresAccountId(stat)) {
          return {
            props: dropUndefined({
              dimensions: stat.dimensions,
              namespace: stat.namespace,
              metricName: stat.metricName,
              period: stat.period?.toSeconds(),
              ...parseStatisticToFields(stat.statistic),
              unit: stat.unitFilter,
            }),
          };
        }
        return {
          props: { metrics: [{ ...this.metricStatQuery(stat, 'm1'), label: conf.renderingProperties?.label, returnData: true }] },
          primaryId: 'm1',
        };
      },
      withMathExpression: () => {
        const set = new MetricSet<boolean>();
        set.addTopLevel(true, metric);
        let exprCount = 0;
        let primaryId: string | undefined;
        const metrics = set.entries.map((entry) => {
          const id = entry.id || `expr_${++exprCount}`;
          if (entry.tag) primaryId = id;
          const returnData = entry.level <= returnDataLevel;
          return dispatchMetric<Record<string, unknown>>(entry.metric, {
            withStat: (stat, conf) => {
              this.checkMetricRegion(stat, entry.metric);
              return { ...this.metricStatQuery(stat, id), label: conf.renderingProperties?.label, returnData };
            },
            withMathExpression: (expr, conf) => {
              const hasSubmetrics = Object.keys(expr.usingMetrics).length > 0;
              if (hasSubmetrics && Object.keys(expr.usingMetrics).length > 10) {
                throw new ValidationError('TooManyMetricsInMathExpression', 'Alarms on math expressions cannot contain more than 10 individual metrics', this);
              }
              this.checkMathExpression(expr);
              return {
                expression: expr.expression,
                id,
                label: conf.renderingProperties?.label,
                period: hasSubmetrics ? undefined : expr.period,
                returnData,
              };
            },
            withSearchExpression: () => this.searchNotSupported(),
          });
        });
        if (!primaryId) throw new ValidationError('ExpectedLeastMetricPrimary', 'Expected at least one metric to be the primary', this);
        return { props: { metrics }, primaryId };
      },
      withSearchExpression: () => this.searchNotSupported(),
    });
  }

  /** One `Metrics` entry for a plain metric (without label and returnData). */
  private metricStatQuery(stat: MetricStatConfig, id: string): Record<string, unknown> {
    return {
      metricStat: {
        metric: { metricName: stat.metricName, namespace: stat.namespace, dimensions: stat.dimensions },
        period: stat.period.toSeconds(),
        stat: stat.statistic,
        unit: stat.unitFilter,
      },
      id,
      accountId: this.requiresAccountId(stat) ? stat.account : undefined,
    };
  }

  private searchNotSupported(): never {
    throw new ValidationError('SearchExpressionsNotSupportedInAlarms',
      'Search expressions are not supported in CloudWatch Alarms. Use search expressions only in dashboard graphs.', this);
  }

  /** An alarm can only watch metrics of its own region. */
  private checkMetricRegion(stat: MetricStatConfig, metric: IMetric): void {
    const stackRegion = Stack.of(this).region;
    if (stat.region && !Token.isUnresolved(stackRegion) && stat.region !== stackRegion) {
      throw new ValidationError('AlarmRegionMismatch',
        `Cannot create an Alarm in region '${stackRegion}' based on metric '${metric}' in '${stat.region}'`, this);
    }
  }

  /** Search accounts and regions are for graphs, not alarms. */
  private checkMathExpression(expr: MetricExpressionConfig): void {
    if (expr.searchAccount !== undefined || expr.searchRegion !== undefined) {
      throw new ValidationError('MathExpressionSearchNotSupportedInAlarms',
        'Cannot create an Alarm based on a MathExpression which specifies a searchAccount or searchRegion', this);
    }
  }

  /** True when the metric names an account other than the stack's. */
  private requiresAccountId(stat: MetricStatConfig): boolean {
    return stat.account !== undefined && Stack.of(this).account !== stat.account;
  }
}

/**
 * An alarm on the anomaly detection band of a metric: the threshold is the band, and the
 * comparison is one of the anomaly detection operators.
 *
 * @resource AWS::CloudWatch::Alarm
 */
export class AnomalyDetectionAlarm extends Alarm {
  /** Identifies this class for property injection. */
  public static override readonly PROPERTY_INJECTION_ID: string = 'aws-cdk-lib.aws-cloudwatch.AnomalyDetectionAlarm';

  constructor(scope: Construct, id: string, props: AnomalyDetectionAlarmProps) {
    super(scope, id, {
      ...props,
      comparisonOperator: props.comparisonOperator ?? ComparisonOperator.LESS_THAN_LOWER_OR_GREATER_THAN_UPPER_THRESHOLD,
      metric: Metric.anomalyDetectionFor({ ...props, period: metricPeriod(props.metric) }),
      threshold: Alarm.ANOMALY_DETECTION_NO_THRESHOLD,
    });
    if (props.comparisonOperator && !ANOMALY_OPERATORS.includes(props.comparisonOperator)) {
      throw new ValidationError('AnomalyDetectionOperatorRequired',
        `Must use one of the anomaly detection operators, got ${props.comparisonOperator}`, this);
    }
  }
}

function isAnomalyDetectionMetric(metric: IMetric): boolean {
  return dispatchMetric(metric, {
    withStat: () => false,
    withMathExpression: (expr) => expr.expression.includes('ANOMALY_DETECTION_BAND'),
    withSearchExpression: () => false,
  });
}

function describePeriod(seconds: number): string {
  if (seconds === 60) return '1 minute';
  if (seconds === 1) return '1 second';
  if (seconds > 60) return `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}

/** A list token for action ARNs added later: rendered as it is at synthesis, left out when empty. */
function lazyArns(list: string[]): string[] {
  return Lazy.list({ produce: () => (list.length > 0 ? [...list] : undefined) }, { omitEmpty: true });
}
