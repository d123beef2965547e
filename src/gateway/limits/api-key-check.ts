/**
 * API key admission for a route that requires a key (`ApiKeyRequired`), in API Gateway's order:
 * a missing, unknown or disabled key, or one in no usage plan of the API stage, is refused (403
 * "Forbidden"); then the key's usage plan throttle (rate and burst per key; a per-route entry of
 * the plan's API stage replaces the plan's) and quota (per key and plan, per calendar period) give
 * 429. A route that requires no key admits any request and reports no key, as `identity.apiKey`
 * is null for such methods on REST APIs.
 *
 * The key value is whatever the API's `apiKeySelectionExpression` selects (the `x-api-key` header
 * of the handshake, or the authorizer's `usageIdentifierKey`); the caller evaluates it.
 */
import type { QuotaModel, RouteModel, UsagePlansModel } from '../../model/gateway-model.js';
import type { ApiKeyIdentity, ApiKeyRegistry, RegisteredApiKey } from './api-keys.js';
import { isPromise, type CounterStore, type MaybePromise, type QuotaResult, type TakeResult } from './counter-store.js';
import { LIMITS_ERRORS, type LimitRefusal } from './limits-errors.js';
import { QuotaWindows, quotaLimit, type QuotaWindow } from './quota-window.js';
import { rateAndBurst, type BucketLimit } from './throttle.js';

/** The answer of {@link ApiKeyCheck.check}. */
export type ApiKeyAdmission =
  /** Admitted; `identity` is the key's (for `requestContext.identity`), undefined when the route requires no key. */
  | { readonly kind: 'ok'; readonly identity?: ApiKeyIdentity }
  /** A missing, unknown or disabled key, or one in no plan of the stage: HTTP 403. */
  | { readonly kind: 'refused'; readonly status: 403; readonly refusal: LimitRefusal }
  /** The key's plan throttle or quota: HTTP 429; `retryAfterMs` until a token, or the next quota period. */
  | { readonly kind: 'throttled'; readonly status: 429; readonly refusal: LimitRefusal; readonly retryAfterMs: number };

/** What the check needs. */
export interface ApiKeyCheckOptions {
  readonly usagePlans: UsagePlansModel;
  readonly registry: ApiKeyRegistry;
  readonly store: CounterStore;
  /** @default Date.now */
  readonly clock?: () => number;
  /**
   * When the usage plans took effect: quota `Offset` applies to the period holding this moment.
   * @default - the clock's time when the check is created (the gateway's start)
   */
  readonly planStartMs?: number;
}

/** A key's limits on one API stage: its plan's buckets and quota counter. */
interface KeyStageLimits {
  readonly throttle?: BucketLimit;
  readonly routeThrottle: ReadonlyMap<string, BucketLimit>;
  readonly quota?: { readonly key: string; readonly settings: QuotaModel };
}

/** One key, with its answers and limits computed once. */
interface KeyEntry {
  readonly key: RegisteredApiKey;
  readonly ok: ApiKeyAdmission;
  /** By API id, then stage name. */
  readonly stages: ReadonlyMap<string, ReadonlyMap<string, KeyStageLimits>>;
}

const NO_KEY_REQUIRED: ApiKeyAdmission = Object.freeze({ kind: 'ok' });
const refusal = (r: LimitRefusal): ApiKeyAdmission => Object.freeze({ kind: 'refused', status: 403, refusal: r });
const MISSING = refusal(LIMITS_ERRORS.API_KEY_MISSING);
const UNKNOWN = refusal(LIMITS_ERRORS.API_KEY_UNKNOWN);
const DISABLED = refusal(LIMITS_ERRORS.API_KEY_DISABLED);
const NOT_IN_PLAN = refusal(LIMITS_ERRORS.API_KEY_NOT_IN_PLAN);

/** Admits requests by API key, usage plan throttle and quota. */
export class ApiKeyCheck {
  private readonly byValue = new Map<string, KeyEntry>();
  private readonly store: CounterStore;
  private readonly clock: () => number;
  private readonly planStartMs: number;
  private readonly windows = new QuotaWindows();

