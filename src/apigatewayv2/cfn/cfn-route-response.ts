/** `AWS::ApiGatewayV2::RouteResponse`: the L1 of a two-way WebSocket route's response. */
import type { Construct } from 'constructs';
import { CfnResource, ResolutionTypeHint, Token, type IResolvable } from '../../core/index.js';
import { renderCfnProperties } from '../../core/private/cfn-props.js';
import type { IApiRef, IRouteRef, IRouteResponseRef, RouteResponseReference } from './references.js';
import { idFromRef, requireProperty, type CfnJson } from './private/l1.js';

/** Properties of a CfnRouteResponse. */
export interface CfnRouteResponseProps {
  /** The API, or its id. */
  readonly apiId: IApiRef | string;
  /** How a response model is chosen. @default - none */
  readonly modelSelectionExpression?: string;
  /** Response models by key, as JSON. @default - none */
  readonly responseModels?: CfnJson | IResolvable;
  /** Response parameters and whether each is required. @default - none */
  readonly responseParameters?: IResolvable | Record<string, IResolvable | CfnRouteResponse.ParameterConstraintsProperty>;
  /** The route, or its id. */
  readonly routeId: IRouteRef | string;
  /** The response key, usually `$default`. */
  readonly routeResponseKey: string;
}

/**
 * A route response of a WebSocket API, exactly as CloudFormation takes it.
 * @resource AWS::ApiGatewayV2::RouteResponse
 */
export class CfnRouteResponse extends CfnResource implements IRouteResponseRef {
  /** The CloudFormation resource type. */
  public static readonly CFN_RESOURCE_TYPE_NAME = 'AWS::ApiGatewayV2::RouteResponse';

  /** True if `x` is a CfnRouteResponse. */
  public static isCfnRouteResponse(x: unknown): x is CfnRouteResponse {
    return CfnResource.isCfnResource(x) && x.cfnResourceType === CfnRouteResponse.CFN_RESOURCE_TYPE_NAME;
  }

  public apiId: string;
  public modelSelectionExpression?: string;
  public responseModels?: CfnJson | IResolvable;
  public responseParameters?: IResolvable | Record<string, IResolvable | CfnRouteResponse.ParameterConstraintsProperty>;
  public routeId: string;
  public routeResponseKey: string;

  constructor(scope: Construct, id: string, props: CfnRouteResponseProps) {
    super(scope, id, { type: CfnRouteResponse.CFN_RESOURCE_TYPE_NAME, properties: { ...props } });
    requireProperty(props, 'apiId', this);
    requireProperty(props, 'routeId', this);
    requireProperty(props, 'routeResponseKey', this);
    this.apiId = idFromRef(props.apiId, ['apiRef', 'apiId'], 'apiId', 'apigatewayv2.IApiRef | string') as string;
    this.modelSelectionExpression = props.modelSelectionExpression;
    this.responseModels = props.responseModels;
    this.responseParameters = props.responseParameters;
    this.routeId = idFromRef(props.routeId, ['routeRef', 'routeId'], 'routeId', 'apigatewayv2.IRouteRef | string') as string;
    this.routeResponseKey = props.routeResponseKey;
  }

  /** This route response's identifiers. */
  public get routeResponseRef(): RouteResponseReference {
    return { apiId: this.apiId, routeId: this.routeId, routeResponseId: this.ref };
  }

  /** The id of the route response. @attribute */
  public get attrRouteResponseId(): string {
    return Token.asString(this.getAtt('RouteResponseId', ResolutionTypeHint.STRING));
  }

  protected override get cfnProperties(): Record<string, unknown> {
    return {
      apiId: this.apiId,
      modelSelectionExpression: this.modelSelectionExpression,
      responseModels: this.responseModels,
      responseParameters: this.responseParameters,
      routeId: this.routeId,
      routeResponseKey: this.routeResponseKey,
    };
  }

  protected override renderProperties(props: Record<string, unknown>): Record<string, unknown> {
    return renderCfnProperties(props, { verbatim: ['responseModels'], mapOf: ['responseParameters'] });
  }
}

// eslint-disable-next-line @typescript-eslint/no-namespace -- struct types live under the class name, as in aws-cdk-lib
export namespace CfnRouteResponse {
  /** Whether a response parameter is required. */
  export interface ParameterConstraintsProperty {
    /** True if the parameter must be present. */
    readonly required: boolean | IResolvable;
  }
}
