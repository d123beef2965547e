/**
 * `ITable` and `TableBase`: what created and imported DynamoDB tables share: their name and ARN,
 * the grants on the table and its stream, and CloudWatch metrics in `AWS/DynamoDB`.
 */
import { Resource, ValidationError, printDeprecation, type IResource } from '../core/index.js';
import { MathExpression, Metric, type IMetric, type MetricOptions } from '../cloudwatch/index.js';
import type { AddToResourcePolicyResult, Grant, IGrantable, IResourceWithPolicyV2, PolicyDocument, PolicyStatement } from '../iam/index.js';
import type { ITableRef, TableReference } from './cfn-table.js';
import { Operation, type OperationsMetricOptions, type SystemErrorsForOperationsMetricOptions } from './metric-options.js';
import { StreamGrants } from './stream-grants.js';
import { TableGrants } from './table-grants.js';

/** The CloudWatch namespace of DynamoDB's metrics. */
const NAMESPACE = 'AWS/DynamoDB';

/** A DynamoDB table, created here or imported. */
export interface ITable extends IResource, ITableRef {
  /**
   * The table's ARN.
   *
   * @attribute
   */
  readonly tableArn: string;

  /**
   * The table's name.
   *
   * @attribute
   */
  readonly tableName: string;

  /**
   * The ARN of the table's stream, if it has one.
   *
   * @attribute
   */
  readonly tableStreamArn?: string;

  /** Gives `grantee` these actions on the table and its indexes. */
  grant(grantee: IGrantable, ...actions: string[]): Grant;

  /** Gives `grantee` these actions on the table's stream. */
  grantStream(grantee: IGrantable, ...actions: string[]): Grant;

  /** Gives `grantee` permission to read items and describe the table. */
  grantReadData(grantee: IGrantable): Grant;

  /** Gives `grantee` permission to list streams. */
  grantTableListStreams(grantee: IGrantable): Grant;

  /** Gives `grantee` permission to list streams and read the table's stream. */
  grantStreamRead(grantee: IGrantable): Grant;

  /** Gives `grantee` permission to write items and describe the table. */
  grantWriteData(grantee: IGrantable): Grant;

  /** Gives `grantee` permission to read and write items and describe the table. */
  grantReadWriteData(grantee: IGrantable): Grant;

  /** Gives `grantee` every DynamoDB action on the table. */
  grantFullAccess(grantee: IGrantable): Grant;

  /** A metric of this table in the `AWS/DynamoDB` namespace, with the `TableName` dimension. */
  metric(metricName: string, props?: MetricOptions): Metric;

  /** Read capacity units consumed (`ConsumedReadCapacityUnits`, sum). */
  metricConsumedReadCapacityUnits(props?: MetricOptions): Metric;

  /** Write capacity units consumed (`ConsumedWriteCapacityUnits`, sum). */
  metricConsumedWriteCapacityUnits(props?: MetricOptions): Metric;

  /** Server errors summed over operations (`SystemErrors`). */
  metricSystemErrorsForOperations(props?: SystemErrorsForOperationsMetricOptions): IMetric;

  /** Client errors of the account and region (`UserErrors`, sum, no dimensions). */
  metricUserErrors(props?: MetricOptions): Metric;

  /** Failed conditional writes (`ConditionalCheckFailedRequests`, sum). */
  metricConditionalCheckFailedRequests(props?: MetricOptions): Metric;

  /**
   * Throttled requests (`ThrottledRequests`, sum), without the `Operation` dimension it needs.
   *
   * @deprecated use `metricThrottledRequestsForOperations`
   */
  metricThrottledRequests(props?: MetricOptions): Metric;

  /** Throttled requests summed over operations (`ThrottledRequests`). */
  metricThrottledRequestsForOperations(props?: OperationsMetricOptions): IMetric;

