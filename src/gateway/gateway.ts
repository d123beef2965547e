/**
 * The gateway: serves the WebSocket APIs of a template (a cloud assembly, a template file, or an
 * in-memory App) over HTTP and WebSocket on one listener, as API Gateway serves them.
 *
 * ```ts
 * const gateway = await Gateway.start('cdk.out', { port: 8080 });
 * console.log(gateway.endpoints()); // [{ url: 'ws://127.0.0.1:8080/dev', … }]
 * await gateway.stop();
 * ```
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type ServerOptions, type WebSocket } from 'ws';
import { loadGatewayModel } from '../model/load-template.js';
import { readTemplateSources, type TemplateInput } from '../model/load-source.js';
import type { FunctionModel, GatewayModel, RoleModel } from '../model/gateway-model.js';
import { MemoryNodeBus } from '../registry/memory-node-bus.js';
import { MemoryRegistry } from '../registry/memory-registry.js';
import type { NodeBus } from '../registry/node-bus.js';
import { RedisNodeBus } from '../registry/redis-node-bus.js';
import { RedisRegistry } from '../registry/redis-registry.js';
import type { ConnectionRegistry } from '../registry/registry.js';
import { Connection, CLOSE_CAUSES } from './connection.js';
import { HANDSHAKE_ERRORS } from './errors.js';
import type { ConnectionFacts } from './events/lambda-events.js';
import type { GatewayContext } from './gateway-context.js';
import { newId } from './ids.js';
import { IntegrationRunner } from './integrations/integration-runner.js';
import { createInvoker } from './invocation/create-invoker.js';
import type { Invoker } from './invocation/invoker.js';
import { runConnect, runDisconnect, runMessage } from './lifecycle.js';
import { GatewayMetrics } from './metrics/metrics.js';
import { resolveOptions, type GatewayOptions, type ResolvedGatewayOptions } from './options.js';
import { compileSelectionExpression, type RouteKeySelector } from './routing/selection-expression.js';
import { EndpointMap } from './transport/endpoint-map.js';
import { limitFrameSize } from './transport/frame-limit.js';
import { handleManagementRequest, serveManagementCalls } from './management/connections-api.js';
import { DualListener } from './transport/dual-listener.js';
import { installGatewayNetwork, NETWORK_VARIABLE, type GatewayNetwork } from './tls/handler-network.js';
import { loadTlsMaterial, type TlsMaterial } from './tls/project-ca.js';
import { CredentialStore } from './auth/credential-store.js';
import { IamGuard } from './auth/iam-guard.js';
import { RequestAuthorizer } from './auth/request-authorizer.js';
import { authorizeConnect } from './auth/connect-authorizer.js';
import { LocalAws } from './aws/local-aws.js';

/** A stage a client can connect to. */
export interface GatewayEndpoint {
  readonly apiId: string;
  readonly apiName: string;
  readonly stage: string;
  /** `ws://host:port/{stage}` (or the path that names the API too, when several share a stage name). */
  readonly url: string;
  /** The same over TLS (`wss://`), when the gateway serves TLS. */
  readonly secureUrl?: string;
  /** Base URL of the `@connections` management API for this stage (https when the gateway serves TLS). */
  readonly managementUrl: string;
}

/** How long shutdown waits for `$disconnect` handlers before giving up on them. */
const SHUTDOWN_GRACE_MS = 30_000;

/** How long a close frame waits for the client's answer before the socket is cut (any close: ours or a protocol error's). */
const CLOSE_HANDSHAKE_TIMEOUT_MS = 5_000;

export class Gateway {
  /** Loads the template, starts the listener and returns the running gateway. */
  public static async start(input: TemplateInput, options: GatewayOptions = {}): Promise<Gateway> {
    const resolved = resolveOptions(options);
    const model = loadGatewayModel(readTemplateSources(input, { ...resolved.parameters }), { region: resolved.region, account: resolved.account });
    const selectors = new Map<string, RouteKeySelector>();
    for (const api of model.apis) selectors.set(api.apiId, compileSelectionExpression(api.routeSelectionExpression));
    const tls = resolved.tls ? loadTlsMaterial(resolved.stateDir, certificateNames(model, resolved.host)) : undefined;
    const credentials = new CredentialStore(model.environment);
    for (const external of resolved.credentials) credentials.register(external);
    const { registry, bus } = await connectCluster(resolved);
    const gateway = new Gateway(model, resolved, selectors, createInvoker({ mode: resolved.invocationMode }), registry, bus, tls, credentials);
    await gateway.listen();
    return gateway;
  }

