/** The L1 classes of `AWS::ApiGatewayV2::*` and their reference interfaces. */
export * from './references.js';
export * from './cfn-api.js';
export * from './cfn-api-mapping.js';
export * from './cfn-authorizer.js';
export * from './cfn-deployment.js';
export * from './cfn-domain-name.js';
export * from './cfn-integration.js';
export * from './cfn-integration-response.js';
export * from './cfn-model.js';
export * from './cfn-route.js';
export * from './cfn-route-response.js';
export * from './cfn-stage.js';
export * from './cfn-vpc-link.js';
