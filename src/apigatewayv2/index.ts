/**
 * `wsgate/aws-apigatewayv2`: API Gateway WebSocket APIs (aws-cdk-lib's aws-apigatewayv2, its
 * WebSocket half), the L1 resources, custom domains, usage plans and API keys.
 * @module
 */
export * from './cfn/index.js';
export * from './cfn/references.js';
export * from './common/api.js';
export * from './common/stage.js';
export * from './common/base.js';
export * from './common/access-log.js';
export * from './common/access-log-format.js';
export * from './common/domain-name.js';
export * from './common/api-mapping.js';
export * from './websocket/index.js';
