/**
 * The connection registry of a cluster, in Redis (key layout: redis-keys.ts).
 *
 * Each record has a TTL (15 s by default) that its node's heartbeat (every 5 s) refreshes, with
 * the node's own heartbeat key: when a node dies, its records and its heartbeat expire within one
 * TTL of its last beat, and nobody has to clean up after it. A beat that finds one of its records
 * missing (Redis restarted or lost data) writes it again.
 *
 * The registry keeps its own copy of the records it added (the connections its node holds). That
 * copy answers `get` for them, takes `touch` at memory speed (the new lastActiveAt values reach
 * Redis in one batched script per flush interval, 1 s by default), and survives Redis: while Redis
 * is away, `add`, `touch` and `remove` keep working on the copy and never reject, queries about
 * other nodes' connections fail at once with `REGISTRY_UNAVAILABLE`, and once Redis answers again
 * every record of the copy is written again (`reregister`, run on each reconnection) and the
 * removals Redis missed are applied.
 */
import type { Redis } from 'ioredis';
import { CLUSTER_ERRORS, ClusterError } from './cluster-errors.js';
import {
  closeClient, connectClient, createRedisClient, resolveRedisConnection,
  type RedisConnectionOptions, type ResolvedRedisConnection,
} from './redis-client.js';
import { RedisKeys } from './redis-keys.js';
import { RedisLiveness, type ReapedNode } from './redis-liveness.js';
import { DELETE_RECORD, REFRESH, TOUCH, WRITE_RECORD } from './redis-scripts.js';
import type { ConnectionRecord, ConnectionRegistry } from './registry.js';

export interface RedisRegistryOptions extends RedisConnectionOptions {
  /** The node this registry belongs to: the owner of its heartbeat key and of the records it adds. */
  readonly nodeId: string;
  /**
   * How often the heartbeat refreshes the node's key and its records' TTL.
   * @default 5000
   */
  readonly heartbeatIntervalMs?: number;
  /**
   * The TTL of the heartbeat key and of each record: a dead node's connections leave the
   * registry at most this long after its last beat. More than the heartbeat interval.
   * @default 15000
   */
  readonly recordTtlMs?: number;
  /**
   * How often the lastActiveAt values `touch` gathered are written to Redis.
   * @default 1000
   */
  readonly touchFlushIntervalMs?: number;
  /**
   * Reports losing Redis and getting it back (once per outage each).
   * @default console.warn
   */
  readonly log?: (message: string) => void;
}

const DEFAULT_HEARTBEAT_INTERVAL_MS = 5000;
const DEFAULT_RECORD_TTL_MS = 15_000;
const DEFAULT_TOUCH_FLUSH_INTERVAL_MS = 1000;

/** Records per pipeline, keys per script call: bounds the size of one Redis round trip. */
const RECORDS_PER_PIPELINE = 500;
const KEYS_PER_SCRIPT = 1000;

type HeldRecord = { -readonly [K in keyof ConnectionRecord]: ConnectionRecord[K] };

export class RedisRegistry implements ConnectionRegistry {
  public readonly nodeId: string;
  private readonly keys: RedisKeys;
  private readonly liveness: RedisLiveness;
  private readonly recordTtlMs: number;
  private readonly log: (message: string) => void;
  private readonly startedAt = Date.now();
  /** The records this registry added and has not removed: the connections its node holds. */
  private readonly held = new Map<string, HeldRecord>();
  /** lastActiveAt values not yet written to Redis. */
  private readonly pendingTouches = new Map<string, number>();
  /** Removals Redis has not confirmed (connectionId → nodeId). */
  private readonly pendingRemovals = new Map<string, string>();
  private readonly timers: NodeJS.Timeout[] = [];
  private maintenance: Promise<unknown> = Promise.resolve();
  private beatQueued = false;
  private redisLost = false;
  private closed = false;

  private constructor(private readonly client: Redis, connection: ResolvedRedisConnection, options: RedisRegistryOptions) {
    this.nodeId = options.nodeId;
    this.keys = new RedisKeys(connection.keyPrefix);
    this.liveness = new RedisLiveness(client, this.keys);
    this.recordTtlMs = options.recordTtlMs ?? DEFAULT_RECORD_TTL_MS;
    this.log = options.log ?? ((m) => console.warn(m));
    this.timers.push(
      setInterval(() => this.scheduleBeat(), options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS),
      setInterval(() => void this.flushTouches(), options.touchFlushIntervalMs ?? DEFAULT_TOUCH_FLUSH_INTERVAL_MS),
    );
    for (const t of this.timers) t.unref();
    client.on('close', () => this.lost('the connection closed'));
    client.on('ready', () => void this.serial(() => this.reregister()).catch((e: unknown) => this.lost(e)));
  }

