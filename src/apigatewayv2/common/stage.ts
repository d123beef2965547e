/** What every API Gateway v2 stage offers, and the options stages share. */
import type { IResource } from '../../core/index.js';
import type { Metric, MetricOptions } from '../../cloudwatch/index.js';
import type { IDomainNameRef, IStageRef } from '../cfn/references.js';
import type { IAccessLogDestination } from './access-log.js';
import type { AccessLogFormat } from './access-log-format.js';

/** A stage of an API. */
export interface IStage extends IResource, IStageRef {
  /**
   * The name of the stage; its URL path component.
   * @attribute
   */
  readonly stageName: string;

  /** The URL of this stage. */
  readonly url: string;

  /** A CloudWatch metric of this stage (dimensions `ApiId` and `Stage`). */
  metric(metricName: string, props?: MetricOptions): Metric;

  /** Adds a stage variable. */
  addStageVariable(name: string, value: string): void;
}

/** Maps a stage to a custom domain. */
export interface DomainMappingOptions {
  /** The domain name to map to. */
  readonly domainName: IDomainNameRef;

  /**
   * The path under the domain.
   * @default - the stage is mapped at the domain's root
   */
  readonly mappingKey?: string;
}

/** Throttling of a stage's routes. */
export interface ThrottleSettings {
  /**
   * Steady-state requests per second.
   * @default none
   */
  readonly rateLimit?: number;

  /**
   * Requests allowed in a burst.
   * @default none
   */
  readonly burstLimit?: number;
}

/** Access-log settings of a stage. */
export interface IAccessLogSettings {
  /** Where the logs go. */
  readonly destination: IAccessLogDestination;

  /**
   * The layout of a log line.
   * @default - the API type's default format
   */
  readonly format?: AccessLogFormat;
}

/** Options shared by HTTP and WebSocket stages. */
export interface StageOptions {
  /**
   * Deploy every change of the API to this stage automatically.
   * @default false
   */
  readonly autoDeploy?: boolean;

  /**
   * Map this stage to a custom domain.
   * @default - no domain mapping
   */
  readonly domainMapping?: DomainMappingOptions;

  /**
   * Throttling of every route of this stage.
   * @default - no throttling configuration
   */
  readonly throttle?: ThrottleSettings;

  /**
   * A description of the stage.
   * @default - no description
   */
  readonly description?: string;

  /**
   * Publish detailed per-route metrics.
   * @default false
   */
  readonly detailedMetricsEnabled?: boolean;

  /**
   * Access logging.
   * @default - no access logging
   */
  readonly accessLogSettings?: IAccessLogSettings;

  /**
   * Stage variables: key-value pairs the integrations can read.
   * @default - no stage variables
   */
  readonly stageVariables?: { [key: string]: string };
}

/** What an imported stage is made of. */
export interface StageAttributes {
  /** The name of the stage. */
  readonly stageName: string;
}
