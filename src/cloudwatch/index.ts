/**
 * `wsgate/aws-cloudwatch`: metrics, statistics and alarms, with aws-cdk-lib's `aws_cloudwatch` API.
 * @module
 */
export * from './alarm.js';
export * from './alarm-action.js';
export * from './alarm-base.js';
export * from './graph.js';
export * from './metric.js';
export * from './math-expression.js';
export * from './metric-types.js';
export * from './stats.js';
export * from './cfn-alarm.js';
