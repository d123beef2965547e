/**
 * `wsgate/aws-apigatewayv2-authorizers`: Lambda and IAM authorizers of WebSocket `$connect` routes.
 * @module
 */
export * from './lambda.js';
export * from './iam.js';
