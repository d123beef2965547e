/**
 * The cluster layer's error catalogue: the failures of the shared registry and of the node bus, each
 * with a code and the HTTP status the management API answers with when a call fails this way.
 * Every one of them is bounded in time: nothing here waits for Redis or for another node forever.
 */

/** One kind of cluster failure. */
export interface ClusterErrorKind {
  readonly code: string;
  /** The status a management API call that hits this failure answers. */
  readonly status: number;
}

export const CLUSTER_ERRORS = {
  /**
   * Redis cannot be reached (down, restarting, or not answering within the command timeout), so a
   * query about a connection this node does not hold cannot be answered. Fails at once, never queued.
   */
  REGISTRY_UNAVAILABLE: { code: 'WSGATE_ERR_REGISTRY_UNAVAILABLE', status: 503 },
  /** The bus cannot reach Redis: the request was not sent, or the answer can no longer arrive. */
  BUS_UNAVAILABLE: { code: 'WSGATE_ERR_BUS_UNAVAILABLE', status: 503 },
  /** The bus of this node was closed (before the call, or while it waited). */
  BUS_CLOSED: { code: 'WSGATE_ERR_BUS_CLOSED', status: 503 },
  /**
   * The target node has no heartbeat: it was stopped, crashed, or lost Redis for longer than the
   * record TTL. Its connections are gone, so the management API answers 410 Gone.
   */
  NODE_NOT_ALIVE: { code: 'WSGATE_ERR_NODE_NOT_ALIVE', status: 410 },
  /**
   * The target node has a heartbeat but nothing listens on its channel (its bus is reconnecting,
   * or not serving yet). Fails at once.
   */
  NODE_NOT_LISTENING: { code: 'WSGATE_ERR_NODE_NOT_LISTENING', status: 503 },
  /** The target node did not answer within the request's timeout (the message may have been lost in a Redis blip). */
  NODE_TIMEOUT: { code: 'WSGATE_ERR_NODE_TIMEOUT', status: 504 },
  /** The target node's handler threw: the message says what it threw. */
  NODE_HANDLER_FAILED: { code: 'WSGATE_ERR_NODE_HANDLER_FAILED', status: 502 },
} as const satisfies Record<string, ClusterErrorKind>;

/** A cluster failure of one of the kinds of {@link CLUSTER_ERRORS}. */
export class ClusterError extends Error {
  public readonly code: string;
  public readonly status: number;

  constructor(kind: ClusterErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClusterError';
    this.code = kind.code;
    this.status = kind.status;
  }

  /** True for a ClusterError of this kind (any kind when `kind` is left out). */
  public static is(error: unknown, kind?: ClusterErrorKind): error is ClusterError {
    return error instanceof ClusterError && (kind === undefined || error.code === kind.code);
  }
}

/** The kind with this code, for errors that crossed the bus as plain data. */
export function clusterErrorKind(code: string): ClusterErrorKind | undefined {
  return Object.values(CLUSTER_ERRORS).find((k) => k.code === code);
}

/** The `NODE_HANDLER_FAILED` error for what the bus handler of a node threw. */
export function handlerFailed(nodeId: string, error: unknown): ClusterError {
  const message = error instanceof Error ? error.message : String(error);
  return new ClusterError(CLUSTER_ERRORS.NODE_HANDLER_FAILED, `The handler of node ${nodeId} failed: ${message}`);
}
