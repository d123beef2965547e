/**
 * Quota periods as API Gateway counts them: calendar periods in UTC ("1000 requests per day" is
 * 00:00 to 24:00 UTC). A WEEK starts on Monday 00:00 UTC — [I] AWS does not document the first day
 * of its week; wsgate takes ISO 8601's. A MONTH starts on the 1st at 00:00 UTC.
 *
 * `Offset` is "the number of requests subtracted from the given limit in the initial time period"
 * (QuotaSettings, API Gateway API reference): a plan that starts mid-period gets `limit - offset`
 * in that first period and `limit` in every later one. It is a count of requests, not a shift of
 * the period's start. The initial period is the one holding the moment the plan took effect; for
 * the gateway that is when it started serving the template (or the cluster's start, given as
 * `planStartMs`).
 */
import type { QuotaModel, QuotaPeriod } from '../../model/gateway-model.js';

/** A period [startMs, endMs) in epoch milliseconds. */
export interface QuotaWindow {
  readonly startMs: number;
  readonly endMs: number;
}

const DAY_MS = 86_400_000;

/** The period of `period` that holds `now`. */
export function quotaWindow(period: QuotaPeriod, now: number): QuotaWindow {
  const d = new Date(now);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  const dayStart = Date.UTC(year, month, d.getUTCDate());
  switch (period) {
    case 'DAY':
      return { startMs: dayStart, endMs: dayStart + DAY_MS };
    case 'WEEK': {
      const sinceMonday = (d.getUTCDay() + 6) % 7;
      const startMs = dayStart - sinceMonday * DAY_MS;
      return { startMs, endMs: startMs + 7 * DAY_MS };
    }
    case 'MONTH':
      return { startMs: Date.UTC(year, month, 1), endMs: Date.UTC(year, month + 1, 1) };
  }
}

/** The limit of a window: `limit - offset` (not below 0) in the initial window, `limit` after it. */
export function quotaLimit(quota: QuotaModel, window: QuotaWindow, planStartMs: number): number {
  const initial = planStartMs >= window.startMs && planStartMs < window.endMs;
  return initial ? Math.max(0, quota.limit - quota.offset) : quota.limit;
}

/** The current window of each period, computed again only when `now` leaves it (so the per-request path allocates nothing). */
export class QuotaWindows {
  private readonly current = new Map<QuotaPeriod, QuotaWindow>();

  public at(period: QuotaPeriod, now: number): QuotaWindow {
    const cached = this.current.get(period);
    if (cached !== undefined && now >= cached.startMs && now < cached.endMs) return cached;
    const window = quotaWindow(period, now);
    this.current.set(period, window);
    return window;
  }
}
