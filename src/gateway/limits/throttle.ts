/**
 * Throttling, as API Gateway applies it (token buckets; aws-websocket-behaviour.md §8):
 * - per route of a stage: `RouteSettings[routeKey]` overrides the stage's `DefaultRouteSettings`
 *   (field by field); with neither set, the route has no stage limit. Each route of a stage has
 *   its own bucket, shared by every client of the stage;
 * - gateway-wide, standing in for the account-level quotas: new connections per second (500) and
 *   requests per second (10 000, burst 5 000), both changeable in {@link ThrottleOptions}.
 *
 * A connect takes a token from the new-connection bucket, the request bucket and the `$connect`
 * route's bucket; a message from the request bucket and its route's bucket; a management API call
 * from the request bucket. The first empty bucket refuses (HTTP 429, or the error frame of
 * limits-errors.ts) and the later ones are not touched.
 */
import type { GatewayModel, WebSocketApiModel } from '../../model/gateway-model.js';
import { isPromise, type CounterStore, type MaybePromise, type TakeResult } from './counter-store.js';
import { LIMITS_ERRORS, type LimitRefusal } from './limits-errors.js';

/** The gateway-wide limits; `Infinity` turns one off. */
export interface ThrottleOptions {
  /** New connections per second across the gateway (API Gateway: 500 per account and region). @default 500 */
  readonly connectionsPerSecond: number;
  /** How many new connections may arrive at once (the bucket size); AWS documents none, wsgate takes one second's worth. @default 500 */
  readonly connectionBurst: number;
  /** Requests (connects, messages, management API calls) per second across the gateway (API Gateway's account throttle). @default 10000 */
  readonly requestsPerSecond: number;
  /** How many requests may arrive at once (API Gateway's account burst). @default 5000 */
  readonly requestBurst: number;
}

/** API Gateway's account-level quotas (aws-websocket-behaviour.md §8). */
export const DEFAULT_THROTTLE: ThrottleOptions = Object.freeze({
  connectionsPerSecond: 500,
  connectionBurst: 500,
  requestsPerSecond: 10_000,
  requestBurst: 5_000,
});

/** The options with defaults applied; a negative or non-numeric value is a RangeError. */
export function resolveThrottleOptions(options: Partial<ThrottleOptions> = {}): ThrottleOptions {
  const out = { ...DEFAULT_THROTTLE };
  for (const name of Object.keys(DEFAULT_THROTTLE) as Array<keyof ThrottleOptions>) {
    const value = options[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) throw new RangeError(`Gateway throttle ${name} must be a number of at least 0 (Infinity for no limit), got ${String(value)}`);
    out[name] = value;
  }
  return Object.freeze(out);
}

/** A token bucket: its counter key, steady rate (tokens per second) and size. */
export interface BucketLimit {
  readonly key: string;
  readonly rate: number;
  readonly burst: number;
}

/**
 * Rate and burst from settings that may set only one of them [I: AWS does not say]: a missing
 * burst is one second's worth of the rate (rounded up), a missing rate refills the burst each
 * second. Undefined when neither is set (no limit).
 */
export function rateAndBurst(rate: number | undefined, burst: number | undefined): { rate: number; burst: number } | undefined {
  if (rate === undefined && burst === undefined) return undefined;
  return { rate: rate ?? burst!, burst: burst ?? Math.ceil(rate!) };
}

/** The answer of the throttle: allowed, or the refusal of the first empty bucket. */
export type ThrottleVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly refusal: LimitRefusal; readonly retryAfterMs: number };

/** One bucket to take from, and the refusal when it is empty. */
interface Check {
  readonly limit: BucketLimit;
  readonly refusal: LimitRefusal;
}

const ALLOWED: ThrottleVerdict = Object.freeze({ allowed: true });
/** Route keys that are not routes of the API share one bucket per stage. */
const OTHER_ROUTES = '*';

/** The buckets and checks of one stage, computed once. */
interface StageChecks {
  /** The bucket of each route key the stage may throttle, and of {@link OTHER_ROUTES}; undefined for no limit. */
  readonly routeLimits: ReadonlyMap<string, BucketLimit | undefined>;
  readonly connect: readonly Check[];
  readonly messages: ReadonlyMap<string, readonly Check[]>;
  readonly otherMessages: readonly Check[];
}

/** Stage, route and gateway-wide throttling for the APIs of a model. */
export class Throttle {
  private readonly stages = new Map<string, Map<string, StageChecks>>();
  private readonly management: readonly Check[];

