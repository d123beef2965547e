/**
 * WebSocketApi: an API Gateway WebSocket API (`AWS::ApiGatewayV2::Api` with ProtocolType
 * WEBSOCKET), its routes, grants to the `@connections` management API, and execute-api ARNs.
 */
import type { Construct } from 'constructs';
import { ArnFormat, Stack, Token, UnscopedValidationError, ValidationError, printDeprecation } from '../../core/index.js';
import { Grant, type IGrantable } from '../../iam/index.js';
import type { ApiReference, IApiRef } from '../cfn/references.js';
import { CfnApi } from '../cfn/index.js';
import type { IApi, IpAddressType } from '../common/api.js';
import { ApiBase } from '../common/base.js';
import { WebSocketRoute, type WebSocketRouteOptions } from './route.js';

/** A reference to a WebSocket API. */
export interface IWebSocketApiRef extends IApiRef {
  /** Always true: tells WebSocket APIs from HTTP APIs. */
  readonly isWebsocketApi: boolean;
}

/** A WebSocket API, created here or imported. */
export interface IWebSocketApi extends IApi, IWebSocketApiRef {}

/** Where a request's API key is read from. */
export class WebSocketApiKeySelectionExpression {
  /** The `x-api-key` header. */
  public static readonly HEADER_X_API_KEY = new WebSocketApiKeySelectionExpression('$request.header.x-api-key');

  /** The `usageIdentifierKey` a Lambda authorizer returns. */
  public static readonly AUTHORIZER_USAGE_IDENTIFIER_KEY = new WebSocketApiKeySelectionExpression('$context.authorizer.usageIdentifierKey');

  /** @param customApiKeySelector a selection expression such as `$request.header.x-api-key` */
  constructor(public readonly customApiKeySelector: string) {}
}

/** Properties of a WebSocketApi. */
export interface WebSocketApiProps {
  /**
   * The name of the API.
   * @default - the construct id
   */
  readonly apiName?: string;

  /**
   * Where the API key is read from; setting it makes routes able to require a key.
   * @default - no API key is read
   */
  readonly apiKeySelectionExpression?: WebSocketApiKeySelectionExpression;

  /**
   * A description of the API.
   * @default - none
   */
  readonly description?: string;

  /**
   * How the route of a message is chosen.
   * @default '$request.body.action'
   */
  readonly routeSelectionExpression?: string;

  /**
   * The `$connect` route.
   * @default - no '$connect' route
   */
  readonly connectRouteOptions?: WebSocketRouteOptions;

  /**
   * The `$disconnect` route.
   * @default - no '$disconnect' route
   */
  readonly disconnectRouteOptions?: WebSocketRouteOptions;

  /**
   * The `$default` route, for messages no other route matches.
   * @default - no '$default' route
   */
  readonly defaultRouteOptions?: WebSocketRouteOptions;

  /**
   * Which IP versions the endpoint accepts.
   * @default - IPv4 (the service's default)
   */
  readonly ipAddressType?: IpAddressType;

  /**
   * Skip validation of the API's model schemas.
   * @default - not set
   */
  readonly disableSchemaValidation?: boolean;
}

/** What an imported WebSocket API is made of. */
export interface WebSocketApiAttributes {
  /** The API's identifier. */
  readonly webSocketId: string;

  /**
   * The API's endpoint URL.
   * @default - reading apiEndpoint throws
   */
  readonly apiEndpoint?: string;
}

/**
 * An API Gateway WebSocket API.
 *
 * @resource AWS::ApiGatewayV2::Api
 */
export class WebSocketApi extends ApiBase implements IWebSocketApi {
  /** The id used for property injection. */
  public static readonly PROPERTY_INJECTION_ID = 'aws-cdk-lib.aws-apigatewayv2.WebSocketApi';

