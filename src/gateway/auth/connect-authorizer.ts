/**
 * Authorization of a `$connect`, before its integration runs (aws-websocket-behaviour.md §3):
 *
 * - `CUSTOM` (a Lambda REQUEST authorizer): the identity sources are checked first, and a missing
 *   or empty one answers 401 without calling the authorizer. The authorizer gets the event API
 *   Gateway sends (type REQUEST, `methodArn` `…/{stage}/$connect`, every handshake header including
 *   Connection and Upgrade, `queryStringParameters: {}` without a query string). Its answer: an
 *   "Unauthorized" error is 401; a policy that does not allow `execute-api:Invoke` on the methodArn
 *   (a Deny, or no matching Allow) is 403; a crash, a timeout or a malformed result is 500. An
 *   allowed connection carries `principalId` and the context (string, number and boolean values
 *   only, 8 KB at most) in `requestContext.authorizer` of every later event.
 * - `AWS_IAM`: the handshake is SigV4-signed, in headers or in the query string (presigned, the
 *   only way a browser can), and the signer must be allowed `execute-api:Invoke` on the $connect
 *   ARN; `requestContext.identity` then carries the caller. The gateway's IAM mode applies
 *   (enforce, warn, off), as for the management API.
 *
 * Answers' bodies: 401 `{"message":"Unauthorized"}`, 403 `{"message":"Forbidden"}`, 500
 * `{"message":"Internal server error"}` ([I]: clients see the status; the bodies are API Gateway's
 * REST texts).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { AuthorizerModel, RouteModel } from '../../model/gateway-model.js';
import { connectEvent, headerMaps, queryMaps, type ConnectionFacts, type HandshakeFacts, type RequestFacts } from '../events/lambda-events.js';
import type { GatewayContext } from '../gateway-context.js';
import type { FunctionOutcome } from '../integrations/integration-runner.js';
import type { Endpoint } from '../transport/endpoint-map.js';
import { evaluatePolicy, policyDocumentStatements, PolicyDocumentError } from './policy-evaluator.js';
import { routeResourceArn } from './request-authorizer.js';

/** Refusals of a `$connect` authorization. */
export const CONNECT_AUTH_ERRORS = {
  UNAUTHORIZED: { status: 401, body: '{"message":"Unauthorized"}' },
  FORBIDDEN: { status: 403, body: '{"message":"Forbidden"}' },
  AUTHORIZER_FAILED: { status: 500, body: '{"message":"Internal server error"}' },
} as const;

/** Largest authorizer result (its JSON), as API Gateway's quota. */
export const MAX_AUTHORIZER_RESULT_BYTES = 8 * 1024;

/** An authorizer's call is capped like an integration's. */
const AUTHORIZER_TIMEOUT_MS = 29_000;

export type ConnectAuthorization =
  | {
    readonly ok: true;
    /** `principalId` and context, for `requestContext.authorizer` of every event of the connection. */
    readonly authorizer?: Readonly<Record<string, unknown>>;
    /** How long the authorizer took (the `$connect` event's `authorizer.integrationLatency`). */
    readonly latencyMs?: number;
    /** The authorizer's `usageIdentifierKey` (an API key for `$context.authorizer.usageIdentifierKey`). */
    readonly usageIdentifierKey?: string;
    /** Caller fields for `requestContext.identity` (IAM). */
    readonly identity?: Readonly<Record<string, string>>;
  }
  | { readonly ok: false; readonly status: number; readonly body: string; readonly reason: string };

/** The handshake as the authorizers need it. */
export interface ConnectRequest {
  readonly endpoint: Endpoint;
  /** The connection's facts so far (no authorizer yet). */
  readonly facts: ConnectionFacts;
  readonly handshake: HandshakeFacts;
  readonly method: string;
  /** `req.url` as received. */
  readonly rawUrl: string;
  readonly headers: IncomingHttpHeaders;
  readonly requestId: string;
  readonly requestTimeEpoch: number;
}

