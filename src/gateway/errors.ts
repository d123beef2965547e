/**
 * The gateway's error catalogue: every answer the gateway gives on its own (not the handler's),
 * with the HTTP status of a refused handshake, the close code of a closed connection, or the
 * text of an error frame. The frames and statuses are API Gateway's (aws-websocket-behaviour.md).
 */

/** Error frames API Gateway sends on an open connection; the connection stays open. */
export const ERROR_FRAMES = {
  /** No route matched and the API has no $default route. */
  FORBIDDEN: 'Forbidden',
  /** The integration failed (the handler threw, crashed, or answered in a shape that cannot be used). */
  INTERNAL_SERVER_ERROR: 'Internal server error',
  /** The integration did not answer within its timeout. */
  ENDPOINT_TIMEOUT: 'Endpoint request timed out',
} as const;

/**
 * An error frame exactly as API Gateway writes it: a space after the first colon and after each
 * comma, none after the later colons.
 */
export function errorFrame(message: string, connectionId: string, requestId: string): string {
  return `{"message": ${JSON.stringify(message)}, "connectionId":${JSON.stringify(connectionId)}, "requestId":${JSON.stringify(requestId)}}`;
}

/** Close codes the gateway uses. */
export const CLOSE_CODES = {
  /** DeleteConnection, as API Gateway reports it in $disconnect. */
  NORMAL: 1000,
  /** The gateway is shutting down, or the connection reached its maximum duration or idle time. */
  GOING_AWAY: 1001,
  /** A binary frame: API Gateway does not accept binary payloads. */
  UNSUPPORTED_DATA: 1003,
  /** A frame over 32 KB or a message over 128 KB. */
  MESSAGE_TOO_BIG: 1009,
} as const;

/** Handshake refusals the gateway makes itself. */
export const HANDSHAKE_ERRORS = {
  /** A plain GET without `Upgrade: websocket`. */
  UPGRADE_REQUIRED: { status: 426, body: 'Upgrade Required' },
  /** A handshake that is not a valid WebSocket upgrade (method, Upgrade, Sec-WebSocket-Key or -Version). */
  BAD_HANDSHAKE: { status: 400, body: '{"message":"Bad Request"}' },
  /** No API or stage at this path (AWS answers 403 for an unknown stage). */
  UNKNOWN_STAGE: { status: 403, body: '{"message":"Forbidden"}' },
  /** The $connect handler threw or crashed. */
  INTEGRATION_FAILED: { status: 502, body: '{"message": "Internal server error"}' },
  /** The $connect handler did not answer in time. */
  INTEGRATION_TIMEOUT: { status: 504, body: '{"message": "Endpoint request timed out"}' },
  /** The gateway is shutting down. */
  SHUTTING_DOWN: { status: 503, body: '{"message":"Service Unavailable"}' },
} as const;