  public readonly model: GatewayModel;
  public readonly metrics = new GatewayMetrics();
  private readonly ctx: GatewayContext;
  private readonly listener: DualListener;
  private readonly wss: WebSocketServer;
  /** What the gateway adds to each function's environment, by function key; filled once listening. */
  private readonly functionEnvironments = new Map<string, Readonly<Record<string, string>>>();
  private uninstallNetwork?: () => void;
  /** The DynamoDB tables and the endpoint for other AWS services that handlers reach; started in listen(). */
  private localAws?: LocalAws;
  private readonly endpointMap: EndpointMap;
  private readonly pendingWork = new Set<Promise<unknown>>();
  private stopping = false;
  private address?: { host: string; port: number };

  private constructor(
    model: GatewayModel,
    private readonly options: ResolvedGatewayOptions,
    selectors: Map<string, RouteKeySelector>,
    private readonly invoker: Invoker,
    private readonly registry: ConnectionRegistry,
    private readonly bus: NodeBus,
    private readonly tls: TlsMaterial | undefined,
    private readonly credentials: CredentialStore,
  ) {
    this.model = model;
    this.endpointMap = new EndpointMap(model.apis);
    const log = options.log;
    this.ctx = {
      model, options, selectors, registry, metrics: this.metrics,
      runner: new IntegrationRunner(model, invoker, (fn) => this.functionEnvironments.get(fn.key)),
      nodeId: bus.nodeId,
      bus,
      connections: new Map(),
      iam: new IamGuard(options.iam, new RequestAuthorizer({ environment: model.environment, credentials }), options.warn),
      log: log || undefined,
    };
    // `closeTimeout` is a ws 8.18 option that @types/ws does not list yet.
    const serverOptions: ServerOptions & { closeTimeout: number } = {
      noServer: true,
      maxPayload: options.limits.maxMessageBytes,
      perMessageDeflate: false,
      closeTimeout: CLOSE_HANDSHAKE_TIMEOUT_MS,
      handleProtocols: (_protocols, req) => (req as IncomingMessage & { wsgateProtocol?: string }).wsgateProtocol ?? false,
    };
    this.wss = new WebSocketServer(serverOptions);
    this.listener = new DualListener({
      tls,
      onRequest: (req, res) => this.onRequest(req, res),
      onUpgrade: (req, socket, head) => this.track(this.onUpgrade(req, socket, head)),
    });
  }

  /** The port the gateway listens on. */
  public get port(): number {
    if (!this.address) throw new Error('The gateway is not listening');
    return this.address.port;
  }

  /** `http://host:port`, the base of every endpoint. */
  public get url(): string {
    if (!this.address) throw new Error('The gateway is not listening');
    return `http://${this.address.host}:${this.address.port}`;
  }

  /** `https://host:port`, when the gateway serves TLS. */
  public get secureUrl(): string | undefined {
    return this.tls ? this.url.replace(/^http/, 'https') : undefined;
  }

  /** The file holding the project CA's certificate, for clients that must trust the gateway's TLS (curl --cacert, NODE_EXTRA_CA_CERTS). */
  public get caCertPath(): string | undefined {
    return this.tls?.caCertPath;
  }

  /** Every stage clients can connect to, with its URL. */
  public endpoints(): GatewayEndpoint[] {
    const plain = this.url;
    const secure = this.secureUrl;
    return this.endpointMap.list().map((e) => ({
      apiId: e.api.apiId,
      apiName: e.api.name,
      stage: e.stage.name,
      url: `${plain.replace(/^http/, 'ws')}${e.path}`,
      ...(secure ? { secureUrl: `${secure.replace(/^https/, 'wss')}${e.path}` } : {}),
      managementUrl: `${secure ?? plain}${e.path}`,
    }));
  }

  /** TLS handshakes the listener has completed: a keep-alive client makes one, not one per request. */
  public get tlsHandshakeCount(): number {
    return this.listener.tlsHandshakes;
  }

  /** This node's id (in cluster mode, its name in the shared registry). */
  public get nodeId(): string {
    return this.ctx.nodeId;
  }

  /** The number of open connections on this gateway. */
  public get connectionCount(): number {
    return this.ctx.connections.size;
  }

