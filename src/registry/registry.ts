/**
 * The connection registry: which connections exist, on which node, with what identity. Records
 * are plain serialisable data, never sockets, so the same interface fits an in-memory registry and
 * a shared one (Redis) for several nodes. Every query is asynchronous for the same reason.
 */

/** One connection, as every node can see it. */
export interface ConnectionRecord {
  readonly connectionId: string;
  readonly apiId: string;
  readonly stage: string;
  /** The node holding the socket. */
  readonly nodeId: string;
  /** Epoch milliseconds. */
  readonly connectedAt: number;
  /** Epoch milliseconds of the last message in either direction. */
  readonly lastActiveAt: number;
  readonly identity: Readonly<{ sourceIp: string; userAgent?: string } & Record<string, unknown>>;
  /** The authorizer's principalId and context, when $connect had a Lambda authorizer. */
  readonly authorizer?: Readonly<Record<string, unknown>>;
}

export interface ConnectionRegistry {
  /** Records a new connection (after $connect succeeded). */
  add(record: ConnectionRecord): Promise<void>;
  /** The record of a connection, or undefined if it is not (or no longer) connected. */
  get(connectionId: string): Promise<ConnectionRecord | undefined>;
  /** Sets lastActiveAt. A connection that is gone is left gone. */
  touch(connectionId: string, at: number): Promise<void>;
  /** Forgets a connection; true if it was there. */
  remove(connectionId: string): Promise<boolean>;
  /** Connections held by one node. */
  listByNode(nodeId: string): Promise<ConnectionRecord[]>;
  /** How many connections there are. */
  count(): Promise<number>;
  /** Releases resources. */
  close(): Promise<void>;
}
