/**
 * The limits layer's error catalogue: what a client gets when an API key is refused or a limit is
 * reached. A refused handshake answers `status` with `{"message":"<message>"}`; a refused message
 * gets an error frame with `message`, in the shape of every WebSocket error frame (errors.ts
 * errorFrame), and the connection stays open.
 *
 * The texts are API Gateway's gateway responses for REST APIs: THROTTLED is 429 "Too Many
 * Requests", QUOTA_EXCEEDED is 429 "Limit Exceeded", a missing or invalid key is 403 "Forbidden"
 * (repost.aws knowledge-center/api-gateway-429-limit). A WebSocket connect refused by a usage plan
 * is HTTP 429 on AWS (aws-websocket-behaviour.md §4). The text of a throttled message's frame is
 * not documented [I]: wsgate sends REST's text in the WebSocket frame shape, so a client matching
 * on "Too Many Requests" (or on the 429 of a connect) reads both the same way.
 */
import { errorFrame } from '../errors.js';

/** One kind of refusal. */
export interface LimitRefusal {
  readonly code: string;
  /** The HTTP status of a refused handshake (and of a refused message, in logs and metrics). */
  readonly status: 403 | 429;
  /** The `message` of the handshake body and of the error frame. */
  readonly message: string;
  /** The `x-amzn-ErrorType` API Gateway names the refusal with (for HTTP answers). */
  readonly errorType: string;
  /** What happened, for logs. */
  readonly reason: string;
}

const FORBIDDEN = { status: 403, message: 'Forbidden', errorType: 'ForbiddenException' } as const;
const TOO_MANY_REQUESTS = { status: 429, message: 'Too Many Requests', errorType: 'TooManyRequestsException' } as const;

export const LIMITS_ERRORS = {
  /** The route requires an API key and the request carries none. */
  API_KEY_MISSING: { code: 'WSGATE_ERR_API_KEY_MISSING', ...FORBIDDEN, reason: 'the route requires an API key and none was sent' },
  /** The key is not one of the templates' keys. */
  API_KEY_UNKNOWN: { code: 'WSGATE_ERR_API_KEY_UNKNOWN', ...FORBIDDEN, reason: 'the API key is not a key of the templates' },
  /** The key is disabled (`Enabled` false). */
  API_KEY_DISABLED: { code: 'WSGATE_ERR_API_KEY_DISABLED', ...FORBIDDEN, reason: 'the API key is disabled' },
  /** The key is in no usage plan that covers this API stage. */
  API_KEY_NOT_IN_PLAN: { code: 'WSGATE_ERR_API_KEY_NOT_IN_PLAN', ...FORBIDDEN, reason: 'the API key is in no usage plan of this API stage' },
  /** The key's usage plan throttle (rate, burst; or the plan's per-route throttle) is exhausted. */
  KEY_THROTTLED: { code: 'WSGATE_ERR_KEY_THROTTLED', ...TOO_MANY_REQUESTS, reason: "the API key's usage plan throttle is exceeded" },
  /** The key's usage plan quota for the period is used up. */
  QUOTA_EXCEEDED: { code: 'WSGATE_ERR_QUOTA_EXCEEDED', status: 429, message: 'Limit Exceeded', errorType: 'LimitExceededException', reason: "the API key's usage plan quota is used up" },
  /** The stage's route throttle (DefaultRouteSettings or RouteSettings) is exhausted. */
  ROUTE_THROTTLED: { code: 'WSGATE_ERR_ROUTE_THROTTLED', ...TOO_MANY_REQUESTS, reason: "the stage's route throttle is exceeded" },
  /** The gateway's limit on new connections per second is reached. */
  CONNECTIONS_THROTTLED: { code: 'WSGATE_ERR_CONNECTIONS_THROTTLED', ...TOO_MANY_REQUESTS, reason: "the gateway's new connections per second limit is exceeded" },
  /** The gateway's limit on requests per second is reached. */
  REQUESTS_THROTTLED: { code: 'WSGATE_ERR_REQUESTS_THROTTLED', ...TOO_MANY_REQUESTS, reason: "the gateway's requests per second limit is exceeded" },
  /**
   * A management API (@connections) call over the gateway's requests per second: the management
   * API's modeled 429, LimitExceededException (aws-websocket-behaviour.md §7).
   */
  MANAGEMENT_THROTTLED: { code: 'WSGATE_ERR_MANAGEMENT_THROTTLED', status: 429, message: 'Too Many Requests', errorType: 'LimitExceededException', reason: "the gateway's requests per second limit is exceeded" },
} as const satisfies Record<string, LimitRefusal>;

/** The HTTP answer to a refused handshake or management call: status, headers and `{"message":...}` body. */
export function limitResponse(refusal: LimitRefusal): { status: number; headers: Record<string, string>; body: string } {
  return {
    status: refusal.status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': refusal.errorType },
    body: JSON.stringify({ message: refusal.message }),
  };
}

/** The error frame of a refused message. */
export function limitErrorFrame(refusal: LimitRefusal, connectionId: string, requestId: string): string {
  return errorFrame(refusal.message, connectionId, requestId);
}
