/** A Lambda proxy integration: the route invokes a function with the whole request. */
import { Stack, type Duration } from '../../core/index.js';
import { ServicePrincipal } from '../../iam/index.js';
import type { IFunction } from '../../lambda/index.js';
import {
  WebSocketIntegrationType, WebSocketRouteIntegration, type ContentHandling,
  type WebSocketRouteIntegrationBindOptions, type WebSocketRouteIntegrationConfig,
} from '../websocket/integration.js';

/** Properties of a WebSocketLambdaIntegration. */
export interface WebSocketLambdaIntegrationProps {
  /**
   * How long API Gateway waits for the function: 50 milliseconds to 29 seconds.
   * @default Duration.seconds(29)
   */
  readonly timeout?: Duration;

  /**
   * How a payload's encoding is converted.
   * @default - passed through unchanged
   */
  readonly contentHandling?: ContentHandling;
}

/** Routes a WebSocket route to a Lambda function (AWS_PROXY). */
export class WebSocketLambdaIntegration extends WebSocketRouteIntegration {
  /**
   * @param id the construct id of the integration resource
   * @param handler the function that serves the route
   */
  constructor(private readonly _id: string, private readonly handler: IFunction, private readonly props: WebSocketLambdaIntegrationProps = {}) {
    super(_id);
  }

  public bind(options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig {
    const route = options.route;
    const stack = Stack.of(route);
    // One permission per route: each route's SourceArn is `…:{apiId}/*{routeKey}`.
    this.handler.addPermission(`${this._id}-Permission`, {
      scope: options.scope,
      principal: new ServicePrincipal('apigateway.amazonaws.com'),
      sourceArn: stack.formatArn({
        service: 'execute-api',
        resource: route.webSocketApi.apiId,
        resourceName: `*${route.routeKey}`,
      }),
    });
    const integrationUri = stack.formatArn({
      service: 'apigateway',
      account: 'lambda',
      resource: 'path/2015-03-31/functions',
      resourceName: `${this.handler.functionArn}/invocations`,
    });
    return {
      type: WebSocketIntegrationType.AWS_PROXY,
      uri: integrationUri,
      timeout: this.props.timeout,
      contentHandling: this.props.contentHandling,
    };
  }
}
