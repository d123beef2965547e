/**
 * Integrations of WebSocket APIs: the `AWS::ApiGatewayV2::Integration` resource, and the binding
 * contract of route integrations (one integration resource per API, bound again for every route).
 */
import type { Construct } from 'constructs';
import { Resource, ValidationError, type Duration, type IResource } from '../../core/index.js';
import type { IRole } from '../../iam/index.js';
import { CfnIntegration } from '../cfn/index.js';
import type { IIntegrationRef, IntegrationReference } from '../cfn/references.js';
import type { IWebSocketApi, IWebSocketApiRef } from './api.js';
import type { IWebSocketRoute } from './route.js';

/** The kinds of WebSocket integration CloudFormation accepts that this library models. */
export enum WebSocketIntegrationType {
  /** A Lambda function, invoked with the whole request (Lambda proxy). */
  AWS_PROXY = 'AWS_PROXY',
  /** A response made by API Gateway itself. */
  MOCK = 'MOCK',
  /** An AWS service action, with request templates. */
  AWS = 'AWS',
}

/** How a payload's encoding is converted. */
export enum ContentHandling {
  /** Binary from base64 text. */
  CONVERT_TO_BINARY = 'CONVERT_TO_BINARY',
  /** Base64 text from binary. */
  CONVERT_TO_TEXT = 'CONVERT_TO_TEXT',
}

/** What happens to a request whose content type has no template. */
export enum PassthroughBehavior {
  /** Pass it through when no template matches. */
  WHEN_NO_MATCH = 'WHEN_NO_MATCH',
  /** Reject it. */
  NEVER = 'NEVER',
  /** Pass it through only when no template is defined at all. */
  WHEN_NO_TEMPLATES = 'WHEN_NO_TEMPLATES',
}

/** An integration of an API. */
export interface IIntegration extends IResource, IIntegrationRef {
  /**
   * The integration's identifier.
   * @attribute
   */
  readonly integrationId: string;
}

/** An integration of a WebSocket API. */
export interface IWebSocketIntegration extends IIntegration {
  /** The API the integration belongs to. */
  readonly webSocketApi: IWebSocketApi;
}

/** Properties of a WebSocketIntegration. */
export interface WebSocketIntegrationProps {
  /** The API the integration belongs to. */
  readonly webSocketApi: IWebSocketApiRef;

  /** The kind of integration. */
  readonly integrationType: WebSocketIntegrationType;

  /** The integration's target URI. */
  readonly integrationUri: string;

  /**
   * The HTTP method used to call the target.
   * @default - none
   */
  readonly integrationMethod?: string;

  /**
   * How a payload's encoding is converted.
   * @default - passed through unchanged
   */
  readonly contentHandling?: ContentHandling;

  /**
   * The role API Gateway assumes to call the target.
   * @default - none
   */
  readonly credentialsRole?: IRole;

  /**
   * Request parameters mapped onto the integration request.
   * @default - none
   */
  readonly requestParameters?: { [dest: string]: string };

  /**
   * Request templates, by selection key.
   * @default - none
   */
  readonly requestTemplates?: { [contentType: string]: string };

  /**
   * The template selection expression.
   * @default - none
   */
  readonly templateSelectionExpression?: string;

  /**
   * How long API Gateway waits for the integration: 50 milliseconds to 29 seconds.
   * @default Duration.seconds(29)
   */
  readonly timeout?: Duration;

  /**
   * What happens to requests with no matching template.
   * @default - none
   */
  readonly passthroughBehavior?: PassthroughBehavior;
}

/**
 * An integration of a WebSocket API.
 *
 * @resource AWS::ApiGatewayV2::Integration
 */
export class WebSocketIntegration extends Resource implements IWebSocketIntegration {
  /** The id used for property injection. */
  public static readonly PROPERTY_INJECTION_ID = 'aws-cdk-lib.aws-apigatewayv2.WebSocketIntegration';

  public readonly integrationId: string;
  private readonly _webSocketApi: IWebSocketApiRef;

