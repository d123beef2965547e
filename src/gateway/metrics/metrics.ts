/**
 * The gateway's metrics, under the names CloudWatch uses for WebSocket APIs (so dashboards and
 * alarms defined with `api.metric('ConnectCount')` mean the same here), exposed for Prometheus.
 * Callers use verbs; only this file knows metric names and labels.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface RouteLabels {
  readonly apiId: string;
  readonly stage: string;
  readonly route: string;
}

export class GatewayMetrics {
  public readonly registry = new Registry();
  private readonly connectCount: Counter;
  private readonly messageCount: Counter;
  private readonly integrationError: Counter;
  private readonly clientError: Counter;
  private readonly executionError: Counter;
  private readonly integrationLatency: Histogram;
  private readonly connections: Gauge;

  constructor() {
    const labelNames = ['ApiId', 'Stage', 'Route'] as const;
    const registers = [this.registry];
    this.connectCount = new Counter({ name: 'ConnectCount', help: 'Messages sent to the $connect route integration', labelNames, registers });
    this.messageCount = new Counter({ name: 'MessageCount', help: 'Messages sent to and from clients', labelNames, registers });
    this.integrationError = new Counter({ name: 'IntegrationError', help: 'Requests whose integration returned a 4XX/5XX or failed', labelNames, registers });
    this.clientError = new Counter({ name: 'ClientError', help: 'Requests answered with a 4XX by the gateway before the integration was invoked', labelNames, registers });
    this.executionError = new Counter({ name: 'ExecutionError', help: 'Errors while calling the integration (crash, timeout)', labelNames, registers });
    this.integrationLatency = new Histogram({
      name: 'IntegrationLatency', help: 'Time between the gateway calling the integration and its answer, in milliseconds', labelNames, registers,
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 29000],
    });
    this.connections = new Gauge({ name: 'wsgate_connections', help: 'Open connections on this node', labelNames: ['ApiId', 'Stage'], registers });
  }

  private labels(l: RouteLabels): { ApiId: string; Stage: string; Route: string } {
    return { ApiId: l.apiId, Stage: l.stage, Route: l.route };
  }

  public markConnect(l: RouteLabels): void { this.connectCount.inc(this.labels(l)); }
  public markMessage(l: RouteLabels): void { this.messageCount.inc(this.labels(l)); }
  public markIntegrationError(l: RouteLabels): void { this.integrationError.inc(this.labels(l)); }
  public markClientError(l: RouteLabels): void { this.clientError.inc(this.labels(l)); }
  public markExecutionError(l: RouteLabels): void { this.executionError.inc(this.labels(l)); }
  public observeIntegrationLatency(l: RouteLabels, ms: number): void { this.integrationLatency.observe(this.labels(l), ms); }
  public connectionOpened(apiId: string, stage: string): void { this.connections.inc({ ApiId: apiId, Stage: stage }); }
  public connectionClosed(apiId: string, stage: string): void { this.connections.dec({ ApiId: apiId, Stage: stage }); }

  /** The Prometheus text exposition. */
  public async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
