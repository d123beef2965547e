/**
 * The DynamoDB endpoint handlers reach (`AWS_ENDPOINT_URL_DYNAMODB`): an HTTP server on 127.0.0.1
 * that checks each request as DynamoDB would, then forwards it unchanged to the local table store.
 *
 * Checks, by the gateway's `iam` mode (the same modes as the management API):
 * - `enforce`: the SigV4 signature (service `dynamodb`, the gateway's region, 15 minutes of clock
 *   skew) with the credentials the gateway issued (each function's execution role) or was given;
 *   then the signer's identity-based statements for `dynamodb:{Operation}` on each resource the
 *   request touches (dynamodb-access.ts). A refusal is DynamoDB's own answer: HTTP 400 with
 *   `AccessDeniedException` ("User: … is not authorized to perform: dynamodb:PutItem on resource: …
 *   because no identity-based policy allows the dynamodb:PutItem action"), or the signature error
 *   (`UnrecognizedClientException`, `InvalidSignatureException`, …);
 * - `warn`: the same checks; each refusal is allowed and logs one line through the gateway's `warn`,
 *   naming the grant that would allow it;
 * - `off`: nothing is checked.
 *
 * Operations the store does not implement (transactions, PartiQL, backups, …) are answered with
 * `UnknownOperationException` and a message naming the operation, after the signature check.
 */
import { randomBytes } from 'node:crypto';
import { Agent, createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ModelEnvironment } from '../../model/gateway-model.js';
import { AUTH_ERRORS, type AuthFailure } from '../auth/auth-errors.js';
import type { CredentialStore, Principal, StoredCredentials } from '../auth/credential-store.js';
import type { IamMode } from '../auth/iam-guard.js';
import { describeStatement, evaluatePolicy } from '../auth/policy-evaluator.js';
import { principalArn } from '../auth/request-authorizer.js';
import { readBody } from '../transport/read-body.js';
import { SigV4Verifier } from '../auth/sigv4-verifier.js';
import { grantHint, requiredAccess, type RequiredAccess } from './dynamodb-access.js';
import { STORE_OPERATIONS } from './dynamodb-store.js';
import {
  DYNAMODB_ERRORS, DYNAMODB_MISSING_TOKEN_MESSAGE, dynamoDbErrorResponse, signatureErrorKind, type DynamoDbErrorKind,
} from './local-aws-errors.js';

export interface DynamoDbProxyOptions {
  /** The store's endpoint (`http://127.0.0.1:{port}`). */
  readonly store: string;
  readonly environment: Pick<ModelEnvironment, 'partition' | 'region' | 'account'>;
  readonly credentials: CredentialStore;
  readonly mode: IamMode;
  readonly warn: (message: string) => void;
  /** @default () => new Date() */
  readonly clock?: () => Date;
}

/** DynamoDB's largest request body. */
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
/** DynamoDB accepts requests dated up to 15 minutes from its clock. */
const MAX_CLOCK_SKEW_MS = 15 * 60_000;
const TARGET = /^DynamoDB_20120810\.(\w+)$/;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection']);

/** A refusal: the error to answer, and the warn-mode line. */
interface Refusal {
  readonly kind: DynamoDbErrorKind;
  readonly message: string;
  readonly warning: string;
}