  /**
   * Stops gracefully: refuses new connections (503), closes every connection with 1001, runs
   * `$disconnect` for each, and stops the handlers.
   */
  public async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const closed = this.listener.close();
    for (const conn of this.ctx.connections.values()) conn.close(CLOSE_CAUSES.shutdown);
    const deadline = new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref());
    await Promise.race([this.settle(), deadline]);
    for (const ws of this.wss.clients) ws.terminate();
    this.listener.closeAllConnections();
    await closed;
    await this.invoker.close();
    await this.localAws?.close();
    this.uninstallNetwork?.();
    await this.bus.close();
    await this.registry.close();
  }

  private async settle(): Promise<void> {
    while (this.pendingWork.size > 0 || this.ctx.connections.size > 0) {
      await Promise.allSettled([...this.pendingWork]);
      if (this.ctx.connections.size > 0) await new Promise((r) => setTimeout(r, 10));
    }
  }

  private async listen(): Promise<void> {
    serveManagementCalls(this.ctx);
    const localAws = await LocalAws.start({ model: this.model, options: this.options, credentials: this.credentials });
    this.localAws = localAws;
    const port = await this.listener.listen(this.options.port, this.options.host).catch(async (e: unknown) => { await localAws.close(); throw e; });
    this.address = { host: this.options.host, port };
    const network = this.tls ? this.prepareHandlerNetwork(this.tls, port) : {};
    for (const fn of this.model.functions.values()) this.functionEnvironments.set(fn.key, { ...this.credentialVariables(fn), ...network, ...localAws.variablesFor(fn) });
  }

  /** The temporary credentials of the function's execution role, in the variables Lambda sets. */
  private credentialVariables(fn: FunctionModel): Record<string, string> {
    const role = (fn.roleKey ? this.model.roles.get(fn.roleKey) : undefined) ?? roleOutsideTemplate(fn);
    const issued = this.credentials.issueForRole(role, fn.functionName);
    return {
      AWS_ACCESS_KEY_ID: issued.accessKeyId,
      AWS_SECRET_ACCESS_KEY: issued.secretAccessKey,
      ...(issued.sessionToken ? { AWS_SESSION_TOKEN: issued.sessionToken } : {}),
    };
  }

  /**
   * Makes the gateway reachable from handlers over HTTPS at the names production code uses
   * (handler-network.ts): isolated runtimes get the route and the CA through their environment,
   * in-process handlers share this process, where the hook is installed now. Returns the variables
   * isolated runtimes need.
   */
  private prepareHandlerNetwork(tls: TlsMaterial, port: number): Record<string, string> {
    const { region, urlSuffix } = this.model.environment;
    const network: GatewayNetwork = {
      host: connectableHost(this.options.host),
      port,
      hosts: this.model.apis.map((api) => `${api.apiId}.execute-api.${region}.${urlSuffix}`),
      caCertPath: tls.caCertPath,
    };
    if (this.options.invocationMode === 'in-process') {
      this.uninstallNetwork = installGatewayNetwork(network);
      return {};
    }
    return { NODE_EXTRA_CA_CERTS: tls.caCertPath, [NETWORK_VARIABLE]: JSON.stringify(network) };
  }

  private track<T>(work: Promise<T>): void {
    const tracked = work.catch((e: unknown) => console.error('wsgate: internal error', e)).finally(() => this.pendingWork.delete(tracked));
    this.pendingWork.add(tracked);
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://gateway');
    if (url.pathname === '/metrics') {
      this.metrics.render().then(({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body), () => res.writeHead(500).end());
      return;
    }
    if (url.pathname === '/healthz') {
      res.writeHead(this.stopping ? 503 : 200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: this.stopping ? 'stopping' : 'ok', nodeId: this.ctx.nodeId }));
      return;
    }
    if (url.pathname === '/readyz') {
      // Ready: accepting connections, and (in cluster mode) able to reach the shared registry.
      const registryDown = this.registry instanceof RedisRegistry && !this.registry.available;
      const status = this.stopping ? 'stopping' : registryDown ? 'registry unavailable' : 'ready';
      res.writeHead(status === 'ready' ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status, nodeId: this.ctx.nodeId, connections: this.ctx.connections.size }));
      return;
    }
    if (handleManagementRequest(this.ctx, this.endpointMap, req, res)) return;
    if (this.endpointMap.resolve(url.pathname, req.headers.host)) {
      const e = HANDSHAKE_ERRORS.UPGRADE_REQUIRED;
      res.writeHead(e.status, { 'content-type': 'text/plain', upgrade: 'websocket', connection: 'Upgrade' }).end(e.body);
      return;
    }
    res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'ForbiddenException' }).end('{"message":"Forbidden"}');
  }

  private async onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://gateway');
    const endpoint = this.endpointMap.resolve(url.pathname, req.headers.host);
    if (this.stopping) return rejectHandshake(socket, HANDSHAKE_ERRORS.SHUTTING_DOWN.status, HANDSHAKE_ERRORS.SHUTTING_DOWN.body);
    if (!endpoint) return rejectHandshake(socket, HANDSHAKE_ERRORS.UNKNOWN_STAGE.status, HANDSHAKE_ERRORS.UNKNOWN_STAGE.body);
    // An invalid handshake is refused before $connect runs, as API Gateway does.
    if (!isValidHandshake(req)) return rejectHandshake(socket, HANDSHAKE_ERRORS.BAD_HANDSHAKE.status, HANDSHAKE_ERRORS.BAD_HANDSHAKE.body);

    const host = req.headers.host ?? `${this.options.host}:${this.port}`;
    const userAgent = req.headers['user-agent'];
    const sourceIp = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    const unauthorized: ConnectionFacts = {
      connectionId: newId(),
      apiId: endpoint.api.apiId,
      stage: endpoint.stage.name,
      domainName: host,
      connectedAt: Date.now(),
      identity: userAgent ? { sourceIp, userAgent } : { sourceIp },
      stageVariables: Object.keys(endpoint.stage.variables).length > 0 ? endpoint.stage.variables : undefined,
    };
    let clientGone = false;
    socket.once('close', () => { clientGone = true; });

    const requestId = newId();
    const authorizedAt = Date.now();
    const handshake = { rawHeaders: req.rawHeaders, query: url.search.slice(1) };
    const auth = await authorizeConnect(this.ctx, {
      endpoint, facts: unauthorized, handshake, method: req.method ?? 'GET', rawUrl: req.url ?? '/', headers: req.headers, requestId, requestTimeEpoch: authorizedAt,
    });
    if (clientGone || socket.destroyed) return;
    if (!auth.ok) {
      this.refusedConnect(unauthorized, requestId, authorizedAt, auth.status, auth.reason);
      return rejectHandshake(socket, auth.status, auth.body);
    }
    const facts: ConnectionFacts = {
      ...unauthorized,
      identity: auth.identity ? callerIdentity(unauthorized.identity, auth.identity) : unauthorized.identity,
      authorizer: auth.authorizer,
    };
    // The $connect event's authorizer also says how long the authorizer took; later events do not.
    const connectFacts = auth.authorizer ? { ...facts, authorizer: { ...auth.authorizer, integrationLatency: auth.latencyMs ?? 0 } } : facts;
    const decision = await runConnect(this.ctx, endpoint, connectFacts, req);
    if (clientGone || socket.destroyed) return;
    if (!decision.accept) return rejectHandshake(socket, decision.status, decision.body);
    if (this.stopping) return rejectHandshake(socket, HANDSHAKE_ERRORS.SHUTTING_DOWN.status, HANDSHAKE_ERRORS.SHUTTING_DOWN.body);
    (req as IncomingMessage & { wsgateProtocol?: string }).wsgateProtocol = decision.protocol;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onOpen(ws, facts, endpoint, host));
  }

  /** Counts and logs a handshake the gateway refused before `$connect` ran (authorization). */
  private refusedConnect(facts: ConnectionFacts, requestId: string, started: number, status: number, reason: string): void {
    const labels = { apiId: facts.apiId, stage: facts.stage, route: '$connect' };
    this.metrics.markConnect(labels);
    this.metrics.markClientError(labels);
    this.ctx.log?.({
      time: new Date(started).toISOString(), requestId, connectionId: facts.connectionId, apiId: facts.apiId, stage: facts.stage,
      eventType: 'CONNECT', routeKey: '$connect', status, latencyMs: Date.now() - started, error: reason,
    });
  }

  private onOpen(ws: WebSocket, facts: ConnectionFacts, endpoint: Connection['endpoint'], host: string): void {
    limitFrameSize(ws, this.options.limits.maxFrameBytes);
    const conn = new Connection(ws, facts, endpoint, host, this.options.limits, (c) => {
      this.track(this.registry.touch(c.connectionId, c.lastActiveAt));
    });
    this.ctx.connections.set(conn.connectionId, conn);
    this.metrics.connectionOpened(facts.apiId, facts.stage);
    this.track(this.registry.add({
      connectionId: facts.connectionId, apiId: facts.apiId, stage: facts.stage, nodeId: this.ctx.nodeId,
      connectedAt: facts.connectedAt, lastActiveAt: facts.connectedAt, identity: facts.identity, authorizer: facts.authorizer,
    }));
    ws.on('error', () => undefined);
    // Tracked as track() does, with one promise per message rather than three.
    const pendingWork = this.pendingWork;
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        conn.close({ code: 1003, reason: 'Binary frames are not supported' });
        return;
      }
      conn.touch();
      const work: Promise<void> = runMessage(this.ctx, conn, data.toString()).then(
        () => { pendingWork.delete(work); },
        (e: unknown) => {
          pendingWork.delete(work);
          console.error('wsgate: internal error', e);
        },
      );
      pendingWork.add(work);
    });
    ws.on('close', (code, reasonBuffer) => {
      conn.stopTimers();
      this.ctx.connections.delete(conn.connectionId);
      this.metrics.connectionClosed(facts.apiId, facts.stage);
      const cause = conn.closeCause ?? clientCloseCause(code, reasonBuffer.toString());
      this.track(this.registry.remove(conn.connectionId).then(() => runDisconnect(this.ctx, conn, cause.code, cause.reason)));
    });
  }
}

