/**
 * Template → API keys and usage plans: every `AWS::ApiGateway::ApiKey`, `AWS::ApiGateway::UsagePlan`
 * and `AWS::ApiGateway::UsagePlanKey` of the stacks (what the construct library's ApiKey and
 * UsagePlan emit). WebSocket APIs take their API keys, per-key throttles and quotas from these
 * REST-API resources (aws-websocket-behaviour.md §4).
 *
 * References that cannot be evaluated (a cross-stack `Fn::ImportValue`, a parameter without a
 * value) are noted in `unreadable` and left out: an API stage or plan key that cannot be read does
 * not apply, so the keys concerned are refused there rather than let in, and a key value that
 * cannot be read is taken as one API Gateway generates (given at start). A template AWS would
 * refuse (a quota without a period, a key in two plans of one stage, a value shorter than 20
 * characters, two keys with one value) is a ModelError.
 */
import type {
  ApiKeyModel, ModelEnvironment, QuotaModel, QuotaPeriod, ThrottleSettingsModel, UsagePlanApiStageModel, UsagePlanModel, UsagePlansModel,
} from './gateway-model.js';
import type { TemplateSource } from './load-template.js';
import { ModelError } from './model-error.js';
import { generatedName } from './physical-ids.js';
import { TemplateEvaluator, type CfnResourceEntry } from './template-evaluator.js';

const QUOTA_PERIODS: readonly QuotaPeriod[] = ['DAY', 'WEEK', 'MONTH'];
/** API Gateway refuses shorter key values (the construct library documents the same minimum). */
const MIN_KEY_VALUE_LENGTH = 20;

/** Where a value sits, for messages. */
interface Where {
  readonly logicalId: string;
  readonly property: string;
}

/** A usage plan key, before keys and plans of every stack are known. */
interface PlanKeyLink {
  readonly source: string;
  readonly keyId: string;
  readonly usagePlanId: string;
}

/** Reads the API keys and usage plans of the given stacks. */
export function readUsagePlans(sources: readonly TemplateSource[], env: ModelEnvironment): UsagePlansModel {
  const unreadable: string[] = [];
  const keys: Array<Omit<ApiKeyModel, 'usagePlanKeys'>> = [];
  const plans: UsagePlanModel[] = [];
  const links: PlanKeyLink[] = [];
  for (const source of sources) {
    const reader = new StackUsagePlanReader(source, env, unreadable);
    keys.push(...reader.apiKeys());
    plans.push(...reader.usagePlans());
    links.push(...reader.planKeys());
  }
  const keyById = new Map(keys.map((k) => [k.keyId, k]));
  const planById = new Map(plans.map((p) => [p.usagePlanId, p]));
  const planKeysOf = new Map<string, string[]>(keys.map((k) => [k.key, []]));
  for (const link of links) {
    const key = keyById.get(link.keyId);
    const plan = planById.get(link.usagePlanId);
    if (!key) unreadable.push(`${link.source}: API key ${link.keyId} is not a key of the templates; it is not added to a plan`);
    else if (!plan) unreadable.push(`${link.source}: usage plan ${link.usagePlanId} is not a plan of the templates; ${key.key} is not added to it`);
    else if (!planKeysOf.get(key.key)!.includes(plan.key)) planKeysOf.get(key.key)!.push(plan.key);
  }
  const apiKeys = new Map(keys.map((k) => [k.key, { ...k, usagePlanKeys: planKeysOf.get(k.key)! }]));
  const planMap = new Map(plans.map((p) => [p.key, p]));
  checkDistinctValues([...apiKeys.values()]);
  for (const key of apiKeys.values()) checkOnePlanPerStage(key, planMap);
  return { apiKeys, plans: planMap, unreadable };
}

/** Two keys with one value: API Gateway refuses the second, and the gateway could not tell them apart. */
function checkDistinctValues(keys: readonly ApiKeyModel[]): void {
  const byValue = new Map<string, ApiKeyModel>();
  for (const key of keys) {
    if (key.value === undefined) continue;
    const other = byValue.get(key.value);
    if (other) throw new ModelError(key.stackName, key.logicalId, 'Value', `has the value of ${other.key}; API key values are unique`);
    byValue.set(key.value, key);
  }
}