  /** Latency of successful requests of one operation (`SuccessfulRequestLatency`, average); needs an `Operation` dimension. */
  metricSuccessfulRequestLatency(props?: MetricOptions): Metric;
}

/** What created and imported tables share: references, grants and metrics. */
export abstract class TableBase extends Resource implements ITable, IResourceWithPolicyV2 {
  public abstract readonly tableArn: string;
  public abstract readonly tableName: string;
  public abstract readonly tableStreamArn?: string;
  /** The table's resource-based policy, if any. */
  public abstract resourcePolicy?: PolicyDocument;

  /** Whether grants must cover the table's indexes too. */
  protected abstract readonly hasIndex: boolean;

  /** A reference to this table. */
  public get tableRef(): TableReference {
    return { tableArn: this.tableArn, tableName: this.tableName };
  }

  /** The grants this table can give. */
  public get grants(): TableGrants {
    return TableGrants.fromTable(this);
  }

  /** The grants this table's stream can give; the table must have a stream. */
  public get streamGrants(): StreamGrants {
    if (!this.tableStreamArn) {
      throw new ValidationError('StreamsRequired', `DynamoDB Streams must be enabled on the table ${this.node.path}`, this);
    }
    return new StreamGrants({ tableStreamArn: this.tableStreamArn });
  }

  /** Adds a statement to the table's resource-based policy. */
  public abstract addToResourcePolicy(statement: PolicyStatement): AddToResourcePolicyResult;

  public grant(grantee: IGrantable, ...actions: string[]): Grant {
    return this.grants.actions(grantee, ...actions);
  }

  public grantStream(grantee: IGrantable, ...actions: string[]): Grant {
    return this.streamGrants.actions(grantee, ...actions);
  }

  public grantReadData(grantee: IGrantable): Grant {
    return this.grants.readData(grantee);
  }

  public grantTableListStreams(grantee: IGrantable): Grant {
    return this.streamGrants.list(grantee);
  }

  public grantStreamRead(grantee: IGrantable): Grant {
    return this.streamGrants.read(grantee);
  }

  public grantWriteData(grantee: IGrantable): Grant {
    return this.grants.writeData(grantee);
  }

  public grantReadWriteData(grantee: IGrantable): Grant {
    return this.grants.readWriteData(grantee);
  }

  public grantFullAccess(grantee: IGrantable): Grant {
    return this.grants.fullAccess(grantee);
  }

  public metric(metricName: string, props?: MetricOptions): Metric {
    return new Metric({ namespace: NAMESPACE, metricName, dimensionsMap: { TableName: this.tableName }, ...props }).attachTo(this);
  }

  public metricConsumedReadCapacityUnits(props?: MetricOptions): Metric {
    return this.cannedMetric('ConsumedReadCapacityUnits', 'Sum', { TableName: this.tableName }, props);
  }

  public metricConsumedWriteCapacityUnits(props?: MetricOptions): Metric {
    return this.cannedMetric('ConsumedWriteCapacityUnits', 'Sum', { TableName: this.tableName }, props);
  }

  /**
   * Server errors of one operation (`SystemErrors`, sum); needs an `Operation` dimension.
   *
   * @deprecated use `metricSystemErrorsForOperations`.
   */
  public metricSystemErrors(props?: MetricOptions): Metric {
    printDeprecation('aws-cdk-lib.aws_dynamodb.TableBase#metricSystemErrors', 'use `metricSystemErrorsForOperations`.');
    const legacy = legacyDimensions(props);
    if (!legacy?.Operation && !props?.dimensionsMap?.Operation) {
      throw new ValidationError('OperationDimensionRequired', "'Operation' dimension must be passed for the 'SystemErrors' metric.", this);
    }
    const dimensionsMap = { TableName: this.tableName, ...legacy, ...props?.dimensionsMap };
    return this.metric('SystemErrors', { statistic: 'sum', ...props, dimensionsMap });
  }

