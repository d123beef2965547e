/**
 * The node bus over Redis pub/sub: each node subscribes to its own channel (`{p}bus:{nodeId}`),
 * where it receives the requests sent to it and the answers to its own requests.
 *
 * Why pub/sub and not streams: a request is only worth answering while its sender still waits
 * (a bounded wait, then a 5xx), so a message that a Redis blip loses must not be delivered late
 * either, which is pub/sub's behaviour; streams would add storage, acknowledgement and trimming
 * for deliveries nobody waits for any more. Pub/sub also tells the sender how many subscribers
 * received a message, so a request to a node that does not listen fails at once.
 *
 * A request is published by one script that first checks the target's heartbeat key (written by
 * its registry, see redis-liveness.ts): a node without one fails with `NODE_NOT_ALIVE`, a node
 * with one whose channel has no subscriber with `NODE_NOT_LISTENING`, both without waiting. When
 * this node's own subscription drops, the requests it waits on fail with `BUS_UNAVAILABLE` at once
 * (their answers could not arrive); while Redis is away, requests fail the same way.
 *
 * Wire format (JSON): `{"k":"req","id","from","body"}`, and `{"k":"res","id","ok":true,"body"}` or
 * `{"k":"res","id","ok":false,"code","message"}`.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { CLUSTER_ERRORS, ClusterError, clusterErrorKind, handlerFailed, type ClusterErrorKind } from './cluster-errors.js';
import type { BusHandler, BusMessage, NodeBus } from './node-bus.js';
import { PendingRequests } from './pending-requests.js';
import {
  closeClient, connectClient, createRedisClient, resolveRedisConnection,
  type RedisConnectionOptions,
} from './redis-client.js';
import { RedisKeys } from './redis-keys.js';
import { RedisLiveness } from './redis-liveness.js';
import { PUBLISH_IF_ALIVE } from './redis-scripts.js';

export interface RedisNodeBusOptions extends RedisConnectionOptions {
  /** The node this bus belongs to (the same id as its registry's, which keeps it alive). */
  readonly nodeId: string;
  /**
   * How often the subscription connection is PINGed, so that a connection that went silent is
   * noticed (after the command timeout), dropped and subscribed again.
   * @default 5000
   */
  readonly keepAliveIntervalMs?: number;
}

type Envelope =
  | { k: 'req'; id: string; from: string; body: BusMessage }
  | { k: 'res'; id: string; ok: true; body: BusMessage }
  | { k: 'res'; id: string; ok: false; code: string; message: string };

export class RedisNodeBus implements NodeBus {
  public readonly nodeId: string;
  private readonly keys: RedisKeys;
  private readonly liveness: RedisLiveness;
  private readonly pending = new PendingRequests();
  private readonly keepAlive: NodeJS.Timeout;
  private handler?: BusHandler;
  private closed = false;

  private constructor(private readonly pub: Redis, private readonly sub: Redis, keyPrefix: string, options: RedisNodeBusOptions) {
    this.nodeId = options.nodeId;
    this.keys = new RedisKeys(keyPrefix);
    this.liveness = new RedisLiveness(pub, this.keys);
    sub.on('message', (channel: string, raw: string) => {
      if (channel === this.keys.busChannel(this.nodeId)) this.receive(raw);
    });
    sub.on('close', () => {
      this.pending.rejectAll(() => new ClusterError(CLUSTER_ERRORS.BUS_UNAVAILABLE, `The bus of node ${this.nodeId} lost Redis while waiting for an answer`));
    });
    this.keepAlive = setInterval(() => { if (sub.status === 'ready') sub.ping().catch(() => undefined); }, options.keepAliveIntervalMs ?? 5000);
    this.keepAlive.unref();
  }

  /**
   * Connects (one connection to publish, one subscribed to the node's channel). Rejects with
   * `BUS_UNAVAILABLE` when Redis does not answer within `connectTimeoutMs`.
   */
  public static async connect(options: RedisNodeBusOptions): Promise<RedisNodeBus> {
    const connection = resolveRedisConnection(options);
    const pub = createRedisClient(connection, `bus-${options.nodeId}`);
    const sub = createRedisClient(connection, `bus-sub-${options.nodeId}`);
    try {
      await Promise.all([connectClient(pub, connection), connectClient(sub, connection)]);
      await sub.subscribe(new RedisKeys(connection.keyPrefix).busChannel(options.nodeId));
    } catch (error) {
      await Promise.all([closeClient(pub), closeClient(sub)]);
      throw unavailable(error);
    }
    return new RedisNodeBus(pub, sub, connection.keyPrefix, options);
  }

