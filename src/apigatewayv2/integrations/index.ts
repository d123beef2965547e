/**
 * `wsgate/aws-apigatewayv2-integrations`: integrations of WebSocket routes (Lambda, mock, AWS
 * service, and HTTP, which aws-cdk-lib lacks).
 * @module
 */
export * from './lambda.js';
export * from './mock.js';
export * from './aws.js';
export * from './http.js';
