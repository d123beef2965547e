/** `AWS::ApiGateway::UsagePlanKey`: the L1 that adds an API key to a usage plan. */
import type { Construct } from 'constructs';
import { CfnResource, ResolutionTypeHint, Token } from '../../core/index.js';
import { renderCfnProperties } from '../../core/private/cfn-props.js';
import type { IApiKeyRef, IUsagePlanKeyRef, IUsagePlanRef, UsagePlanKeyReference } from './references.js';
import { idFromRef, requireProperty } from '../cfn/private/l1.js';

/** Properties of a CfnUsagePlanKey. */
export interface CfnUsagePlanKeyProps {
  /** The API key, or its id. */
  readonly keyId: IApiKeyRef | string;
  /** The type of key: `API_KEY`. */
  readonly keyType: string;
  /** The usage plan, or its id. */
  readonly usagePlanId: IUsagePlanRef | string;
}

/**
 * The membership of an API key in a usage plan, exactly as CloudFormation takes it.
 * @resource AWS::ApiGateway::UsagePlanKey
 */
export class CfnUsagePlanKey extends CfnResource implements IUsagePlanKeyRef {
  /** The CloudFormation resource type. */
  public static readonly CFN_RESOURCE_TYPE_NAME = 'AWS::ApiGateway::UsagePlanKey';

  /** True if `x` is a CfnUsagePlanKey. */
  public static isCfnUsagePlanKey(x: unknown): x is CfnUsagePlanKey {
    return CfnResource.isCfnResource(x) && x.cfnResourceType === CfnUsagePlanKey.CFN_RESOURCE_TYPE_NAME;
  }

  public keyId: string;
  public keyType: string;
  public usagePlanId: string;

  constructor(scope: Construct, id: string, props: CfnUsagePlanKeyProps) {
    super(scope, id, { type: CfnUsagePlanKey.CFN_RESOURCE_TYPE_NAME, properties: { ...props } });
    requireProperty(props, 'keyId', this);
    requireProperty(props, 'keyType', this);
    requireProperty(props, 'usagePlanId', this);
    this.keyId = idFromRef(props.keyId, ['apiKeyRef', 'apiKeyId'], 'keyId', 'apigateway.IApiKeyRef | string') as string;
    this.keyType = props.keyType;
    this.usagePlanId = idFromRef(props.usagePlanId, ['usagePlanRef', 'usagePlanId'], 'usagePlanId',
      'apigateway.IUsagePlanRef | string') as string;
  }

  /** This membership's identifiers. */
  public get usagePlanKeyRef(): UsagePlanKeyReference {
    return { usagePlanKeyId: this.ref };
  }

  /** The id of the usage plan key. @attribute */
  public get attrId(): string {
    return Token.asString(this.getAtt('Id', ResolutionTypeHint.STRING));
  }

  protected override get cfnProperties(): Record<string, unknown> {
    return {
      keyId: this.keyId,
      keyType: this.keyType,
      usagePlanId: this.usagePlanId,
    };
  }

  protected override renderProperties(props: Record<string, unknown>): Record<string, unknown> {
    return renderCfnProperties(props);
  }
}