/** The names the server certificate covers: loopback, the listening host, and the served APIs' execute-api host names. */
function certificateNames(model: GatewayModel, host: string): string[] {
  const { region, urlSuffix } = model.environment;
  const names = ['localhost', '127.0.0.1', '::1', `*.execute-api.${region}.${urlSuffix}`];
  if (host !== '0.0.0.0' && host !== '::' && host !== '') names.push(host);
  return names;
}

/**
 * A function whose execution role is not in the template (an imported role): its credentials work,
 * but no statement is known, so IAM refuses its calls in enforce mode and says why.
 */
function roleOutsideTemplate(fn: FunctionModel): RoleModel {
  return {
    key: `${fn.key}/ExecutionRole`,
    stackName: fn.key.split('/')[0],
    logicalId: `${fn.logicalId}ExecutionRole`,
    roleName: `${fn.functionName}-role`,
    arn: fn.functionArn.replace(/:lambda:([^:]*):(\d+):function:.*/, ':iam::$2:role/outside-template'),
    statements: [],
    unreadable: [`the execution role of ${fn.key} (not defined in the template)`],
  };
}

/** An address handlers can connect to when the gateway listens on `host` (a wildcard address means loopback). */
function connectableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '::1';
  return host;
}

/** The registry and node bus: in memory for one node, on Redis in cluster mode. */
async function connectCluster(options: ResolvedGatewayOptions): Promise<{ registry: ConnectionRegistry; bus: NodeBus }> {
  const nodeId = options.nodeId ?? `node-${newId().slice(0, 15)}`;
  if (!options.redis) return { registry: new MemoryRegistry(), bus: MemoryNodeBus.single(nodeId) };
  const { keyPrefix, heartbeatIntervalMs, recordTtlMs } = options.cluster;
  const registry = await RedisRegistry.connect({ url: options.redis, nodeId, keyPrefix, heartbeatIntervalMs, recordTtlMs, log: options.warn });
  try {
    const bus = await RedisNodeBus.connect({ url: options.redis, nodeId, keyPrefix });
    return { registry, bus };
  } catch (error) {
    await registry.close();
    throw error;
  }
}

