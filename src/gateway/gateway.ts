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
import { setFlagsFromString } from 'node:v8';
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
import { refuseConnect, runConnect, runDisconnect, runMessage } from './lifecycle.js';
import { GatewayMetrics } from './metrics/metrics.js';
import { resolveOptions, type GatewayOptions, type ResolvedGatewayOptions } from './options.js';
import { compileSelectionExpression, type RouteKeySelector } from './routing/selection-expression.js';
import { EndpointMap } from './transport/endpoint-map.js';
import { limitFrameSize } from './transport/frame-limit.js';
import { handleManagementRequest, serveManagementCalls } from './management/connections-api.js';
import { handleAdminRequest } from './management/admin-api.js';
import { DualListener } from './transport/dual-listener.js';
import { installGatewayNetwork, NETWORK_VARIABLE, type GatewayNetwork } from './tls/handler-network.js';
import { loadTlsMaterial, type TlsMaterial } from './tls/project-ca.js';
import { CredentialStore } from './auth/credential-store.js';
import { IamGuard } from './auth/iam-guard.js';
import { RequestAuthorizer } from './auth/request-authorizer.js';
import { authorizeConnect } from './auth/connect-authorizer.js';
import { ApiKeyCheck } from './limits/api-key-check.js';
import { ApiKeyRegistry, selectApiKeyValue, type ApiKeyValues, type RegisteredApiKey } from './limits/api-keys.js';
import { isPromise, type CounterStore } from './limits/counter-store.js';
import { limitResponse, type LimitRefusal } from './limits/limits-errors.js';
import { createCounterStore, type GatewayCounterStore } from './limits/create-counter-store.js';
import { Throttle } from './limits/throttle.js';
import { LocalAws } from './aws/local-aws.js';
import { diffModels } from './model-diff.js';

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

/** Options of {@link Gateway.reload}. */
export interface ReloadOptions {
  /**
   * Keys (`<stack>/<logicalId>`) of functions whose code changed although their definition did not:
   * an entry source file, or a module it imports, was edited. Their warm instances are retired.
   * Functions whose definition changed are retired without being named here.
   * @default - none
   */
  readonly changedFunctions?: readonly string[];
}

/** What a reload changed. Routes are named `<api name> <route key>`, stages `<api name>/<stage>`. */
export interface ReloadSummary {
  /** Functions whose warm instances were retired: their next invocation starts cold, on the new code. */
  readonly retiredFunctions: readonly string[];
  readonly routesAdded: readonly string[];
  readonly routesRemoved: readonly string[];
  readonly routesChanged: readonly string[];
  readonly stagesAdded: readonly string[];
  readonly stagesRemoved: readonly string[];
  /** Connections closed because their stage or API is gone (1001 "Going away", then `$disconnect`). */
  readonly closedConnections: number;
  /** Connections moved to the new version of their stage. */
  readonly keptConnections: number;
  /** The DynamoDB tables changed: the local store was started again for them. */
  readonly tablesRestarted: boolean;
  /** Roles whose policies changed: the credentials already issued for them carry the new statements. */
  readonly rolesChanged: readonly string[];
}

/** The shared context, with the members a reload replaces writable here (they stay read-only to the parts that share it). */
type ReloadedMember = 'model' | 'selectors' | 'runner' | 'throttle' | 'apiKeys';
type ReloadableContext = Omit<GatewayContext, ReloadedMember> & { -readonly [K in ReloadedMember]: GatewayContext[K] };

/** How long shutdown waits for `$disconnect` handlers before giving up on them. */
const SHUTDOWN_GRACE_MS = 30_000;

/** How long a close frame waits for the client's answer before the socket is cut (any close: ours or a protocol error's). */
const CLOSE_HANDSHAKE_TIMEOUT_MS = 5_000;

