/**
 * The requests a node bus is waiting on: each one settles once, with its answer, with an error, or
 * with `NODE_TIMEOUT` when its timer fires first.
 */
import { CLUSTER_ERRORS, ClusterError } from './cluster-errors.js';
import type { BusMessage } from './node-bus.js';

interface Pending {
  readonly resolve: (message: BusMessage) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class PendingRequests {
  private readonly pending = new Map<string, Pending>();

  /** How many requests are waiting. */
  public get size(): number {
    return this.pending.size;
  }

  /** Waits for the answer to request `id`, at most `timeoutMs`. */
  public wait(id: string, nodeId: string, timeoutMs: number): Promise<BusMessage> {
    return new Promise<BusMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ClusterError(CLUSTER_ERRORS.NODE_TIMEOUT, `Node ${nodeId} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
    });
  }

  /** Settles request `id` with its answer; false if it is no longer waiting (timed out, or unknown). */
  public resolve(id: string, message: BusMessage): boolean {
    const p = this.take(id);
    p?.resolve(message);
    return p !== undefined;
  }

  /** Settles request `id` with an error; false if it is no longer waiting. */
  public reject(id: string, error: Error): boolean {
    const p = this.take(id);
    p?.reject(error);
    return p !== undefined;
  }

  /** Settles every waiting request with the error `make` builds. */
  public rejectAll(make: () => Error): void {
    for (const id of [...this.pending.keys()]) this.reject(id, make());
  }

  private take(id: string): Pending | undefined {
    const p = this.pending.get(id);
    if (!p) return undefined;
    clearTimeout(p.timer);
    this.pending.delete(id);
    return p;
  }
}
