/**
 * The `@connections` management API, on the gateway's own listener as API Gateway serves it on the
 * API's host: `POST` (send), `GET` (describe) and `DELETE` (close) `/{stage}/@connections/{id}`,
 * with AWS's status codes and `x-amzn-ErrorType` on every error, so the AWS SDK raises its typed
 * exceptions (GoneException, ForbiddenException, PayloadTooLargeException, …).
 *
 * Every call is SigV4-verified and authorized for `execute-api:ManageConnections` on
 * `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{VERB}/@connections/{connectionId}`, in the
 * gateway's IAM mode (auth/iam-guard.ts). Order of checks, as AWS answers: the stage (403), the
 * body size (413), the signature and IAM (403), the connection id (400), the connection (410).
 * Every 403 carries `x-amzn-ErrorType: ForbiddenException`, the only 403 the API's model declares,
 * so callers' `instanceof ForbiddenException` holds; the message says which check failed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { asManagementFailure } from '../auth/iam-guard.js';
import { managementApiResourceArn } from '../auth/request-authorizer.js';
import { ClusterError } from '../../registry/cluster-errors.js';
import type { ConnectionRecord } from '../../registry/registry.js';
import { CLOSE_CAUSES } from '../connection.js';
import { isPromise } from '../limits/counter-store.js';
import { readBody } from '../transport/read-body.js';
import type { GatewayContext } from '../gateway-context.js';
import type { EndpointMap } from '../transport/endpoint-map.js';

/** The errors of the management API: AWS's error types and statuses. */
export const MANAGEMENT_ERRORS = {
  GONE: { status: 410, type: 'GoneException' },
  FORBIDDEN: { status: 403, type: 'ForbiddenException' },
  PAYLOAD_TOO_LARGE: { status: 413, type: 'PayloadTooLargeException' },
  LIMIT_EXCEEDED: { status: 429, type: 'LimitExceededException' },
  BAD_REQUEST: { status: 400, type: 'BadRequestException' },
} as const;

type ManagementError = { readonly status: number; readonly type: string };

const OPERATIONS: Readonly<Record<string, string>> = { POST: 'PostToConnection', GET: 'GetConnection', DELETE: 'DeleteConnection' };

const CONNECTIONS_PATH = /^(.*)\/@connections\/([^/]+)$/;
const CONNECTION_ID = /^[A-Za-z0-9_-]{15}=$/;

/** Answers a management API request; false when the path is not a management path. */
export function handleManagementRequest(ctx: GatewayContext, endpoints: EndpointMap, req: IncomingMessage, res: ServerResponse): boolean {
  const rawPath = (req.url ?? '/').split('?')[0];
  const m = CONNECTIONS_PATH.exec(rawPath);
  if (!m) return false;
  const endpoint = endpoints.resolve(m[1] || '/', req.headers.host);
  if (!endpoint) {
    fail(res, MANAGEMENT_ERRORS.FORBIDDEN, 'Forbidden');
    return true;
  }
  let connectionId: string;
  try {
    connectionId = decodeURIComponent(m[2]);
  } catch {
    connectionId = m[2];
  }
  const work = async () => {
    const method = req.method ?? 'GET';
    let verdict = ctx.throttle.admitManagementCall();
    if (isPromise(verdict)) verdict = await verdict;
    if (!verdict.allowed) {
      req.resume();
      return fail(res, { status: 429, type: MANAGEMENT_ERRORS.LIMIT_EXCEEDED.type }, verdict.refusal.message);
    }
    const body = await readBody(req, ctx.options.limits.maxMessageBytes);
    if (body === undefined) return fail(res, MANAGEMENT_ERRORS.PAYLOAD_TOO_LARGE, 'Request entity too large');
    const { environment } = ctx.model;
    const resource = managementApiResourceArn(environment, { apiId: endpoint.api.apiId, stage: endpoint.stage.name, method, connectionId });
    const refusal = await ctx.iam.check(
      { method, rawUrl: req.url ?? '/', headers: req.headers, body, sourceIp: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '') },
      'execute-api:ManageConnections', resource, `${OPERATIONS[method] ?? method} ${connectionId}`,
    );
    if (refusal) {
      const failure = asManagementFailure(refusal);
      return fail(res, { status: failure.status, type: failure.errorType }, failure.message);
    }
    if (!CONNECTION_ID.test(connectionId)) return fail(res, MANAGEMENT_ERRORS.BAD_REQUEST, `Invalid connectionId: ${connectionId}`);
    if (!OPERATIONS[method]) return fail(res, MANAGEMENT_ERRORS.FORBIDDEN, 'Forbidden');
    const call: ManagementCall = { method: method as ManagementCall['method'], connectionId, apiId: endpoint.api.apiId, stage: endpoint.stage.name, data: body.toString('base64') };
    send(res, await route(ctx, call));
  };
  work().catch(() => {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json', 'x-amzn-errortype': 'InternalServerErrorException' }).end('{"message":"Internal server error"}');
  });
  return true;
}

