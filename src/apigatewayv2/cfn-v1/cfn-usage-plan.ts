/** `AWS::ApiGateway::UsagePlan`: the L1 of a usage plan (throttling and quota for API keys). */
import type { Construct } from 'constructs';
import {
  CfnResource, ResolutionTypeHint, Stack, TagManager, TagType, Token,
  type CfnTag, type IResolvable, type ITaggable,
} from '../../core/index.js';
import { renderCfnProperties } from '../../core/private/cfn-props.js';
import type { IUsagePlanRef, UsagePlanReference } from './references.js';
import { importReference } from '../cfn/private/l1.js';

/** Properties of a CfnUsagePlan. */
export interface CfnUsagePlanProps {
  /** The API stages the plan applies to. @default - none */
  readonly apiStages?: Array<CfnUsagePlan.ApiStageProperty | IResolvable> | IResolvable;
  /** A description of the plan. @default - none */
  readonly description?: string;
  /** How many requests a key may make per period. @default - no quota */
  readonly quota?: IResolvable | CfnUsagePlan.QuotaSettingsProperty;
  /** Tags of the plan. @default - none */
  readonly tags?: CfnTag[];
  /** Request rate limits of the plan. @default - no throttling */
  readonly throttle?: IResolvable | CfnUsagePlan.ThrottleSettingsProperty;
  /** The name of the plan. @default - none */
  readonly usagePlanName?: string;
}

/**
 * A usage plan of API Gateway, exactly as CloudFormation takes it.
 * @resource AWS::ApiGateway::UsagePlan
 */
export class CfnUsagePlan extends CfnResource implements IUsagePlanRef, ITaggable {
  /** The CloudFormation resource type. */
  public static readonly CFN_RESOURCE_TYPE_NAME = 'AWS::ApiGateway::UsagePlan';

  /** True if `x` is a CfnUsagePlan. */
  public static isCfnUsagePlan(x: unknown): x is CfnUsagePlan {
    return CfnResource.isCfnResource(x) && x.cfnResourceType === CfnUsagePlan.CFN_RESOURCE_TYPE_NAME;
  }

  /** A reference to an existing usage plan, from its id. */
  public static fromUsagePlanId(scope: Construct, id: string, usagePlanId: string): IUsagePlanRef {
    return importReference<{ usagePlanRef: UsagePlanReference }>(scope, id, { usagePlanRef: { usagePlanId } });
  }

  /** The ARN of a usage plan (`arn:<partition>:apigateway:<region>::/usageplans/<id>`). */
  public static arnForUsagePlan(resource: IUsagePlanRef): string {
    return `arn:${Stack.of(resource).partition}:apigateway:${resource.env.region}::/usageplans/${resource.usagePlanRef.usagePlanId}`;
  }

  public apiStages?: Array<CfnUsagePlan.ApiStageProperty | IResolvable> | IResolvable;
  public description?: string;
  public quota?: IResolvable | CfnUsagePlan.QuotaSettingsProperty;
  /** The tags of the plan; `Tags.of()` writes here. */
  public readonly tags: TagManager;
  /** The tags as given in the props. */
  public tagsRaw?: CfnTag[];
  public throttle?: IResolvable | CfnUsagePlan.ThrottleSettingsProperty;
  public usagePlanName?: string;

  constructor(scope: Construct, id: string, props: CfnUsagePlanProps = {}) {
    super(scope, id, { type: CfnUsagePlan.CFN_RESOURCE_TYPE_NAME, properties: { ...props } });
    this.apiStages = props.apiStages;
    this.description = props.description;
    this.quota = props.quota;
    this.tags = new TagManager(TagType.STANDARD, CfnUsagePlan.CFN_RESOURCE_TYPE_NAME, props.tags, { tagPropertyName: 'tags' });
    this.tagsRaw = props.tags;
    this.throttle = props.throttle;
    this.usagePlanName = props.usagePlanName;
  }

  /** This plan's identifiers. */
  public get usagePlanRef(): UsagePlanReference {
    return { usagePlanId: this.ref };
  }

  /** The id of the plan. @attribute */
  public get attrId(): string {
    return Token.asString(this.getAtt('Id', ResolutionTypeHint.STRING));
  }

  protected override get cfnProperties(): Record<string, unknown> {
    return {
      apiStages: this.apiStages,
      description: this.description,
      quota: this.quota,
      tags: this.tags.renderTags(),
      throttle: this.throttle,
      usagePlanName: this.usagePlanName,
    };
  }

  protected override renderProperties(props: Record<string, unknown>): Record<string, unknown> {
    return renderCfnProperties(props, { verbatim: ['tags'], mapOf: ['apiStages.throttle'] });
  }
}

// eslint-disable-next-line @typescript-eslint/no-namespace -- struct types live under the class name, as in aws-cdk-lib
export namespace CfnUsagePlan {
  /** A request quota. */
  export interface QuotaSettingsProperty {
    /** Requests allowed per period. @default - none */
    readonly limit?: number;
    /** Requests taken off the first period. @default - 0 */
    readonly offset?: number;
    /** `DAY`, `WEEK` or `MONTH`. @default - none */
    readonly period?: string;
  }

  /** An API stage a plan applies to. */
  export interface ApiStageProperty {
    /** The id of the API. @default - none */
    readonly apiId?: string;
    /** The name of the stage. @default - none */
    readonly stage?: string;
    /** Throttling per method, keyed `/<resource>/<METHOD>`. @default - none */
    readonly throttle?: IResolvable | Record<string, IResolvable | CfnUsagePlan.ThrottleSettingsProperty>;
  }

  /** A request rate limit. */
  export interface ThrottleSettingsProperty {
    /** Requests allowed in a burst. @default - none */
    readonly burstLimit?: number;
    /** Steady-state requests per second. @default - none */
    readonly rateLimit?: number;
  }
}