/** `requestContext.identity` of an IAM-authorized connection: the caller's fields around the client's. */
function callerIdentity(base: ConnectionFacts['identity'], caller: Readonly<Record<string, string>>): ConnectionFacts['identity'] {
  const { accountId, caller: callerId, accessKey, userArn, user } = caller;
  return {
    accountId, caller: callerId, sourceIp: base.sourceIp, accessKey, userArn,
    ...(base.userAgent !== undefined ? { userAgent: base.userAgent } : {}),
    user,
  };
}

/** How $disconnect reports a close the client made (AWS's reasons for the codes it documents). */
function clientCloseCause(code: number, reason: string): { code: number; reason: string } {
  if (code === 1005) return { code, reason: 'Client-side close frame status not set' };
  if (code === 1006) return { code, reason: 'Connection closed abnormally' };
  return { code, reason };
}

/** The checks ws makes of a handshake (method, Upgrade, key, version), made before `$connect` runs. */
function isValidHandshake(req: IncomingMessage): boolean {
  const key = req.headers['sec-websocket-key'];
  return req.method === 'GET'
    && String(req.headers.upgrade ?? '').toLowerCase() === 'websocket'
    && typeof key === 'string' && /^[+/0-9A-Za-z]{22}==$/.test(key)
    && (req.headers['sec-websocket-version'] === '13' || req.headers['sec-websocket-version'] === '8');
}

/** Answers a handshake with an HTTP error and closes the socket. */
function rejectHandshake(socket: Duplex, status: number, body: string): void {
  if (socket.destroyed) return;
  const text = `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
  socket.end(text);
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 426: 'Upgrade Required', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};