  /**
   * Connects to Redis and marks the node alive. Rejects with `REGISTRY_UNAVAILABLE` when Redis
   * does not answer within `connectTimeoutMs`.
   */
  public static async connect(options: RedisRegistryOptions): Promise<RedisRegistry> {
    const heartbeatMs = options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
    const ttlMs = options.recordTtlMs ?? DEFAULT_RECORD_TTL_MS;
    if (!(ttlMs > heartbeatMs)) throw new RangeError(`recordTtlMs (${ttlMs}) must be more than heartbeatIntervalMs (${heartbeatMs})`);
    const connection = resolveRedisConnection(options);
    const client = createRedisClient(connection, `registry-${options.nodeId}`);
    try {
      await connectClient(client, connection);
    } catch (error) {
      throw unavailable(error);
    }
    const registry = new RedisRegistry(client, connection, options);
    await registry.serial(() => registry.markAlive()).catch(async (error: unknown) => {
      await registry.close();
      throw unavailable(error);
    });
    return registry;
  }

  /** True while the connection to Redis is up. */
  public get available(): boolean {
    return this.client.status === 'ready';
  }

  public async add(record: ConnectionRecord): Promise<void> {
    if (this.closed) throw closedError();
    const held = JSON.parse(JSON.stringify(record)) as HeldRecord;
    this.held.set(held.connectionId, held);
    this.pendingRemovals.delete(held.connectionId);
    try {
      await this.writeRecords([held]);
    } catch (error) {
      this.lost(error); // Written again by reregister once Redis answers.
    }
  }

  public async get(connectionId: string): Promise<ConnectionRecord | undefined> {
    const held = this.held.get(connectionId);
    if (held) return { ...held };
    this.ensureOpen();
    try {
      const [json, lastActiveAt] = await this.client.hmget(this.keys.connection(connectionId), 'r', 'a');
      return json === null ? undefined : parseRecord(json, lastActiveAt);
    } catch (error) {
      throw unavailable(error);
    }
  }

  public async touch(connectionId: string, at: number): Promise<void> {
    const held = this.held.get(connectionId);
    if (held) {
      if (at <= held.lastActiveAt) return;
      held.lastActiveAt = at;
    }
    const queued = this.pendingTouches.get(connectionId);
    if (queued === undefined || at > queued) this.pendingTouches.set(connectionId, at);
  }

  public async remove(connectionId: string): Promise<boolean> {
    const held = this.held.get(connectionId);
    this.pendingTouches.delete(connectionId);
    if (held) {
      this.held.delete(connectionId);
      try {
        await this.deleteRecords([[connectionId, held.nodeId]]);
      } catch (error) {
        this.pendingRemovals.set(connectionId, held.nodeId);
        this.lost(error);
      }
      return true;
    }
    if (this.closed) return false;
    try {
      const nodeId = await this.client.hget(this.keys.connection(connectionId), 'n');
      if (nodeId === null) return false;
      return (await this.deleteRecords([[connectionId, nodeId]])) > 0;
    } catch (error) {
      throw unavailable(error);
    }
  }

  public async listByNode(nodeId: string): Promise<ConnectionRecord[]> {
    this.ensureOpen();
    const found = new Map<string, ConnectionRecord>();
    try {
      const ids = await this.client.smembers(this.keys.nodeConnections(nodeId));
      const pipeline = this.client.pipeline();
      for (const id of ids) pipeline.hmget(this.keys.connection(id), 'r', 'a');
      const replies = ids.length > 0 ? await exec<[string | null, string | null]>(pipeline) : [];
      ids.forEach((id, i) => {
        const [json, lastActiveAt] = replies[i] ?? [null, null];
        if (json !== null) found.set(id, parseRecord(json, lastActiveAt));
      });
    } catch (error) {
      throw unavailable(error);
    }
    // The held copy is fresher (touches not flushed yet) and complete (records not written yet).
    for (const held of this.held.values()) if (held.nodeId === nodeId) found.set(held.connectionId, { ...held });
    return [...found.values()];
  }

