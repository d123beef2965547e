/**
 * The three moments of a connection, as API Gateway runs them: `$connect` decides whether the
 * handshake succeeds, each message is routed and may be answered, `$disconnect` runs once at the
 * end whatever closed the connection.
 */
import type { IncomingMessage } from 'node:http';
import type { RouteModel } from '../model/gateway-model.js';
import type { Connection } from './connection.js';
import { connectEvent, disconnectEvent, messageEvent, type ConnectionFacts, type HandshakeFacts } from './events/lambda-events.js';
import { ERROR_FRAMES, HANDSHAKE_ERRORS, errorFrame } from './errors.js';
import type { GatewayContext } from './gateway-context.js';
import { newId } from './ids.js';
import type { IntegrationOutcome } from './integrations/integration-runner.js';
import { isPromise } from './limits/counter-store.js';
import { limitErrorFrame, type LimitRefusal } from './limits/limits-errors.js';
import type { Endpoint } from './transport/endpoint-map.js';
import type { InvocationRecord, RequestLogLine } from './options.js';

/** The answer to a handshake. */
export type HandshakeDecision =
  | { readonly accept: true; readonly protocol?: string }
  | { readonly accept: false; readonly status: number; readonly body: string };

/** Runs `$connect` (if the API has one) and decides the handshake. */
export async function runConnect(ctx: GatewayContext, endpoint: Endpoint, facts: ConnectionFacts, req: IncomingMessage): Promise<HandshakeDecision> {
  const route = endpoint.api.routes.get('$connect');
  if (!route?.integration) return { accept: true };
  const requestId = newId();
  const started = Date.now();
  const handshake: HandshakeFacts = { rawHeaders: req.rawHeaders, query: (req.url ?? '').split('?')[1] ?? '' };
  const event = connectEvent(facts, handshake, { requestId, requestTimeEpoch: started });
  const labels = { apiId: endpoint.api.apiId, stage: endpoint.stage.name, route: '$connect' };
  ctx.metrics.markConnect(labels);
  const outcome = await ctx.runner.run(route.integration, event, requestId);
  if (ctx.options.onInvocation) report(ctx, { requestId, connectionId: facts.connectionId, labels, eventType: 'CONNECT', event, outcome, started });
  const decision = connectDecision(outcome);
  recordOutcome(ctx, labels, outcome, decision.accept ? 200 : decision.status);
  logRequest(ctx, { requestId, started, connectionId: facts.connectionId, labels, eventType: 'CONNECT', status: decision.accept ? 200 : decision.status, outcome });
  return decision;
}

/**
 * What a `$connect` integration's outcome means for the handshake: a 2xx statusCode accepts,
 * another status refuses with that status, a failure is 502 and a timeout 504. A result without a
 * statusCode (undefined, or an object without one) accepts — [I] AWS does not document it; wsgate
 * follows the payload-2.0 rule of HTTP APIs, where a missing statusCode means 200.
 */
export function connectDecision(outcome: IntegrationOutcome): HandshakeDecision {
  if (outcome.kind === 'timeout') return { accept: false, ...HANDSHAKE_ERRORS.INTEGRATION_TIMEOUT };
  if (outcome.kind === 'error') return { accept: false, ...HANDSHAKE_ERRORS.INTEGRATION_FAILED };
  const value = outcome.value;
  if (value === undefined || value === null || typeof value !== 'object') return { accept: true };
  const result = value as { statusCode?: unknown; headers?: Record<string, unknown> };
  if (result.statusCode === undefined) return { accept: true, protocol: protocolOf(result.headers) };
  const status = Number(result.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) return { accept: false, ...HANDSHAKE_ERRORS.INTEGRATION_FAILED };
  if (status >= 200 && status < 300) return { accept: true, protocol: protocolOf(result.headers) };
  return { accept: false, status, body: '' };
}

/** The subprotocol the handler chose: only what it returns in `Sec-WebSocket-Protocol`. */
function protocolOf(headers: Record<string, unknown> | undefined): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === 'sec-websocket-protocol');
  return entry && typeof entry[1] === 'string' && entry[1] ? entry[1] : undefined;
}

