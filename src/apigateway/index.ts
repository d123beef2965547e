/**
 * `wsgate/aws-apigateway`: the parts of aws-cdk-lib's aws-apigateway that WebSocket stages use
 * (access-log formats), so `import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway'` ports.
 * @module
 */
export { AccessLogField, AccessLogFormat, type JsonWithStandardFieldProps } from '../apigatewayv2/common/access-log-format.js';
export * from '../apigatewayv2/cfn-v1/index.js';