  constructor(scope: Construct, id: string, props: WebSocketIntegrationProps) {
    super(scope, id);
    const timeout = props.timeout;
    if (timeout && !timeout.isUnresolved() && (timeout.toMilliseconds() < 50 || timeout.toMilliseconds() > 29_000)) {
      throw new ValidationError('IntegrationTimeoutMillisecondsSeconds', 'Integration timeout must be between 50 milliseconds and 29 seconds.', scope);
    }
    const integration = new CfnIntegration(this, 'Resource', {
      apiId: props.webSocketApi.apiRef.apiId,
      integrationType: props.integrationType,
      integrationUri: props.integrationUri,
      integrationMethod: props.integrationMethod,
      contentHandlingStrategy: props.contentHandling,
      credentialsArn: props.credentialsRole?.roleArn,
      requestParameters: props.requestParameters,
      requestTemplates: props.requestTemplates,
      passthroughBehavior: props.passthroughBehavior,
      templateSelectionExpression: props.templateSelectionExpression,
      timeoutInMillis: timeout?.toMilliseconds(),
    });
    this.integrationId = integration.ref;
    this._webSocketApi = props.webSocketApi;
  }

  /** The API, which must be a full IWebSocketApi (not only a reference). */
  public get webSocketApi(): IWebSocketApi {
    const api = this._webSocketApi as Partial<IWebSocketApi>;
    if (api.apiEndpoint && api.apiRef) return api as IWebSocketApi;
    throw new ValidationError('Input', `Input API ${this._webSocketApi.constructor.name} does not implement IWebSocketApi`, this);
  }

  public get integrationRef(): IntegrationReference {
    return { apiId: this.webSocketApi.apiRef.apiId, integrationId: this.integrationId };
  }
}

/** What a route gives an integration when it binds it. */
export interface WebSocketRouteIntegrationBindOptions {
  /** The route being bound. */
  readonly route: IWebSocketRoute;

  /** The scope for constructs the integration creates (the route). */
  readonly scope: Construct;
}

/** What an integration gives a route. */
export interface WebSocketRouteIntegrationConfig {
  /** The kind of integration. */
  readonly type: WebSocketIntegrationType;
  /** The integration's target URI. */
  readonly uri: string;
  /** @default - none */
  readonly method?: string;
  /** @default - none */
  readonly contentHandling?: ContentHandling;
  /** @default - none */
  readonly credentialsRole?: IRole;
  /** @default - none */
  readonly requestTemplates?: { [contentType: string]: string };
  /** @default - none */
  readonly requestParameters?: { [dest: string]: string };
  /** @default - none */
  readonly templateSelectionExpression?: string;
  /** @default Duration.seconds(29) */
  readonly timeout?: Duration;
  /** @default - none */
  readonly passthroughBehavior?: PassthroughBehavior;
}

/**
 * An integration that routes bind: `bind()` runs for every route (so each gets its own
 * permissions), while the integration resource is created once, under the first route.
 */
export abstract class WebSocketRouteIntegration {
  private integration?: WebSocketIntegration;

  /** @param id the construct id of the integration resource */
  constructor(private readonly id: string) {}

  /** @internal */
  public _bindToRoute(options: WebSocketRouteIntegrationBindOptions): { readonly integrationId: string } {
    if (this.integration && this.integration.webSocketApi.node.addr !== options.route.webSocketApi.node.addr) {
      throw new ValidationError('SingleIntegrationCannotAssociatedMultiple', 'A single integration cannot be associated with multiple APIs.', options.scope);
    }
    const config = this.bind(options);
    this.integration ??= new WebSocketIntegration(options.scope, this.id, {
      webSocketApi: options.route.webSocketApi,
      integrationType: config.type,
      integrationUri: config.uri,
      integrationMethod: config.method,
      contentHandling: config.contentHandling,
      credentialsRole: config.credentialsRole,
      requestTemplates: config.requestTemplates,
      requestParameters: config.requestParameters,
      timeout: config.timeout,
      passthroughBehavior: config.passthroughBehavior,
      templateSelectionExpression: config.templateSelectionExpression,
    });
    return { integrationId: this.integration.integrationId };
  }

  /** Binds to a route and says how the integration is configured. */
  public abstract bind(options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig;
}