/** Routes one text message and sends what the route answers. */
export async function runMessage(ctx: GatewayContext, conn: Connection, body: string): Promise<void> {
  const api = conn.endpoint.api;
  const requestId = newId();
  const started = Date.now();
  const routeKey = selectRouteKey(ctx, api.apiId, body);
  const route: RouteModel | undefined = (routeKey !== undefined ? api.routes.get(routeKey) : undefined) ?? api.routes.get('$default');
  const labels = { apiId: api.apiId, stage: conn.endpoint.stage.name, route: route?.routeKey ?? routeKey ?? '$default' };
  ctx.metrics.markMessage(labels);
  let verdict = ctx.throttle.admitMessage(api.apiId, labels.stage, labels.route);
  if (isPromise(verdict)) verdict = await verdict;
  if (!verdict.allowed) return refuseMessage(ctx, conn, verdict.refusal, requestId, started, labels);
  if (route?.apiKeyRequired) {
    let admission = ctx.apiKeys.check(api.apiId, labels.stage, route, conn.facts.identity.apiKey as string | undefined);
    if (isPromise(admission)) admission = await admission;
    if (admission.kind !== 'ok') return refuseMessage(ctx, conn, admission.refusal, requestId, started, labels);
  }
  if (!route || route.routeKey === '$connect' || route.routeKey === '$disconnect' || !route.integration) {
    conn.send(errorFrame(ERROR_FRAMES.FORBIDDEN, conn.connectionId, requestId));
    ctx.metrics.markClientError(labels);
    logRequest(ctx, { requestId, started, connectionId: conn.connectionId, labels, eventType: 'MESSAGE', status: 403, error: 'no route matched and no $default route' });
    return;
  }
  const event = messageEvent(conn.facts, { requestId, requestTimeEpoch: started }, route.routeKey, newId(), body);
  const outcome = await ctx.runner.run(route.integration, event, requestId);
  if (ctx.options.onInvocation) report(ctx, { requestId, connectionId: conn.connectionId, labels, eventType: 'MESSAGE', event, outcome, started });
  let status = 200;
  if (outcome.kind === 'timeout') {
    status = 504;
    conn.send(errorFrame(ERROR_FRAMES.ENDPOINT_TIMEOUT, conn.connectionId, requestId));
  } else if (outcome.kind === 'error') {
    status = 500;
    conn.send(errorFrame(ERROR_FRAMES.INTERNAL_SERVER_ERROR, conn.connectionId, requestId));
  } else if (route.twoWay) {
    const reply = replyOf(outcome.value);
    if (reply !== undefined) {
      conn.send(reply);
      ctx.metrics.markMessage(labels);
    }
  }
  recordOutcome(ctx, labels, outcome, status);
  if (ctx.log) logRequest(ctx, { requestId, started, connectionId: conn.connectionId, labels, eventType: 'MESSAGE', status, outcome });
}

/** A message the limits refuse: the error frame, a client error, a log line; the connection stays open. */
function refuseMessage(ctx: GatewayContext, conn: Connection, refusal: LimitRefusal, requestId: string, started: number, labels: { apiId: string; stage: string; route: string }): void {
  conn.send(limitErrorFrame(refusal, conn.connectionId, requestId));
  ctx.metrics.markClientError(labels);
  if (ctx.log) logRequest(ctx, { requestId, started, connectionId: conn.connectionId, labels, eventType: 'MESSAGE', status: refusal.status, error: refusal.reason });
}

/** Counts and logs a handshake refused before `$connect` ran (throttled, unauthorized, no valid API key). */
export function refuseConnect(ctx: GatewayContext, facts: ConnectionFacts, requestId: string, started: number, status: number, reason: string): void {
  const labels = { apiId: facts.apiId, stage: facts.stage, route: '$connect' };
  ctx.metrics.markConnect(labels);
  ctx.metrics.markClientError(labels);
  if (ctx.log) logRequest(ctx, { requestId, started, connectionId: facts.connectionId, labels, eventType: 'CONNECT', status, error: reason });
}

function selectRouteKey(ctx: GatewayContext, apiId: string, body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined; // Non-JSON messages go to $default.
  }
  return ctx.selectors.get(apiId)?.(parsed);
}

