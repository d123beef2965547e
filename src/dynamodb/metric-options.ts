/** The DynamoDB operations that per-operation metrics are reported for, and the options of those metrics. */
import type { MetricOptions } from '../cloudwatch/index.js';

/** A DynamoDB API operation, as the `Operation` dimension of CloudWatch metrics names it. */
export enum Operation {
  /** GetItem. */
  GET_ITEM = 'GetItem',
  /** BatchGetItem. */
  BATCH_GET_ITEM = 'BatchGetItem',
  /** Scan. */
  SCAN = 'Scan',
  /** Query. */
  QUERY = 'Query',
  /** GetRecords (streams). */
  GET_RECORDS = 'GetRecords',
  /** PutItem. */
  PUT_ITEM = 'PutItem',
  /** DeleteItem. */
  DELETE_ITEM = 'DeleteItem',
  /** UpdateItem. */
  UPDATE_ITEM = 'UpdateItem',
  /** BatchWriteItem. */
  BATCH_WRITE_ITEM = 'BatchWriteItem',
  /** TransactWriteItems. */
  TRANSACT_WRITE_ITEMS = 'TransactWriteItems',
  /** TransactGetItems. */
  TRANSACT_GET_ITEMS = 'TransactGetItems',
  /** ExecuteTransaction (PartiQL). */
  EXECUTE_TRANSACTION = 'ExecuteTransaction',
  /** BatchExecuteStatement (PartiQL). */
  BATCH_EXECUTE_STATEMENT = 'BatchExecuteStatement',
  /** ExecuteStatement (PartiQL). */
  EXECUTE_STATEMENT = 'ExecuteStatement',
}

/** Options of a metric summed over operations (system errors). */
export interface SystemErrorsForOperationsMetricOptions extends MetricOptions {
  /** The operations summed. @default - every value of `Operation` */
  readonly operations?: Operation[];
}

/** Options of a metric summed over operations (throttled requests). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a separate name for the same options, as in aws-cdk-lib
export interface OperationsMetricOptions extends SystemErrorsForOperationsMetricOptions {}
