/** A Lambda REQUEST authorizer of a WebSocket API's `$connect` route. */
import { Names, Stack, ValidationError } from '../../core/index.js';
import { ServicePrincipal } from '../../iam/index.js';
import type { IFunction } from '../../lambda/index.js';
import {
  WebSocketAuthorizer, WebSocketAuthorizerType,
  type IWebSocketRouteAuthorizer, type WebSocketRouteAuthorizerBindOptions, type WebSocketRouteAuthorizerConfig,
} from '../websocket/authorizer.js';
import type { IWebSocketApi } from '../websocket/api.js';

/** Properties of a WebSocketLambdaAuthorizer. */
export interface WebSocketLambdaAuthorizerProps {
  /**
   * The name of the authorizer.
   * @default - the id given to the constructor
   */
  readonly authorizerName?: string;

  /**
   * Where the identity is read from; a request missing one is refused without calling the function.
   * @default ['route.request.header.Authorization']
   */
  readonly identitySource?: string[];
}

/** Authorizes `$connect` with a Lambda function (REQUEST authorizer, route type CUSTOM). */
export class WebSocketLambdaAuthorizer implements IWebSocketRouteAuthorizer {
  private authorizer?: WebSocketAuthorizer;
  private webSocketApi?: IWebSocketApi;

  /**
   * @param id the construct id of the authorizer resource (under the API)
   * @param handler the function that decides
   */
  constructor(private readonly id: string, private readonly handler: IFunction, private readonly props: WebSocketLambdaAuthorizerProps = {}) {}

  public bind(options: WebSocketRouteAuthorizerBindOptions): WebSocketRouteAuthorizerConfig {
    if (this.webSocketApi && this.webSocketApi.apiId !== options.route.webSocketApi.apiId) {
      throw new ValidationError('CannotAttachSameAuthorizerToMultipleApis', 'Cannot attach the same authorizer to multiple Apis', options.scope);
    }
    if (!this.authorizer) {
      this.webSocketApi = options.route.webSocketApi;
      const handlerStack = Stack.of(this.handler);
      this.authorizer = new WebSocketAuthorizer(options.scope, this.id, {
        webSocketApi: options.route.webSocketApi,
        identitySource: this.props.identitySource ?? ['route.request.header.Authorization'],
        type: WebSocketAuthorizerType.LAMBDA,
        authorizerName: this.props.authorizerName ?? this.id,
        authorizerUri: `arn:${handlerStack.partition}:apigateway:${handlerStack.region}:lambda:path/2015-03-31/functions/${this.handler.functionArn}/invocations`,
      });
      this.handler.addPermission(`${Names.nodeUniqueId(this.authorizer.node)}-Permission`, {
        scope: options.scope,
        principal: new ServicePrincipal('apigateway.amazonaws.com'),
        sourceArn: Stack.of(options.route).formatArn({
          service: 'execute-api',
          resource: options.route.webSocketApi.apiId,
          resourceName: `authorizers/${this.authorizer.authorizerId}`,
        }),
      });
    }
    return { authorizerId: this.authorizer.authorizerId, authorizationType: 'CUSTOM' };
  }
}
