/** `AWS::ApiGatewayV2::Route`: the L1 of a route (a route key and where its requests go). */
import type { Construct } from 'constructs';
import { CfnResource, ResolutionTypeHint, Token, type IResolvable } from '../../core/index.js';
import { renderCfnProperties } from '../../core/private/cfn-props.js';
import type { IApiRef, IAuthorizerRef, IIntegrationRef, IRouteRef, RouteReference } from './references.js';
import { idFromRef, requireProperty, type CfnJson } from './private/l1.js';

/** Properties of a CfnRoute. */
export interface CfnRouteProps {
  /** The API, or its id. */
  readonly apiId: IApiRef | string;
  /** Whether callers must send an API key (WebSocket APIs). @default - false */
  readonly apiKeyRequired?: boolean | IResolvable;
  /** OAuth scopes a JWT must carry (HTTP APIs). @default - none */
  readonly authorizationScopes?: string[];
  /** `NONE`, `AWS_IAM`, `CUSTOM` or `JWT`. @default - NONE */
  readonly authorizationType?: string;
  /** The authorizer, or its id, when the type is `CUSTOM` or `JWT`. @default - none */
  readonly authorizerId?: IAuthorizerRef | string;
  /** How a request model is chosen (WebSocket APIs). @default - none */
  readonly modelSelectionExpression?: string;
  /** A name for the route's operation. @default - none */
  readonly operationName?: string;
  /** Request models by key (WebSocket APIs), as JSON. @default - none */
  readonly requestModels?: CfnJson | IResolvable;
  /** Request parameters and whether each is required (WebSocket APIs), as JSON. @default - none */
  readonly requestParameters?: CfnJson | IResolvable;
  /** The route key, e.g. `$connect`, `sendMessage` or `GET /items`. */
  readonly routeKey: string;
  /** How a route response is chosen (WebSocket APIs; `$default` to enable two-way routes). @default - none */
  readonly routeResponseSelectionExpression?: string;
  /** Where requests go: `integrations/<id>`, or an integration reference. @default - none */
  readonly target?: IIntegrationRef | string;
}

/**
 * A route of an API Gateway v2 API, exactly as CloudFormation takes it.
 * @resource AWS::ApiGatewayV2::Route
 */
export class CfnRoute extends CfnResource implements IRouteRef {
  /** The CloudFormation resource type. */
  public static readonly CFN_RESOURCE_TYPE_NAME = 'AWS::ApiGatewayV2::Route';

  /** True if `x` is a CfnRoute. */
  public static isCfnRoute(x: unknown): x is CfnRoute {
    return CfnResource.isCfnResource(x) && x.cfnResourceType === CfnRoute.CFN_RESOURCE_TYPE_NAME;
  }

  public apiId: string;
  public apiKeyRequired?: boolean | IResolvable;
  public authorizationScopes?: string[];
  public authorizationType?: string;
  public authorizerId?: string;
  public modelSelectionExpression?: string;
  public operationName?: string;
  public requestModels?: CfnJson | IResolvable;
  public requestParameters?: CfnJson | IResolvable;
  public routeKey: string;
  public routeResponseSelectionExpression?: string;
  public target?: string;

  constructor(scope: Construct, id: string, props: CfnRouteProps) {
    super(scope, id, { type: CfnRoute.CFN_RESOURCE_TYPE_NAME, properties: { ...props } });
    requireProperty(props, 'apiId', this);
    requireProperty(props, 'routeKey', this);
    this.apiId = idFromRef(props.apiId, ['apiRef', 'apiId'], 'apiId', 'apigatewayv2.IApiRef | string') as string;
    this.apiKeyRequired = props.apiKeyRequired;
    this.authorizationScopes = props.authorizationScopes;
    this.authorizationType = props.authorizationType;
    this.authorizerId = idFromRef(props.authorizerId, ['authorizerRef', 'authorizerId'], 'authorizerId',
      'apigatewayv2.IAuthorizerRef | string');
    this.modelSelectionExpression = props.modelSelectionExpression;
    this.operationName = props.operationName;
    this.requestModels = props.requestModels;
    this.requestParameters = props.requestParameters;
    this.routeKey = props.routeKey;
    this.routeResponseSelectionExpression = props.routeResponseSelectionExpression;
    // As in aws-cdk-lib, an integration reference becomes its bare id (not `integrations/<id>`).
    this.target = idFromRef(props.target, ['integrationRef', 'integrationId'], 'target', 'apigatewayv2.IIntegrationRef | string');
  }

  /** This route's identifiers. */
  public get routeRef(): RouteReference {
    return { apiId: this.apiId, routeId: this.ref };
  }

  /** The id of the route. @attribute */
  public get attrRouteId(): string {
    return Token.asString(this.getAtt('RouteId', ResolutionTypeHint.STRING));
  }

  protected override get cfnProperties(): Record<string, unknown> {
    return {
      apiId: this.apiId,
      apiKeyRequired: this.apiKeyRequired,
      authorizationScopes: this.authorizationScopes,
      authorizationType: this.authorizationType,
      authorizerId: this.authorizerId,
      modelSelectionExpression: this.modelSelectionExpression,
      operationName: this.operationName,
      requestModels: this.requestModels,
      requestParameters: this.requestParameters,
      routeKey: this.routeKey,
      routeResponseSelectionExpression: this.routeResponseSelectionExpression,
      target: this.target,
    };
  }

  protected override renderProperties(props: Record<string, unknown>): Record<string, unknown> {
    return renderCfnProperties(props, { verbatim: ['requestModels', 'requestParameters'] });
  }
}

// eslint-disable-next-line @typescript-eslint/no-namespace -- struct types live under the class name, as in aws-cdk-lib
export namespace CfnRoute {
  /** Whether a request parameter is required. */
  export interface ParameterConstraintsProperty {
    /** True if the parameter must be present. */
    readonly required: boolean | IResolvable;
  }
}
