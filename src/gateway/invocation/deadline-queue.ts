/**
 * Timeouts of many invocations on one timer. A `setTimeout` per invocation costs a timer object,
 * a timer-list update on start and on clear, and (once AsyncLocalStorage is in use) an async
 * resource; this queue keeps one Node timer, armed for the earliest deadline, and entries in
 * linked lists by delay (as Node's own timers do): an invocation's deadline is later than every
 * earlier one of the same delay, so adding is an append, and removing an unlink.
 *
 * Entries expire at their deadline or up to a millisecond before (the resolution of Node's timers).
 */
import { performance } from 'node:perf_hooks';

/** Something with a deadline: extends this class, and is told when its time is up. */
export abstract class Expiring {
  /** `performance.now()` time at which it expires (set by the queue). */
  public expiresAt = 0;
  /** The queue's links, undefined while not queued. */
  public expiryList: ExpiryList | undefined = undefined;
  public expiryPrev: Expiring | undefined = undefined;
  public expiryNext: Expiring | undefined = undefined;

  /** Its deadline passed (it has been removed from the queue). */
  public abstract expire(): void;
}

/** The entries of one delay, oldest (earliest deadline) first. */
interface ExpiryList {
  readonly delayMs: number;
  head: Expiring | undefined;
  tail: Expiring | undefined;
}

export class DeadlineQueue {
  /** By delay in whole milliseconds; empty lists stay until the timer fires. */
  private readonly lists = new Map<number, ExpiryList>();
  /** Entries queued. */
  private count = 0;
  private timer: NodeJS.Timeout | undefined;
  /** When the timer fires (`performance.now()` time), Infinity when not armed. */
  private timerAt = Infinity;
  /** Whether the timer keeps the process alive: only while something is queued. */
  private timerRefed = false;
  private readonly onTimer = () => this.fire();

  /** Queues the entry to expire `delayMs` (rounded up to a whole millisecond) after `now`. */
  public add(entry: Expiring, delayMs: number, now: number = performance.now()): void {
    if (entry.expiryList) this.remove(entry);
    const delay = Math.ceil(delayMs);
    let list = this.lists.get(delay);
    if (!list) {
      list = { delayMs: delay, head: undefined, tail: undefined };
      this.lists.set(delay, list);
    }
    entry.expiresAt = now + delay;
    entry.expiryList = list;
    entry.expiryPrev = list.tail;
    entry.expiryNext = undefined;
    if (list.tail) list.tail.expiryNext = entry;
    else list.head = entry;
    list.tail = entry;
    this.count++;
    if (entry.expiresAt < this.timerAt) this.arm(entry.expiresAt, now);
    else if (!this.timerRefed) {
      // Armed already, for an entry that is gone: it is woken up again rather than set anew.
      this.timer?.ref();
      this.timerRefed = true;
    }
  }

  /** Takes the entry out of the queue (nothing happens if it is not in it). */
  public remove(entry: Expiring): void {
    const list = entry.expiryList;
    if (!list) return;
    const { expiryPrev: prev, expiryNext: next } = entry;
    if (prev) prev.expiryNext = next;
    else list.head = next;
    if (next) next.expiryPrev = prev;
    else list.tail = prev;
    entry.expiryList = undefined;
    entry.expiryPrev = undefined;
    entry.expiryNext = undefined;
    // Nothing left to wait for: the timer stays armed (invocations often come one at a time, and
    // setting a timer costs more than waking it), but must not keep the process alive.
    if (--this.count === 0 && this.timerRefed) {
      this.timer?.unref();
      this.timerRefed = false;
    }
  }

  private fire(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    this.timerRefed = false;
    const now = performance.now();
    const expired: Expiring[] = [];
    let earliest = Infinity;
    for (const [delay, list] of this.lists) {
      for (let entry = list.head; entry && entry.expiresAt - now < 1; entry = list.head) {
        this.remove(entry);
        expired.push(entry);
      }
      if (!list.head) this.lists.delete(delay);
      else if (list.head.expiresAt < earliest) earliest = list.head.expiresAt;
    }
    if (earliest < Infinity) this.arm(earliest, now);
    for (const entry of expired) entry.expire();
  }

  private arm(at: number, now: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(this.onTimer, Math.max(1, Math.ceil(at - now)));
    this.timerRefed = true;
  }
}
