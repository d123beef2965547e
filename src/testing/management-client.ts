/**
 * A small client of a gateway's `@connections` management API and of wsgate's connection listing
 * (gateway/management/admin-api.ts), signing each call with SigV4 as the AWS SDK does: what
 * `wsgate/testing` hands to tests and what `wsgate connections` uses. Plain `node:http`/`node:https`
 * (so a CA can be given for `https://`), signatures from `@smithy/signature-v4`.
 *
 * ```ts
 * const management = new ManagementClient({ url: 'http://127.0.0.1:8080/dev', credentials: { accessKeyId, secretAccessKey } });
 * await management.postToConnection(connectionId, JSON.stringify({ hello: 'world' }));
 * ```
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../gateway/auth/sigv4-verifier.js';
import { ADMIN_CONNECTIONS_PATH, type ConnectionListing, type ListedConnection } from '../gateway/management/admin-api.js';

export type { ListedConnection } from '../gateway/management/admin-api.js';

/** Credentials to sign with (an access key the gateway knows: see GatewayOptions.credentials). */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface ManagementClientOptions {
  /**
   * Base URL of a stage (`http://127.0.0.1:8080/dev`, `/{apiId}/{stage}` when several APIs share
   * the stage name), as `GatewayEndpoint.managementUrl`; or the gateway's root URL, which only
   * {@link ManagementClient.listConnections} accepts (it then lists every stage). `ws:`/`wss:` are
   * read as `http:`/`https:`.
   */
  readonly url: string;
  /** Credentials to sign with; without them calls are unsigned (only a gateway with `iam: 'off'` accepts them). */
  readonly credentials?: SigningCredentials;
  /** The gateway's region, which signatures are scoped to. @default 'us-east-1' */
  readonly region?: string;
  /** PEM of the CA to trust for an `https:` URL (the gateway's `caCertPath`). @default - Node's trusted CAs */
  readonly ca?: string | Buffer;
  /** How long one call may take. @default 10000 */
  readonly timeoutMs?: number;
}

/** What GetConnection answers. */
export interface ConnectionDescription {
  /** ISO 8601. */
  readonly connectedAt: string;
  readonly identity: { readonly sourceIp: string; readonly userAgent?: string };
  /** ISO 8601. */
  readonly lastActiveAt: string;
}

/** A call the gateway refused or could not answer, or a gateway that could not be reached. */
export class ManagementApiError extends Error {
  public readonly code = 'WSGATE_ERR_MANAGEMENT';

  constructor(
    message: string,
    /** The HTTP status; undefined when no answer came (the gateway could not be reached, or took too long). */
    public readonly status: number | undefined,
    /** AWS's error type from `x-amzn-ErrorType` (GoneException, ForbiddenException, …), when the gateway sent one. */
    public readonly errorType: string | undefined,
    /** The network error's code (ECONNREFUSED, ETIMEDOUT, …), when no answer came. */
    public readonly networkCode?: string,
  ) {
    super(message);
    this.name = 'ManagementApiError';
  }
}

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

type SignableRequest = Parameters<SignatureV4['presign']>[0];

export class ManagementClient {
  /** The base URL calls go to (http or https), without a trailing slash. */
  public readonly url: string;
  private readonly base: URL;
  /** The stage's path (`/dev`, `/{apiId}/dev`), '' for the gateway's root. */
  private readonly basePath: string;
  private readonly signer?: SignatureV4;
  private readonly timeoutMs: number;

  constructor(private readonly options: ManagementClientOptions) {
    this.base = new URL(options.url.replace(/^ws(s?):/, 'http$1:'));
    if (this.base.protocol !== 'http:' && this.base.protocol !== 'https:') throw new TypeError(`ManagementClient url must be http(s) or ws(s), got ${options.url}`);
    this.basePath = this.base.pathname.replace(/\/@connections\/?$/, '').replace(/\/+$/, '');
    this.url = `${this.base.origin}${this.basePath}`;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    if (options.credentials) {
      this.signer = new SignatureV4({ service: 'execute-api', region: options.region ?? 'us-east-1', credentials: options.credentials, sha256: NodeSha256 });
    }
  }

