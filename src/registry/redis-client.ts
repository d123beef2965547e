/**
 * Redis clients for the cluster, set to fail fast: no offline queue (a command while Redis is away
 * rejects at once), no retry of a command whose connection dropped, a timeout on every command
 * and on a socket that stops answering, and reconnection forever with a short back-off. The
 * owner of a client decides what a failure means (serve from its own copy, or answer 5xx).
 */
import { Redis, type RedisOptions } from 'ioredis';
import { DEFAULT_KEY_PREFIX } from './redis-keys.js';

/** How to reach Redis. */
export interface RedisConnectionOptions {
  /** `redis://[[user]:password@]host[:port][/db]` (or `rediss://` for TLS). */
  readonly url: string;
  /**
   * The prefix of every key and channel.
   * @default 'wsgate:'
   */
  readonly keyPrefix?: string;
  /**
   * How long a command may wait for Redis's answer before it fails (and the socket is dropped and reconnected).
   * @default 1000
   */
  readonly commandTimeoutMs?: number;
  /**
   * How long the first connection may take before `connect` gives up.
   * @default 2000
   */
  readonly connectTimeoutMs?: number;
  /**
   * The longest wait between two reconnection attempts (the back-off grows by 100 ms per attempt up to this).
   * @default 1000
   */
  readonly reconnectMaxDelayMs?: number;
  /** Further ioredis options (TLS, Sentinel, ...); the fail-fast options above take precedence. */
  readonly redisOptions?: RedisOptions;
}

/** The options with their defaults. */
export interface ResolvedRedisConnection {
  readonly url: string;
  readonly keyPrefix: string;
  readonly commandTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly reconnectMaxDelayMs: number;
  readonly redisOptions: RedisOptions;
}

export function resolveRedisConnection(options: RedisConnectionOptions): ResolvedRedisConnection {
  return {
    url: options.url,
    keyPrefix: options.keyPrefix ?? DEFAULT_KEY_PREFIX,
    commandTimeoutMs: options.commandTimeoutMs ?? 1000,
    connectTimeoutMs: options.connectTimeoutMs ?? 2000,
    reconnectMaxDelayMs: options.reconnectMaxDelayMs ?? 1000,
    redisOptions: options.redisOptions ?? {},
  };
}

/** A fail-fast client, not connected yet: call {@link connectClient}. `role` names it in `CLIENT LIST`. */
export function createRedisClient(options: ResolvedRedisConnection, role: string): Redis {
  const client = new Redis(options.url, {
    ...options.redisOptions,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: options.commandTimeoutMs,
    socketTimeout: options.commandTimeoutMs,
    connectTimeout: options.connectTimeoutMs,
    retryStrategy: (attempt: number) => Math.min(attempt * 100, options.reconnectMaxDelayMs),
    connectionName: `wsgate-${role}`,
  });
  // Failures surface through the commands that fail and the 'close'/'ready' events; an 'error'
  // listener keeps ioredis from reporting each reconnection attempt as unhandled.
  client.on('error', () => undefined);
  return client;
}

/**
 * Connects a client made by {@link createRedisClient} and waits until it is ready, at most
 * `connectTimeoutMs`. On failure the client is disconnected and the error thrown.
 */
export async function connectClient(client: Redis, options: ResolvedRedisConnection): Promise<void> {
  client.connect().catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  let onReady: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      onReady = resolve;
      client.once('ready', onReady);
      timer = setTimeout(() => reject(new Error(`Redis at ${redactUrl(options.url)} did not answer within ${options.connectTimeoutMs} ms`)), options.connectTimeoutMs);
    });
  } catch (error) {
    client.disconnect();
    throw error;
  } finally {
    clearTimeout(timer);
    if (onReady) client.removeListener('ready', onReady);
  }
}

/** Closes a client: politely when it is connected (QUIT, bounded by the command timeout), at once otherwise. */
export async function closeClient(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    try {
      await client.quit();
      return;
    } catch {
      // Fall through: the connection is dropped below.
    }
  }
  client.disconnect();
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
