/**
 * The L1 classes of the API Gateway (v1) resource types that WebSocket usage plans and API keys
 * are made of: `AWS::ApiGateway::UsagePlan`, `::ApiKey` and `::UsagePlanKey`.
 */
export * from './references.js';
export * from './cfn-usage-plan.js';
export * from './cfn-api-key.js';
export * from './cfn-usage-plan-key.js';
