/**
 * The Lambda proxy events of WebSocket APIs, field for field as API Gateway sends them
 * (aws-websocket-behaviour.md §1): only the fields AWS sends, in its order and formats.
 */
import { clfTime } from '../ids.js';
import { asJsonCopy, copyAsJson } from '../invocation/json-copy.js';

/** What every event of a connection shares. */
export interface ConnectionFacts {
  readonly connectionId: string;
  readonly apiId: string;
  readonly stage: string;
  readonly domainName: string;
  readonly connectedAt: number;
  readonly identity: Readonly<{ sourceIp: string; userAgent?: string } & Record<string, unknown>>;
  /** `principalId` and context of a Lambda authorizer; absent without one. */
  readonly authorizer?: Readonly<Record<string, unknown>>;
  readonly stageVariables?: Readonly<Record<string, string>>;
}

/**
 * The facts as one object of one shape (every field present, in one order, the identity and
 * authorizer copied as plain data), for a connection to keep. Each message reads them; an object
 * built by spreading (`{ ...facts, identity }`) gets a hidden class of its own in V8, so with many
 * connections every one of those reads missed V8's property caches.
 */
export function connectionFacts(c: ConnectionFacts): ConnectionFacts {
  return {
    connectionId: c.connectionId,
    apiId: c.apiId,
    stage: c.stage,
    domainName: c.domainName,
    connectedAt: c.connectedAt,
    identity: copyAsJson(c.identity) as ConnectionFacts['identity'],
    authorizer: c.authorizer === undefined ? undefined : copyAsJson(c.authorizer) as ConnectionFacts['authorizer'],
    stageVariables: c.stageVariables,
  };
}

/** The handshake request, with header names as the client wrote them. */
export interface HandshakeFacts {
  /** Header pairs in the client's order and casing. */
  readonly rawHeaders: readonly string[];
  /** The query string without `?`, or '' */
  readonly query: string;
}

/** Per-request ids and time. */
export interface RequestFacts {
  readonly requestId: string;
  readonly requestTimeEpoch: number;
}

/** Headers API Gateway does not pass to the $connect integration (the authorizer sees them). */
const HOP_HEADERS = new Set(['connection', 'upgrade', 'content-length']);

/** Single- and multi-value header maps, sorted by name as AWS lists them. */
export function headerMaps(rawHeaders: readonly string[], keepHopHeaders: boolean): { headers: Record<string, string>; multiValueHeaders: Record<string, string[]> } {
  const multi = new Map<string, { name: string; values: string[] }>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    const lower = name.toLowerCase();
    if (!keepHopHeaders && HOP_HEADERS.has(lower)) continue;
    const entry = multi.get(lower) ?? { name, values: [] };
    entry.values.push(rawHeaders[i + 1]);
    multi.set(lower, entry);
  }
  const sorted = [...multi.values()].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
  return {
    headers: Object.fromEntries(sorted.map((e) => [e.name, e.values.join(',')])),
    multiValueHeaders: Object.fromEntries(sorted.map((e) => [e.name, e.values])),
  };
}

/** Single- and multi-value query maps (the last value wins in the single map); undefined for no query. */
export function queryMaps(query: string): { queryStringParameters: Record<string, string>; multiValueQueryStringParameters: Record<string, string[]> } | undefined {
  if (!query) return undefined;
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(query)) {
    single[k] = v;
    (multi[k] ??= []).push(v);
  }
  return { queryStringParameters: single, multiValueQueryStringParameters: multi };
}

function requestContext(c: ConnectionFacts, r: RequestFacts, routeKey: string, eventType: string, extra: { messageId?: string; disconnect?: { code: number; reason: string } }): Record<string, unknown> {
  const ctx: Record<string, unknown> = { routeKey };
  if (c.authorizer) ctx.authorizer = c.authorizer;
  if (extra.messageId) ctx.messageId = extra.messageId;
  if (extra.disconnect) ctx.disconnectStatusCode = extra.disconnect.code;
  ctx.eventType = eventType;
  ctx.extendedRequestId = r.requestId;
  ctx.requestTime = clfTime(r.requestTimeEpoch);
  ctx.messageDirection = 'IN';
  if (extra.disconnect) ctx.disconnectReason = extra.disconnect.reason;
  ctx.stage = c.stage;
  ctx.connectedAt = c.connectedAt;
  ctx.requestTimeEpoch = r.requestTimeEpoch;
  ctx.identity = c.identity;
  ctx.requestId = r.requestId;
  ctx.domainName = c.domainName;
  ctx.connectionId = c.connectionId;
  ctx.apiId = c.apiId;
  return ctx;
}

function hasStageVariables(c: ConnectionFacts): boolean {
  return c.stageVariables !== undefined && Object.keys(c.stageVariables).length > 0;
}

function withStageVariables(event: Record<string, unknown>, c: ConnectionFacts): Record<string, unknown> {
  if (hasStageVariables(c)) event.stageVariables = c.stageVariables;
  return event;
}

/** The `$connect` event. */
export function connectEvent(c: ConnectionFacts, h: HandshakeFacts, r: RequestFacts): Record<string, unknown> {
  const event: Record<string, unknown> = { ...headerMaps(h.rawHeaders, false) };
  const query = queryMaps(h.query);
  if (query) Object.assign(event, query);
  withStageVariables(event, c);
  event.requestContext = requestContext(c, r, '$connect', 'CONNECT', {});
  event.isBase64Encoded = false;
  return event;
}

/**
 * A message event; `routeKey` is the selected route's key (`$default` on fallback). Every object in
 * it is new (the connection's identity, authorizer and stage variables are copied) and plain JSON,
 * so it is handed to the invoker as its own copy ({@link asJsonCopy}): it is built once per message.
 */
export function messageEvent(c: ConnectionFacts, r: RequestFacts, routeKey: string, messageId: string, body: string): Record<string, unknown> {
  // Literals (one shape each) rather than adding fields one by one: the same fields in AWS's order.
  const identity = copyAsJson(c.identity);
  const requestContext = c.authorizer
    ? {
      routeKey, authorizer: copyAsJson(c.authorizer), messageId, eventType: 'MESSAGE', extendedRequestId: r.requestId,
      requestTime: clfTime(r.requestTimeEpoch), messageDirection: 'IN', stage: c.stage, connectedAt: c.connectedAt,
      requestTimeEpoch: r.requestTimeEpoch, identity, requestId: r.requestId, domainName: c.domainName, connectionId: c.connectionId, apiId: c.apiId,
    }
    : {
      routeKey, messageId, eventType: 'MESSAGE', extendedRequestId: r.requestId,
      requestTime: clfTime(r.requestTimeEpoch), messageDirection: 'IN', stage: c.stage, connectedAt: c.connectedAt,
      requestTimeEpoch: r.requestTimeEpoch, identity, requestId: r.requestId, domainName: c.domainName, connectionId: c.connectionId, apiId: c.apiId,
    };
  const event = hasStageVariables(c)
    ? { stageVariables: copyAsJson(c.stageVariables), requestContext, body, isBase64Encoded: false }
    : { requestContext, body, isBase64Encoded: false };
  return asJsonCopy(event);
}

/** The `$disconnect` event, with the fixed header set AWS sends. */
export function disconnectEvent(c: ConnectionFacts, r: RequestFacts, host: string, code: number, reason: string): Record<string, unknown> {
  const headers = { Host: host, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' };
  const event: Record<string, unknown> = {
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
  };
  withStageVariables(event, c);
  event.requestContext = requestContext(c, r, '$disconnect', 'DISCONNECT', { disconnect: { code, reason } });
  event.isBase64Encoded = false;
  return event;
}
