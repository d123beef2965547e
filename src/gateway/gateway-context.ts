/** What the parts of a running gateway share. */
import type { GatewayModel } from '../model/gateway-model.js';
import type { IamGuard } from './auth/iam-guard.js';
import type { ApiKeyCheck } from './limits/api-key-check.js';
import type { Throttle } from './limits/throttle.js';
import type { NodeBus } from '../registry/node-bus.js';
import type { ConnectionRegistry } from '../registry/registry.js';
import type { Connection } from './connection.js';
import type { IntegrationRunner } from './integrations/integration-runner.js';
import type { GatewayMetrics } from './metrics/metrics.js';
import type { RequestLogLine, ResolvedGatewayOptions } from './options.js';
import type { RouteKeySelector } from './routing/selection-expression.js';

/**
 * The model and what is built from it (`model`, `selectors`, `runner`, `throttle`, `apiKeys`) are
 * replaced when the gateway reloads (Gateway.reload): read them from the context when they are
 * used rather than keeping them.
 */
export interface GatewayContext {
  readonly model: GatewayModel;
  readonly options: ResolvedGatewayOptions;
  readonly runner: IntegrationRunner;
  readonly registry: ConnectionRegistry;
  readonly metrics: GatewayMetrics;
  /** This node's id in the registry. */
  readonly nodeId: string;
  /** Requests to the other nodes of a cluster (management calls for connections they hold). */
  readonly bus: NodeBus;
  /** The connections whose sockets this node holds. */
  readonly connections: Map<string, Connection>;
  /** The compiled route selection expression of each API, by API id. */
  readonly selectors: ReadonlyMap<string, RouteKeySelector>;
  /** Stage, route and gateway-wide throttles. */
  readonly throttle: Throttle;
  /** API keys and their usage plans' throttles and quotas. */
  readonly apiKeys: ApiKeyCheck;
  /** Checks SigV4-signed calls against IAM, in the configured mode. */
  readonly iam: IamGuard;
  /** Writes a request log line; undefined when logging is off (so callers skip building lines). */
  readonly log?: (line: RequestLogLine) => void;
}
