/**
 * A gateway for a test suite (any runner: node:test, vitest, jest): started in the test's process
 * on a free port for a Stack, an App or a cloud assembly, with clients that know their connection
 * id, the invocation log of every connection, a signed management API client, and one `stop()`.
 *
 * ```ts
 * const gw = await TestGateway.start(stack);
 * const client = await gw.connect();
 * client.sendJson({ action: 'echo', text: 'hi' });
 * assert.equal(await client.next(), 'hi');
 * await gw.stop();
 * ```
 *
 * Defaults, chosen for tests (each one can be changed through the options, which are
 * GatewayOptions plus `timeoutMs`):
 * - `log: false`: no request log lines; the invocation log holds what they would say.
 * - `iam: 'warn'`: a call AWS would refuse goes through, and the grant it lacks is written to
 *   stderr and kept in `warnings` (assert it is empty, or pass `iam: 'enforce'` to fail as AWS would).
 * - `invocationMode: 'isolated'` (the gateway's default): handlers run in their own processes as on
 *   Lambda, so a handler's module state, environment, crash or endless loop stays out of the test
 *   process, and each test gateway starts from cold handlers. `'in-process'` starts faster.
 * - port 0 on 127.0.0.1, TLS as the gateway does it (handlers reach the management API over HTTPS
 *   with the project CA in `.wsgate`), and 5000 ms for every wait.
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { Gateway, type GatewayEndpoint } from '../gateway/gateway.js';
import type { GatewayOptions, InvocationRecord } from '../gateway/options.js';
import type { TemplateInput } from '../model/load-source.js';
import { InvocationLog, type WaitForInvocationOptions } from './invocation-log.js';
import { ManagementClient, type ListedConnection, type SigningCredentials } from './management-client.js';
import { TestClient } from './test-client.js';
import { TESTING_ERRORS, TestingError } from './testing-errors.js';

export interface TestGatewayOptions extends GatewayOptions {
  /** How long each wait (a message, a close, an invocation, a handshake) lasts unless told otherwise. @default 5000 */
  readonly timeoutMs?: number;
}

export interface ConnectOptions {
  /** Which stage: its name, or `{apiId}/{stage}` / `{apiName}/{stage}`. @default - the only stage */
  readonly stage?: string;
  /** Query string parameters of the handshake (`queryStringParameters` of `$connect`). */
  readonly query?: Readonly<Record<string, string>>;
  /** Headers of the handshake. The helper adds `wsgate-testing/<id>` to the User-Agent to find the connection's id. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Subprotocols to offer (`Sec-WebSocket-Protocol`). */
  readonly protocols?: readonly string[];
  /** @default - the gateway's timeoutMs */
  readonly timeoutMs?: number;
}

/** How long stop() lets a client's close handshake take before cutting its socket. */
const CLIENT_CLOSE_MS = 2000;

