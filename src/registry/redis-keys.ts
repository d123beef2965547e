/**
 * Where the cluster keeps its state in Redis. Every key and channel starts with one prefix
 * (`wsgate:` unless configured), so several clusters, or parallel test runs, can share a Redis.
 *
 * | key / channel                    | type    | content                                                  | expiry                      |
 * | -------------------------------- | ------- | -------------------------------------------------------- | --------------------------- |
 * | `{p}node:{nodeId}`               | string  | the node's heartbeat (its start time)                    | TTL, refreshed every beat   |
 * | `{p}node:{nodeId}:conns`         | set     | the ids of the connections the node holds                | TTL, refreshed every beat   |
 * | `{p}conn:{connectionId}`         | hash    | `r`: the record as JSON, `a`: lastActiveAt, `n`: nodeId  | TTL, refreshed every beat   |
 * | `{p}nodes`                       | set     | every node id seen, alive or not (reaping cleans it)     | none                        |
 * | `{p}bus:{nodeId}`                | channel | the node bus's requests to, and answers for, the node     | -                           |
 *
 * Some scripts address keys they compute from a record, so the layout targets a single Redis
 * (standalone or behind Sentinel), not Redis Cluster.
 */

/** The default prefix of every key and channel. */
export const DEFAULT_KEY_PREFIX = 'wsgate:';

export class RedisKeys {
  constructor(public readonly prefix: string = DEFAULT_KEY_PREFIX) {}

  /** The node's heartbeat key: the node is alive while it exists. */
  public alive(nodeId: string): string {
    return `${this.prefix}node:${nodeId}`;
  }

  /** The set of the connection ids a node holds. */
  public nodeConnections(nodeId: string): string {
    return `${this.prefix}node:${nodeId}:conns`;
  }

  /** One connection's record. */
  public connection(connectionId: string): string {
    return `${this.prefix}conn:${connectionId}`;
  }

  /** The set of every node id seen. */
  public nodes(): string {
    return `${this.prefix}nodes`;
  }

  /** The node bus channel of one node. */
  public busChannel(nodeId: string): string {
    return `${this.prefix}bus:${nodeId}`;
  }
}
