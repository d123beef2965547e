/**
 * `wsgate/gateway`: serve the WebSocket APIs of a cloud assembly, a template file or an in-memory
 * App with API Gateway's behaviour.
 *
 * ```ts
 * import { Gateway } from 'wsgate/gateway';
 * const gateway = await Gateway.start('cdk.out', { port: 8080 });
 * ```
 */
export { Gateway, type GatewayEndpoint, type ReloadOptions, type ReloadSummary } from './gateway.js';
export type { ClusterOptions, GatewayLimits, GatewayOptions, InvocationRecord, RequestLogLine } from './options.js';
export { DEFAULT_CLUSTER_OPTIONS, DEFAULT_LIMITS } from './options.js';
export type { ExternalCredentials } from './auth/credential-store.js';
export type { IamMode } from './auth/iam-guard.js';
export type { ThrottleOptions } from './limits/throttle.js';
export type { TemplateInput } from '../model/load-source.js';
