/**
 * `wsgate/aws-logs`: CloudWatch Logs log groups, with aws-cdk-lib's `aws_logs` API.
 * @module
 */
export * from './log-group.js';
export * from './log-group-grants.js';
export * from './policy.js';
export * from './cfn-log-group.js';
export * from './cfn-resource-policy.js';