export class Gateway {
  /** Loads the template, starts the listener and returns the running gateway. */
  public static async start(input: TemplateInput, options: GatewayOptions = {}): Promise<Gateway> {
    tuneHeapForConnections();
    const resolved = resolveOptions(options);
    const model = loadGatewayModel(readTemplateSources(input, { ...resolved.parameters }), { region: resolved.region, account: resolved.account });
    const selectors = selectorsOf(model);
    const tls = resolved.tls ? loadTlsMaterial(resolved.stateDir, certificateNames(model, resolved.host)) : undefined;
    const credentials = new CredentialStore(model.environment);
    for (const external of resolved.credentials) credentials.register(external);
    const apiKeys = ApiKeyRegistry.create(model.usagePlans, resolved.apiKeys);
    for (const note of model.usagePlans.unreadable) resolved.warn(`[wsgate] usage plans: ${note}`);
    const { registry, bus, counters } = await connectCluster(resolved);
    const gateway = new Gateway(model, resolved, selectors, createInvoker({ mode: resolved.invocationMode }), { registry, bus, counters }, tls, credentials, apiKeys);
    await gateway.listen();
    return gateway;
  }

  public readonly metrics = new GatewayMetrics();
  private readonly ctx: ReloadableContext;
  private readonly listener: DualListener;
  private readonly wss: WebSocketServer;
  /** What the gateway adds to each function's environment, by function key; filled once listening. */
  private readonly functionEnvironments = new Map<string, Readonly<Record<string, string>>>();
  private uninstallNetwork?: () => void;
  /** The DynamoDB tables and the endpoint for other AWS services that handlers reach; started in listen(). */
  private localAws?: LocalAws;
  private endpointMap: EndpointMap;
  /** The last reload, which the next one waits for (reloads run one at a time). */
  private reloading: Promise<unknown> = Promise.resolve();
  private readonly pendingWork = new Set<Promise<unknown>>();
  /** Connection records and the other nodes (in memory, or on Redis in cluster mode), and the limits' counters. */
  private readonly registry: ConnectionRegistry;
  private readonly bus: NodeBus;
  private readonly counters: GatewayCounterStore;
  private stopping = false;
  private address?: { host: string; port: number };

