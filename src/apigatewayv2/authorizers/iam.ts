/** IAM authorization of a WebSocket API's `$connect` route: clients sign the handshake with SigV4. */
import type {
  IWebSocketRouteAuthorizer, WebSocketRouteAuthorizerBindOptions, WebSocketRouteAuthorizerConfig,
} from '../websocket/authorizer.js';

/** Authorizes `$connect` with IAM (route type AWS_IAM); creates no resource. */
export class WebSocketIamAuthorizer implements IWebSocketRouteAuthorizer {
  public bind(_options: WebSocketRouteAuthorizerBindOptions): WebSocketRouteAuthorizerConfig {
    return { authorizationType: 'AWS_IAM' };
  }
}
