/**
 * Waiting for a condition that changes on events (a message arrives, an invocation is reported),
 * bounded in time, without polling: whoever changes the state calls `notify()`, and each pending
 * wait checks its condition again.
 */

interface Waiter {
  readonly check: () => void;
  readonly cancel: (error: Error) => void;
}

export interface UntilOptions {
  readonly timeoutMs: number;
  /** The error a timeout rejects with (built when it happens, so it can describe the state then). */
  readonly timeoutError: () => Error;
  /** Checked after the condition: an error here ends the wait early (a closed connection). */
  readonly failure?: () => Error | undefined;
}

export class Signal {
  private readonly waiters = new Set<Waiter>();

  /** Re-checks every pending wait. */
  public notify(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  /** Rejects every pending wait with `error`. */
  public cancelAll(error: Error): void {
    for (const waiter of [...this.waiters]) waiter.cancel(error);
  }

  /** Resolves with what `check` returns once it is not undefined; rejects on `failure` or after the timeout. */
  public until<T>(check: () => T | undefined, options: UntilOptions): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const pending: { timer?: ReturnType<typeof setTimeout> } = {};
      const finish = (settle: () => void) => {
        clearTimeout(pending.timer);
        this.waiters.delete(waiter);
        settle();
      };
      const waiter: Waiter = {
        check: () => {
          const value = check();
          if (value !== undefined) return finish(() => resolve(value));
          const failed = options.failure?.();
          if (failed) finish(() => reject(failed));
        },
        cancel: (error) => finish(() => reject(error)),
      };
      this.waiters.add(waiter);
      waiter.check();
      if (!this.waiters.has(waiter)) return;
      pending.timer = setTimeout(() => finish(() => reject(options.timeoutError())), options.timeoutMs);
    });
  }
}