/** One management call, as it travels to the node holding the connection (plain JSON for the node bus). */
interface ManagementCall {
  readonly method: 'POST' | 'GET' | 'DELETE';
  readonly connectionId: string;
  readonly apiId: string;
  readonly stage: string;
  /** The POST body, base64. */
  readonly data: string;
}

/** A call's answer: a status, with an error type and message or a JSON body. */
interface ManagementAnswer {
  readonly status: number;
  readonly errorType?: string;
  readonly message?: string;
  readonly json?: string;
}

const GONE: ManagementAnswer = { status: MANAGEMENT_ERRORS.GONE.status, errorType: MANAGEMENT_ERRORS.GONE.type };

/**
 * Finds the connection in the registry and runs the call where its socket is: here, or on the
 * node holding it (through the node bus, waiting at most the cluster's crossNodeTimeoutMs). A
 * connection no node holds is 410; the registry or the other node failing is the status of the
 * cluster error (503 unreachable, 504 no answer in time, 410 a node that died).
 */
async function route(ctx: GatewayContext, call: ManagementCall): Promise<ManagementAnswer> {
  try {
    const record = await ctx.registry.get(call.connectionId);
    if (!record || record.apiId !== call.apiId || record.stage !== call.stage) return GONE;
    if (record.nodeId === ctx.nodeId) return performHere(ctx, call, record);
    const started = performance.now();
    try {
      const answer = await ctx.bus.request(record.nodeId, { ...call }, ctx.options.cluster.crossNodeTimeoutMs);
      ctx.metrics.crossNodeCall(call.method, performance.now() - started);
      return answer as unknown as ManagementAnswer;
    } catch (error) {
      ctx.metrics.crossNodeCall(call.method, performance.now() - started, error);
      throw error;
    }
  } catch (error) {
    if (error instanceof ClusterError) return clusterFailure(error);
    throw error;
  }
}

/** Answers the management calls other nodes send for connections this node holds. */
export function serveManagementCalls(ctx: GatewayContext): void {
  ctx.metrics.nameNode(ctx.nodeId);
  ctx.bus.serve(async (message) => {
    const call = message as unknown as ManagementCall;
    const record = await ctx.registry.get(call.connectionId);
    if (!record || record.nodeId !== ctx.nodeId || record.apiId !== call.apiId || record.stage !== call.stage) return { ...GONE };
    return { ...performHere(ctx, call, record) };
  });
}

/** A call on a connection whose socket this node holds. */
function performHere(ctx: GatewayContext, call: ManagementCall, record: ConnectionRecord): ManagementAnswer {
  const conn = ctx.connections.get(call.connectionId);
  switch (call.method) {
    case 'POST': {
      if (!conn) return GONE;
      const sent = conn.post(Buffer.from(call.data, 'base64').toString('utf8'));
      if (sent === 'gone') return GONE;
      if (sent === 'full') return { status: MANAGEMENT_ERRORS.LIMIT_EXCEEDED.status, errorType: MANAGEMENT_ERRORS.LIMIT_EXCEEDED.type, message: 'The client side buffer is full' };
      ctx.metrics.markMessage({ apiId: call.apiId, stage: call.stage, route: '@connections' });
      return { status: 200 };
    }
    case 'GET': {
      const identity = record.identity.userAgent !== undefined
        ? { sourceIp: record.identity.sourceIp, userAgent: record.identity.userAgent }
        : { sourceIp: record.identity.sourceIp };
      const lastActiveAt = Math.max(record.lastActiveAt, conn?.lastActiveAt ?? 0);
      return { status: 200, json: JSON.stringify({ connectedAt: new Date(record.connectedAt).toISOString(), identity, lastActiveAt: new Date(lastActiveAt).toISOString() }) };
    }
    case 'DELETE': {
      if (!conn) return GONE;
      conn.close(CLOSE_CAUSES.deleted);
      return { status: 204 };
    }
  }
}

/** A cluster failure as the management API answers it. */
function clusterFailure(error: ClusterError): ManagementAnswer {
  if (error.status === MANAGEMENT_ERRORS.GONE.status) return GONE;
  const errorType = error.status === 504 ? 'GatewayTimeoutException' : error.status === 503 ? 'ServiceUnavailableException' : 'InternalServerErrorException';
  return { status: error.status, errorType, message: error.message };
}

function send(res: ServerResponse, answer: ManagementAnswer): void {
  if (answer.errorType) return fail(res, { status: answer.status, type: answer.errorType }, answer.message);
  if (answer.status === 204) {
    res.writeHead(204).end();
    return;
  }
  const body = answer.json ?? '';
  res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }).end(body);
}

/** An error as AWS answers it: the type in `x-amzn-ErrorType`, a JSON body with the message (none for Gone, as AWS). */
function fail(res: ServerResponse, error: ManagementError, message?: string): void {
  const body = message === undefined ? '{}' : JSON.stringify({ message });
  res.writeHead(error.status, { 'content-type': 'application/json', 'x-amzn-errortype': error.type, 'content-length': String(Buffer.byteLength(body)) }).end(body);
}
