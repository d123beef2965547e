/**
 * The gateway's metrics, under the names CloudWatch uses for WebSocket APIs (so dashboards and
 * alarms defined with `api.metric('ConnectCount')` mean the same here), exposed for Prometheus.
 * Callers use verbs; only this file knows metric names and labels.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The metric children of one (API, stage, route), looked up once (label hashing is not free). */
interface RouteMetrics {
  readonly connect: ReturnType<Counter['labels']>;
  readonly message: ReturnType<Counter['labels']>;
  readonly integrationError: ReturnType<Counter['labels']>;
  readonly clientError: ReturnType<Counter['labels']>;
  readonly executionError: ReturnType<Counter['labels']>;
  readonly latency: ReturnType<Histogram['labels']>;
}

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

  private readonly children = new Map<string, RouteMetrics>();

  private of(l: RouteLabels): RouteMetrics {
    const key = `${l.apiId}\u0000${l.stage}\u0000${l.route}`;
    let m = this.children.get(key);
    if (!m) {
      const labels = { ApiId: l.apiId, Stage: l.stage, Route: l.route };
      m = {
        connect: this.connectCount.labels(labels),
        message: this.messageCount.labels(labels),
        integrationError: this.integrationError.labels(labels),
        clientError: this.clientError.labels(labels),
        executionError: this.executionError.labels(labels),
        latency: this.integrationLatency.labels(labels),
      };
      this.children.set(key, m);
    }
    return m;
  }

  public markConnect(l: RouteLabels): void { this.of(l).connect.inc(); }
  public markMessage(l: RouteLabels): void { this.of(l).message.inc(); }
  public markIntegrationError(l: RouteLabels): void { this.of(l).integrationError.inc(); }
  public markClientError(l: RouteLabels): void { this.of(l).clientError.inc(); }
  public markExecutionError(l: RouteLabels): void { this.of(l).executionError.inc(); }
  public observeIntegrationLatency(l: RouteLabels, ms: number): void { this.of(l).latency.observe(ms); }
  public connectionOpened(apiId: string, stage: string): void { this.connections.inc({ ApiId: apiId, Stage: stage }); }
  public connectionClosed(apiId: string, stage: string): void { this.connections.dec({ ApiId: apiId, Stage: stage }); }

  /** The Prometheus text exposition. */
  public async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