  constructor(
    model: Pick<GatewayModel, 'apis'>,
    private readonly store: CounterStore,
    options: ThrottleOptions = DEFAULT_THROTTLE,
    private readonly clock: () => number = Date.now,
  ) {
    const requests = gatewayCheck('gateway:requests', options.requestsPerSecond, options.requestBurst, LIMITS_ERRORS.REQUESTS_THROTTLED);
    const connections = gatewayCheck('gateway:connections', options.connectionsPerSecond, options.connectionBurst, LIMITS_ERRORS.CONNECTIONS_THROTTLED);
    this.management = gatewayCheck('gateway:requests', options.requestsPerSecond, options.requestBurst, LIMITS_ERRORS.MANAGEMENT_THROTTLED);
    for (const api of model.apis) {
      const byStage = new Map<string, StageChecks>();
      for (const stage of api.stages.keys()) {
        const routeLimits = new Map<string, BucketLimit | undefined>();
        for (const routeKey of [...routeKeysOf(api, stage), OTHER_ROUTES]) routeLimits.set(routeKey, resolveRouteLimit(api, stage, routeKey));
        const withRoute = (base: readonly Check[], routeKey: string): readonly Check[] => {
          const limit = routeLimits.get(routeKey);
          return limit ? [...base, { limit, refusal: LIMITS_ERRORS.ROUTE_THROTTLED }] : base;
        };
        const messages = new Map<string, readonly Check[]>();
        for (const routeKey of routeLimits.keys()) if (routeKey !== OTHER_ROUTES) messages.set(routeKey, withRoute(requests, routeKey));
        byStage.set(stage, {
          routeLimits,
          connect: withRoute([...connections, ...requests], '$connect'),
          messages,
          otherMessages: withRoute(requests, OTHER_ROUTES),
        });
      }
      this.stages.set(api.apiId, byStage);
    }
  }

  /** The stage limit of a route (its bucket), or undefined when the stage sets none for it. */
  public routeLimit(apiId: string, stage: string, routeKey: string): BucketLimit | undefined {
    const { routeLimits } = this.stageChecks(apiId, stage);
    return routeLimits.has(routeKey) ? routeLimits.get(routeKey) : routeLimits.get(OTHER_ROUTES);
  }

  /** Admits a new connection to an API stage (before `$connect` runs). */
  public admitConnect(apiId: string, stage: string): MaybePromise<ThrottleVerdict> {
    const checks = this.stageChecks(apiId, stage).connect;
    return runChecks(this.store, checks, 0, this.clock());
  }

  /** Admits a message routed to `routeKey` (the route that will run, `$default` included). */
  public admitMessage(apiId: string, stage: string, routeKey: string): MaybePromise<ThrottleVerdict> {
    const s = this.stageChecks(apiId, stage);
    return runChecks(this.store, s.messages.get(routeKey) ?? s.otherMessages, 0, this.clock());
  }

  /** Admits a management API (@connections) call. */
  public admitManagementCall(): MaybePromise<ThrottleVerdict> {
    return runChecks(this.store, this.management, 0, this.clock());
  }

  private stageChecks(apiId: string, stage: string): StageChecks {
    const checks = this.stages.get(apiId)?.get(stage);
    if (!checks) throw new Error(`Throttle: ${apiId}/${stage} is not a stage of the model`);
    return checks;
  }
}

/** A gateway-wide bucket, or none when its rate is Infinity. */
function gatewayCheck(key: string, rate: number, burst: number, refusal: LimitRefusal): readonly Check[] {
  return rate === Number.POSITIVE_INFINITY ? [] : [{ limit: { key, rate, burst }, refusal }];
}

/** Every route key the stage may throttle: the API's routes and the stage's RouteSettings keys. */
function routeKeysOf(api: WebSocketApiModel, stage: string): Set<string> {
  return new Set([...api.routes.keys(), ...(api.stages.get(stage)?.routeSettings.keys() ?? []), '$connect']);
}

/** The bucket of a route of a stage: RouteSettings over DefaultRouteSettings, field by field. */
function resolveRouteLimit(api: WebSocketApiModel, stageName: string, routeKey: string): BucketLimit | undefined {
  const stage = api.stages.get(stageName)!;
  const route = routeKey === OTHER_ROUTES ? undefined : stage.routeSettings.get(routeKey);
  const d = stage.defaultRouteSettings;
  const settings = rateAndBurst(route?.throttlingRateLimit ?? d.throttlingRateLimit, route?.throttlingBurstLimit ?? d.throttlingBurstLimit);
  return settings && { key: `route:${api.apiId}/${stageName}/${routeKey}`, ...settings };
}

/** Takes from each bucket in turn; the first that refuses decides. Stays synchronous while the store is. */
function runChecks(store: CounterStore, checks: readonly Check[], from: number, now: number): MaybePromise<ThrottleVerdict> {
  for (let i = from; i < checks.length; i++) {
    const check = checks[i];
    const result = store.take(check.limit.key, check.limit.rate, check.limit.burst, now);
    if (isPromise(result)) return result.then((r) => (r.allowed ? runChecks(store, checks, i + 1, now) : refused(check, r)));
    if (!result.allowed) return refused(check, result);
  }
  return ALLOWED;
}

function refused(check: Check, result: TakeResult): ThrottleVerdict {
  return { allowed: false, refusal: check.refusal, retryAfterMs: result.retryAfterMs };
}
