/**
 * What IAM checks for one DynamoDB request: the action (`dynamodb:{Operation}`) and each resource
 * it applies to, as the Service Authorization Reference for DynamoDB lists them:
 * - operations on one table: the table ARN, `arn:{partition}:dynamodb:{region}:{account}:table/{name}`
 *   (`TableName` may also be given as that ARN);
 * - Query and Scan with `IndexName`: the index ARN, `{table ARN}/index/{index}` (what a grant on
 *   `{table ARN}/index/*` allows, as aws-cdk-lib's and wsgate's grants write it for tables with indexes);
 * - BatchGetItem and BatchWriteItem: each table of `RequestItems`, every one of which must be allowed;
 * - ListTables: `*`; TagResource, UntagResource, ListTagsOfResource: `ResourceArn`.
 *
 * Only the operations the local store implements are mapped ({@link STORE_OPERATIONS}); the proxy
 * answers the others before asking IAM.
 */
import type { ModelEnvironment } from '../../model/gateway-model.js';

/** One authorization IAM makes for a request. */
export interface RequiredAccess {
  /** `dynamodb:{Operation}`. */
  readonly action: string;
  readonly resource: string;
}

type Environment = Pick<ModelEnvironment, 'partition' | 'region' | 'account'>;

const SINGLE_TABLE = new Set(['CreateTable', 'DeleteItem', 'DeleteTable', 'DescribeTable', 'DescribeTimeToLive', 'GetItem', 'PutItem', 'UpdateItem', 'UpdateTable']);
const WITH_INDEX = new Set(['Query', 'Scan']);
const BATCH = new Set(['BatchGetItem', 'BatchWriteItem']);
const BY_RESOURCE_ARN = new Set(['TagResource', 'UntagResource', 'ListTagsOfResource']);

/**
 * The authorizations one request needs; an empty list when the input does not say which resource
 * (the store then answers the request with DynamoDB's validation error).
 */
export function requiredAccess(operation: string, input: Record<string, unknown>, environment: Environment): RequiredAccess[] {
  const action = `dynamodb:${operation}`;
  const table = (name: unknown) => tableArn(String(name), environment);
  if (SINGLE_TABLE.has(operation)) return typeof input.TableName === 'string' ? [{ action, resource: table(input.TableName) }] : [];
  if (WITH_INDEX.has(operation)) {
    if (typeof input.TableName !== 'string') return [];
    const resource = typeof input.IndexName === 'string' ? `${table(input.TableName)}/index/${input.IndexName}` : table(input.TableName);
    return [{ action, resource }];
  }
  if (BATCH.has(operation)) {
    const items = input.RequestItems;
    if (items === null || typeof items !== 'object' || Array.isArray(items)) return [];
    return Object.keys(items).map((name) => ({ action, resource: table(name) }));
  }
  if (BY_RESOURCE_ARN.has(operation)) return typeof input.ResourceArn === 'string' ? [{ action, resource: input.ResourceArn }] : [];
  if (operation === 'ListTables') return [{ action, resource: '*' }];
  return [];
}

/** The ARN of a table given by name (or already by ARN). */
export function tableArn(nameOrArn: string, environment: Environment): string {
  if (nameOrArn.startsWith('arn:')) return nameOrArn;
  const { partition, region, account } = environment;
  return `arn:${partition}:dynamodb:${region}:${account}:table/${nameOrArn}`;
}

/** The wsgate (and aws-cdk-lib) grant that allows an action on a table, for warn-mode hints. */
export function grantHint(action: string): string {
  const operation = action.slice('dynamodb:'.length);
  const read = ['GetItem', 'BatchGetItem', 'Query', 'Scan', 'ConditionCheckItem', 'DescribeTable'];
  const write = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'];
  if (read.includes(operation)) return 'table.grantReadData(fn) or table.grantReadWriteData(fn)';
  if (write.includes(operation)) return 'table.grantWriteData(fn) or table.grantReadWriteData(fn)';
  return `table.grant(fn, '${action}') or table.grantFullAccess(fn)`;
}