export class TestGateway {
  /** Starts a gateway for `input` (a Stack, an App, a cloud assembly directory or a template file). */
  public static async start(input: TemplateInput, options: TestGatewayOptions = {}): Promise<TestGateway> {
    const { timeoutMs = 5000, ...gatewayOptions } = options;
    const log = new InvocationLog(timeoutMs);
    const warnings: string[] = [];
    const credentials: SigningCredentials = {
      accessKeyId: `AKIAWSGATETEST${randomBytes(5).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
    };
    const gateway = await Gateway.start(input, {
      ...gatewayOptions,
      log: gatewayOptions.log ?? false,
      iam: gatewayOptions.iam ?? 'warn',
      credentials: [...(options.credentials ?? []), { ...credentials, allow: 'all' }],
      onInvocation: (record) => {
        log.add(record);
        options.onInvocation?.(record);
      },
      warn: (message) => {
        warnings.push(message);
        if (options.warn) options.warn(message);
        else process.stderr.write(`${message}\n`);
      },
    });
    return new TestGateway(gateway, log, warnings, credentials, timeoutMs);
  }

  private readonly clients = new Set<TestClient>();
  private stopping?: Promise<void>;

  private constructor(
    /** The running gateway, for what the helper does not cover. */
    public readonly gateway: Gateway,
    private readonly log: InvocationLog,
    private readonly warningList: string[],
    /** The credentials the helper registered with the gateway (allowed everything): sign your own calls with them. */
    public readonly credentials: SigningCredentials,
    private readonly timeoutMs: number,
  ) {}

  /** Every stage clients can connect to, with its URLs. */
  public endpoints(): GatewayEndpoint[] {
    return this.gateway.endpoints();
  }

  /** The region the template was evaluated in (signatures are scoped to it). */
  public get region(): string {
    return this.gateway.model.environment.region;
  }

  /** The warnings the gateway gave (IAM grants a call lacked, in `iam: 'warn'` mode). */
  public get warnings(): readonly string[] {
    return [...this.warningList];
  }

  /** The `ws://` URL of a stage. */
  public url(stage?: string): string {
    return this.endpoint(stage).url;
  }

  /** The plain-HTTP base URL of a stage's `@connections` API, for the AWS SDK's `endpoint` (sign with `credentials` and `region`). */
  public managementUrl(stage?: string): string {
    return this.endpoint(stage).url.replace(/^ws/, 'http');
  }

  /** A client of a stage's `@connections` API, signed with the helper's credentials. */
  public management(stage?: string): ManagementClient {
    return new ManagementClient({ url: this.managementUrl(stage), credentials: this.credentials, region: this.region, timeoutMs: this.timeoutMs });
  }

  /** The connections of every stage (wsgate's admin API), oldest first. */
  public listConnections(): Promise<ListedConnection[]> {
    return new ManagementClient({ url: this.gateway.url, credentials: this.credentials, region: this.region, timeoutMs: this.timeoutMs }).listConnections();
  }

  /**
   * Opens a client on a stage and resolves once the gateway accepted it (after `$connect`), with
   * its connection id known. A refused handshake rejects with a TestingError
   * (WSGATE_ERR_TEST_HANDSHAKE_REFUSED) carrying the HTTP `status` and `body`.
   */
  public async connect(options: ConnectOptions = {}): Promise<TestClient> {
    if (this.stopping) throw new TestingError(TESTING_ERRORS.USAGE, 'The test gateway is stopped: start another one to connect');
    const endpoint = this.endpoint(options.stage);
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const url = new URL(endpoint.url);
    for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.append(name, value);
    const marker = `wsgate-testing/${randomBytes(8).toString('hex')}`;
    const headers: Record<string, string> = {};
    let userAgent: string | undefined;
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (name.toLowerCase() === 'user-agent') userAgent = value;
      else headers[name] = value;
    }
    headers['user-agent'] = userAgent ? `${userAgent} ${marker}` : marker;

    const ws = new WebSocket(url, [...(options.protocols ?? [])], { headers, handshakeTimeout: timeoutMs });
    // Listening from the start: a message sent right after the handshake is not lost.
    const client = new TestClient(ws, url.href, this.log, this.timeoutMs);
    this.clients.add(client);
    try {
      await opened(ws, url.href);
      client.identify(await this.findConnectionId(endpoint, marker, client, timeoutMs));
      return client;
    } catch (error) {
      this.clients.delete(client);
      client.terminate();
      throw error;
    }
  }

  /** Every integration call so far, of one connection or of all, in the order they ended. */
  public invocations(connectionId?: string): readonly InvocationRecord[] {
    return this.log.list(connectionId);
  }

  /** The first invocation (already made, or the next) of any connection that `predicate` accepts. */
  public waitForInvocation(predicate: (record: InvocationRecord) => boolean = () => true, options: WaitForInvocationOptions = {}): Promise<InvocationRecord> {
    return this.log.waitFor(predicate, undefined, options);
  }

  /**
   * Stops everything: closes each open client (code 1000, so `$disconnect` runs as for a client
   * leaving), stops the gateway and its handlers, and rejects waits still pending. Safe to call
   * more than once; resolves once nothing of the gateway is left running.
   */
  public stop(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.all([...this.clients].map(async (client) => {
        await client.close(1000, '', { timeoutMs: CLIENT_CLOSE_MS }).catch(() => client.terminate());
      }));
      this.clients.clear();
      await this.gateway.stop();
      this.log.cancelAll(new TestingError(TESTING_ERRORS.USAGE, 'The test gateway stopped while waiting for an invocation'));
    })();
    return this.stopping;
  }

  private endpoint(stage: string | undefined): GatewayEndpoint {
    const endpoints = this.gateway.endpoints();
    const names = endpoints.map((e) => `${e.apiName}/${e.stage}`).join(', ');
    if (stage === undefined) {
      if (endpoints.length === 1) return endpoints[0];
      throw new TestingError(TESTING_ERRORS.USAGE, endpoints.length === 0
        ? 'The gateway serves no stage: does the template have a WebSocket API with a stage?'
        : `The gateway serves ${endpoints.length} stages (${names}): pass { stage } to choose one`);
    }
    const byName = endpoints.filter((e) => e.stage === stage);
    if (byName.length === 1) return byName[0];
    const qualified = endpoints.find((e) => `${e.apiId}/${e.stage}` === stage || `${e.apiName}/${e.stage}` === stage);
    if (qualified) return qualified;
    throw new TestingError(TESTING_ERRORS.USAGE, byName.length > 1
      ? `Several APIs have a stage '${stage}' (${names}): pass { stage: '{apiName}/${stage}' }`
      : `No stage '${stage}': the gateway serves ${names || 'none'}`);
  }

  /** The id of the connection whose User-Agent carries `marker`, from the gateway's connection listing. */
  private async findConnectionId(endpoint: GatewayEndpoint, marker: string, client: TestClient, timeoutMs: number): Promise<string> {
    const management = new ManagementClient({ url: endpoint.url, credentials: this.credentials, region: this.region, timeoutMs });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await management.listConnections()).find((c) => String(c.identity.userAgent ?? '').endsWith(marker));
      if (found) return found.connectionId;
      if (client.closed) throw new TestingError(TESTING_ERRORS.CLOSED, `The connection closed (${client.closed.code}) before the gateway listed it`);
      // A shared (Redis) registry records the connection a moment after the handshake.
      if (Date.now() > deadline) throw new TestingError(TESTING_ERRORS.TIMEOUT, `Timed out after ${timeoutMs} ms waiting for the gateway to list the new connection`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/** Resolves when the handshake succeeds; rejects with the gateway's status and body when it is refused. */
function opened(ws: WebSocket, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      const refuse = () => {
        const body = Buffer.concat(chunks).toString('utf8');
        reject(new TestingError(TESTING_ERRORS.HANDSHAKE_REFUSED, `The gateway refused the handshake to ${url} with ${res.statusCode ?? '?'}${body ? `: ${body}` : ''}`, res.statusCode, body));
        req.destroy();
      };
      res.once('end', refuse);
      res.once('error', refuse);
    });
    ws.once('error', (error) => reject(new TestingError(TESTING_ERRORS.HANDSHAKE_REFUSED, `Cannot connect to ${url}: ${error.message}`)));
  });
}
