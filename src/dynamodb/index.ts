/**
 * `wsgate/aws-dynamodb`: DynamoDB tables, with aws-cdk-lib's `aws_dynamodb` API.
 * @module
 */
export * from './table.js';
export * from './table-base.js';
export * from './metric-options.js';
export * from './attribute.js';
export * from './table-settings.js';
export * from './secondary-index.js';
export * from './table-grants.js';
export * from './stream-grants.js';
export * from './cfn-table.js';