/** API Gateway lets a key be in only one usage plan per API stage. */
function checkOnePlanPerStage(key: ApiKeyModel, plans: ReadonlyMap<string, UsagePlanModel>): void {
  const seen = new Map<string, string>();
  for (const planKey of new Set(key.usagePlanKeys)) {
    for (const s of plans.get(planKey)!.apiStages) {
      const stage = `${s.apiId}/${s.stage}`;
      const other = seen.get(stage);
      if (other !== undefined && other !== planKey) {
        throw new ModelError(key.stackName, key.logicalId, undefined, `is in usage plans ${other} and ${planKey}, which both cover API stage ${stage}; a key can be in one plan per stage`);
      }
      seen.set(stage, planKey);
    }
  }
}

/** The usage plan resources of one stack. */
class StackUsagePlanReader {
  private readonly ev: TemplateEvaluator;
  private readonly resources: Array<[string, CfnResourceEntry]>;

  constructor(private readonly source: TemplateSource, env: ModelEnvironment, private readonly unreadable: string[]) {
    this.ev = new TemplateEvaluator(source.template, source.stackName, env, source.parameters);
    this.resources = this.ev.activeResources();
  }

  public apiKeys(): Array<Omit<ApiKeyModel, 'usagePlanKeys'>> {
    return this.ofType('AWS::ApiGateway::ApiKey').map(([logicalId, r]) => {
      const p = r.Properties ?? {};
      const where = (property: string): Where => ({ logicalId, property });
      const name = this.tolerant(p.Name, where('Name'));
      const value = this.keyValue(p.Value, where('Value'));
      return {
        key: `${this.source.stackName}/${logicalId}`,
        stackName: this.source.stackName,
        logicalId,
        keyId: this.ev.physicalId(logicalId),
        name: typeof name === 'string' ? name : generatedName(this.source.stackName, logicalId),
        value,
        enabled: this.boolean(p.Enabled, where('Enabled')),
      };
    });
  }

  public usagePlans(): UsagePlanModel[] {
    return this.ofType('AWS::ApiGateway::UsagePlan').map(([logicalId, r]) => {
      const p = r.Properties ?? {};
      const where = (property: string): Where => ({ logicalId, property });
      const name = this.tolerant(p.UsagePlanName, where('UsagePlanName'));
      return {
        key: `${this.source.stackName}/${logicalId}`,
        stackName: this.source.stackName,
        logicalId,
        usagePlanId: this.ev.physicalId(logicalId),
        name: name === undefined ? undefined : String(name),
        apiStages: this.apiStages(p.ApiStages, logicalId),
        throttle: this.throttle(this.ev.evaluate(p.Throttle, where('Throttle')), where('Throttle')),
        quota: this.quota(this.ev.evaluate(p.Quota, where('Quota')), where('Quota')),
      };
    });
  }

  public planKeys(): PlanKeyLink[] {
    const out: PlanKeyLink[] = [];
    for (const [logicalId, r] of this.ofType('AWS::ApiGateway::UsagePlanKey')) {
      const p = r.Properties ?? {};
      const where = (property: string): Where => ({ logicalId, property });
      const keyType = this.ev.evaluate(p.KeyType, where('KeyType'));
      if (keyType !== 'API_KEY') this.fail(where('KeyType'), `must be API_KEY, got ${JSON.stringify(keyType)}`);
      const keyId = this.tolerant(p.KeyId, where('KeyId'));
      const usagePlanId = this.tolerant(p.UsagePlanId, where('UsagePlanId'));
      if (typeof keyId === 'string' && typeof usagePlanId === 'string') {
        out.push({ source: `${this.source.stackName}/${logicalId}`, keyId, usagePlanId });
      }
    }
    return out;
  }