/** A running proxy. */
export class DynamoDbProxy {
  public static async start(options: DynamoDbProxyOptions): Promise<DynamoDbProxy> {
    const proxy = new DynamoDbProxy(options);
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(0, '127.0.0.1', () => { proxy.server.off('error', reject); resolve(); });
    });
    return proxy;
  }

  private readonly server: Server;
  private readonly agent = new Agent({ keepAlive: true });
  private readonly verifier: SigV4Verifier<StoredCredentials>;

  private constructor(private readonly options: DynamoDbProxyOptions) {
    this.verifier = new SigV4Verifier<StoredCredentials>({
      region: options.environment.region,
      service: 'dynamodb',
      lookup: (accessKeyId) => options.credentials.lookup(accessKeyId),
      clock: options.clock,
      maxClockSkewMs: MAX_CLOCK_SKEW_MS,
    });
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        console.error('wsgate: internal error in the DynamoDB proxy', e);
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
    });
  }

  /** `http://127.0.0.1:{port}`: the value of `AWS_ENDPOINT_URL_DYNAMODB`. */
  public get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  public async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    this.agent.destroy();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomBytes(26).toString('hex').toUpperCase();
    const body = await readBody(req, MAX_REQUEST_BYTES);
    if (!body) {
      send(res, DYNAMODB_ERRORS.REQUEST_TOO_LARGE, `Request body is larger than ${MAX_REQUEST_BYTES} bytes`, requestId);
      return;
    }
    const operation = TARGET.exec(String(req.headers['x-amz-target'] ?? ''))?.[1];
    // Requests that are not DynamoDB operations (a health check, a malformed target) get the store's own answer.
    if (operation === undefined) return this.forward(req, body, res);
    if (this.options.mode !== 'off') {
      const refusals = await this.refusals(req, body, operation);
      if (refusals.length > 0 && this.options.mode === 'enforce') {
        send(res, refusals[0].kind, refusals[0].message, requestId);
        return;
      }
      for (const refusal of refusals) this.options.warn(refusal.warning);
    }
    if (!STORE_OPERATIONS.includes(operation)) {
      send(res, DYNAMODB_ERRORS.UNKNOWN_OPERATION,
        `wsgate's local DynamoDB store (dynalite) does not implement ${operation}; it implements ${STORE_OPERATIONS.join(', ')}`, requestId);
      return;
    }
    return this.forward(req, body, res);
  }

  /** What AWS would refuse of the request: its signature, or each authorization it needs that no statement allows. */
  private async refusals(req: IncomingMessage, body: Buffer, operation: string): Promise<Refusal[]> {
    const verified = await this.verifier.verify({ method: req.method ?? 'POST', rawUrl: req.url ?? '/', headers: req.headers, body });
    if (!verified.ok) return [signatureRefusal(verified.failure, operation)];
    const principal = verified.credentials.principal;
    let input: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) input = parsed as Record<string, unknown>;
    } catch {
      // Not JSON: the store answers with DynamoDB's SerializationException.
    }
    return requiredAccess(operation, input, this.options.environment).flatMap((access) => this.authorize(principal, access, req, operation) ?? []);
  }

  private authorize(principal: Principal, access: RequiredAccess, req: IncomingMessage, operation: string): Refusal | undefined {
    const decision = evaluatePolicy(principal.statements, {
      action: access.action,
      resource: access.resource,
      context: {
        'aws:SourceIp': (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
        'aws:PrincipalArn': principalArn(principal),
        'aws:PrincipalAccount': this.options.environment.account,
      },
    });
    if (decision.effect === 'Allow') return undefined;
    const explicit = decision.effect === 'ExplicitDeny';
    const message = `User: ${principal.arn} is not authorized to perform: ${access.action} on resource: ${access.resource} `
      + (explicit ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${access.action} action`);
    const who = principal.roleKey ? `role ${principal.roleKey}` : principal.arn;
    const fix = explicit
      ? `remove the explicit Deny of ${describeStatement(decision.statement)}`
      : `grant ${access.action} on ${access.resource} to ${who} (${grantHint(access.action)})`;
    const incomplete = principal.unreadable.length > 0 ? `; wsgate could not read: ${principal.unreadable.join(', ')}` : '';
    return {
      kind: DYNAMODB_ERRORS.ACCESS_DENIED,
      message,
      warning: `[wsgate] iam warn: AWS would refuse DynamoDB ${operation} with 400 AccessDeniedException: ${message}; ${fix}${incomplete}`,
    };
  }

  private forward(req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    headers['content-length'] = String(body.length);
    const upstream = request(`${this.options.store}${req.url ?? '/'}`, { method: req.method, headers, agent: this.agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 500, withoutHopByHop(answer.headers));
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'The local DynamoDB store is not running' }));
      else res.destroy();
    });
    upstream.end(body);
  }
}

/** A SigV4 refusal in DynamoDB's shape. */
function signatureRefusal(failure: AuthFailure, operation: string): Refusal {
  const message = failure.errorType === AUTH_ERRORS.MISSING_AUTHENTICATION_TOKEN.errorType ? DYNAMODB_MISSING_TOKEN_MESSAGE : failure.message;
  return {
    kind: signatureErrorKind(failure.errorType),
    message,
    warning: `[wsgate] iam warn: AWS would refuse DynamoDB ${operation} with 400 ${failure.errorType}: ${message.split('\n')[0]}`,
  };
}

function send(res: ServerResponse, kind: DynamoDbErrorKind, message: string, requestId: string): void {
  const { status, headers, body } = dynamoDbErrorResponse(kind, message, requestId);
  res.writeHead(status, headers).end(body);
}

function withoutHopByHop(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  return out;
}
