/** `AWS::ApiGatewayV2::ApiMapping`: the L1 that maps a stage of an API onto a custom domain. */
import type { Construct } from 'constructs';
import { CfnResource, ResolutionTypeHint, Token } from '../../core/index.js';
import { renderCfnProperties } from '../../core/private/cfn-props.js';
import type { ApiMappingReference, IApiMappingRef, IApiRef, IDomainNameRef } from './references.js';
import { idFromRef, requireProperty, type IRestApiRefLike } from './private/l1.js';

/** Properties of a CfnApiMapping. */
export interface CfnApiMappingProps {
  /** The API: a v2 API, a REST API, or its id. */
  readonly apiId: IRestApiRefLike | IApiRef | string;
  /** The path under the domain. @default - the domain's root */
  readonly apiMappingKey?: string;
  /** The custom domain name, or a reference to one. */
  readonly domainName: IDomainNameRef | string;
  /** The stage of the API to map. */
  readonly stage: string;
}

/**
 * A mapping of an API stage onto a custom domain name, exactly as CloudFormation takes it.
 * @resource AWS::ApiGatewayV2::ApiMapping
 */
export class CfnApiMapping extends CfnResource implements IApiMappingRef {
  /** The CloudFormation resource type. */
  public static readonly CFN_RESOURCE_TYPE_NAME = 'AWS::ApiGatewayV2::ApiMapping';

  /** True if `x` is a CfnApiMapping. */
  public static isCfnApiMapping(x: unknown): x is CfnApiMapping {
    return CfnResource.isCfnResource(x) && x.cfnResourceType === CfnApiMapping.CFN_RESOURCE_TYPE_NAME;
  }

  public apiId: string;
  public apiMappingKey?: string;
  public domainName: string;
  public stage: string;

  constructor(scope: Construct, id: string, props: CfnApiMappingProps) {
    super(scope, id, { type: CfnApiMapping.CFN_RESOURCE_TYPE_NAME, properties: { ...props } });
    requireProperty(props, 'apiId', this);
    requireProperty(props, 'domainName', this);
    requireProperty(props, 'stage', this);
    this.apiId = idFromRef(props.apiId, [['apiRef', 'apiId'], ['restApiRef', 'restApiId']], 'apiId',
      'apigatewayv2.IApiRef | apigateway.IRestApiRef | string') as string;
    this.apiMappingKey = props.apiMappingKey;
    this.domainName = idFromRef(props.domainName, ['domainNameRef', 'domainName'], 'domainName',
      'apigatewayv2.IDomainNameRef | apigateway.IDomainNameRef | string') as string;
    this.stage = props.stage;
  }

  /** This mapping's identifiers. */
  public get apiMappingRef(): ApiMappingReference {
    return { apiMappingId: this.ref, domainName: this.domainName };
  }

  /** The id of the mapping. @attribute */
  public get attrApiMappingId(): string {
    return Token.asString(this.getAtt('ApiMappingId', ResolutionTypeHint.STRING));
  }

  protected override get cfnProperties(): Record<string, unknown> {
    return {
      apiId: this.apiId,
      apiMappingKey: this.apiMappingKey,
      domainName: this.domainName,
      stage: this.stage,
    };
  }

  protected override renderProperties(props: Record<string, unknown>): Record<string, unknown> {
    return renderCfnProperties(props);
  }
}