  /** Imports an existing WebSocket API. */
  public static fromWebSocketApiAttributes(scope: Construct, id: string, attrs: WebSocketApiAttributes): IWebSocketApi {
    class Import extends ApiBase {
      public readonly isWebsocketApi = true;
      public readonly apiId = attrs.webSocketId;
      public readonly websocketApiId = attrs.webSocketId;
      private readonly _apiEndpoint = attrs.apiEndpoint;

      public get apiEndpoint(): string {
        if (!this._apiEndpoint) {
          throw new ValidationError('ApiEndpointConfiguredImportedWeb', 'apiEndpoint is not configured on the imported WebSocketApi.', scope);
        }
        return this._apiEndpoint;
      }
    }
    return new Import(scope, id);
  }

  public readonly isWebsocketApi = true;
  public readonly apiId: string;
  public readonly apiEndpoint: string;

  /** A human-friendly name of the API (not its id). */
  public readonly webSocketApiName?: string;

  constructor(scope: Construct, id: string, props?: WebSocketApiProps) {
    super(scope, id);
    this.webSocketApiName = props?.apiName ?? id;
    const resource = new CfnApi(this, 'Resource', {
      name: this.webSocketApiName,
      apiKeySelectionExpression: props?.apiKeySelectionExpression?.customApiKeySelector,
      protocolType: 'WEBSOCKET',
      description: props?.description,
      routeSelectionExpression: props?.routeSelectionExpression ?? '$request.body.action',
      ipAddressType: props?.ipAddressType,
      disableSchemaValidation: props?.disableSchemaValidation,
    });
    this.apiId = resource.ref;
    this.apiEndpoint = resource.attrApiEndpoint;

    if (props?.connectRouteOptions) this.addRoute('$connect', props.connectRouteOptions);
    if (props?.disconnectRouteOptions) this.addRoute('$disconnect', props.disconnectRouteOptions);
    if (props?.defaultRouteOptions) this.addRoute('$default', props.defaultRouteOptions);
  }

  /** Adds a route: a child construct with id `<routeKey>-Route`. */
  public addRoute(routeKey: string, options: WebSocketRouteOptions): WebSocketRoute {
    return new WebSocketRoute(this, `${routeKey}-Route`, { webSocketApi: this, routeKey, ...options });
  }

  /** Allows `identity` to call the `@connections` management API on every stage of this API. */
  public grantManageConnections(identity: IGrantable): Grant {
    const arn = Stack.of(this).formatArn({ service: 'execute-api', resource: this.apiId });
    return Grant.addToPrincipal({
      grantee: identity,
      actions: ['execute-api:ManageConnections'],
      resourceArns: [`${arn}/*/*/@connections/*`],
    });
  }

  /**
   * The execute-api ARN of a method and path on a stage; `ANY` becomes `*`.
   * @deprecated Use `arnForExecuteApiV2()` instead.
   */
  public arnForExecuteApi(method?: string, path?: string, stage?: string): string {
    printDeprecation('aws-cdk-lib.aws_apigatewayv2.WebSocketApi#arnForExecuteApi', 'Use `arnForExecuteApiV2()` instead.');
    if (path && !Token.isUnresolved(path) && !path.startsWith('/')) {
      throw new UnscopedValidationError('PathStart', `Path must start with '/': ${path}`);
    }
    if (method && method.toUpperCase() === 'ANY') method = '*';
    return Stack.of(this).formatArn({
      service: 'execute-api',
      resource: this.apiId,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      resourceName: `${stage ?? '*'}/${method ?? '*'}${path ?? '/*'}`,
    });
  }

  /** The execute-api ARN of a route on a stage (`*` for all). */
  public arnForExecuteApiV2(route?: string, stage?: string): string {
    return Stack.of(this).formatArn({
      service: 'execute-api',
      resource: this.apiId,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      resourceName: `${stage ?? '*'}/${route ?? '*'}`,
    });
  }

  public override get apiRef(): ApiReference {
    return { apiId: this.apiId };
  }
}