  private constructor(
    model: GatewayModel,
    private readonly options: ResolvedGatewayOptions,
    selectors: Map<string, RouteKeySelector>,
    private readonly invoker: Invoker,
    shared: { registry: ConnectionRegistry; bus: NodeBus; counters: GatewayCounterStore },
    private readonly tls: TlsMaterial | undefined,
    private readonly credentials: CredentialStore,
    private apiKeyRegistry: ApiKeyRegistry,
  ) {
    ({ registry: this.registry, bus: this.bus, counters: this.counters } = shared);
    const { registry, bus } = shared;
    this.endpointMap = new EndpointMap(model.apis);
    const log = options.log;
    this.ctx = {
      model, options, selectors, registry, metrics: this.metrics,
      runner: new IntegrationRunner(model, invoker, (fn) => this.functionEnvironments.get(fn.key)),
      nodeId: bus.nodeId,
      bus,
      connections: new Map(),
      iam: new IamGuard(options.iam, new RequestAuthorizer({ environment: model.environment, credentials }), options.warn),
      ...limitsOf(model, options, apiKeyRegistry, this.counters),
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

  /** The model being served; {@link reload} replaces it. */
  public get model(): GatewayModel {
    return this.ctx.model;
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

  /** The template's API keys with their values for this run (generated ones included: `valueSource` 'generated'). */
  public apiKeys(): readonly RegisteredApiKey[] {
    return this.apiKeyRegistry.keys;
  }

  /** The number of open connections on this gateway. */
  public get connectionCount(): number {
    return this.ctx.connections.size;
  }

  /**
   * Serves a new version of the templates without dropping clients (hot reload): the model, the
   * routes, stages and limits built from it, and the functions' environments are replaced at once.
   * Connected clients stay connected and are moved to the same stage (same API id and stage name)
   * of the new version, so their next message is routed by its routes and answered by its code.
   * A client whose stage or API is gone is closed with 1001 "Going away", and `$disconnect` runs
   * (the API's `$disconnect` route of the new version when the API is still there, else the old
   * route, whose function runs only if the new version still has it).
   *
   * Warm instances of functions whose definition changed, that are gone, or that
   * `options.changedFunctions` names are retired (invocations in flight finish on them); the other
   * functions stay warm. When the DynamoDB tables changed, the local store is started again with
   * the new tables (in memory, their items are lost; with `persist`, unchanged tables keep them)
   * and every function is retired, as the store's address changed. Throttle and quota counters
   * start again when the APIs or usage plans changed; generated API key values are kept.
   *
   * Rejects when the new templates cannot be served (a ModelError) or their tables cannot be set
   * up; the running version then keeps serving. Reloads run one at a time, in call order.
   */
  public reload(input: TemplateInput, options: ReloadOptions = {}): Promise<ReloadSummary> {
    const run = this.reloading.then(() => this.swapIn(input, options));
    this.reloading = run.catch(() => undefined);
    return run;
  }

  private async swapIn(input: TemplateInput, options: ReloadOptions): Promise<ReloadSummary> {
    if (this.stopping) throw new Error('The gateway is stopping');
    const before = this.model;
    const model = loadGatewayModel(readTemplateSources(input, { ...this.options.parameters }), { region: this.options.region, account: this.options.account });
    const changes = diffModels(before, model);
    const selectors = selectorsOf(model);
    let limits: { registry: ApiKeyRegistry; throttle: Throttle; apiKeys: ApiKeyCheck } | undefined;
    if (changes.limitsChanged) {
      const registry = ApiKeyRegistry.create(model.usagePlans, keptApiKeyValues(this.apiKeyRegistry, model, this.options.apiKeys));
      limits = { registry, ...limitsOf(model, this.options, registry, this.counters) };
    }
    if (changes.tablesChanged) await this.restartLocalAws(before, model);
    if (this.stopping) throw new Error('The gateway is stopping');

    // From here on nothing waits: every request sees either the old version or the new one.
    this.ctx.model = model;
    this.ctx.selectors = selectors;
    this.ctx.runner = new IntegrationRunner(model, this.invoker, (fn) => this.functionEnvironments.get(fn.key));
    if (limits) {
      this.apiKeyRegistry = limits.registry;
      this.ctx.throttle = limits.throttle;
      this.ctx.apiKeys = limits.apiKeys;
    }
    this.endpointMap = new EndpointMap(model.apis);
    if (changes.changedRoles.length > 0) this.credentials.updateRoles(model.roles.values());
    this.setFunctionEnvironments();
    const moved = this.moveConnections(model);

    const retired = changes.tablesChanged
      ? new Set([...before.functions.keys(), ...model.functions.keys()])
      : new Set([...changes.changedFunctions, ...changes.removedFunctions, ...(options.changedFunctions ?? []).filter((key) => model.functions.has(key))]);
    await this.invoker.reset([...retired]);
    return {
      retiredFunctions: [...retired].filter((key) => model.functions.has(key)),
      routesAdded: changes.routesAdded,
      routesRemoved: changes.routesRemoved,
      routesChanged: changes.routesChanged,
      stagesAdded: changes.stagesAdded,
      stagesRemoved: changes.stagesRemoved,
      closedConnections: moved.closed,
      keptConnections: moved.kept,
      tablesRestarted: changes.tablesChanged,
      rolesChanged: changes.changedRoles,
    };
  }

  /** Moves every connection to its stage in the new model, and closes those whose stage is gone. */
  private moveConnections(model: GatewayModel): { kept: number; closed: number } {
    let kept = 0;
    let closed = 0;
    for (const conn of this.ctx.connections.values()) {
      if (this.moveConnection(conn, model)) kept++;
      else closed++;
    }
    return { kept, closed };
  }

  /** Moves one connection to its stage in `model`; closes it (false) when that stage is gone. */
  private moveConnection(conn: Connection, model: GatewayModel): boolean {
    const { api: old, stage: oldStage, path } = conn.endpoint;
    const api = model.apis.find((a) => a.apiId === old.apiId);
    const stage = api?.stages.get(oldStage.name);
    if (api && stage) {
      conn.repoint({ api, stage, path });
      return true;
    }
    // $disconnect runs with the API's routes of the new version when the API is still served.
    if (api) conn.repoint({ api, stage: oldStage, path });
    conn.close(CLOSE_CAUSES.stageRemoved);
    return false;
  }

  /**
   * Starts the local AWS surroundings for the new model's tables. Kept tables live in a directory
   * one store at a time, so with `persist` the old store stops first (and comes back if the new
   * one cannot start); in memory, the new one starts before the old one stops.
   */
  private async restartLocalAws(before: GatewayModel, model: GatewayModel): Promise<void> {
    const previous = this.localAws;
    const start = (m: GatewayModel) => LocalAws.start({ model: m, options: this.options, credentials: this.credentials });
    if (!this.options.dynamodb.persist) {
      this.localAws = await start(model);
      await previous?.close();
      return;
    }
    this.localAws = undefined;
    await previous?.close();
    try {
      this.localAws = await start(model);
    } catch (error) {
      // Back to the old tables; their store has a new address, which the functions must learn.
      this.localAws = await start(before).catch(() => undefined);
      this.setFunctionEnvironments();
      await this.invoker.reset();
      throw error;
    }
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
    // A reload under way may be starting a new local AWS store: it is closed below once started.
    await this.reloading;
    await this.invoker.close();
    await this.localAws?.close();
    this.uninstallNetwork?.();
    await this.bus.close();
    await this.counters.close();
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
    this.setFunctionEnvironments();
  }

  /** Sets what the gateway adds to each function's environment, for the model being served. */
  private setFunctionEnvironments(): void {
    const network = this.tls && this.address ? this.prepareHandlerNetwork(this.tls, this.address.port) : {};
    this.functionEnvironments.clear();
    for (const fn of this.model.functions.values()) {
      this.functionEnvironments.set(fn.key, { ...this.credentialVariables(fn), ...network, ...this.localAws?.variablesFor(fn) });
    }
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
      // After a reload, the new routes are in place before the previous ones go.
      const previous = this.uninstallNetwork;
      this.uninstallNetwork = installGatewayNetwork(network);
      previous?.();
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
    if (handleAdminRequest(this.ctx, this.endpointMap, req, res)) return;
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
    const throttled = await throttleRefusal(this.ctx.throttle.admitConnect(endpoint.api.apiId, endpoint.stage.name));
    if (throttled) {
      refuseConnect(this.ctx, unauthorized, requestId, authorizedAt, throttled.status, throttled.reason);
      return rejectHandshake(socket, throttled.status, limitResponse(throttled).body);
    }
    const handshake = { rawHeaders: req.rawHeaders, query: url.search.slice(1) };
    const auth = await authorizeConnect(this.ctx, {
      endpoint, facts: unauthorized, handshake, method: req.method ?? 'GET', rawUrl: req.url ?? '/', headers: req.headers, requestId, requestTimeEpoch: authorizedAt,
    });
    if (clientGone || socket.destroyed) return;
    if (!auth.ok) {
      refuseConnect(this.ctx, unauthorized, requestId, authorizedAt, auth.status, auth.reason);
      return rejectHandshake(socket, auth.status, auth.body);
    }
    const connectRoute = endpoint.api.routes.get('$connect');
    let keyIdentity: { apiKey: string; apiKeyId: string } | undefined;
    if (connectRoute) {
      const value = selectApiKeyValue(endpoint.api.apiKeySelectionExpression, req.headers, auth.usageIdentifierKey);
      let admission = this.ctx.apiKeys.check(endpoint.api.apiId, endpoint.stage.name, connectRoute, value);
      if (isPromise(admission)) admission = await admission;
      if (clientGone || socket.destroyed) return;
      if (admission.kind !== 'ok') {
        refuseConnect(this.ctx, unauthorized, requestId, authorizedAt, admission.status, admission.refusal.reason);
        return rejectHandshake(socket, admission.status, limitResponse(admission.refusal).body);
      }
      keyIdentity = admission.identity;
    }
    let identity = auth.identity ? callerIdentity(unauthorized.identity, auth.identity) : unauthorized.identity;
    if (keyIdentity) identity = { ...identity, apiKey: keyIdentity.apiKey, apiKeyId: keyIdentity.apiKeyId };
    const facts: ConnectionFacts = { ...unauthorized, identity, authorizer: auth.authorizer };
    // The $connect event's authorizer also says how long the authorizer took; later events do not.
    const connectFacts = auth.authorizer ? { ...facts, authorizer: { ...auth.authorizer, integrationLatency: auth.latencyMs ?? 0 } } : facts;
    const decision = await runConnect(this.ctx, endpoint, connectFacts, req);
    if (clientGone || socket.destroyed) return;
    if (!decision.accept) return rejectHandshake(socket, decision.status, decision.body);
    if (this.stopping) return rejectHandshake(socket, HANDSHAKE_ERRORS.SHUTTING_DOWN.status, HANDSHAKE_ERRORS.SHUTTING_DOWN.body);
    (req as IncomingMessage & { wsgateProtocol?: string }).wsgateProtocol = decision.protocol;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onOpen(ws, facts, endpoint, host));
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
    // A reload during the handshake: the connection belongs to the version now served.
    if (!this.model.apis.includes(endpoint.api)) this.moveConnection(conn, this.model);
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

let heapTuned = false;

/**
 * Turns off V8's allocation-site pretenuring for this process, once. With many open connections V8
 * comes to allocate the objects of each message (its event, the invocation's request and result)
 * in the old generation, as if they were long-lived; they die young anyway, and what they point to
 * is copied twice before a full collection frees it all (at 1000 connections: 1.7 MB promoted per
 * young collection, about 4 µs of a message's 25 µs CPU). It changes only where V8 allocates, and
 * applies to the whole process (a test process that starts a gateway included).
 */
function tuneHeapForConnections(): void {
  if (heapTuned) return;
  heapTuned = true;
  setFlagsFromString('--no-allocation-site-pretenuring');
}

/** The throttles and API key checks of a gateway, on one counter store. */
function limitsOf(model: GatewayModel, options: ResolvedGatewayOptions, registry: ApiKeyRegistry, store: CounterStore): { throttle: Throttle; apiKeys: ApiKeyCheck } {
  return {
    throttle: new Throttle(model, store, options.throttle),
    apiKeys: new ApiKeyCheck({ usagePlans: model.usagePlans, registry, store }),
  };
}

/** The refusal of a throttle verdict, or undefined when the request may go on. */
async function throttleRefusal(verdict: ReturnType<Throttle['admitConnect']>): Promise<LimitRefusal | undefined> {
  const v = isPromise(verdict) ? await verdict : verdict;
  return v.allowed ? undefined : v.refusal;
}

/** The compiled route selection expression of each API, by API id. */
function selectorsOf(model: GatewayModel): Map<string, RouteKeySelector> {
  const selectors = new Map<string, RouteKeySelector>();
  for (const api of model.apis) selectors.set(api.apiId, compileSelectionExpression(api.routeSelectionExpression));
  return selectors;
}

/**
 * The `apiKeys` option for a reload: the given values, and the values the gateway generated for
 * keys that the new version still has without a value of its own (so clients keep their key).
 */
function keptApiKeyValues(previous: ApiKeyRegistry, model: GatewayModel, given: ApiKeyValues): ApiKeyValues {
  const kept: Record<string, string> = {};
  for (const key of previous.generated()) {
    const now = model.usagePlans.apiKeys.get(key.model.key);
    if (now && now.value === undefined) kept[key.model.key] = key.value;
  }
  return { ...kept, ...given };
}

/** The registry and node bus: in memory for one node, on Redis in cluster mode. */
async function connectCluster(options: ResolvedGatewayOptions): Promise<{ registry: ConnectionRegistry; bus: NodeBus; counters: GatewayCounterStore }> {
  const nodeId = options.nodeId ?? `node-${newId().slice(0, 15)}`;
  if (!options.redis) return { registry: new MemoryRegistry(), bus: MemoryNodeBus.single(nodeId), counters: await createCounterStore({}) };
  const { keyPrefix, heartbeatIntervalMs, recordTtlMs } = options.cluster;
  const registry = await RedisRegistry.connect({ url: options.redis, nodeId, keyPrefix, heartbeatIntervalMs, recordTtlMs, log: options.warn });
  try {
    const bus = await RedisNodeBus.connect({ url: options.redis, nodeId, keyPrefix });
    try {
      const counters = await createCounterStore({ redis: options.redis, keyPrefix, nodeId, log: options.warn });
      return { registry, bus, counters };
    } catch (error) {
      await bus.close();
      throw error;
    }
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
