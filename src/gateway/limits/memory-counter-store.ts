/**
 * The counters of one gateway process. Synchronous and allocation-free on the allowed path (a
 * bucket or window object per key, kept for the run; keys are bounded by the template's routes,
 * stages and API keys).
 */
import type { CounterStore, QuotaResult, TakeResult } from './counter-store.js';

/** A token bucket; `level` in thousandths of a token so whole-millisecond refills stay exact. */
interface Bucket {
  level: number;
  at: number;
}

/** The count of the current window of one key. */
interface Window {
  start: number;
  end: number;
  used: number;
}

const ALLOWED: TakeResult = Object.freeze({ allowed: true, retryAfterMs: 0 });
const NEVER: TakeResult = Object.freeze({ allowed: false, retryAfterMs: Number.POSITIVE_INFINITY });

/** Token buckets and quota windows in this process's memory. */
export class MemoryCounterStore implements CounterStore {
  private readonly buckets = new Map<string, Bucket>();
  private readonly windows = new Map<string, Window>();

  public take(key: string, ratePerSecond: number, burst: number, now: number, cost = 1): TakeResult {
    const capacity = burst * 1000;
    const need = cost * 1000;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = { level: capacity, at: now };
      this.buckets.set(key, bucket);
    } else if (now > bucket.at) {
      // A rate of r tokens per second adds r thousandths of a token per millisecond.
      bucket.level = Math.min(capacity, bucket.level + (now - bucket.at) * ratePerSecond);
      bucket.at = now;
    } else if (bucket.level > capacity) {
      bucket.level = capacity;
    }
    if (bucket.level >= need) {
      bucket.level -= need;
      return ALLOWED;
    }
    if (need > capacity || ratePerSecond <= 0) return NEVER;
    return { allowed: false, retryAfterMs: Math.ceil((need - bucket.level) / ratePerSecond) };
  }

  public consume(key: string, limit: number, windowStartMs: number, windowEndMs: number): QuotaResult {
    let window = this.windows.get(key);
    if (window === undefined) {
      window = { start: windowStartMs, end: windowEndMs, used: 0 };
      this.windows.set(key, window);
    } else if (windowStartMs >= window.end) {
      // The counted window has ended: a new one starts from zero. (A late request for an ended window counts in the current one.)
      window.start = windowStartMs;
      window.end = windowEndMs;
      window.used = 0;
    }
    if (window.used >= limit) return { allowed: false, used: window.used, remaining: 0 };
    window.used += 1;
    return { allowed: true, used: window.used, remaining: limit - window.used };
  }
}
