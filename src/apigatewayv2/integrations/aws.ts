/** An AWS service integration: the route calls an AWS API action through request templates. */
import type { Duration } from '../../core/index.js';
import type { IRole } from '../../iam/index.js';
import {
  WebSocketIntegrationType, WebSocketRouteIntegration, type ContentHandling, type PassthroughBehavior,
  type WebSocketRouteIntegrationBindOptions, type WebSocketRouteIntegrationConfig,
} from '../websocket/integration.js';

/** Properties of a WebSocketAwsIntegration. */
export interface WebSocketAwsIntegrationProps {
  /** The action's URI, such as `arn:aws:apigateway:us-west-2:dynamodb:action/PutItem`. */
  readonly integrationUri: string;
  /** The HTTP method of the call, such as `POST`. */
  readonly integrationMethod: string;
  /** @default - passed through unchanged */
  readonly contentHandling?: ContentHandling;
  /** The role API Gateway assumes to call the action. @default - none */
  readonly credentialsRole?: IRole;
  /** @default - none */
  readonly requestParameters?: { [dest: string]: string };
  /** @default - none */
  readonly requestTemplates?: { [contentType: string]: string };
  /** @default - none */
  readonly templateSelectionExpression?: string;
  /** 50 milliseconds to 29 seconds. @default Duration.seconds(29) */
  readonly timeout?: Duration;
  /** @default - none */
  readonly passthroughBehavior?: PassthroughBehavior;
}

/** Routes a WebSocket route to an AWS service action (AWS). No permission is added: pass `credentialsRole`. */
export class WebSocketAwsIntegration extends WebSocketRouteIntegration {
  /** @param id the construct id of the integration resource */
  constructor(id: string, private readonly props: WebSocketAwsIntegrationProps) {
    super(id);
  }

  public bind(_options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig {
    return {
      type: WebSocketIntegrationType.AWS,
      uri: this.props.integrationUri,
      method: this.props.integrationMethod,
      contentHandling: this.props.contentHandling,
      credentialsRole: this.props.credentialsRole,
      requestParameters: this.props.requestParameters,
      requestTemplates: this.props.requestTemplates,
      templateSelectionExpression: this.props.templateSelectionExpression,
      timeout: this.props.timeout,
      passthroughBehavior: this.props.passthroughBehavior,
    };
  }
}
