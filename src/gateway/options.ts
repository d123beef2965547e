/**
 * The gateway's options and limits, with their defaults in one place. Limits default to API
 * Gateway's quotas (aws-websocket-behaviour.md §8); every one can be changed.
 */
import { resolve } from 'node:path';
import type { ExternalCredentials } from './auth/credential-store.js';
import { IAM_MODES, type IamMode } from './auth/iam-guard.js';
import type { ApiKeyValues } from './limits/api-keys.js';
import { resolveThrottleOptions, type ThrottleOptions } from './limits/throttle.js';

/** Per-connection and per-message limits. */
export interface GatewayLimits {
  /** Largest message (after reassembling fragments), in bytes; over it the connection closes with 1009. @default 131072 (128 KB) */
  readonly maxMessageBytes: number;
  /** Largest single frame, in bytes; over it the connection closes with 1009. @default 32768 (32 KB) */
  readonly maxFrameBytes: number;
  /** A connection with no message in either direction for this long is closed (1001). @default 600000 (10 minutes) */
  readonly idleTimeoutMs: number;
  /** A connection is closed (1001) after this long, however active. @default 7200000 (2 hours) */
  readonly maxConnectionDurationMs: number;
  /** Bytes queued to a slow client before the gateway stops sending and closes it (1008). @default 4194304 (4 MB) */
  readonly maxBufferedBytes: number;
  /** Integration timeout when the template sets none. @default 29000 */
  readonly defaultIntegrationTimeoutMs: number;
}

export interface GatewayOptions {
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Region the templates are evaluated in. @default 'us-east-1' */
  readonly region?: string;
  /** Account the templates are evaluated in. @default '123456789012' */
  readonly account?: string;
  /** Run handlers in child processes (isolated) or in the gateway's process. @default 'isolated' */
  readonly invocationMode?: 'isolated' | 'in-process';
  /** Values of template parameters. @default - their defaults */
  readonly parameters?: Readonly<Record<string, string>>;
  /** @default - API Gateway's quotas */
  readonly limits?: Partial<GatewayLimits>;
  /** Where per-request log lines go; `false` for none. @default - stdout, one JSON line per request */
  readonly log?: ((line: RequestLogLine) => void) | false;
  /**
   * Called after every integration call (`$connect`, messages, `$disconnect`) with the event the
   * handler was given, what it answered and what it wrote: for test helpers and tools. @default - none
   */
  readonly onInvocation?: (record: InvocationRecord) => void;
  /**
   * Serve TLS (`wss://`, `https://`) on the same port as plain WebSocket and HTTP, with a server
   * certificate from the project CA, which handlers trust. @default true
   */
  readonly tls?: boolean;
  /** Where the gateway keeps what outlives a run (the project CA, DynamoDB tables when kept). @default '<cwd>/.wsgate' */
  readonly stateDir?: string;
  /**
   * How the management API checks callers: `enforce` refuses what AWS would refuse (SigV4 and the
   * caller's IAM policies), `warn` allows it and logs the grant AWS would require, `off` checks
   * nothing. Functions always get credentials for their execution role. @default 'enforce'
   */
  readonly iam?: IamMode;
  /** Credentials of callers outside the template (a backend service, a script), with what they may do. @default - none */
  readonly credentials?: readonly ExternalCredentials[];
  /** Where warnings go (warn-mode IAM refusals, …). @default - a line on stderr */
  readonly warn?: (message: string) => void;
  /**
   * The local DynamoDB store of the template's tables: `persist` keeps the tables and their items
   * in `<stateDir>/dynamodb` from one run to the next. @default - in memory, empty at each start
   */
  readonly dynamodb?: { readonly persist?: boolean };
  /**
   * Cluster mode: the URL of the Redis that the gateway nodes serving one API share
   * (`redis://[[user]:password@]host[:port][/db]`). Connections are registered there, and a
   * management call reaches the node holding the connection. @default - one node, in memory
   */
  readonly redis?: string;
  /** This node's id in the cluster. @default - `node-` and a random id */
  readonly nodeId?: string;
  /** Timings of cluster mode. @default - see ClusterOptions */
  readonly cluster?: Partial<ClusterOptions>;
  /**
   * Values of the template's API keys that set no `Value` (AWS generates those), by
   * `<stack>/<logicalId>`, logical ID or name. A key with neither gets a random 40-character
   * value for the run (`gateway.apiKeys()`, and the `wsgate serve` banner, list it). @default - none
   */
  readonly apiKeys?: ApiKeyValues;
  /** Gateway-wide throttles (stage, route and usage plan throttles come from the template). @default - API Gateway's account quotas, see ThrottleOptions */
  readonly throttle?: Partial<ThrottleOptions>;
}

