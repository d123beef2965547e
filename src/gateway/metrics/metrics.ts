/**
 * The gateway's metrics, under the names CloudWatch uses for WebSocket APIs (so dashboards and
 * alarms defined with `api.metric('ConnectCount')` mean the same here), exposed in Prometheus'
 * text format. Callers use verbs; only this file knows metric names and labels.
 *
 * The counters are plain numbers per (API, stage, route), looked up once per route and rendered at
 * scrape time: the per-message cost is an increment. (prom-client hashes label sets on every
 * update, which cost more than the rest of the message path; see README, Benchmark.)
 */

export interface RouteLabels {
  readonly apiId: string;
  readonly stage: string;
  readonly route: string;
}

const LATENCY_BUCKETS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 29000];

/** The tallies of one (API, stage, route). */
class RouteTally {
  public connect = 0;
  public message = 0;
  public integrationError = 0;
  public clientError = 0;
  public executionError = 0;
  public latencyCount = 0;
  public latencySum = 0;
  public readonly latencyBuckets = new Array<number>(LATENCY_BUCKETS_MS.length).fill(0);

  constructor(public readonly labels: string) {}

  public observe(ms: number): void {
    this.latencyCount++;
    this.latencySum += ms;
    for (let i = 0; i < LATENCY_BUCKETS_MS.length; i++) {
      if (ms <= LATENCY_BUCKETS_MS[i]) {
        this.latencyBuckets[i]++;
        return;
      }
    }
  }
}

const COUNTERS = [
  ['ConnectCount', 'connect', 'Messages sent to the $connect route integration'],
  ['MessageCount', 'message', 'Messages sent to and from clients'],
  ['IntegrationError', 'integrationError', 'Requests whose integration returned a 4XX/5XX or failed'],
  ['ClientError', 'clientError', 'Requests answered with a 4XX by the gateway before the integration was invoked'],
  ['ExecutionError', 'executionError', 'Errors while calling the integration (crash, timeout)'],
] as const;

export class GatewayMetrics {
  /** In the order they were first seen, for rendering. */
  private readonly tallies: RouteTally[] = [];
  /** By API, stage and route: three lookups and no key to build on each update. */
  private readonly byRoute = new Map<string, Map<string, Map<string, RouteTally>>>();
  private readonly connections = new Map<string, number>();

  private of(l: RouteLabels): RouteTally {
    let stages = this.byRoute.get(l.apiId);
    if (!stages) this.byRoute.set(l.apiId, stages = new Map());
    let routes = stages.get(l.stage);
    if (!routes) stages.set(l.stage, routes = new Map());
    let t = routes.get(l.route);
    if (!t) {
      t = new RouteTally(`ApiId="${escape(l.apiId)}",Stage="${escape(l.stage)}",Route="${escape(l.route)}"`);
      routes.set(l.route, t);
      this.tallies.push(t);
    }
    return t;
  }

  public markConnect(l: RouteLabels): void { this.of(l).connect++; }
  public markMessage(l: RouteLabels, count = 1): void { this.of(l).message += count; }
  public markIntegrationError(l: RouteLabels): void { this.of(l).integrationError++; }
  public markClientError(l: RouteLabels): void { this.of(l).clientError++; }
  public markExecutionError(l: RouteLabels): void { this.of(l).executionError++; }
  public observeIntegrationLatency(l: RouteLabels, ms: number): void { this.of(l).observe(ms); }

  public connectionOpened(apiId: string, stage: string): void {
    const key = `ApiId="${escape(apiId)}",Stage="${escape(stage)}"`;
    this.connections.set(key, (this.connections.get(key) ?? 0) + 1);
  }

  public connectionClosed(apiId: string, stage: string): void {
    const key = `ApiId="${escape(apiId)}",Stage="${escape(stage)}"`;
    this.connections.set(key, (this.connections.get(key) ?? 0) - 1);
  }

  /** The Prometheus text exposition (format 0.0.4). */
  public async render(): Promise<{ contentType: string; body: string }> {
    const lines: string[] = [];
    const tallies = this.tallies;
    for (const [name, field, help] of COUNTERS) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      for (const t of tallies) lines.push(`${name}{${t.labels}} ${t[field]}`);
    }
    lines.push('# HELP IntegrationLatency Time between the gateway calling the integration and its answer, in milliseconds', '# TYPE IntegrationLatency histogram');
    for (const t of tallies) {
      let cumulative = 0;
      LATENCY_BUCKETS_MS.forEach((le, i) => {
        cumulative += t.latencyBuckets[i];
        lines.push(`IntegrationLatency_bucket{le="${le}",${t.labels}} ${cumulative}`);
      });
      lines.push(`IntegrationLatency_bucket{le="+Inf",${t.labels}} ${t.latencyCount}`);
      lines.push(`IntegrationLatency_sum{${t.labels}} ${t.latencySum}`, `IntegrationLatency_count{${t.labels}} ${t.latencyCount}`);
    }
    lines.push('# HELP wsgate_connections Open connections on this node', '# TYPE wsgate_connections gauge');
    for (const [labels, n] of this.connections) lines.push(`wsgate_connections{${labels}} ${n}`);
    return { contentType: 'text/plain; version=0.0.4; charset=utf-8', body: `${lines.join('\n')}\n` };
  }
}

function escape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