  constructor(options: ApiKeyCheckOptions) {
    this.store = options.store;
    this.clock = options.clock ?? Date.now;
    this.planStartMs = options.planStartMs ?? this.clock();
    for (const key of options.registry.keys) this.byValue.set(key.value, entryOf(key, options.usagePlans));
  }

  /**
   * Admits a request on `route` of an API stage made with API key `value` (undefined or empty when
   * the request carries none). Synchronous while the counter store is.
   */
  public check(apiId: string, stage: string, route: Pick<RouteModel, 'routeKey' | 'apiKeyRequired'>, value: string | undefined): MaybePromise<ApiKeyAdmission> {
    if (!route.apiKeyRequired) return NO_KEY_REQUIRED;
    if (value === undefined || value === '') return MISSING;
    const entry = this.byValue.get(value);
    if (entry === undefined) return UNKNOWN;
    if (!entry.key.enabled) return DISABLED;
    const limits = entry.stages.get(apiId)?.get(stage);
    if (limits === undefined) return NOT_IN_PLAN;
    const now = this.clock();
    const bucket = limits.routeThrottle.get(route.routeKey) ?? limits.throttle;
    if (bucket !== undefined) {
      const taken = this.store.take(bucket.key, bucket.rate, bucket.burst, now);
      if (isPromise(taken)) return taken.then((t) => (t.allowed ? this.countQuota(entry, limits, now) : keyThrottled(t)));
      if (!taken.allowed) return keyThrottled(taken);
    }
    return this.countQuota(entry, limits, now);
  }

  private countQuota(entry: KeyEntry, limits: KeyStageLimits, now: number): MaybePromise<ApiKeyAdmission> {
    if (limits.quota === undefined) return entry.ok;
    const { key, settings } = limits.quota;
    const window = this.windows.at(settings.period, now);
    const counted = this.store.consume(key, quotaLimit(settings, window, this.planStartMs), window.startMs, window.endMs);
    if (isPromise(counted)) return counted.then((c) => quotaAnswer(entry, c, window, now));
    return quotaAnswer(entry, counted, window, now);
  }
}

function keyThrottled(taken: TakeResult): ApiKeyAdmission {
  return { kind: 'throttled', status: 429, refusal: LIMITS_ERRORS.KEY_THROTTLED, retryAfterMs: taken.retryAfterMs };
}

function quotaAnswer(entry: KeyEntry, counted: QuotaResult, window: QuotaWindow, now: number): ApiKeyAdmission {
  return counted.allowed ? entry.ok : { kind: 'throttled', status: 429, refusal: LIMITS_ERRORS.QUOTA_EXCEEDED, retryAfterMs: window.endMs - now };
}

/** A key's answers and, for each API stage of its plans, its limits (a key is in one plan per stage; the model checks it). */
function entryOf(key: RegisteredApiKey, usagePlans: UsagePlansModel): KeyEntry {
  const stages = new Map<string, Map<string, KeyStageLimits>>();
  for (const planKey of key.model.usagePlanKeys) {
    const plan = usagePlans.plans.get(planKey)!;
    const owner = `${plan.usagePlanId}/${key.model.keyId}`;
    const planThrottle = rateAndBurst(plan.throttle?.rateLimit, plan.throttle?.burstLimit);
    for (const s of plan.apiStages) {
      const routeThrottle = new Map<string, BucketLimit>();
      for (const [routeKey, t] of s.routeThrottle) {
        const settings = rateAndBurst(t.rateLimit, t.burstLimit);
        if (settings) routeThrottle.set(routeKey, { key: `key:${owner}/${s.apiId}/${s.stage}/${routeKey}`, ...settings });
      }
      const byStage = stages.get(s.apiId) ?? new Map<string, KeyStageLimits>();
      stages.set(s.apiId, byStage);
      byStage.set(s.stage, {
        throttle: planThrottle && { key: `key:${owner}`, ...planThrottle },
        routeThrottle,
        quota: plan.quota && { key: `quota:${owner}`, settings: plan.quota },
      });
    }
  }
  return { key, ok: Object.freeze({ kind: 'ok', identity: key.identity }), stages };
}
