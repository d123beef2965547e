/**
 * The node bus of one process: the nodes that joined one {@link MemoryNodeNetwork}. It is the
 * default of a single gateway (a network of one node) and the reference the Redis bus is tested
 * against. Messages are copied through JSON, as they would be on the wire, and delivered on a
 * later turn of the event loop.
 */
import { randomUUID } from 'node:crypto';
import { CLUSTER_ERRORS, ClusterError, handlerFailed } from './cluster-errors.js';
import type { BusHandler, BusMessage, NodeBus } from './node-bus.js';
import { PendingRequests } from './pending-requests.js';

/** The nodes of one process. A node is alive from `join` until its bus is closed. */
export class MemoryNodeNetwork {
  private readonly nodes = new Map<string, MemoryNodeBus>();

  /** A bus for a new node; throws if a node with this id is already in the network. */
  public join(nodeId: string): MemoryNodeBus {
    if (this.nodes.has(nodeId)) throw new Error(`Node ${nodeId} is already in this network`);
    const bus = new MemoryNodeBus(nodeId, this);
    this.nodes.set(nodeId, bus);
    return bus;
  }

  /** The ids of the nodes in the network. */
  public aliveNodes(): string[] {
    return [...this.nodes.keys()];
  }

  /** The bus of a node in the network. */
  public find(nodeId: string): MemoryNodeBus | undefined {
    return this.nodes.get(nodeId);
  }

  /** Called by a bus that closes. */
  public leave(bus: MemoryNodeBus): void {
    if (this.nodes.get(bus.nodeId) === bus) this.nodes.delete(bus.nodeId);
  }
}

export class MemoryNodeBus implements NodeBus {
  private handler?: BusHandler;
  private closed = false;
  private readonly pending = new PendingRequests();

  /** Use {@link MemoryNodeNetwork.join}, or {@link MemoryNodeBus.single} for a node alone. */
  constructor(public readonly nodeId: string, private readonly network: MemoryNodeNetwork) {}

  /** The bus of a node alone in its own network (a single gateway). */
  public static single(nodeId: string): MemoryNodeBus {
    return new MemoryNodeNetwork().join(nodeId);
  }

  public serve(handler: BusHandler): void {
    if (this.handler) throw new Error(`Node ${this.nodeId} already serves its bus`);
    this.handler = handler;
  }

  public async request(nodeId: string, message: BusMessage, timeoutMs: number): Promise<BusMessage> {
    if (this.closed) throw new ClusterError(CLUSTER_ERRORS.BUS_CLOSED, `The bus of node ${this.nodeId} is closed`);
    const target = this.network.find(nodeId);
    if (!target) throw new ClusterError(CLUSTER_ERRORS.NODE_NOT_ALIVE, `Node ${nodeId} is not alive`);
    if (!target.listening) throw new ClusterError(CLUSTER_ERRORS.NODE_NOT_LISTENING, `Node ${nodeId} does not serve its bus`);
    const sent = viaJson(message);
    const id = randomUUID();
    const answer = this.pending.wait(id, nodeId, timeoutMs);
    setImmediate(() => {
      target.handle(sent, this.nodeId).then(
        (reply) => { if (reply !== undefined) this.pending.resolve(id, reply); },
        (error: unknown) => { this.pending.reject(id, handlerFailed(nodeId, error)); },
      );
    });
    return answer;
  }

  public async aliveNodes(): Promise<string[]> {
    return this.network.aliveNodes();
  }

  public async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handler = undefined;
    this.network.leave(this);
    this.pending.rejectAll(() => new ClusterError(CLUSTER_ERRORS.BUS_CLOSED, `The bus of node ${this.nodeId} closed while waiting`));
  }

  /** True while this node answers requests. */
  public get listening(): boolean {
    return !this.closed && this.handler !== undefined;
  }

  /** Runs the handler for a request from another node; undefined when this node can no longer answer (no reply is sent). */
  public async handle(message: BusMessage, fromNodeId: string): Promise<BusMessage | undefined> {
    const handler = this.handler;
    if (!handler) return undefined;
    const reply = await handler(message, fromNodeId);
    return this.closed ? undefined : viaJson(reply);
  }
}

function viaJson(message: BusMessage): BusMessage {
  return JSON.parse(JSON.stringify(message)) as BusMessage;
}
