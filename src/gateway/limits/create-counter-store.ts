/**
 * The counter store a gateway runs its throttles and quotas on: in memory for one node, in Redis
 * (shared by every node) in cluster mode.
 *
 * ```ts
 * const counters = await createCounterStore({ redis: options.redis, keyPrefix: options.cluster.keyPrefix, nodeId, log: options.warn });
 * new Throttle(model, counters, options.throttle);
 * // at stop:
 * await counters.close();
 * ```
 */
import type { CounterStore } from './counter-store.js';
import { MemoryCounterStore } from './memory-counter-store.js';
import { RedisCounterStore } from './redis-counter-store.js';

export interface CounterStoreOptions {
  /** Cluster mode's Redis URL; without it the counters are this process's. @default - in memory */
  readonly redis?: string;
  /** The prefix of the cluster's Redis keys (ClusterOptions.keyPrefix). @default 'wsgate:' */
  readonly keyPrefix?: string;
  /** This node's id, naming its Redis connection. @default 'node' */
  readonly nodeId?: string;
  /** How long a check waits for Redis before counting on this node. @default 500 */
  readonly commandTimeoutMs?: number;
  /** Where losing Redis and getting it back is reported. @default console.warn */
  readonly log?: (message: string) => void;
}

/** A counter store the gateway owns: it closes it when it stops. */
export interface GatewayCounterStore extends CounterStore {
  /** True while the counters are shared with other nodes (Redis answers); always false in memory. */
  readonly shared: boolean;
  /** Releases the store's connections (nothing to release in memory). */
  close(): Promise<void>;
}

/** The counters of a single-node gateway: answered synchronously, nothing to close. */
class NodeCounterStore extends MemoryCounterStore implements GatewayCounterStore {
  public readonly shared = false;
  public async close(): Promise<void> {}
}

/**
 * A MemoryCounterStore without `redis`, else a connected RedisCounterStore (rejects when Redis
 * does not answer within the connection timeout, as the cluster's registry does at start).
 */
export async function createCounterStore(options: CounterStoreOptions = {}): Promise<GatewayCounterStore> {
  if (!options.redis) return new NodeCounterStore();
  return RedisCounterStore.connect({
    url: options.redis,
    keyPrefix: options.keyPrefix,
    nodeId: options.nodeId,
    commandTimeoutMs: options.commandTimeoutMs,
    log: options.log,
  });
}