  /** The connections in the registry: those of every node whose records have not expired yet. */
  public async count(): Promise<number> {
    this.ensureOpen();
    try {
      const nodes = await this.client.smembers(this.keys.nodes());
      if (nodes.length === 0) return 0;
      const pipeline = this.client.pipeline();
      for (const nodeId of nodes) pipeline.scard(this.keys.nodeConnections(nodeId));
      return (await exec<number>(pipeline)).reduce((sum, n) => sum + n, 0);
    } catch (error) {
      throw unavailable(error);
    }
  }

  /** The nodes whose heartbeat key exists. */
  public async aliveNodes(): Promise<string[]> {
    this.ensureOpen();
    return (await this.liveness.states().catch((e: unknown) => { throw unavailable(e); })).alive;
  }

  /** The nodes seen whose heartbeat expired (and not reaped yet). */
  public async deadNodes(): Promise<string[]> {
    this.ensureOpen();
    return (await this.liveness.states().catch((e: unknown) => { throw unavailable(e); })).dead;
  }

  /** Removes what dead nodes left in Redis (see {@link RedisLiveness.reapDeadNodes}). */
  public async reapDeadNodes(): Promise<ReapedNode[]> {
    this.ensureOpen();
    return this.liveness.reapDeadNodes().catch((e: unknown) => { throw unavailable(e); });
  }

  /**
   * Writes every record this registry holds to Redis again, marks its nodes alive, and applies
   * the removals Redis missed. Runs by itself on each reconnection; returns how many records it wrote.
   */
  public async reregister(): Promise<number> {
    await this.markAlive();
    const records = [...this.held.values()];
    await this.writeRecords(records);
    await this.flushRemovals();
    if (this.redisLost) {
      this.redisLost = false;
      this.log(`wsgate: Redis answers again; registered the ${records.length} connection(s) of this node again`);
    }
    return records.length;
  }

