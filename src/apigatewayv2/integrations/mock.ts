/** A mock integration: API Gateway answers by itself, from templates. */
import {
  WebSocketIntegrationType, WebSocketRouteIntegration,
  type WebSocketRouteIntegrationBindOptions, type WebSocketRouteIntegrationConfig,
} from '../websocket/integration.js';

/** Properties of a WebSocketMockIntegration. */
export interface WebSocketMockIntegrationProps {
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
}

/** Routes a WebSocket route to a MOCK integration. */
export class WebSocketMockIntegration extends WebSocketRouteIntegration {
  /** @param id the construct id of the integration resource */
  constructor(id: string, private readonly props: WebSocketMockIntegrationProps = {}) {
    super(id);
  }

  public bind(_options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig {
    return {
      type: WebSocketIntegrationType.MOCK,
      uri: '',
      requestTemplates: this.props.requestTemplates,
      templateSelectionExpression: this.props.templateSelectionExpression,
    };
  }
}
