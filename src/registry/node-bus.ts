/**
 * The node bus: request/response between the gateway nodes of one cluster, for management calls
 * that reach a connection held by another node. Messages are plain JSON data (they cross Redis),
 * delivery is at most once, and every request ends within its timeout: with the answer, or with a
 * `ClusterError` (cluster-errors.ts) of `CLUSTER_ERRORS` (a node that is not alive fails at once).
 *
 * Implementations: `MemoryNodeBus` (the nodes of one process), `RedisNodeBus` (per-node Redis
 * pub/sub channels).
 */

/** A message between nodes: JSON-serialisable data (values JSON cannot carry are dropped or turned to null, as JSON.stringify does). */
export type BusMessage = Readonly<Record<string, unknown>>;

/**
 * Answers the requests sent to this node. A thrown error reaches the requester as a
 * `NODE_HANDLER_FAILED` `ClusterError` (cluster-errors.ts) with the error's message.
 */
export type BusHandler = (message: BusMessage, fromNodeId: string) => BusMessage | Promise<BusMessage>;

export interface NodeBus {
  /** The node this bus belongs to. */
  readonly nodeId: string;
  /** Starts answering the requests sent to this node. A bus has one handler: a second call throws. */
  serve(handler: BusHandler): void;
  /**
   * Sends a request to a node (this one included) and waits for its answer at most `timeoutMs`.
   * Rejects with a `ClusterError` (cluster-errors.ts): `NODE_NOT_ALIVE` or `NODE_NOT_LISTENING` at once,
   * `NODE_TIMEOUT` after `timeoutMs`, `NODE_HANDLER_FAILED`, `BUS_UNAVAILABLE`, `BUS_CLOSED`.
   */
  request(nodeId: string, message: BusMessage, timeoutMs: number): Promise<BusMessage>;
  /** The nodes that are alive now (this one included while it is). */
  aliveNodes(): Promise<string[]>;
  /** Stops serving; pending requests reject with `BUS_CLOSED`. */
  close(): Promise<void>;
}
