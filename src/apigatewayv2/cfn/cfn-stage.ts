/** `AWS::ApiGatewayV2::Stage`: the L1 of a named, deployed version of an API. */
import type { Construct } from 'constructs';
import { CfnResource, TagManager, TagType, type IResolvable, type ITaggable } from '../../core/index.js';
import { renderCfnProperties } from '../../core/private/cfn-props.js';
import type { IStageRef, StageReference } from './references.js';
import { requireProperty, type CfnJson } from './private/l1.js';

/** Properties of a CfnStage. */
export interface CfnStageProps {
  /** Where access logs go and how a line looks. @default - no access logs */
  readonly accessLogSettings?: CfnStage.AccessLogSettingsProperty | IResolvable;
  /** Reserved by CloudFormation; API Gateway v2 does not use it. @default - none */
  readonly accessPolicyId?: string;
  /** The id of the API. */
  readonly apiId: string;
  /** Deploy every change of the API to this stage automatically. @default - false */
  readonly autoDeploy?: boolean | IResolvable;
  /** A client certificate for calls to the backend. @default - none */
  readonly clientCertificateId?: string;
  /** Settings of every route of the stage: throttling, metrics, logging. @default - none */
  readonly defaultRouteSettings?: IResolvable | CfnStage.RouteSettingsProperty;
  /** The deployment the stage serves. @default - none */
  readonly deploymentId?: string;
  /** A description of the stage. @default - none */
  readonly description?: string;
  /** Settings per route key, as JSON (CloudFormation's own names: `ThrottlingRateLimit`, ...). @default - none */
  readonly routeSettings?: CfnJson | IResolvable;
  /** The name of the stage. */
  readonly stageName: string;
  /** Stage variables, as a map of strings. @default - none */
  readonly stageVariables?: CfnJson | IResolvable;
  /** Tags of the stage, as a key-value map. @default - none */
  readonly tags?: CfnJson;
}

/**
 * A stage of an API Gateway v2 API, exactly as CloudFormation takes it.
 * @resource AWS::ApiGatewayV2::Stage
 */
export class CfnStage extends CfnResource implements IStageRef, ITaggable {
  /** The CloudFormation resource type. */
  public static readonly CFN_RESOURCE_TYPE_NAME = 'AWS::ApiGatewayV2::Stage';

  /** True if `x` is a CfnStage. */
  public static isCfnStage(x: unknown): x is CfnStage {
    return CfnResource.isCfnResource(x) && x.cfnResourceType === CfnStage.CFN_RESOURCE_TYPE_NAME;
  }

  public accessLogSettings?: CfnStage.AccessLogSettingsProperty | IResolvable;
  public accessPolicyId?: string;
  public apiId: string;
  public autoDeploy?: boolean | IResolvable;
  public clientCertificateId?: string;
  public defaultRouteSettings?: IResolvable | CfnStage.RouteSettingsProperty;
  public deploymentId?: string;
  public description?: string;
  public routeSettings?: CfnJson | IResolvable;
  public stageName: string;
  public stageVariables?: CfnJson | IResolvable;
  /** The tags of the stage; `Tags.of()` writes here. */
  public readonly tags: TagManager;
  /** The tags as given in the props. */
  public tagsRaw?: CfnJson;

  constructor(scope: Construct, id: string, props: CfnStageProps) {
    super(scope, id, { type: CfnStage.CFN_RESOURCE_TYPE_NAME, properties: { ...props } });
    requireProperty(props, 'apiId', this);
    requireProperty(props, 'stageName', this);
    this.accessLogSettings = props.accessLogSettings;
    this.accessPolicyId = props.accessPolicyId;
    this.apiId = props.apiId;
    this.autoDeploy = props.autoDeploy;
    this.clientCertificateId = props.clientCertificateId;
    this.defaultRouteSettings = props.defaultRouteSettings;
    this.deploymentId = props.deploymentId;
    this.description = props.description;
    this.routeSettings = props.routeSettings;
    this.stageName = props.stageName;
    this.stageVariables = props.stageVariables;
    this.tags = new TagManager(TagType.MAP, CfnStage.CFN_RESOURCE_TYPE_NAME, props.tags, { tagPropertyName: 'tags' });
    this.tagsRaw = props.tags;
  }

  /** This stage's identifiers. */
  public get stageRef(): StageReference {
    return { apiId: this.apiId, stageName: this.ref };
  }

  protected override get cfnProperties(): Record<string, unknown> {
    return {
      accessLogSettings: this.accessLogSettings,
      accessPolicyId: this.accessPolicyId,
      apiId: this.apiId,
      autoDeploy: this.autoDeploy,
      clientCertificateId: this.clientCertificateId,
      defaultRouteSettings: this.defaultRouteSettings,
      deploymentId: this.deploymentId,
      description: this.description,
      routeSettings: this.routeSettings,
      stageName: this.stageName,
      stageVariables: this.stageVariables,
      tags: this.tags.renderTags(),
    };
  }

  protected override renderProperties(props: Record<string, unknown>): Record<string, unknown> {
    return renderCfnProperties(props, { verbatim: ['routeSettings', 'stageVariables', 'tags'] });
  }
}

// eslint-disable-next-line @typescript-eslint/no-namespace -- struct types live under the class name, as in aws-cdk-lib
export namespace CfnStage {
  /** Where a stage's access logs go. */
  export interface AccessLogSettingsProperty {
    /** The ARN of the CloudWatch Logs group or Firehose stream. @default - none */
    readonly destinationArn?: string;
    /** The layout of a log line, with `$context` variables. @default - none */
    readonly format?: string;
  }

  /** Settings of the routes of a stage. */
  export interface RouteSettingsProperty {
    /** Log full requests and responses (WebSocket APIs). @default - false */
    readonly dataTraceEnabled?: boolean | IResolvable;
    /** Publish per-route metrics. @default - false */
    readonly detailedMetricsEnabled?: boolean | IResolvable;
    /** `ERROR`, `INFO` or `OFF` (WebSocket APIs). @default - OFF */
    readonly loggingLevel?: string;
    /** Requests allowed in a burst. @default - the account's limit */
    readonly throttlingBurstLimit?: number;
    /** Steady-state requests per second. @default - the account's limit */
    readonly throttlingRateLimit?: number;
  }
}
