/**
 * Authorizers of WebSocket APIs: the `AWS::ApiGatewayV2::Authorizer` resource, and the binding
 * contract routes use (an authorizer gives a route its AuthorizationType and AuthorizerId).
 */
import type { Construct } from 'constructs';
import { Resource, ValidationError, type IResource } from '../../core/index.js';
import { CfnAuthorizer } from '../cfn/index.js';
import type { AuthorizerReference, IAuthorizerRef } from '../cfn/references.js';
import type { IWebSocketApi } from './api.js';
import type { IWebSocketRoute } from './route.js';

/** The kinds of WebSocket authorizer. */
export enum WebSocketAuthorizerType {
  /** A Lambda function decides (REQUEST authorizer). */
  LAMBDA = 'REQUEST',
  /** SigV4-signed requests, checked against IAM. */
  IAM = 'AWS_IAM',
}

/** An authorizer of an API. */
export interface IAuthorizer extends IResource, IAuthorizerRef {
  /**
   * The authorizer's identifier.
   * @attribute
   */
  readonly authorizerId: string;
}

/** Properties of a WebSocketAuthorizer. */
export interface WebSocketAuthorizerProps {
  /**
   * The name of the authorizer.
   * @default - the construct id
   */
  readonly authorizerName?: string;

  /** The API the authorizer belongs to. */
  readonly webSocketApi: IWebSocketApi;

  /** The kind of authorizer. */
  readonly type: WebSocketAuthorizerType;

  /**
   * Where the identity is read from, such as `route.request.header.Authorization`.
   * @see https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-authorizers-authorizerid.html#apis-apiid-authorizers-authorizerid-prop-authorizer-identitysource
   */
  readonly identitySource: string[];

  /**
   * The invocation URI of the authorizer function; required for LAMBDA.
   * @default - none
   */
  readonly authorizerUri?: string;
}

/** What an imported authorizer is made of. */
export interface WebSocketAuthorizerAttributes {
  /** The authorizer's identifier. */
  readonly authorizerId: string;

  /** The AuthorizationType the routes get, such as `CUSTOM`. */
  readonly authorizerType: string;
}

/**
 * An authorizer of a WebSocket API.
 *
 * @resource AWS::ApiGatewayV2::Authorizer
 */
export class WebSocketAuthorizer extends Resource implements IAuthorizer {
  /** The id used for property injection. */
  public static readonly PROPERTY_INJECTION_ID = 'aws-cdk-lib.aws-apigatewayv2.WebSocketAuthorizer';

  /** Imports an existing authorizer for use on `$connect` routes. */
  public static fromWebSocketAuthorizerAttributes(scope: Construct, id: string, attrs: WebSocketAuthorizerAttributes): IWebSocketRouteAuthorizer {
    class Import extends Resource implements IWebSocketRouteAuthorizer {
      public readonly authorizerId = attrs.authorizerId;
      public readonly authorizerType = attrs.authorizerType;

      public bind(): WebSocketRouteAuthorizerConfig {
        return { authorizerId: this.authorizerId, authorizationType: this.authorizerType };
      }
    }
    return new Import(scope, id);
  }

  public readonly authorizerId: string;
  private readonly apiId: string;

  constructor(scope: Construct, id: string, props: WebSocketAuthorizerProps) {
    super(scope, id);
    if (props.type === WebSocketAuthorizerType.LAMBDA && !props.authorizerUri) {
      throw new ValidationError('AuthorizerUriMandatoryLambdaAuthorizers', 'authorizerUri is mandatory for Lambda authorizers', scope);
    }
    this.apiId = props.webSocketApi.apiId;
    const resource = new CfnAuthorizer(this, 'Resource', {
      name: props.authorizerName ?? id,
      apiId: props.webSocketApi.apiId,
      authorizerType: props.type,
      identitySource: props.identitySource,
      authorizerUri: props.authorizerUri,
    });
    this.authorizerId = resource.ref;
  }

  public get authorizerRef(): AuthorizerReference {
    return { authorizerId: this.authorizerId, apiId: this.apiId };
  }
}

/** What a route gives an authorizer when it binds it. */
export interface WebSocketRouteAuthorizerBindOptions {
  /** The route being authorized. */
  readonly route: IWebSocketRoute;

  /** The scope for any construct the authorizer creates. */
  readonly scope: Construct;
}

/** What an authorizer gives a route. */
export interface WebSocketRouteAuthorizerConfig {
  /**
   * The authorizer's identifier.
   * @default - none (for NONE and AWS_IAM)
   */
  readonly authorizerId?: string;

  /** The route's AuthorizationType: NONE, AWS_IAM or CUSTOM. */
  readonly authorizationType: string;
}

/** Something that can authorize a WebSocket route. */
export interface IWebSocketRouteAuthorizer {
  /** Binds to a route and says how it is authorized. */
  bind(options: WebSocketRouteAuthorizerBindOptions): WebSocketRouteAuthorizerConfig;
}

/**
 * No authorization. Routes render `AuthorizationType: NONE` explicitly: leaving it out breaks
 * stack updates that remove an authorizer.
 */
export class WebSocketNoneAuthorizer implements IWebSocketRouteAuthorizer {
  public bind(_options: WebSocketRouteAuthorizerBindOptions): WebSocketRouteAuthorizerConfig {
    return { authorizationType: 'NONE' };
  }
}
