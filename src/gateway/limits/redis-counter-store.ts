/**
 * The counters of a cluster, in Redis: every node takes from the same token buckets and counts in
 * the same quota windows, so a stage's route throttle or an API key's quota holds across nodes.
 *
 * Each check is one Lua script, so it is atomic and costs one round trip (scripts go as EVALSHA,
 * with ioredis resending the source when Redis does not know it, e.g. after a restart; checks made
 * in the same tick share one write through ioredis' auto-pipelining). The script computes exactly
 * what MemoryCounterStore computes, from the caller's clock (`now`): a node whose clock is behind
 * makes up no tokens (a bucket never goes back in time), so skew between nodes only delays refills.
 *
 * Keys (under the cluster's prefix, `wsgate:` by default):
 *
 * | key                      | type | content                                            | expiry                                       |
 * | ------------------------ | ---- | -------------------------------------------------- | -------------------------------------------- |
 * | `{p}limits:b:{key}`      | hash | `l`: level (thousandths of a token), `a`: its time | when the bucket would be full again, + 60 s  |
 * | `{p}limits:q:{key}`      | hash | `s`, `e`: the window, `u`: requests counted         | the window's length after it started, + 60 s |
 *
 * An expired bucket is a full one and an expired window an ended one, so expiry changes no answer;
 * it only keeps Redis from holding counters nobody uses. A bucket with a rate of 0 never refills
 * and never expires; one so slow that it takes more than a year to refill is kept for a year.
 *
 * When Redis cannot answer (down, restarting, partitioned, or slower than `commandTimeoutMs`), the
 * store fails open onto counters of its own node: a check waits at most the command timeout (no
 * wait at all once the client knows Redis is away), then counts in a MemoryCounterStore. The
 * gateway keeps serving and every limit still holds per node, so a cluster of N nodes admits at
 * most N times a limit during an outage. Those node-local counts are dropped when Redis answers
 * again, and the shared counters go on from where Redis had them. Refusing every request while
 * Redis is away (fail-closed) would turn a Redis blip into an outage of the whole API, and
 * allowing everything would leave the gateway unprotected; counting locally is neither.
 */
import type { Redis } from 'ioredis';
import {
  closeClient, connectClient, createRedisClient, redactUrl, resolveRedisConnection,
  type RedisConnectionOptions,
} from '../../registry/redis-client.js';
import type { CounterStore, QuotaResult, TakeResult } from './counter-store.js';
import { MemoryCounterStore } from './memory-counter-store.js';

export interface RedisCounterStoreOptions extends RedisConnectionOptions {
  /** The node the store runs on; names its Redis connection (`CLIENT LIST`). @default 'node' */
  readonly nodeId?: string;
  /**
   * The longest a check waits for Redis before it counts on this node instead.
   * @default 500
   */
  readonly commandTimeoutMs?: number;
  /**
   * Reports losing Redis and getting it back (once per outage each).
   * @default console.warn
   */
  readonly log?: (message: string) => void;
}

/** How long past the moment it stops mattering a counter is kept (room for clock skew between nodes and Redis). */
const EXPIRY_GRACE_MS = 60_000;
const DEFAULT_COMMAND_TIMEOUT_MS = 500;
/** The longest expiry the scripts set (a year): a bucket that refills slower than that is kept that long after its last use. */
const MAX_TTL_LUA = `local MAX_TTL = ${365 * 86_400_000}`;

/**
 * Token bucket, as MemoryCounterStore.take. Numbers are stored with 17 significant digits, so a
 * level read back is the double that was written.
 * KEYS: the bucket. ARGV: rate per second, burst, now (epoch ms), cost, grace ms.
 * Returns {allowed (0/1), retryAfterMs (-1: never)}.
 */
const TAKE = `${MAX_TTL_LUA}
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2]) * 1000
local now = tonumber(ARGV[3])
local need = tonumber(ARGV[4]) * 1000
local state = redis.call('HMGET', KEYS[1], 'l', 'a')
local level, at
if state[1] then
  level = tonumber(state[1])
  at = tonumber(state[2])
  if now > at then
    level = math.min(capacity, level + (now - at) * rate)
    at = now
  elseif level > capacity then
    level = capacity
  end
else
  level = capacity
  at = now
end
local allowed, retry = 0, 0
if level >= need then
  level = level - need
  allowed = 1
elseif need > capacity or rate <= 0 then
  retry = -1
else
  retry = math.ceil((need - level) / rate)
end
redis.call('HSET', KEYS[1], 'l', string.format('%.17g', level), 'a', string.format('%.17g', at))
if rate > 0 then
  local full = math.ceil((capacity - level) / rate)
  if full ~= full then full = 0 end
  redis.call('PEXPIRE', KEYS[1], string.format('%d', math.min(full, MAX_TTL) + tonumber(ARGV[5])))
else
  redis.call('PERSIST', KEYS[1])
end
return {allowed, retry}`;

/**
 * Fixed window, as MemoryCounterStore.consume: a window that has ended starts again from zero, a
 * late request for an ended window counts in the current one.
 * KEYS: the window. ARGV: limit, window start, window end, grace ms.
 * Returns {allowed (0/1), used}.
 */