  /**
   * Stops the heartbeat and leaves: the records it holds and its heartbeat key are deleted (when
   * Redis answers; otherwise they expire), and the connection to Redis closed.
   */
  public async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    await this.maintenance.catch(() => undefined);
    if (this.available) {
      try {
        const nodeIds = this.ownNodeIds();
        await this.deleteRecords([...this.held.values()].map((r) => [r.connectionId, r.nodeId]));
        const pipeline = this.client.pipeline();
        for (const nodeId of nodeIds) pipeline.del(this.keys.alive(nodeId)).srem(this.keys.nodes(), nodeId);
        await exec(pipeline);
      } catch {
        // Whatever was not deleted expires with its TTL.
      }
    }
    this.held.clear();
    this.pendingTouches.clear();
    this.pendingRemovals.clear();
    await closeClient(this.client);
  }

  /** One beat: the heartbeat keys, the TTL of every held record (writing again the missing ones), the pending removals. */
  private async beat(): Promise<void> {
    await this.markAlive();
    const records = [...this.held.values()];
    for (let i = 0; i < records.length; i += KEYS_PER_SCRIPT) {
      const chunk = records.slice(i, i + KEYS_PER_SCRIPT);
      const missing = (await this.client.eval(REFRESH, chunk.length, ...chunk.map((r) => this.keys.connection(r.connectionId)), this.recordTtlMs)) as number[];
      await this.writeRecords(missing.map((position) => chunk[position - 1]));
    }
    await this.flushRemovals();
    if (this.redisLost) await this.reregister();
  }

  private scheduleBeat(): void {
    if (this.beatQueued || this.closed) return;
    this.beatQueued = true;
    void this.serial(() => {
      this.beatQueued = false;
      return this.beat();
    }).catch((e: unknown) => this.lost(e));
  }

  /** Runs maintenance tasks one after the other. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.maintenance.catch(() => undefined).then(task);
    this.maintenance = run;
    return run;
  }

  /** The nodes this registry beats for: its own, and those of the records it holds. */
  private ownNodeIds(): Set<string> {
    const ids = new Set([this.nodeId]);
    for (const r of this.held.values()) ids.add(r.nodeId);
    return ids;
  }

  private async markAlive(): Promise<void> {
    const pipeline = this.client.pipeline();
    for (const nodeId of this.ownNodeIds()) {
      pipeline.set(this.keys.alive(nodeId), String(this.startedAt), 'PX', this.recordTtlMs)
        .sadd(this.keys.nodes(), nodeId)
        .pexpire(this.keys.nodeConnections(nodeId), this.recordTtlMs);
    }
    await exec(pipeline);
  }

  /**
   * Writes records, skipping those removed since the list was made (a removal sends its delete
   * after any write already sent, on the same connection, so no removed record comes back).
   */
  private async writeRecords(records: readonly HeldRecord[]): Promise<void> {
    for (let i = 0; i < records.length; i += RECORDS_PER_PIPELINE) {
      const chunk = records.slice(i, i + RECORDS_PER_PIPELINE).filter((r) => this.held.has(r.connectionId));
      if (chunk.length === 0) continue;
      const pipeline = this.client.pipeline();
      for (const r of chunk) {
        pipeline.eval(
          WRITE_RECORD, 4,
          this.keys.connection(r.connectionId), this.keys.nodeConnections(r.nodeId), this.keys.alive(r.nodeId), this.keys.nodes(),
          JSON.stringify(r), r.lastActiveAt, r.nodeId, r.connectionId, this.recordTtlMs, String(this.startedAt),
        );
      }
      await exec(pipeline);
    }
  }

  /** Deletes records ([connectionId, nodeId] pairs); returns how many existed. */
  private async deleteRecords(records: readonly (readonly [string, string])[]): Promise<number> {
    let existed = 0;
    for (let i = 0; i < records.length; i += RECORDS_PER_PIPELINE) {
      const pipeline = this.client.pipeline();
      for (const [id, nodeId] of records.slice(i, i + RECORDS_PER_PIPELINE)) {
        pipeline.eval(DELETE_RECORD, 2, this.keys.connection(id), this.keys.nodeConnections(nodeId), id);
      }
      for (const n of await exec<number>(pipeline)) existed += n;
    }
    return existed;
  }

  private async flushRemovals(): Promise<void> {
    if (this.pendingRemovals.size === 0) return;
    const removals = [...this.pendingRemovals];
    await this.deleteRecords(removals);
    for (const [id] of removals) this.pendingRemovals.delete(id);
  }

  /** Writes the gathered lastActiveAt values in one round trip; on failure the held ones wait for the next flush. */
  private async flushTouches(): Promise<void> {
    if (this.pendingTouches.size === 0 || !this.available) return;
    const touches = [...this.pendingTouches];
    this.pendingTouches.clear();
    try {
      const pipeline = this.client.pipeline();
      for (let i = 0; i < touches.length; i += KEYS_PER_SCRIPT) {
        const chunk = touches.slice(i, i + KEYS_PER_SCRIPT);
        pipeline.eval(TOUCH, chunk.length, ...chunk.map(([id]) => this.keys.connection(id)), ...chunk.map(([, at]) => at));
      }
      await exec(pipeline);
    } catch (error) {
      for (const [id, at] of touches) {
        const held = this.held.get(id);
        if (held && !this.pendingTouches.has(id)) this.pendingTouches.set(id, Math.max(at, held.lastActiveAt));
      }
      this.lost(error);
    }
  }

  /** Notes that Redis failed; logs once per outage. */
  private lost(error: unknown): void {
    if (this.redisLost || this.closed) return;
    this.redisLost = true;
    const why = error instanceof Error ? error.message : String(error);
    this.log(`wsgate: the registry lost Redis (${why}); this node keeps serving its connections and registers them again once Redis answers`);
  }

  private ensureOpen(): void {
    if (this.closed) throw closedError();
  }
}

/** Runs a pipeline; rejects with the first command's error. */
async function exec<T = unknown>(pipeline: ReturnType<Redis['pipeline']>): Promise<T[]> {
  const results = await pipeline.exec();
  if (!results) throw new Error('The pipeline was discarded');
  return results.map(([error, value]) => {
    if (error) throw error;
    return value as T;
  });
}

function parseRecord(json: string, lastActiveAt: string | null): ConnectionRecord {
  const record = JSON.parse(json) as HeldRecord;
  if (lastActiveAt !== null) record.lastActiveAt = Number(lastActiveAt);
  return record;
}

function unavailable(error: unknown): ClusterError {
  if (ClusterError.is(error)) return error;
  const why = error instanceof Error ? error.message : String(error);
  return new ClusterError(CLUSTER_ERRORS.REGISTRY_UNAVAILABLE, `The connection registry cannot reach Redis: ${why}`, { cause: error });
}

function closedError(): ClusterError {
  return new ClusterError(CLUSTER_ERRORS.REGISTRY_UNAVAILABLE, 'The connection registry is closed');
}
