/**
 * The counters behind throttling and quotas: token buckets and fixed-window counts, by key. The
 * gateway only talks to this interface, so one node keeps them in memory (MemoryCounterStore) and
 * a cluster shares them (a Redis store implements the same two operations atomically).
 *
 * Each operation may answer synchronously or with a promise: the in-memory store answers at once,
 * so the per-message path pays no promise for it, and a networked store fits unchanged.
 */

/** A value now, or later. */
export type MaybePromise<T> = T | Promise<T>;

/** The answer of {@link CounterStore.take}. */
export interface TakeResult {
  /** True when the bucket held the tokens, which are now taken. */
  readonly allowed: boolean;
  /**
   * When refused, how long until the bucket holds enough tokens (0 when allowed); `Infinity`
   * when it never will (a rate of 0, or a cost above the burst).
   */
  readonly retryAfterMs: number;
}

/** The answer of {@link CounterStore.consume}. */
export interface QuotaResult {
  /** True when the request fitted in the window's limit and was counted. */
  readonly allowed: boolean;
  /** Requests counted in the window, this one included when allowed. */
  readonly used: number;
  /** Requests left in the window. */
  readonly remaining: number;
}

/** Shared counters for rate limits and quotas. */
export interface CounterStore {
  /**
   * Token bucket `key` (API Gateway's algorithm): it holds at most `burst` tokens, starts full,
   * and refills at `ratePerSecond` tokens per second. Takes `cost` tokens if it holds them.
   * `now` is epoch milliseconds (from the caller's clock, so tests can drive it).
   */
  take(key: string, ratePerSecond: number, burst: number, now: number, cost?: number): MaybePromise<TakeResult>;
  /**
   * Fixed-window counter `key` for the window [windowStartMs, windowEndMs): counts one request if
   * fewer than `limit` are counted in the window. A new window starts from zero; the store may
   * forget a window once it has ended.
   */
  consume(key: string, limit: number, windowStartMs: number, windowEndMs: number): MaybePromise<QuotaResult>;
}

/** Whether a MaybePromise is a promise (a thenable). */
export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown }).then === 'function';
}
