/** What every API Gateway v2 API offers, HTTP or WebSocket. */
import type { IResource } from '../../core/index.js';
import type { Metric, MetricOptions } from '../../cloudwatch/index.js';
import type { IApiRef } from '../cfn/references.js';

/** An API Gateway v2 API. */
export interface IApi extends IResource, IApiRef {
  /**
   * The identifier of this API.
   * @attribute
   */
  readonly apiId: string;

  /**
   * The default endpoint of this API.
   * @attribute
   */
  readonly apiEndpoint: string;

  /** A CloudWatch metric of this API, in the `AWS/ApiGateway` namespace with dimension `ApiId`. */
  metric(metricName: string, props?: MetricOptions): Metric;
}

/** Which IP versions an API's endpoint accepts. */
export enum IpAddressType {
  /** IPv4 only. */
  IPV4 = 'ipv4',
  /** IPv4 and IPv6. */
  DUAL_STACK = 'dualstack',
}
