/**
 * `wsgate/aws-lambda`: functions, their code, runtimes and permissions, as aws-cdk-lib's
 * `aws-lambda`.
 * @module
 */
export * from './architecture.js';
export * from './runtime.js';
export * from './code.js';
export * from './permission.js';
export * from './function-base.js';
export * from './function.js';
export * from './cfn.js';
