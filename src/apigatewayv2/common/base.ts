/** Base classes of APIs and stages: metrics, stage variables, domain mappings, access logs. */
import { Resource, Token, ValidationError, UnscopedValidationError } from '../../core/index.js';
import { Metric, type MetricOptions } from '../../cloudwatch/index.js';
import type { IApi } from './api.js';
import type { DomainMappingOptions, IAccessLogSettings, IStage } from './stage.js';
import type { AccessLogFormat } from './access-log-format.js';
import type { ApiReference, StageReference } from '../cfn/references.js';
import { ApiMapping } from './api-mapping.js';

/** The base of HTTP and WebSocket APIs. */
export abstract class ApiBase extends Resource implements IApi {
  public abstract readonly apiId: string;
  public abstract readonly apiEndpoint: string;

  /** A metric of this API: namespace `AWS/ApiGateway`, dimension `ApiId` (unless `dimensionsMap` replaces it). */
  public metric(metricName: string, props?: MetricOptions): Metric {
    return new Metric({
      namespace: 'AWS/ApiGateway',
      metricName,
      dimensionsMap: { ApiId: this.apiId },
      ...props,
    }).attachTo(this);
  }

  public get apiRef(): ApiReference {
    return { apiId: this.apiId };
  }
}

/** Rendered access-log settings of a stage. */
export interface RenderedAccessLogSettings {
  readonly destinationArn: string;
  readonly format: string;
}

const ACCESS_LOG_NEEDS_REQUEST_ID = /\$context\.(?:requestId|extendedRequestId)\b/;

/** The base of HTTP and WebSocket stages. */
export abstract class StageBase extends Resource implements IStage {
  private readonly stageVariables: Record<string, string> = {};
  public abstract readonly stageName: string;
  protected abstract readonly baseApi: IApi;
  protected _apiMapping?: ApiMapping;

  public abstract get url(): string;

  /** The access-log format used when none is given. */
  public abstract defaultAccessLogFormat(): AccessLogFormat;

  /** Maps this stage to a custom domain (at most once). */
  protected _addDomainMapping(domainMapping: DomainMappingOptions): void {
    if (this._apiMapping) {
      throw new UnscopedValidationError('OnlyApimappingAllowedStage', 'Only one ApiMapping allowed per Stage');
    }
    this._apiMapping = new ApiMapping(this, `${domainMapping.domainName}${domainMapping.mappingKey}`, {
      api: this.baseApi,
      domainName: domainMapping.domainName,
      stage: this,
      apiMappingKey: domainMapping.mappingKey,
    });
    this.node.addDependency(domainMapping.domainName);
  }

  /** Checks a custom format names the request ID, and renders the settings. */
  protected _validateAccessLogSettings(props?: IAccessLogSettings): RenderedAccessLogSettings | undefined {
    if (!props) return undefined;
    const format = props.format;
    if (format && !Token.isUnresolved(format.toString()) && !ACCESS_LOG_NEEDS_REQUEST_ID.test(format.toString())) {
      throw new ValidationError('AccessIncludeEither',
        'Access log must include either `AccessLogFormat.contextRequestId()` or `AccessLogFormat.contextExtendedRequestId()`', this);
    }
    return {
      destinationArn: props.destination.bind(this).destinationArn,
      format: format ? format.toString() : this.defaultAccessLogFormat().toString(),
    };
  }

  /** A metric of this stage: the API's metric with dimensions `ApiId` and `Stage`. */
  public metric(metricName: string, props?: MetricOptions): Metric {
    return this.baseApi.metric(metricName, props)
      .with({ dimensionsMap: { ApiId: this.baseApi.apiId, Stage: this.stageName } })
      .attachTo(this);
  }

  public addStageVariable(name: string, value: string): void {
    this.stageVariables[name] = value;
  }

  /** The stage variables, or undefined when there are none. */
  protected get _stageVariables(): Record<string, string> | undefined {
    return Object.keys(this.stageVariables).length > 0 ? { ...this.stageVariables } : undefined;
  }

  public get stageRef(): StageReference {
    return { apiId: this.baseApi.apiId, stageName: this.stageName };
  }
}