/**
 * What a two-way route sends back: the `body` of a proxy result (its statusCode is ignored, as on
 * AWS). A plain string result is sent as it is, and anything else sends nothing — [I] choices.
 */
function replyOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'body' in value) {
    const body = (value as { body?: unknown }).body;
    if (typeof body === 'string') return body;
    if (body !== undefined && body !== null) return JSON.stringify(body);
  }
  return undefined;
}

/** Runs `$disconnect` (best effort: its result is ignored) for a connection that has closed. */
export async function runDisconnect(ctx: GatewayContext, conn: Connection, code: number, reason: string): Promise<void> {
  const api = conn.endpoint.api;
  const route = api.routes.get('$disconnect');
  if (!route?.integration) return;
  const requestId = newId();
  const started = Date.now();
  const event = disconnectEvent(conn.facts, { requestId, requestTimeEpoch: started }, conn.host, code, reason);
  const labels = { apiId: api.apiId, stage: conn.endpoint.stage.name, route: '$disconnect' };
  const outcome = await ctx.runner.run(route.integration, event, requestId);
  if (ctx.options.onInvocation) report(ctx, { requestId, connectionId: conn.connectionId, labels, eventType: 'DISCONNECT', event, outcome, started });
  recordOutcome(ctx, labels, outcome, outcome.kind === 'answer' ? 200 : 500);
  logRequest(ctx, { requestId, started, connectionId: conn.connectionId, labels, eventType: 'DISCONNECT', status: outcome.kind === 'answer' ? 200 : 500, outcome });
}

interface RequestRecord {
  readonly requestId: string;
  readonly started: number;
  readonly connectionId: string;
  readonly labels: { apiId: string; stage: string; route: string };
  readonly eventType: RequestLogLine['eventType'];
  readonly status: number;
  readonly outcome?: IntegrationOutcome;
  readonly error?: string;
}

/** One log line per request; callers on hot paths check `ctx.log` first, so the record is not built for nothing. */
function logRequest(ctx: GatewayContext, r: RequestRecord): void {
  if (!ctx.log) return;
  const o = r.outcome;
  ctx.log({
    time: new Date(r.started).toISOString(), requestId: r.requestId, connectionId: r.connectionId, apiId: r.labels.apiId, stage: r.labels.stage,
    eventType: r.eventType, routeKey: r.labels.route, status: r.status, latencyMs: Date.now() - r.started,
    error: r.error ?? (o?.kind === 'error' ? o.message : o?.kind === 'timeout' ? 'timeout' : undefined),
    handlerLogs: o && o.logs.length > 0 ? o.logs.map((l) => l.text) : undefined,
  });
}

/** Hands one integration call to the onInvocation observer; an observer that throws is reported, not fatal. */
function report(ctx: GatewayContext, r: { requestId: string; connectionId: string; labels: { apiId: string; stage: string; route: string }; eventType: InvocationRecord['eventType']; event: Record<string, unknown>; outcome: IntegrationOutcome; started: number }): void {
  const o = r.outcome;
  try {
    ctx.options.onInvocation?.({
      requestId: r.requestId, connectionId: r.connectionId, apiId: r.labels.apiId, stage: r.labels.stage, eventType: r.eventType, routeKey: r.labels.route,
      event: r.event,
      outcome: o.kind === 'answer' ? { kind: 'answer', value: o.value } : o.kind === 'error' ? { kind: 'error', message: o.message } : { kind: 'timeout' },
      logs: o.logs, startedAt: r.started, latencyMs: Date.now() - r.started,
    });
  } catch (error) {
    console.error('wsgate: the onInvocation observer threw', error);
  }
}

function recordOutcome(ctx: GatewayContext, labels: { apiId: string; stage: string; route: string }, outcome: IntegrationOutcome, status: number): void {
  if (outcome.kind !== 'timeout' && outcome.latencyMs > 0) ctx.metrics.observeIntegrationLatency(labels, outcome.latencyMs);
  if (outcome.kind === 'error' || outcome.kind === 'timeout') ctx.metrics.markExecutionError(labels);
  if (outcome.kind !== 'answer' || status >= 400) ctx.metrics.markIntegrationError(labels);
}
