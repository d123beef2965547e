/**
 * The instances of one function in isolated mode. Like Lambda, concurrent invocations run in
 * separate instances: an idle (warm) instance is reused, the most recently used first; when none
 * is idle a new one starts (cold), up to a maximum; past it, invocations wait in line for the
 * first instance that frees up.
 *
 * Waiting in line includes waiting inside a busy instance: at the maximum, an invocation is handed
 * to a busy instance with room in its pipeline (see protocol.ts), so that it starts the moment the
 * running one answers, without a round trip through the gateway. An instance that runs out of work
 * while another still holds an invocation that has not started takes it back (the holder skips it
 * and it is handed out again), so an invocation never waits behind a slow one while an instance is
 * free.
 */
import type { FunctionModel } from '../../model/gateway-model.js';
import type { ChildInstance, StartFailure } from './child-instance.js';

/** What a waiting invocation is given: an instance reserved for it, or why one could not start. */
export type Lease = { readonly instance: ChildInstance } | { readonly startFailure: StartFailure };

/** An invocation waiting for an instance. */
export interface Waiter {
  /** Set when the invocation stopped waiting (its integration timeout passed). */
  cancelled: boolean;
  /** The extra environment of the invocation, for an instance started for it. */
  readonly extraEnv?: Readonly<Record<string, string>>;
  grant(lease: Lease): void;
}

/** Why invocations waiting when the pool closes end: their instance was killed. */
const CLOSED: StartFailure = { failure: 'crash', code: null, signal: 'SIGKILL', logs: [] };

export class FunctionPool {
  private readonly instances = new Set<ChildInstance>();
  private readonly idle: ChildInstance[] = [];
  private readonly waiting: Waiter[] = [];
  private retired = false;
  private closed = false;

  /**
   * @param fn the function, as last seen
   * @param fingerprint identifies the function's definition; another one means another pool
   * @param start starts a new instance, which calls `onExit` of this pool when its process ends
   */
  constructor(
    public fn: FunctionModel,
    public readonly fingerprint: string,
    private readonly start: (pool: FunctionPool, extraEnv: Readonly<Record<string, string>> | undefined) => ChildInstance,
    private readonly maxInstances: number,
  ) {}

  /** Number of live instances, for tests and diagnostics. */
  public get size(): number {
    return this.instances.size;
  }

  /**
   * Gives the waiter an instance, now or when one has room. `first`: it goes first in line (an
   * invocation that did not run where it had been sent).
   */
  public acquire(waiter: Waiter, first = false): void {
    if (this.closed) {
      waiter.grant({ startFailure: CLOSED });
      return;
    }
    const instance = this.popIdle();
    if (instance) waiter.grant({ instance });
    else if (this.instances.size < this.maxInstances) this.startFor(waiter);
    else {
      const busy = this.busyWithRoom();
      if (busy) waiter.grant({ instance: busy });
      else if (first) this.waiting.unshift(waiter);
      else this.waiting.push(waiter);
    }
  }

  /** Stops waiting; the waiter will not be granted anything. */
  public cancel(waiter: Waiter): void {
    waiter.cancelled = true;
    const index = this.waiting.indexOf(waiter);
    if (index >= 0) this.waiting.splice(index, 1);
  }

  /**
   * An invocation on the instance is over (or was not taken): the next waiter gets the room it
   * left, or the instance waits warm (and takes back work queued behind a busy one).
   */
  public release(instance: ChildInstance): void {
    if (!instance.hasRoom) return; // dead (onExit deals with it), starting, or full
    const next = this.nextWaiter();
    if (next) {
      next.grant({ instance });
      return;
    }
    if (instance.state !== 'idle') return;
    if (this.retired) {
      instance.kill();
      return;
    }
    if (!this.idle.includes(instance)) this.idle.push(instance);
    for (const other of this.instances) {
      if (other.hasQueued) {
        other.cancelLastQueued();
        return;
      }
    }
  }

  /** The process of an instance ended: its place is free for a waiter. */
  public onExit(instance: ChildInstance): void {
    this.instances.delete(instance);
    const index = this.idle.indexOf(instance);
    if (index >= 0) this.idle.splice(index, 1);
    const next = this.nextWaiter();
    if (next) this.startFor(next);
  }

  /**
   * No new work comes to this pool: idle instances stop now, busy ones after their invocation
   * (waiters already in line are still served).
   */
  public retire(): void {
    this.retired = true;
    for (const instance of this.idle.splice(0)) instance.kill();
  }

  /** Stops every instance now, and resolves when all processes have exited. */
  public async close(): Promise<void> {
    this.retired = true;
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) {
      if (!waiter.cancelled) waiter.grant({ startFailure: CLOSED });
    }
    this.idle.splice(0);
    const instances = [...this.instances];
    for (const instance of instances) instance.kill();
    await Promise.all(instances.map((instance) => instance.exited));
  }

  private popIdle(): ChildInstance | undefined {
    for (;;) {
      const instance = this.idle.pop();
      if (!instance || instance.state === 'idle') return instance;
    }
  }

  /** The busy instance holding the fewest invocations, among those with room. */
  private busyWithRoom(): ChildInstance | undefined {
    let best: ChildInstance | undefined;
    for (const instance of this.instances) {
      if (instance.state === 'busy' && instance.hasRoom && (!best || instance.load < best.load)) best = instance;
    }
    return best;
  }

  private nextWaiter(): Waiter | undefined {
    for (;;) {
      const waiter = this.waiting.shift();
      if (!waiter || !waiter.cancelled) return waiter;
    }
  }

  private startFor(waiter: Waiter): void {
    const instance = this.start(this, waiter.extraEnv);
    this.instances.add(instance);
    void instance.started.then((startFailure) => {
      if (startFailure) {
        if (!waiter.cancelled) waiter.grant({ startFailure });
        // The instance is dead; its exit frees the place for the next waiter.
      } else if (waiter.cancelled) {
        this.release(instance);
      } else {
        waiter.grant({ instance });
      }
    });
  }
}