  public metricUserErrors(props?: MetricOptions): Metric {
    if (legacyDimensions(props)) {
      throw new ValidationError('DimensionsNotSupported', "'dimensions' is not supported for the 'UserErrors' metric", this);
    }
    return this.metric('UserErrors', { statistic: 'sum', ...props, dimensionsMap: {} });
  }

  public metricConditionalCheckFailedRequests(props?: MetricOptions): Metric {
    return this.metric('ConditionalCheckFailedRequests', { statistic: 'sum', ...props });
  }

  public metricThrottledRequests(props?: MetricOptions): Metric {
    printDeprecation('aws-cdk-lib.aws_dynamodb.TableBase#metricThrottledRequests',
      'Do not use this function. It returns an invalid metric. Use `metricThrottledRequestsForOperation` instead.');
    return this.metric('ThrottledRequests', { statistic: 'sum', ...props });
  }

  public metricSuccessfulRequestLatency(props?: MetricOptions): Metric {
    const legacy = legacyDimensions(props);
    if (!legacy?.Operation && !props?.dimensionsMap?.Operation) {
      throw new ValidationError('OperationDimensionRequired', "'Operation' dimension must be passed for the 'SuccessfulRequestLatency' metric.", this);
    }
    const dimensionsMap = { TableName: this.tableName, Operation: String(props?.dimensionsMap?.Operation ?? legacy?.Operation) };
    return new Metric({
      namespace: NAMESPACE, metricName: 'SuccessfulRequestLatency', statistic: 'Average', ...props, dimensionsMap,
    }).attachTo(this);
  }

  /** Throttled requests of one operation (`ThrottledRequests`, sum). */
  public metricThrottledRequestsForOperation(operation: string, props?: MetricOptions): Metric {
    return this.cannedMetric('ThrottledRequests', 'Sum', { Operation: operation, TableName: this.tableName }, props);
  }

  public metricThrottledRequestsForOperations(props?: OperationsMetricOptions): IMetric {
    return this.sumOverOperations('ThrottledRequests', 'Sum of throttled requests across all operations', props);
  }

  public metricSystemErrorsForOperations(props?: SystemErrorsForOperationsMetricOptions): IMetric {
    return this.sumOverOperations('SystemErrors', 'Sum of errors across all operations', props);
  }

  /** `metricName` of each operation (named by its lowercased name), added up in a math expression. */
  private sumOverOperations(metricName: string, label: string, props?: SystemErrorsForOperationsMetricOptions): MathExpression {
    const legacy = legacyDimensions(props);
    if (legacy?.Operation) {
      throw new ValidationError('OperationDimensionNotSupported', "The Operation dimension is not supported. Use the 'operations' property.", this);
    }
    const operations = props?.operations ?? Object.values(Operation);
    const metrics: Record<string, IMetric> = {};
    for (const operation of operations) {
      metrics[operation.toLowerCase()] = this.metric(metricName, {
        statistic: 'sum', ...props, dimensionsMap: { TableName: this.tableName, Operation: operation, ...legacy },
      });
    }
    return new MathExpression({
      expression: Object.keys(metrics).join(' + '), usingMetrics: metrics, color: props?.color, label, period: props?.period,
    });
  }

  /** A metric with the namespace, name, dimensions and statistic DynamoDB documents, changed by `props`. */
  private cannedMetric(metricName: string, statistic: string, dimensionsMap: Record<string, string>, props?: MetricOptions): Metric {
    return new Metric({ namespace: NAMESPACE, metricName, dimensionsMap, statistic, ...props }).attachTo(this);
  }
}

/**
 * The deprecated `dimensions` option of aws-cdk-lib's `MetricOptions`, which programs written
 * against aws-cdk-lib may still pass; the table metrics read it as aws-cdk-lib does.
 */
function legacyDimensions(props: MetricOptions | undefined): Record<string, unknown> | undefined {
  return (props as { dimensions?: Record<string, unknown> } | undefined)?.dimensions;
}
