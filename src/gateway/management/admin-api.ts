/**
 * wsgate's admin API: what local tools need and AWS's management API does not have. One call:
 * `GET /@wsgate/connections` lists the connections of every stage, `GET /{stage}/@wsgate/connections`
 * (or `/{apiId}/{stage}/@wsgate/connections`, or a Host naming the API, as for `@connections`)
 * those of one stage. The answer is `{"connections": [...]}`, oldest first, from the connection
 * registry: this node's connections, and in cluster mode those of every live node.
 *
 * Protected as the `@connections` API is: SigV4 and IAM in the gateway's IAM mode, for the action
 * `execute-api:ManageConnections` on `arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/GET/@connections/*`
 * (for every stage, `*` stands for the API id and the stage). Whoever may read every connection of
 * a stage may list them: credentials allowed `execute-api:*` or `execute-api:ManageConnections` on every
 * resource can, a function granted `grantManageConnections` on one API cannot list all stages.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { asManagementFailure } from '../auth/iam-guard.js';
import { managementApiResourceArn } from '../auth/request-authorizer.js';
import { ClusterError } from '../../registry/cluster-errors.js';
import { RedisRegistry } from '../../registry/redis-registry.js';
import type { ConnectionRecord } from '../../registry/registry.js';
import type { GatewayContext } from '../gateway-context.js';
import type { EndpointMap } from '../transport/endpoint-map.js';

/** The path of the listing, after the stage's path (or alone, for every stage). */
export const ADMIN_CONNECTIONS_PATH = '/@wsgate/connections';

/** One connection as the admin API lists it. */
export interface ListedConnection {
  readonly connectionId: string;
  readonly apiId: string;
  readonly stage: string;
  /** The gateway node holding the connection. */
  readonly nodeId: string;
  /** ISO 8601, as GetConnection answers. */
  readonly connectedAt: string;
  /** ISO 8601: the last message in either direction. */
  readonly lastActiveAt: string;
  /** `requestContext.identity` of the connection's events (sourceIp, userAgent, and the caller's fields after IAM authorization). */
  readonly identity: Readonly<Record<string, unknown>>;
  /** The Lambda authorizer's principalId and context, when `$connect` had one. */
  readonly authorizer?: Readonly<Record<string, unknown>>;
}

/** The body of a listing. */
export interface ConnectionListing {
  readonly connections: readonly ListedConnection[];
}

const LISTING_PATH = /^(.*)\/@wsgate\/connections\/?$/;

/** Answers an admin API request; false when the path is not an admin path. */
export function handleAdminRequest(ctx: GatewayContext, endpoints: EndpointMap, req: IncomingMessage, res: ServerResponse): boolean {
  const rawPath = (req.url ?? '/').split('?')[0];
  const m = LISTING_PATH.exec(rawPath);
  if (!m) return false;
  req.resume();
  if (req.method !== 'GET') {
    answer(res, 405, { message: `${ADMIN_CONNECTIONS_PATH} answers GET only` }, { allow: 'GET' });
    return true;
  }
  const scope = m[1] === '' ? undefined : endpoints.resolve(m[1], req.headers.host);
  if (m[1] !== '' && !scope) {
    const known = endpoints.list().map((e) => e.path).join(', ');
    answer(res, 404, { message: `No stage at ${m[1]}: the stages are ${known || '(none)'}` });
    return true;
  }
  const work = async () => {
    const resource = managementApiResourceArn(ctx.model.environment, {
      apiId: scope?.api.apiId ?? '*', stage: scope?.stage.name ?? '*', method: 'GET', connectionId: '*',
    });
    const refusal = await ctx.iam.check(
      { method: 'GET', rawUrl: req.url ?? '/', headers: req.headers, body: new Uint8Array(), sourceIp: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '') },
      'execute-api:ManageConnections', resource, `the wsgate connection listing of ${scope ? `stage ${scope.stage.name} (API ${scope.api.name})` : 'every stage'}`,
    );
    if (refusal) {
      const failure = asManagementFailure(refusal);
      return answer(res, failure.status, { message: failure.message }, { 'x-amzn-errortype': failure.errorType });
    }
    const records = (await allRecords(ctx)).filter((r) => !scope || (r.apiId === scope.api.apiId && r.stage === scope.stage.name));
    records.sort((a, b) => a.connectedAt - b.connectedAt || a.connectionId.localeCompare(b.connectionId));
    const listing: ConnectionListing = { connections: records.map((r) => listed(ctx, r)) };
    answer(res, 200, listing);
  };
  work().catch((error: unknown) => {
    if (res.headersSent) return;
    if (error instanceof ClusterError) answer(res, error.status, { message: error.message });
    else answer(res, 500, { message: 'Internal server error' });
  });
  return true;
}

/** This node's records, or in cluster mode those of every live node. */
async function allRecords(ctx: GatewayContext): Promise<ConnectionRecord[]> {
  if (!(ctx.registry instanceof RedisRegistry)) return ctx.registry.listByNode(ctx.nodeId);
  const nodes = await ctx.registry.aliveNodes();
  if (!nodes.includes(ctx.nodeId)) nodes.push(ctx.nodeId);
  const lists = await Promise.all(nodes.map((node) => ctx.registry.listByNode(node)));
  return lists.flat();
}

function listed(ctx: GatewayContext, r: ConnectionRecord): ListedConnection {
  // A connection held here may have been active since the registry's last (batched) touch.
  const lastActiveAt = Math.max(r.lastActiveAt, ctx.connections.get(r.connectionId)?.lastActiveAt ?? 0);
  return {
    connectionId: r.connectionId, apiId: r.apiId, stage: r.stage, nodeId: r.nodeId,
    connectedAt: new Date(r.connectedAt).toISOString(), lastActiveAt: new Date(lastActiveAt).toISOString(),
    identity: r.identity,
    ...(r.authorizer ? { authorizer: r.authorizer } : {}),
  };
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers }).end(text);
}
