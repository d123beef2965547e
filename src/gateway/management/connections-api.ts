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
import { CLOSE_CAUSES } from '../connection.js';
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
    const record = await ctx.registry.get(connectionId);
    const conn = ctx.connections.get(connectionId);
    const ours = record && record.apiId === endpoint.api.apiId && record.stage === endpoint.stage.name;
    switch (method) {
      case 'POST': {
        if (!ours || !conn) return fail(res, MANAGEMENT_ERRORS.GONE);
        const sent = conn.post(body.toString('utf8'));
        if (sent === 'gone') return fail(res, MANAGEMENT_ERRORS.GONE);
        if (sent === 'full') return fail(res, MANAGEMENT_ERRORS.LIMIT_EXCEEDED, 'The client side buffer is full');
        ctx.metrics.markMessage({ apiId: endpoint.api.apiId, stage: endpoint.stage.name, route: '@connections' });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '0' }).end();
        return;
      }
      case 'GET': {
        if (!ours) return fail(res, MANAGEMENT_ERRORS.GONE);
        const identity = record.identity.userAgent !== undefined
          ? { sourceIp: record.identity.sourceIp, userAgent: record.identity.userAgent }
          : { sourceIp: record.identity.sourceIp };
        const lastActiveAt = Math.max(record.lastActiveAt, conn?.lastActiveAt ?? 0);
        const json = JSON.stringify({ connectedAt: new Date(record.connectedAt).toISOString(), identity, lastActiveAt: new Date(lastActiveAt).toISOString() });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)) }).end(json);
        return;
      }
      case 'DELETE': {
        if (!ours || !conn) return fail(res, MANAGEMENT_ERRORS.GONE);
        conn.close(CLOSE_CAUSES.deleted);
        res.writeHead(204).end();
        return;
      }
      default:
        return fail(res, MANAGEMENT_ERRORS.FORBIDDEN, 'Forbidden');
    }
  };
  work().catch(() => {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json', 'x-amzn-errortype': 'InternalServerErrorException' }).end('{"message":"Internal server error"}');
  });
  return true;
}

/** An error as AWS answers it: the type in `x-amzn-ErrorType`, a JSON body with the message (none for Gone, as AWS). */
function fail(res: ServerResponse, error: ManagementError, message?: string): void {
  const body = message === undefined ? '{}' : JSON.stringify({ message });
  res.writeHead(error.status, { 'content-type': 'application/json', 'x-amzn-errortype': error.type, 'content-length': String(Buffer.byteLength(body)) }).end(body);
}

/** The request body, or undefined when it is longer than `limit` bytes (the rest is discarded). */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
