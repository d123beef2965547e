/** `AWS::ApiGatewayV2::Model`: the L1 of a JSON schema that validates request bodies. */
import type { Construct } from 'constructs';
import { CfnResource, ResolutionTypeHint, Token, type IResolvable } from '../../core/index.js';
import { renderCfnProperties } from '../../core/private/cfn-props.js';
import type { IApiRef, IModelRef, ModelReference } from './references.js';
import { idFromRef, requireProperty, type CfnJson } from './private/l1.js';

/** Properties of a CfnModel. */
export interface CfnModelProps {
  /** The API, or its id. */
  readonly apiId: IApiRef | string;
  /** The content type the model applies to, e.g. `application/json`. @default - none */
  readonly contentType?: string;
  /** A description of the model. @default - none */
  readonly description?: string;
  /** The name of the model. */
  readonly name: string;
  /** The JSON schema, as JSON. */
  readonly schema: CfnJson | IResolvable;
}

/**
 * A data model of an API Gateway v2 API, exactly as CloudFormation takes it.
 * @resource AWS::ApiGatewayV2::Model
 */
export class CfnModel extends CfnResource implements IModelRef {
  /** The CloudFormation resource type. */
  public static readonly CFN_RESOURCE_TYPE_NAME = 'AWS::ApiGatewayV2::Model';

  /** True if `x` is a CfnModel. */
  public static isCfnModel(x: unknown): x is CfnModel {
    return CfnResource.isCfnResource(x) && x.cfnResourceType === CfnModel.CFN_RESOURCE_TYPE_NAME;
  }

  public apiId: string;
  public contentType?: string;
  public description?: string;
  public name: string;
  public schema: CfnJson | IResolvable;

  constructor(scope: Construct, id: string, props: CfnModelProps) {
    super(scope, id, { type: CfnModel.CFN_RESOURCE_TYPE_NAME, properties: { ...props } });
    requireProperty(props, 'apiId', this);
    requireProperty(props, 'name', this);
    requireProperty(props, 'schema', this);
    this.apiId = idFromRef(props.apiId, ['apiRef', 'apiId'], 'apiId', 'apigatewayv2.IApiRef | string') as string;
    this.contentType = props.contentType;
    this.description = props.description;
    this.name = props.name;
    this.schema = props.schema;
  }

  /** This model's identifiers. */
  public get modelRef(): ModelReference {
    return { apiId: this.apiId, modelId: this.ref };
  }

  /** The id of the model. @attribute */
  public get attrModelId(): string {
    return Token.asString(this.getAtt('ModelId', ResolutionTypeHint.STRING));
  }

  protected override get cfnProperties(): Record<string, unknown> {
    return {
      apiId: this.apiId,
      contentType: this.contentType,
      description: this.description,
      name: this.name,
      schema: this.schema,
    };
  }

  protected override renderProperties(props: Record<string, unknown>): Record<string, unknown> {
    return renderCfnProperties(props, { verbatim: ['schema'] });
  }
}
