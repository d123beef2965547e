/**
 * An HTTP integration: the route forwards to an HTTP endpoint, either as-is (HTTP_PROXY) or through
 * request templates (HTTP). aws-cdk-lib has no such class (its issue #29562); this one renders what
 * its documented workaround (a custom WebSocketRouteIntegration) renders.
 */
import type { Duration } from '../../core/index.js';
import {
  WebSocketRouteIntegration, type ContentHandling, type PassthroughBehavior, type WebSocketIntegrationType,
  type WebSocketRouteIntegrationBindOptions, type WebSocketRouteIntegrationConfig,
} from '../websocket/integration.js';

/** Properties of a WebSocketHttpIntegration. */
export interface WebSocketHttpIntegrationProps {
  /**
   * Forward the request unchanged (HTTP_PROXY) or through templates (HTTP).
   * @default true
   */
  readonly proxy?: boolean;
  /**
   * The HTTP method.
   * @default 'POST'
   */
  readonly method?: string;
  /** 50 milliseconds to 29 seconds. @default Duration.seconds(29) */
  readonly timeout?: Duration;
  /** @default - none */
  readonly requestParameters?: { [dest: string]: string };
  /** Only with `proxy: false`. @default - none */
  readonly requestTemplates?: { [contentType: string]: string };
  /** Only with `proxy: false`. @default - none */
  readonly templateSelectionExpression?: string;
  /** Only with `proxy: false`. @default - none */
  readonly passthroughBehavior?: PassthroughBehavior;
  /** @default - passed through unchanged */
  readonly contentHandling?: ContentHandling;
}

/** The integration types of HTTP integrations, beyond the service's WebSocketIntegrationType enum. */
export const HttpIntegrationType = {
  HTTP_PROXY: 'HTTP_PROXY',
  HTTP: 'HTTP',
} as const;

/** Routes a WebSocket route to an HTTP endpoint. */
export class WebSocketHttpIntegration extends WebSocketRouteIntegration {
  /**
   * @param id the construct id of the integration resource
   * @param url the endpoint's URL
   */
  constructor(id: string, private readonly url: string, private readonly props: WebSocketHttpIntegrationProps = {}) {
    super(id);
  }

  public bind(_options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig {
    const proxy = this.props.proxy ?? true;
    return {
      // The enum lacks the HTTP types; CloudFormation accepts them as strings.
      type: (proxy ? HttpIntegrationType.HTTP_PROXY : HttpIntegrationType.HTTP) as unknown as WebSocketIntegrationType,
      uri: this.url,
      method: this.props.method ?? 'POST',
      timeout: this.props.timeout,
      requestParameters: this.props.requestParameters,
      requestTemplates: this.props.requestTemplates,
      templateSelectionExpression: this.props.templateSelectionExpression,
      passthroughBehavior: this.props.passthroughBehavior,
      contentHandling: this.props.contentHandling,
    };
  }
}