/** How the nodes of a cluster keep in touch (only with `redis`). */
export interface ClusterOptions {
  /** Prefix of every Redis key and channel, so several clusters can share a Redis. @default 'wsgate:' */
  readonly keyPrefix: string;
  /** How often a node refreshes its heartbeat and its connections' TTL. @default 5000 */
  readonly heartbeatIntervalMs: number;
  /** A dead node's connections leave the registry this long after its last heartbeat. @default 15000 */
  readonly recordTtlMs: number;
  /** How long a management call waits for the node holding the connection; then 504. @default 5000 */
  readonly crossNodeTimeoutMs: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  keyPrefix: 'wsgate:',
  heartbeatIntervalMs: 5000,
  recordTtlMs: 15_000,
  crossNodeTimeoutMs: 5000,
};

/** One integration call, as {@link GatewayOptions.onInvocation} reports it. */
export interface InvocationRecord {
  readonly requestId: string;
  readonly connectionId: string;
  readonly apiId: string;
  readonly stage: string;
  readonly eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
  readonly routeKey: string;
  /** The event the integration was given. */
  readonly event: Readonly<Record<string, unknown>>;
  /** What came of it: the handler's value, its error, or a timeout. */
  readonly outcome: { readonly kind: 'answer'; readonly value: unknown } | { readonly kind: 'error'; readonly message: string } | { readonly kind: 'timeout' };
  /** The handler's output lines during the call. */
  readonly logs: readonly { readonly stream: 'stdout' | 'stderr'; readonly text: string; readonly at: number }[];
  /** Epoch milliseconds when the call started, and how long it took. */
  readonly startedAt: number;
  readonly latencyMs: number;
}

/** One structured log line per request. */
export interface RequestLogLine {
  readonly time: string;
  readonly requestId: string;
  readonly connectionId: string;
  readonly apiId: string;
  readonly stage: string;
  readonly eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
  readonly routeKey: string;
  readonly status: number;
  readonly latencyMs: number;
  readonly error?: string;
  readonly handlerLogs?: readonly string[];
}

export const DEFAULT_LIMITS: GatewayLimits = {
  maxMessageBytes: 128 * 1024,
  maxFrameBytes: 32 * 1024,
  idleTimeoutMs: 10 * 60 * 1000,
  maxConnectionDurationMs: 2 * 60 * 60 * 1000,
  maxBufferedBytes: 4 * 1024 * 1024,
  defaultIntegrationTimeoutMs: 29_000,
};

/** The options with every default applied. */
export interface ResolvedGatewayOptions {
  readonly port: number;
  readonly host: string;
  readonly region: string;
  readonly account: string;
  readonly invocationMode: 'isolated' | 'in-process';
  readonly parameters: Readonly<Record<string, string>>;
  readonly limits: GatewayLimits;
  readonly log: ((line: RequestLogLine) => void) | false;
  readonly onInvocation?: (record: InvocationRecord) => void;
  readonly tls: boolean;
  readonly stateDir: string;
  readonly iam: IamMode;
  readonly credentials: readonly ExternalCredentials[];
  readonly warn: (message: string) => void;
  readonly dynamodb: { readonly persist: boolean };
  readonly redis?: string;
  readonly nodeId?: string;
  readonly cluster: ClusterOptions;
  readonly apiKeys: ApiKeyValues;
  readonly throttle: ThrottleOptions;
}

export function resolveOptions(options: GatewayOptions = {}): ResolvedGatewayOptions {
  const limits = { ...DEFAULT_LIMITS, ...stripUndefined(options.limits ?? {}) };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`Gateway limit ${name} must be a positive number, got ${String(value)}`);
  }
  if (limits.maxFrameBytes > limits.maxMessageBytes) {
    throw new RangeError(`Gateway limit maxFrameBytes (${limits.maxFrameBytes}) cannot exceed maxMessageBytes (${limits.maxMessageBytes})`);
  }
  if (options.iam !== undefined && !IAM_MODES.includes(options.iam)) throw new RangeError(`Gateway option iam must be one of ${IAM_MODES.join(', ')}, got ${String(options.iam)}`);
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    region: options.region ?? 'us-east-1',
    account: options.account ?? '123456789012',
    invocationMode: options.invocationMode ?? 'isolated',
    parameters: options.parameters ?? {},
    limits,
    log: options.log === undefined ? (line) => process.stdout.write(`${JSON.stringify(line)}\n`) : options.log,
    onInvocation: options.onInvocation,
    tls: options.tls ?? true,
    stateDir: resolve(options.stateDir ?? '.wsgate'),
    iam: options.iam ?? 'enforce',
    credentials: options.credentials ?? [],
    warn: options.warn ?? ((message) => process.stderr.write(`${message}\n`)),
    redis: options.redis,
    nodeId: options.nodeId,
    cluster: { ...DEFAULT_CLUSTER_OPTIONS, ...stripUndefined(options.cluster ?? {}) },
    apiKeys: options.apiKeys ?? {},
    throttle: resolveThrottleOptions(stripUndefined(options.throttle ?? {})),
    dynamodb: { persist: options.dynamodb?.persist ?? false },
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
