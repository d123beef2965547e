/** The IAM actions the table grants give (facts of DynamoDB's API, as aws-cdk-lib groups them). */

/** Reads that a table's resource policy can allow too. */
export const RESOURCE_READ_DATA_ACTIONS: readonly string[] = [
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:GetItem',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
];

/** Stream reads, granted on the principal's policy only. */
export const PRINCIPAL_ONLY_READ_DATA_ACTIONS: readonly string[] = [
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
];

/** Item writes. */
export const WRITE_DATA_ACTIONS: readonly string[] = [
  'dynamodb:BatchWriteItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
];

/** Reading a table's stream. */
export const READ_STREAM_DATA_ACTIONS: readonly string[] = [
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
];

/** Describing the table, added to the data grants. */
export const DESCRIBE_TABLE = 'dynamodb:DescribeTable';

/** Listing the account's streams (on `*`). */
export const LIST_STREAMS = 'dynamodb:ListStreams';