const CONSUME = `${MAX_TTL_LUA}
local limit = tonumber(ARGV[1])
local s = tonumber(ARGV[2])
local e = tonumber(ARGV[3])
local w = redis.call('HMGET', KEYS[1], 'e', 'u')
local used
if w[1] == false or s >= tonumber(w[1]) then
  used = 0
  redis.call('HSET', KEYS[1], 's', ARGV[2], 'e', ARGV[3], 'u', 0)
  redis.call('PEXPIRE', KEYS[1], string.format('%d', math.min(math.max(e - s, 0), MAX_TTL) + tonumber(ARGV[4])))
else
  used = tonumber(w[2])
end
if used >= limit then return {0, used} end
redis.call('HINCRBY', KEYS[1], 'u', 1)
return {1, used + 1}`;

/** The client with the two scripts defined on it. */
interface CounterClient extends Redis {
  wsgateTake(key: string, rate: string, burst: string, now: number, cost: string, graceMs: number): Promise<[number, number]>;
  wsgateConsume(key: string, limit: string, startMs: number, endMs: number, graceMs: number): Promise<[number, number]>;
}

const ALLOWED: TakeResult = Object.freeze({ allowed: true, retryAfterMs: 0 });
const NEVER: TakeResult = Object.freeze({ allowed: false, retryAfterMs: Number.POSITIVE_INFINITY });

/** Token buckets and quota windows shared by the nodes of a cluster, in Redis. */
export class RedisCounterStore implements CounterStore {
  private readonly bucketPrefix: string;
  private readonly windowPrefix: string;
  private readonly log: (message: string) => void;
  private local = new MemoryCounterStore();
  private redisLost = false;
  private closed = false;

  private constructor(private readonly client: CounterClient, keyPrefix: string, private readonly url: string, options: RedisCounterStoreOptions) {
    this.bucketPrefix = `${keyPrefix}limits:b:`;
    this.windowPrefix = `${keyPrefix}limits:q:`;
    this.log = options.log ?? ((m) => console.warn(m));
    client.on('close', () => this.lost('the connection closed'));
    client.on('ready', () => this.recovered());
  }

  /** Connects to Redis; rejects when it does not answer within `connectTimeoutMs`. */
  public static async connect(options: RedisCounterStoreOptions): Promise<RedisCounterStore> {
    const connection = resolveRedisConnection({ ...options, commandTimeoutMs: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS });
    const client = createRedisClient(
      { ...connection, redisOptions: { ...connection.redisOptions, enableAutoPipelining: true } },
      `counters-${options.nodeId ?? 'node'}`,
    ) as CounterClient;
    client.defineCommand('wsgateTake', { numberOfKeys: 1, lua: TAKE });
    client.defineCommand('wsgateConsume', { numberOfKeys: 1, lua: CONSUME });
    await connectClient(client, connection);
    return new RedisCounterStore(client, connection.keyPrefix, connection.url, options);
  }

  /** True while the counters are shared (Redis answers); false while this node counts alone. */
  public get shared(): boolean {
    return !this.closed && this.client.status === 'ready';
  }

  public take(key: string, ratePerSecond: number, burst: number, now: number, cost = 1): TakeResult | Promise<TakeResult> {
    if (!this.shared) return this.local.take(key, ratePerSecond, burst, now, cost);
    return this.client.wsgateTake(this.bucketPrefix + key, String(ratePerSecond), String(burst), now, String(cost), EXPIRY_GRACE_MS).then(
      ([allowed, retry]) => (allowed === 1 ? ALLOWED : retry < 0 ? NEVER : { allowed: false, retryAfterMs: retry }),
      (error: unknown) => {
        this.lost(error);
        return this.local.take(key, ratePerSecond, burst, now, cost);
      },
    );
  }

  public consume(key: string, limit: number, windowStartMs: number, windowEndMs: number): QuotaResult | Promise<QuotaResult> {
    if (!this.shared) return this.local.consume(key, limit, windowStartMs, windowEndMs);
    return this.client.wsgateConsume(this.windowPrefix + key, String(limit), windowStartMs, windowEndMs, EXPIRY_GRACE_MS).then(
      ([allowed, used]) => ({ allowed: allowed === 1, used, remaining: allowed === 1 ? limit - used : 0 }),
      (error: unknown) => {
        this.lost(error);
        return this.local.consume(key, limit, windowStartMs, windowEndMs);
      },
    );
  }

  /** Closes the connection; later checks count on this node. */
  public async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await closeClient(this.client);
  }

  private lost(error: unknown): void {
    if (this.closed || this.redisLost) return;
    this.redisLost = true;
    const why = error instanceof Error ? error.message : String(error);
    this.log(`wsgate: the counters lost Redis at ${redactUrl(this.url)} (${why}); throttles and quotas count on this node alone until it answers`);
  }

  private recovered(): void {
    if (!this.redisLost || this.closed) return;
    this.redisLost = false;
    this.local = new MemoryCounterStore();
    this.log('wsgate: the counters reach Redis again; throttles and quotas are shared by the cluster again');
  }
}