  /** Sends `data` to the connection (PostToConnection): a string or bytes as they are, anything else as JSON. */
  public async postToConnection(connectionId: string, data: string | Uint8Array | object): Promise<void> {
    const body = typeof data === 'string' ? Buffer.from(data) : data instanceof Uint8Array ? Buffer.from(data) : Buffer.from(JSON.stringify(data));
    await this.expect(await this.call('POST', this.connectionPath(connectionId), body), 200, connectionId);
  }

  /** Describes the connection (GetConnection). */
  public async getConnection(connectionId: string): Promise<ConnectionDescription> {
    const answer = await this.call('GET', this.connectionPath(connectionId));
    await this.expect(answer, 200, connectionId);
    return JSON.parse(answer.body) as ConnectionDescription;
  }

  /** Closes the connection (DeleteConnection): its client gets close code 1000, as on AWS. */
  public async deleteConnection(connectionId: string): Promise<void> {
    await this.expect(await this.call('DELETE', this.connectionPath(connectionId)), 204, connectionId);
  }

  /** The connections of the URL's stage, or of every stage for the gateway's root URL (wsgate's admin API), oldest first. */
  public async listConnections(): Promise<ListedConnection[]> {
    const answer = await this.call('GET', `${this.basePath}${ADMIN_CONNECTIONS_PATH}`);
    await this.expect(answer, 200);
    return [...(JSON.parse(answer.body) as ConnectionListing).connections];
  }

  private connectionPath(connectionId: string): string {
    if (this.basePath === '') {
      throw new TypeError(`${this.url} names no stage: @connections calls need a stage's URL (…/{stage}), as in GatewayEndpoint.managementUrl`);
    }
    // As the AWS SDK sends it: `@` literal, the id percent-encoded (`=` is `%3D`).
    return `${this.basePath}/@connections/${encodeURIComponent(connectionId)}`;
  }

  private async expect(answer: Answer, status: number, connectionId?: string): Promise<void> {
    if (answer.status === status) return;
    const errorType = String(answer.headers['x-amzn-errortype'] ?? '').split(':')[0] || undefined;
    let message: string | undefined;
    try {
      message = (JSON.parse(answer.body) as { message?: string }).message;
    } catch {
      message = answer.body || undefined;
    }
    const what = connectionId ? `connection ${connectionId}` : 'the connection listing';
    const text = answer.status === 410
      ? `${what} is gone (410 GoneException): it closed, or never existed on this stage`
      : `${what}: ${answer.status}${errorType ? ` ${errorType}` : ''}${message ? `: ${message}` : ''}`;
    throw new ManagementApiError(text, answer.status, errorType);
  }

  private async call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: Buffer): Promise<Answer> {
    const headers: Record<string, string> = { host: this.base.host };
    if (body) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(body.length);
    }
    const unsigned: SignableRequest = { method, protocol: this.base.protocol, hostname: this.base.hostname, port: this.base.port ? Number(this.base.port) : undefined, path, query: {}, headers, body };
    const signed = this.signer ? await this.signer.sign(unsigned) : unsigned;
    const send = this.base.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<Answer>((resolve, reject) => {
      const req = send({
        method, host: this.base.hostname.replace(/^\[|\]$/g, ''), port: this.base.port || undefined, path,
        headers: signed.headers, agent: false, timeout: this.timeoutMs,
        ...(this.options.ca !== undefined ? { ca: this.options.ca } : {}),
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer in ${this.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', (e: NodeJS.ErrnoException) => reject(new ManagementApiError(`cannot reach the gateway at ${this.url}: ${e.code ?? ''} ${e.message}`.replace(/: {2}/, ': '), undefined, undefined, e.code)));
      req.end(body);
    });
  }
}
