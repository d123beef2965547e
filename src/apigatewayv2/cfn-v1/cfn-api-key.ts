/** `AWS::ApiGateway::ApiKey`: the L1 of an API key. */
import type { Construct } from 'constructs';
import {
  CfnResource, ResolutionTypeHint, Stack, TagManager, TagType, Token,
  type CfnTag, type IResolvable, type ITaggable,
} from '../../core/index.js';
import { renderCfnProperties } from '../../core/private/cfn-props.js';
import type { ApiKeyReference, IApiKeyRef } from './references.js';
import { importReference } from '../cfn/private/l1.js';

/** Properties of a CfnApiKey. */
export interface CfnApiKeyProps {
  /** An id of the customer, for AWS Marketplace. @default - none */
  readonly customerId?: string;
  /** A description of the key. @default - none */
  readonly description?: string;
  /** Whether callers can use the key. @default - false */
  readonly enabled?: boolean | IResolvable;
  /** Whether the key's name must be unique. @default - false */
  readonly generateDistinctId?: boolean | IResolvable;
  /** The name of the key. @default - generated */
  readonly name?: string;
  /** REST API stages the key is tied to. @default - none */
  readonly stageKeys?: Array<IResolvable | CfnApiKey.StageKeyProperty> | IResolvable;
  /** Tags of the key. @default - none */
  readonly tags?: CfnTag[];
  /** The key itself (at least 20 characters). @default - generated */
  readonly value?: string;
}

/**
 * An API key of API Gateway, exactly as CloudFormation takes it.
 * @resource AWS::ApiGateway::ApiKey
 */
export class CfnApiKey extends CfnResource implements IApiKeyRef, ITaggable {
  /** The CloudFormation resource type. */
  public static readonly CFN_RESOURCE_TYPE_NAME = 'AWS::ApiGateway::ApiKey';

  /** True if `x` is a CfnApiKey. */
  public static isCfnApiKey(x: unknown): x is CfnApiKey {
    return CfnResource.isCfnResource(x) && x.cfnResourceType === CfnApiKey.CFN_RESOURCE_TYPE_NAME;
  }

  /** A reference to an existing API key, from its id. */
  public static fromApiKeyId(scope: Construct, id: string, apiKeyId: string): IApiKeyRef {
    return importReference<{ apiKeyRef: ApiKeyReference }>(scope, id, { apiKeyRef: { apiKeyId } });
  }

  /** The ARN of an API key (`arn:<partition>:apigateway:<region>::/apikeys/<id>`). */
  public static arnForApiKey(resource: IApiKeyRef): string {
    return `arn:${Stack.of(resource).partition}:apigateway:${resource.env.region}::/apikeys/${resource.apiKeyRef.apiKeyId}`;
  }

  public customerId?: string;
  public description?: string;
  public enabled?: boolean | IResolvable;
  public generateDistinctId?: boolean | IResolvable;
  public name?: string;
  public stageKeys?: Array<IResolvable | CfnApiKey.StageKeyProperty> | IResolvable;
  /** The tags of the key; `Tags.of()` writes here. */
  public readonly tags: TagManager;
  /** The tags as given in the props. */
  public tagsRaw?: CfnTag[];
  public value?: string;

  constructor(scope: Construct, id: string, props: CfnApiKeyProps = {}) {
    super(scope, id, { type: CfnApiKey.CFN_RESOURCE_TYPE_NAME, properties: { ...props } });
    this.customerId = props.customerId;
    this.description = props.description;
    this.enabled = props.enabled;
    this.generateDistinctId = props.generateDistinctId;
    this.name = props.name;
    this.stageKeys = props.stageKeys;
    this.tags = new TagManager(TagType.STANDARD, CfnApiKey.CFN_RESOURCE_TYPE_NAME, props.tags, { tagPropertyName: 'tags' });
    this.tagsRaw = props.tags;
    this.value = props.value;
  }

  /** This key's identifiers. */
  public get apiKeyRef(): ApiKeyReference {
    return { apiKeyId: this.ref };
  }

  /** The id of the key. @attribute */
  public get attrApiKeyId(): string {
    return Token.asString(this.getAtt('APIKeyId', ResolutionTypeHint.STRING));
  }

  protected override get cfnProperties(): Record<string, unknown> {
    return {
      customerId: this.customerId,
      description: this.description,
      enabled: this.enabled,
      generateDistinctId: this.generateDistinctId,
      name: this.name,
      stageKeys: this.stageKeys,
      tags: this.tags.renderTags(),
      value: this.value,
    };
  }

  protected override renderProperties(props: Record<string, unknown>): Record<string, unknown> {
    return renderCfnProperties(props, { verbatim: ['tags'] });
  }
}

// eslint-disable-next-line @typescript-eslint/no-namespace -- struct types live under the class name, as in aws-cdk-lib
export namespace CfnApiKey {
  /** A REST API stage an API key is tied to. */
  export interface StageKeyProperty {
    /** The id of the REST API. @default - none */
    readonly restApiId?: string;
    /** The name of the stage. @default - none */
    readonly stageName?: string;
  }
}
