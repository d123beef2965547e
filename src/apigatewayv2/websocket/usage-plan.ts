/**
 * UsagePlan: throttling and quotas for the API keys of WebSocket API stages
 * (`AWS::ApiGateway::UsagePlan`, with `AWS::ApiGateway::UsagePlanKey` per added key).
 */
import type { Construct } from 'constructs';
import { Lazy, Names, Resource, UnscopedValidationError, type IResource } from '../../core/index.js';
import { CfnUsagePlan } from '../cfn-v1/cfn-usage-plan.js';
import { CfnUsagePlanKey } from '../cfn-v1/cfn-usage-plan-key.js';
import type { IApiKeyRef, IUsagePlanRef, UsagePlanReference } from '../cfn-v1/references.js';
import type { ThrottleSettings } from '../common/stage.js';
import type { IWebSocketApi } from './api.js';
import type { IWebSocketStage } from './stage.js';

/** The period a quota counts requests over. */
export enum Period {
  /** A day. */
  DAY = 'DAY',
  /** A week. */
  WEEK = 'WEEK',
  /** A month. */
  MONTH = 'MONTH',
}

/** How many requests a key may make per period. */
export interface QuotaSettings {
  /**
   * Requests allowed per period.
   * @default - no limit
   */
  readonly limit?: number;

  /**
   * Requests taken off the first period.
   * @default - none
   */
  readonly offset?: number;

  /**
   * The period the limit applies to.
   * @default - none
   */
  readonly period?: Period;
}

/** An API stage a usage plan applies to. */
export interface UsagePlanPerApiStage {
  /**
   * The API (the stage carries its own API; this one only orders deployment).
   * @default - none
   */
  readonly api?: IWebSocketApi;

  /**
   * The stage.
   * @default - none (an entry without a stage is left out of the plan)
   */
  readonly stage?: IWebSocketStage;
}

/** Properties of a UsagePlan. */
export interface UsagePlanProps {
  /**
   * The API stages the plan applies to.
   * @default - none
   */
  readonly apiStages?: UsagePlanPerApiStage[];

  /**
   * A description of the plan.
   * @default - none
   */
  readonly description?: string;

  /**
   * How many requests a key may make per period.
   * @default - no quota
   */
  readonly quota?: QuotaSettings;

  /**
   * Request rate limits of every key of the plan.
   * @default - no throttling
   */
  readonly throttle?: ThrottleSettings;

  /**
   * The name of the plan.
   * @default - none
   */
  readonly usagePlanName?: string;
}

/** Options of `addApiKey`. */
export interface AddApiKeyOptions {
  /**
   * A logical ID for the `AWS::ApiGateway::UsagePlanKey` instead of the generated one.
   * @default - generated from the plan's and the key's paths
   */
  readonly overrideLogicalId?: string;
}

/** A usage plan, created here or imported. */
export interface IUsagePlan extends IResource, IUsagePlanRef {
  /**
   * The id of the usage plan.
   * @attribute
   */
  readonly usagePlanId: string;

  /** Adds an API key to the plan. */
  addApiKey(apiKey: IApiKeyRef, options?: AddApiKeyOptions): void;
}

/** The only key type of a usage plan key. */
const API_KEY_TYPE = 'API_KEY';

/** What created and imported usage plans share: adding keys. */
abstract class UsagePlanBase extends Resource implements IUsagePlan {
  public abstract readonly usagePlanId: string;

  /** Adds an API key to the plan (an `AWS::ApiGateway::UsagePlanKey` under the plan). */
  public addApiKey(apiKey: IApiKeyRef, options?: AddApiKeyOptions): void {
    const resource = new CfnUsagePlanKey(this, `UsagePlanKeyResource:${Names.nodeUniqueId(apiKey.node)}`, {
      keyId: apiKey.apiKeyRef.apiKeyId,
      keyType: API_KEY_TYPE,
      usagePlanId: this.usagePlanId,
    });
    if (options?.overrideLogicalId) resource.overrideLogicalId(options.overrideLogicalId);
  }

  /** This plan's identifiers. */
  public get usagePlanRef(): UsagePlanReference {
    return { usagePlanId: this.usagePlanId };
  }
}

/** Throws unless `value` is absent, zero or a whole number. */
function validateInteger(value: number | undefined, what: string): void {
  if (value && !Number.isInteger(value)) {
    throw new UnscopedValidationError('ShouldBeShouldInteger', `${what} should be an integer`);
  }
}

/** Throws unless `value` is absent, zero or a number. */
function validateDouble(value: number | undefined, what: string): void {
  if (value && isNaN(value) && isNaN(parseFloat(String(value)))) {
    throw new UnscopedValidationError('ShouldBeShouldDouble', `${what} should be an double`);
  }
}

/**
 * A usage plan for WebSocket API stages: throttling and a quota applied to each of its API keys.
 * @resource AWS::ApiGateway::UsagePlan
 */
export class UsagePlan extends UsagePlanBase {
  /** The id used for property injection. */
  public static readonly PROPERTY_INJECTION_ID = 'aws-cdk-lib.aws-apigatewayv2.websocket.UsagePlan';

  /** Imports an existing usage plan from its id; keys can still be added to it. */
  public static fromUsagePlanId(scope: Construct, id: string, usagePlanId: string): IUsagePlan {
    class Import extends UsagePlanBase {
      public readonly usagePlanId = usagePlanId;
    }
    return new Import(scope, id);
  }

  /** The id of the usage plan (a `Ref` of the resource). */
  public readonly usagePlanId: string;

  private readonly apiStages: UsagePlanPerApiStage[] = [];

  constructor(scope: Construct, id: string, props: UsagePlanProps = {}) {
    super(scope, id);
    const resource = new CfnUsagePlan(this, 'Resource', {
      apiStages: Lazy.uncachedAny({ produce: () => this.renderApiStages() }),
      description: props.description,
      quota: renderQuota(props.quota),
      throttle: renderThrottle(props.throttle),
      usagePlanName: props.usagePlanName,
    });
    this.apiStages.push(...(props.apiStages ?? []));
    this.usagePlanId = resource.ref;
    // Stages and APIs given up front are deployed before the plan (and its keys).
    for (const apiStage of props.apiStages ?? []) {
      if (apiStage.stage) this.node.addDependency(apiStage.stage);
      if (apiStage.api) this.node.addDependency(apiStage.api);
    }
  }

  /** Applies the plan to one more API stage. */
  public addApiStage(apiStage: UsagePlanPerApiStage): void {
    this.apiStages.push(apiStage);
  }

  private renderApiStages(): CfnUsagePlan.ApiStageProperty[] | undefined {
    if (this.apiStages.length === 0) return undefined;
    return this.apiStages
      .filter((apiStage) => apiStage.stage !== undefined)
      .map((apiStage) => ({ stage: apiStage.stage!.stageName.toString(), apiId: apiStage.stage!.api.apiId }));
  }
}

function renderQuota(quota: QuotaSettings | undefined): CfnUsagePlan.QuotaSettingsProperty | undefined {
  if (quota === undefined) return undefined;
  validateInteger(quota.limit, 'Throttle quota limit');
  return { limit: quota.limit, offset: quota.offset, period: quota.period };
}

function renderThrottle(throttle: ThrottleSettings | undefined): CfnUsagePlan.ThrottleSettingsProperty | undefined {
  if (throttle === undefined) return undefined;
  validateInteger(throttle.burstLimit, 'Throttle burst limit');
  validateDouble(throttle.rateLimit, 'Throttle rate limit');
  return { burstLimit: throttle.burstLimit, rateLimit: throttle.rateLimit };
}
