/**
 * A stage of a WebSocket API: the deployed name clients connect to (`wss://…/{stageName}`) and
 * the `@connections` callback URL, with throttling, metrics, variables and access logs.
 */
import type { Construct } from 'constructs';
import { Lazy, Stack, ValidationError } from '../../core/index.js';
import { Grant, type IGrantable } from '../../iam/index.js';
import { CfnStage } from '../cfn/index.js';
import type { IStage, StageAttributes, StageOptions } from '../common/stage.js';
import { StageBase } from '../common/base.js';
import { AccessLogField, AccessLogFormat } from '../common/access-log-format.js';
import type { IWebSocketApi } from './api.js';

/** A stage of a WebSocket API. */
export interface IWebSocketStage extends IStage {
  /** The API this stage belongs to. */
  readonly api: IWebSocketApi;

  /** The `https://` URL of the `@connections` management API of this stage. */
  readonly callbackUrl: string;
}

/** Properties of a WebSocketStage. */
export interface WebSocketStageProps extends StageOptions {
  /** The API this stage belongs to. */
  readonly webSocketApi: IWebSocketApi;

  /** The name of the stage; its URL path component. */
  readonly stageName: string;
}

/** What an imported stage is made of. */
export interface WebSocketStageAttributes extends StageAttributes {
  /** The API this stage belongs to. */
  readonly api: IWebSocketApi;
}

/**
 * A stage of a WebSocket API.
 *
 * @resource AWS::ApiGatewayV2::Stage
 */
export class WebSocketStage extends StageBase implements IWebSocketStage {
  /** The id used for property injection. */
  public static readonly PROPERTY_INJECTION_ID = 'aws-cdk-lib.aws-apigatewayv2.WebSocketStage';

  /** Imports an existing stage; its `url` and `callbackUrl` are unknown and throw. */
  public static fromWebSocketStageAttributes(scope: Construct, id: string, attrs: WebSocketStageAttributes): IWebSocketStage {
    class Import extends StageBase implements IWebSocketStage {
      protected readonly baseApi = attrs.api;
      public readonly stageName = attrs.stageName;
      public readonly api = attrs.api;

      public get url(): string {
        throw new ValidationError('UrlAvailableImportedStages', 'url is not available for imported stages.', scope);
      }

      public get callbackUrl(): string {
        throw new ValidationError('CallbackUrlAvailableImportedStages', 'callback url is not available for imported stages.', scope);
      }

      public defaultAccessLogFormat(): AccessLogFormat {
        return webSocketAccessLogFormat();
      }
    }
    return new Import(scope, id);
  }

  protected readonly baseApi: IWebSocketApi;
  public readonly stageName: string;
  public readonly api: IWebSocketApi;

  constructor(scope: Construct, id: string, props: WebSocketStageProps) {
    super(scope, id, { physicalName: props.stageName });
    if (props.stageVariables) {
      for (const [key, value] of Object.entries(props.stageVariables)) this.addStageVariable(key, value);
    }
    this.baseApi = props.webSocketApi;
    this.api = props.webSocketApi;
    this.stageName = this.physicalName;

    new CfnStage(this, 'Resource', {
      apiId: props.webSocketApi.apiId,
      stageName: this.physicalName,
      autoDeploy: props.autoDeploy,
      defaultRouteSettings: props.throttle || props.detailedMetricsEnabled ? {
        throttlingBurstLimit: props.throttle?.burstLimit,
        throttlingRateLimit: props.throttle?.rateLimit,
        detailedMetricsEnabled: props.detailedMetricsEnabled,
      } : undefined,
      description: props.description,
      stageVariables: Lazy.any({ produce: () => this._stageVariables }),
      accessLogSettings: this._validateAccessLogSettings(props.accessLogSettings),
    });

    if (props.domainMapping) this._addDomainMapping(props.domainMapping);
  }

  /** The `wss://` URL clients connect to. */
  public get url(): string {
    const s = Stack.of(this);
    return `wss://${this.api.apiId}.execute-api.${s.region}.${s.urlSuffix}/${this.stageName}`;
  }

  /** The `https://` URL of the `@connections` management API. */
  public get callbackUrl(): string {
    const s = Stack.of(this);
    return `https://${this.api.apiId}.execute-api.${s.region}.${s.urlSuffix}/${this.stageName}`;
  }

  /** Allows `identity` to call the `@connections` management API on this stage. */
  public grantManagementApiAccess(identity: IGrantable): Grant {
    const arn = Stack.of(this.api).formatArn({ service: 'execute-api', resource: this.api.apiId });
    return Grant.addToPrincipal({
      grantee: identity,
      actions: ['execute-api:ManageConnections'],
      resourceArns: [`${arn}/${this.stageName}/*/@connections/*`],
    });
  }

  /** The WebSocket flavour of Common Log Format. */
  public defaultAccessLogFormat(): AccessLogFormat {
    return webSocketAccessLogFormat();
  }
}

function webSocketAccessLogFormat(): AccessLogFormat {
  const requester = [AccessLogField.contextIdentitySourceIp(), AccessLogField.contextIdentityCaller(), AccessLogField.contextIdentityUser()].join(' ');
  const requestTime = AccessLogField.contextRequestTime();
  const request = [AccessLogField.contextEventType(), AccessLogField.contextRouteKey(), AccessLogField.contextConnectionId()].join(' ');
  const status = [AccessLogField.contextStatus(), AccessLogField.contextRequestId()].join(' ');
  return AccessLogFormat.custom(`${requester} [${requestTime}] "${request}" ${status}`);
}