  public serve(handler: BusHandler): void {
    if (this.handler) throw new Error(`Node ${this.nodeId} already serves its bus`);
    this.handler = handler;
  }

  public async request(nodeId: string, message: BusMessage, timeoutMs: number): Promise<BusMessage> {
    if (this.closed) throw new ClusterError(CLUSTER_ERRORS.BUS_CLOSED, `The bus of node ${this.nodeId} is closed`);
    if (this.pub.status !== 'ready' || this.sub.status !== 'ready') {
      throw new ClusterError(CLUSTER_ERRORS.BUS_UNAVAILABLE, `The bus of node ${this.nodeId} cannot reach Redis`);
    }
    const id = randomUUID();
    const envelope: Envelope = { k: 'req', id, from: this.nodeId, body: message };
    const payload = JSON.stringify(envelope);
    const answer = this.pending.wait(id, nodeId, timeoutMs);
    // It may settle (timeout, lost subscription) while the publish is under way: handled below.
    answer.catch(() => undefined);
    try {
      const receivers = await this.pub.eval(PUBLISH_IF_ALIVE, 1, this.keys.alive(nodeId), this.keys.busChannel(nodeId), payload);
      if (receivers === -1) this.pending.reject(id, new ClusterError(CLUSTER_ERRORS.NODE_NOT_ALIVE, `Node ${nodeId} is not alive`));
      else if (receivers === 0) this.pending.reject(id, new ClusterError(CLUSTER_ERRORS.NODE_NOT_LISTENING, `Node ${nodeId} does not listen on its bus`));
    } catch (error) {
      this.pending.reject(id, unavailable(error));
    }
    return await answer;
  }

  public async aliveNodes(): Promise<string[]> {
    if (this.closed) throw new ClusterError(CLUSTER_ERRORS.BUS_CLOSED, `The bus of node ${this.nodeId} is closed`);
    try {
      return (await this.liveness.states()).alive;
    } catch (error) {
      throw unavailable(error);
    }
  }

  public async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handler = undefined;
    clearInterval(this.keepAlive);
    this.pending.rejectAll(() => new ClusterError(CLUSTER_ERRORS.BUS_CLOSED, `The bus of node ${this.nodeId} closed while waiting`));
    await Promise.all([closeClient(this.sub), closeClient(this.pub)]);
  }

  private receive(raw: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(raw) as Envelope;
    } catch {
      return; // Not a bus message: ignored.
    }
    if (envelope.k === 'req') {
      void this.answer(envelope);
    } else if (envelope.k === 'res') {
      if (envelope.ok) this.pending.resolve(envelope.id, envelope.body);
      else this.pending.reject(envelope.id, new ClusterError(clusterErrorKind(envelope.code) ?? CLUSTER_ERRORS.NODE_HANDLER_FAILED, envelope.message));
    }
  }

  /** Runs the handler and publishes its answer to the requester's channel; an answer that cannot be published is dropped (the requester times out). */
  private async answer(request: Extract<Envelope, { k: 'req' }>): Promise<void> {
    let reply: string;
    const handler = this.handler;
    if (!handler) {
      reply = failure(request.id, CLUSTER_ERRORS.NODE_NOT_LISTENING, `Node ${this.nodeId} does not serve its bus`);
    } else {
      try {
        const body = await handler(request.body, request.from);
        reply = JSON.stringify({ k: 'res', id: request.id, ok: true, body } satisfies Envelope);
      } catch (error) {
        reply = failure(request.id, CLUSTER_ERRORS.NODE_HANDLER_FAILED, handlerFailed(this.nodeId, error).message);
      }
    }
    if (this.closed) return;
    await this.pub.publish(this.keys.busChannel(request.from), reply).catch(() => undefined);
  }
}

function failure(id: string, kind: ClusterErrorKind, message: string): string {
  return JSON.stringify({ k: 'res', id, ok: false, code: kind.code, message } satisfies Envelope);
}

function unavailable(error: unknown): ClusterError {
  if (ClusterError.is(error)) return error;
  const why = error instanceof Error ? error.message : String(error);
  return new ClusterError(CLUSTER_ERRORS.BUS_UNAVAILABLE, `The node bus cannot reach Redis: ${why}`, { cause: error });
}