/** Authorizes the `$connect` route of the request's API, if it has an authorizer. */
export async function authorizeConnect(ctx: GatewayContext, request: ConnectRequest): Promise<ConnectAuthorization> {
  const route = request.endpoint.api.routes.get('$connect');
  if (!route || route.authorizationType === 'NONE') return { ok: true };
  if (route.authorizationType === 'AWS_IAM') return authorizeIam(ctx, request);
  const authorizer = route.authorizerId ? request.endpoint.api.authorizers.get(route.authorizerId) : undefined;
  if (!authorizer?.functionKey) return refuse(CONNECT_AUTH_ERRORS.AUTHORIZER_FAILED, `route $connect names no Lambda authorizer (${route.authorizerId ?? 'none'})`);
  return authorizeWithLambda(ctx, request, route, authorizer);
}

async function authorizeWithLambda(ctx: GatewayContext, request: ConnectRequest, route: RouteModel, authorizer: AuthorizerModel): Promise<ConnectAuthorization> {
  const missing = authorizer.identitySource.find((source) => !identityValue(source, request));
  if (missing !== undefined) return refuse(CONNECT_AUTH_ERRORS.UNAUTHORIZED, `identity source ${missing} is missing or empty; the authorizer was not called`);

  const methodArn = routeResourceArn(ctx.model.environment, { apiId: request.facts.apiId, stage: request.facts.stage, routeKey: route.routeKey });
  const event = authorizerEvent(request, methodArn);
  const outcome = await ctx.runner.invokeFunction(authorizer.functionKey!, event, request.requestId, AUTHORIZER_TIMEOUT_MS);
  return readAuthorizerOutcome(outcome, methodArn);
}

/** The REQUEST authorizer's event, field for field as API Gateway sends it (§1d). */
export function authorizerEvent(request: ConnectRequest, methodArn: string): Record<string, unknown> {
  const r: RequestFacts = { requestId: request.requestId, requestTimeEpoch: request.requestTimeEpoch };
  const proxy = connectEvent(request.facts, request.handshake, r);
  const query = queryMaps(request.handshake.query);
  return {
    type: 'REQUEST',
    methodArn,
    ...headerMaps(request.handshake.rawHeaders, true),
    queryStringParameters: query?.queryStringParameters ?? {},
    multiValueQueryStringParameters: query?.multiValueQueryStringParameters ?? {},
    stageVariables: { ...request.facts.stageVariables },
    requestContext: proxy.requestContext,
  };
}

/** What an authorizer's outcome means for the handshake. */
export function readAuthorizerOutcome(outcome: FunctionOutcome, methodArn: string): ConnectAuthorization {
  if (outcome.kind === 'timeout') return refuse(CONNECT_AUTH_ERRORS.AUTHORIZER_FAILED, 'the authorizer timed out');
  if (outcome.kind === 'error') {
    if (outcome.errorMessage === 'Unauthorized') return refuse(CONNECT_AUTH_ERRORS.UNAUTHORIZED, 'the authorizer answered Unauthorized');
    return refuse(CONNECT_AUTH_ERRORS.AUTHORIZER_FAILED, `the authorizer failed: ${outcome.errorType}: ${outcome.errorMessage}`);
  }
  const result = outcome.value as Record<string, unknown> | null | undefined;
  if (!result || typeof result !== 'object' || Array.isArray(result)) return refuse(CONNECT_AUTH_ERRORS.AUTHORIZER_FAILED, 'the authorizer returned no policy object');
  if (Buffer.byteLength(JSON.stringify(result)) > MAX_AUTHORIZER_RESULT_BYTES) {
    return refuse(CONNECT_AUTH_ERRORS.AUTHORIZER_FAILED, `the authorizer's result is over ${MAX_AUTHORIZER_RESULT_BYTES} bytes`);
  }
  const { principalId, policyDocument, context, usageIdentifierKey } = result;
  if (typeof principalId !== 'string' || principalId === '') return refuse(CONNECT_AUTH_ERRORS.AUTHORIZER_FAILED, 'the authorizer returned no principalId');
  let statements;
  try {
    statements = policyDocumentStatements(policyDocument, 'the authorizer policy');
  } catch (error) {
    if (error instanceof PolicyDocumentError) return refuse(CONNECT_AUTH_ERRORS.AUTHORIZER_FAILED, `the authorizer's policyDocument is invalid: ${error.message}`);
    throw error;
  }
  if (context !== undefined && context !== null && !isFlatContext(context)) {
    return refuse(CONNECT_AUTH_ERRORS.AUTHORIZER_FAILED, 'the authorizer context has a value that is not a string, number or boolean');
  }
  const decision = evaluatePolicy(statements, { action: 'execute-api:Invoke', resource: methodArn, context: {} });
  if (decision.effect !== 'Allow') {
    return refuse(CONNECT_AUTH_ERRORS.FORBIDDEN, decision.effect === 'ExplicitDeny' ? 'the authorizer policy denies the connection' : 'the authorizer policy does not allow the connection');
  }
  return {
    ok: true,
    authorizer: { principalId, ...(context as Record<string, unknown> | undefined) },
    latencyMs: outcome.latencyMs,
    usageIdentifierKey: typeof usageIdentifierKey === 'string' ? usageIdentifierKey : undefined,
  };
}

