/**
 * The gateway's metrics, under the names CloudWatch uses for WebSocket APIs (so dashboards and
 * alarms defined with `api.metric('ConnectCount')` mean the same here), exposed in Prometheus'
 * text format. Callers use verbs; only this file knows metric names and labels.
 *
 * The counters are plain numbers per (API, stage, route), looked up once per route and rendered at
 * scrape time: the per-message cost is an increment. (prom-client hashes label sets on every
 * update, which cost more than the rest of the message path; see README, Benchmark.)
 *
 * Node-level metrics (`wsgate_node_*`, `wsgate_cross_node_*`) carry a `node` label, so a scrape of
 * each node of a cluster adds up without relabelling: the connections the node holds, and the
 * management calls it passed to the node holding their connection, by outcome and by latency.
 * They follow Prometheus' conventions (seconds, `_total`); the CloudWatch-named ones keep
 * CloudWatch's units (milliseconds).
 */
import { CLUSTER_ERRORS, ClusterError } from '../../registry/cluster-errors.js';

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

/** How a management call passed to another node ended. */
export type CrossNodeOutcome = 'answered' | 'node_gone' | 'unavailable' | 'timeout' | 'failed';

const CROSS_NODE_OUTCOMES: readonly CrossNodeOutcome[] = ['answered', 'node_gone', 'unavailable', 'timeout', 'failed'];
const CROSS_NODE_METHODS = ['POST', 'GET', 'DELETE'] as const;
const CROSS_NODE_BUCKETS_S = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The outcome of a failed cross-node call, from the cluster error it failed with: the target
 * node died (410), Redis or the target's bus could not be reached (503), the target did not
 * answer in time (504), or anything else (its handler failed).
 */
export function crossNodeOutcome(error: unknown): CrossNodeOutcome {
  if (!(error instanceof ClusterError)) return 'failed';
  switch (error.code) {
    case CLUSTER_ERRORS.NODE_NOT_ALIVE.code: return 'node_gone';
    case CLUSTER_ERRORS.NODE_TIMEOUT.code: return 'timeout';
    case CLUSTER_ERRORS.NODE_HANDLER_FAILED.code: return 'failed';
    default: return 'unavailable';
  }
}

/** The management calls this node passed to other nodes: counts by method and outcome, and one latency histogram. */
class CrossNodeTally {
  public readonly calls = new Map<string, number>();
  public readonly buckets = new Array<number>(CROSS_NODE_BUCKETS_S.length).fill(0);
  public count = 0;
  public sumSeconds = 0;

  constructor() {
    for (const method of CROSS_NODE_METHODS) for (const outcome of CROSS_NODE_OUTCOMES) this.calls.set(`method="${method}",outcome="${outcome}"`, 0);
  }

  public record(method: string, outcome: CrossNodeOutcome, seconds: number): void {
    const key = `method="${escape(method)}",outcome="${outcome}"`;
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
    this.count++;
    this.sumSeconds += seconds;
    for (let i = 0; i < CROSS_NODE_BUCKETS_S.length; i++) {
      if (seconds <= CROSS_NODE_BUCKETS_S[i]) {
        this.buckets[i]++;
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
  private nodeConnections = 0;
  private nodeLabel = 'node=""';
  private readonly crossNode = new CrossNodeTally();

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
    this.nodeConnections++;
  }

  public connectionClosed(apiId: string, stage: string): void {
    const key = `ApiId="${escape(apiId)}",Stage="${escape(stage)}"`;
    this.connections.set(key, (this.connections.get(key) ?? 0) - 1);
    this.nodeConnections--;
  }

  /** Names the node these metrics describe: the `node` label of the node-level metrics. */
  public nameNode(nodeId: string): void {
    this.nodeLabel = `node="${escape(nodeId)}"`;
  }

  /**
   * A management call passed to the node holding the connection: `ms` from sending it to the
   * answer (or the failure), and the error it failed with, if it did.
   */
  public crossNodeCall(method: string, ms: number, error?: unknown): void {
    this.crossNode.record(method, error === undefined ? 'answered' : crossNodeOutcome(error), ms / 1000);
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
    this.renderNode(lines);
    return { contentType: 'text/plain; version=0.0.4; charset=utf-8', body: `${lines.join('\n')}\n` };
  }

  /** The node-level metrics. */
  private renderNode(lines: string[]): void {
    const node = this.nodeLabel;
    const x = this.crossNode;
    lines.push('# HELP wsgate_node_connections Open connections this node holds', '# TYPE wsgate_node_connections gauge', `wsgate_node_connections{${node}} ${this.nodeConnections}`);
    lines.push('# HELP wsgate_cross_node_calls_total Management API calls this node passed to the node holding the connection, by outcome', '# TYPE wsgate_cross_node_calls_total counter');
    for (const [labels, n] of x.calls) lines.push(`wsgate_cross_node_calls_total{${node},${labels}} ${n}`);
    lines.push('# HELP wsgate_cross_node_call_duration_seconds Time from passing a management call to another node to its answer or failure', '# TYPE wsgate_cross_node_call_duration_seconds histogram');
    let cumulative = 0;
    CROSS_NODE_BUCKETS_S.forEach((le, i) => {
      cumulative += x.buckets[i];
      lines.push(`wsgate_cross_node_call_duration_seconds_bucket{${node},le="${le}"} ${cumulative}`);
    });
    lines.push(`wsgate_cross_node_call_duration_seconds_bucket{${node},le="+Inf"} ${x.count}`);
    lines.push(`wsgate_cross_node_call_duration_seconds_sum{${node}} ${x.sumSeconds}`, `wsgate_cross_node_call_duration_seconds_count{${node}} ${x.count}`);
  }
}

function escape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