  /** `Value`: a string of at least 20 characters, or undefined when absent or unreadable. */
  private keyValue(raw: unknown, where: Where): string | undefined {
    const value = this.tolerant(raw, where);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.length < MIN_KEY_VALUE_LENGTH) {
      this.fail(where, `an API key value must be a string of at least ${MIN_KEY_VALUE_LENGTH} characters`);
    }
    return value;
  }

  /** `ApiStages`, entry by entry: an entry whose API or stage cannot be read is left out (and noted). */
  private apiStages(raw: unknown, logicalId: string): UsagePlanApiStageModel[] {
    const entries = Array.isArray(raw) ? raw : this.tolerant(raw, { logicalId, property: 'ApiStages' });
    if (!Array.isArray(entries)) return [];
    const out: UsagePlanApiStageModel[] = [];
    for (const [i, entry] of entries.entries()) {
      const at = (field: string): Where => ({ logicalId, property: `ApiStages[${i}].${field}` });
      const e = (entry ?? {}) as Record<string, unknown>;
      const apiId = this.tolerant(e.ApiId, at('ApiId'));
      const stage = this.tolerant(e.Stage, at('Stage'));
      if (typeof apiId !== 'string' || typeof stage !== 'string') continue;
      const throttles = (this.ev.evaluate(e.Throttle, at('Throttle')) ?? {}) as Record<string, unknown>;
      const routeThrottle = new Map<string, ThrottleSettingsModel>();
      for (const [route, t] of Object.entries(throttles)) {
        const settings = this.throttle(t, at(`Throttle.${route}`));
        if (settings) routeThrottle.set(route, settings);
      }
      out.push({ apiId, stage, routeThrottle });
    }
    return out;
  }

  /** `ThrottleSettings`; undefined when absent or empty. */
  private throttle(raw: unknown, where: Where): ThrottleSettingsModel | undefined {
    if (raw === undefined) return undefined;
    const t = raw as Record<string, unknown>;
    const rateLimit = this.number(t.RateLimit, { ...where, property: `${where.property}.RateLimit` }, false);
    const burstLimit = this.number(t.BurstLimit, { ...where, property: `${where.property}.BurstLimit` }, true);
    return rateLimit === undefined && burstLimit === undefined ? undefined : { rateLimit, burstLimit };
  }

  private quota(raw: unknown, where: Where): QuotaModel | undefined {
    if (raw === undefined) return undefined;
    const q = raw as Record<string, unknown>;
    const at = (field: string): Where => ({ ...where, property: `${where.property}.${field}` });
    const limit = this.number(q.Limit, at('Limit'), true);
    const offset = this.number(q.Offset, at('Offset'), true) ?? 0;
    if (limit === undefined) return undefined;
    const period = q.Period;
    if (!QUOTA_PERIODS.includes(period as QuotaPeriod)) this.fail(at('Period'), `must be one of ${QUOTA_PERIODS.join(', ')} when a Limit is set, got ${JSON.stringify(period)}`);
    return { limit, period: period as QuotaPeriod, offset };
  }

  /** A non-negative number (an integer when `integer`), or undefined when absent. Templates may write numbers as strings. */
  private number(raw: unknown, where: Where, integer: boolean): number | undefined {
    if (raw === undefined) return undefined;
    const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
      this.fail(where, `must be a non-negative ${integer ? 'integer' : 'number'}, got ${JSON.stringify(raw)}`);
    }
    return n;
  }

  /** A boolean property (CloudFormation also takes "true" and "false"); absent is false. */
  private boolean(raw: unknown, where: Where): boolean {
    const v = this.ev.evaluate(raw, where);
    if (v === undefined) return false;
    if (v === true || v === 'true') return true;
    if (v === false || v === 'false') return false;
    return this.fail(where, `must be a boolean, got ${JSON.stringify(v)}`);
  }

  /** Evaluates a value; one that cannot be evaluated is noted and gives undefined. */
  private tolerant(value: unknown, where: Where): unknown {
    try {
      return this.ev.evaluate(value, where);
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      this.unreadable.push(`${e.message}; it does not apply`);
      return undefined;
    }
  }

  private fail(where: Where, reason: string): never {
    throw new ModelError(this.source.stackName, where.logicalId, where.property, reason);
  }

  private ofType(type: string): Array<[string, CfnResourceEntry]> {
    return this.resources.filter(([, r]) => r.Type === type);
  }
}