async function authorizeIam(ctx: GatewayContext, request: ConnectRequest): Promise<ConnectAuthorization> {
  const { apiId, stage, identity } = request.facts;
  const resource = routeResourceArn(ctx.model.environment, { apiId, stage, routeKey: '$connect' });
  const result = await ctx.iam.authorize(
    { method: request.method, rawUrl: request.rawUrl, headers: request.headers, body: 'UNSIGNED-PAYLOAD', sourceIp: identity.sourceIp },
    'execute-api:Invoke', resource, `$connect of ${apiId}/${stage}`,
  );
  if (!result.allowed) return refuse({ status: result.failure.status, body: JSON.stringify({ message: result.failure.message }) }, result.failure.message);
  if (!result.caller) return { ok: true };
  const { principal, accessKeyId } = result.caller;
  const account = /^arn:[^:]+:(?:sts|iam)::(\d+):/.exec(principal.arn)?.[1] ?? ctx.model.environment.account;
  const caller = principal.kind === 'role' ? `${accessKeyId}:${principal.arn.split('/').pop() ?? ''}` : accessKeyId;
  return { ok: true, identity: { accountId: account, caller, accessKey: accessKeyId, user: caller, userArn: principal.arn } };
}

/** The value of one identity source, or undefined when the request lacks it (or it is empty). */
function identityValue(source: string, request: ConnectRequest): string | undefined {
  const value = (() => {
    const header = /^route\.request\.header\.(.+)$/i.exec(source);
    if (header) {
      const v = request.headers[header[1].toLowerCase()];
      return Array.isArray(v) ? v.join(',') : v;
    }
    const query = /^route\.request\.querystring\.(.+)$/i.exec(source);
    if (query) return new URLSearchParams(request.handshake.query).get(query[1]) ?? undefined;
    const stageVariable = /^stageVariables\.(.+)$/.exec(source);
    if (stageVariable) return request.facts.stageVariables?.[stageVariable[1]];
    const context = /^context\.(.+)$/.exec(source);
    if (context) return contextVariable(context[1], request);
    return undefined;
  })();
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

/** `$context` variables an identity source may name. */
function contextVariable(name: string, request: ConnectRequest): string | undefined {
  const f = request.facts;
  const known: Record<string, string | undefined> = {
    apiId: f.apiId, connectionId: f.connectionId, domainName: f.domainName, stage: f.stage, requestId: request.requestId,
    routeKey: '$connect', eventType: 'CONNECT', 'identity.sourceIp': f.identity.sourceIp, 'identity.userAgent': f.identity.userAgent,
  };
  return known[name];
}

function isFlatContext(context: unknown): boolean {
  if (typeof context !== 'object' || Array.isArray(context)) return false;
  return Object.values(context as Record<string, unknown>).every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
}

function refuse(error: { readonly status: number; readonly body: string }, reason: string): ConnectAuthorization {
  return { ok: false, status: error.status, body: error.body, reason };
}
