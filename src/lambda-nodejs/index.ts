/**
 * `wsgate/aws-lambda-nodejs`: Node.js functions bundled with esbuild, as aws-cdk-lib's
 * `aws-lambda-nodejs`.
 * @module
 */
export * from './function.js';
export * from './types.js';
