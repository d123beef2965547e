/**
 * A route of a WebSocket API: a route key (`$connect`, `$disconnect`, `$default` or a custom
 * key the route selection expression yields), its integration, its authorizer and whether the
 * integration's answer is sent back to the client.
 */
import { Construct } from 'constructs';
import { Resource, ValidationError, type IResource } from '../../core/index.js';
import { CfnRoute, CfnRouteResponse } from '../cfn/index.js';
import type { IRouteRef, RouteReference } from '../cfn/references.js';
import type { IWebSocketApi } from './api.js';
import type { WebSocketRouteIntegration } from './integration.js';
import { WebSocketNoneAuthorizer, type IWebSocketRouteAuthorizer } from './authorizer.js';

/** A route of an API. */
export interface IRoute extends IResource, IRouteRef {
  /**
   * The route's identifier.
   * @attribute
   */
  readonly routeId: string;
}

/** A route of a WebSocket API. */
export interface IWebSocketRoute extends IRoute {
  /** The API the route belongs to. */
  readonly webSocketApi: IWebSocketApi;

  /** The route key. */
  readonly routeKey: string;
}

/** Options of a route, as `addRoute` takes them. */
export interface WebSocketRouteOptions {
  /** The integration that serves the route. */
  readonly integration: WebSocketRouteIntegration;

  /**
   * The authorizer; only a `$connect` route may have one.
   * @default - no authorizer
   */
  readonly authorizer?: IWebSocketRouteAuthorizer;

  /**
   * Send the integration's answer back to the client.
   * @default false
   */
  readonly returnResponse?: boolean;
}

/** Properties of a WebSocketRoute. */
export interface WebSocketRouteProps extends WebSocketRouteOptions {
  /** The API the route belongs to. */
  readonly webSocketApi: IWebSocketApi;

  /** The route key. */
  readonly routeKey: string;

  /**
   * Require an API key on this route.
   * @default false
   */
  readonly apiKeyRequired?: boolean;
}

/**
 * A route of a WebSocket API.
 *
 * @resource AWS::ApiGatewayV2::Route
 */
export class WebSocketRoute extends Resource implements IWebSocketRoute {
  /** The id used for property injection. */
  public static readonly PROPERTY_INJECTION_ID = 'aws-cdk-lib.aws-apigatewayv2.WebSocketRoute';

  public readonly routeId: string;
  public readonly webSocketApi: IWebSocketApi;
  public readonly routeKey: string;

  /** Declared for compatibility; never set. */
  public readonly integrationResponseId?: string;

  constructor(scope: Construct, id: string, props: WebSocketRouteProps) {
    super(scope, id);
    if (props.routeKey !== '$connect' && props.authorizer) {
      throw new ValidationError('SetWebSocketAuthorizerConnect', 'You can only set a WebSocket authorizer to a $connect route.', scope);
    }
    this.webSocketApi = props.webSocketApi;
    this.routeKey = props.routeKey;

    const config = props.integration._bindToRoute({ route: this, scope: this });
    const authorizer = props.authorizer ?? new WebSocketNoneAuthorizer();
    const auth = authorizer.bind({ route: this, scope: Construct.isConstruct(this.webSocketApi) ? this.webSocketApi : this });

    const route = new CfnRoute(this, 'Resource', {
      apiId: props.webSocketApi.apiId,
      apiKeyRequired: props.apiKeyRequired,
      routeKey: props.routeKey,
      target: `integrations/${config.integrationId}`,
      authorizerId: auth.authorizerId,
      authorizationType: auth.authorizationType,
      routeResponseSelectionExpression: props.returnResponse ? '$default' : undefined,
    });
    this.routeId = route.ref;

    if (props.returnResponse) {
      new CfnRouteResponse(this, 'Response', {
        apiId: props.webSocketApi.apiId,
        routeId: route.ref,
        routeResponseKey: '$default',
      });
    }
  }

  public get routeRef(): RouteReference {
    return { apiId: this.webSocketApi.apiRef.apiId, routeId: this.routeId };
  }
}
