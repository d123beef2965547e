/**
 * Every integration call a test gateway made (`$connect`, messages, `$disconnect`), as the
 * gateway's `onInvocation` observer reports them, kept by connection: the event each handler was
 * given, what it answered (or its error, or a timeout) and the lines it wrote.
 */
import type { InvocationRecord } from '../gateway/options.js';
import { Signal } from './signal.js';
import { TESTING_ERRORS, TestingError } from './testing-errors.js';

export type { InvocationRecord } from '../gateway/options.js';

export interface WaitForInvocationOptions {
  /** @default - the test gateway's timeoutMs */
  readonly timeoutMs?: number;
}

export class InvocationLog {
  private readonly records: InvocationRecord[] = [];
  private readonly byConnection = new Map<string, InvocationRecord[]>();
  private readonly signal = new Signal();

  constructor(private readonly defaultTimeoutMs: number) {}

  /** Adds a record (the gateway's onInvocation observer). */
  public add(record: InvocationRecord): void {
    this.records.push(record);
    const list = this.byConnection.get(record.connectionId);
    if (list) list.push(record);
    else this.byConnection.set(record.connectionId, [record]);
    this.signal.notify();
  }

  /** The records of one connection, or every record, in the order the calls ended. */
  public list(connectionId?: string): readonly InvocationRecord[] {
    return [...(connectionId === undefined ? this.records : this.byConnection.get(connectionId) ?? [])];
  }

  /** The handler output lines of one connection's calls (or of every call), in order. */
  public output(connectionId?: string): string[] {
    return this.list(connectionId).flatMap((r) => r.logs.map((line) => line.text));
  }

  /**
   * The first record (already there, or the next to come) of `connectionId` (or of any connection)
   * that `predicate` accepts; rejects with a TestingError (WSGATE_ERR_TEST_TIMEOUT) after the timeout.
   */
  public waitFor(predicate: (record: InvocationRecord) => boolean, connectionId: string | undefined, options: WaitForInvocationOptions = {}): Promise<InvocationRecord> {
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    const scope = connectionId === undefined ? this.records : undefined;
    return this.signal.until(() => (scope ?? this.byConnection.get(connectionId!) ?? []).find(predicate), {
      timeoutMs,
      timeoutError: () => {
        const seen = this.list(connectionId);
        const summary = seen.length === 0 ? 'no invocation at all' : `${seen.length} that did not match: ${seen.slice(-5).map(describeInvocation).join('; ')}`;
        return new TestingError(TESTING_ERRORS.TIMEOUT, `Timed out after ${timeoutMs} ms waiting for an invocation${connectionId ? ` of connection ${connectionId}` : ''}; saw ${summary}`);
      },
    });
  }

  /** A line about the connection's last call that failed, for timeout messages; undefined when none failed. */
  public lastFailure(connectionId: string): string | undefined {
    const failed = (this.byConnection.get(connectionId) ?? []).filter((r) => r.outcome.kind !== 'answer').at(-1);
    return failed ? describeInvocation(failed) : undefined;
  }

  /** Rejects every pending wait (the gateway stopped). */
  public cancelAll(error: Error): void {
    this.signal.cancelAll(error);
  }
}

/** `MESSAGE sendMessage: error: Error: boom (handler wrote: …)`. */
export function describeInvocation(r: InvocationRecord): string {
  const outcome = r.outcome.kind === 'answer' ? `answered ${truncate(JSON.stringify(r.outcome.value) ?? 'undefined')}`
    : r.outcome.kind === 'error' ? `failed: ${truncate(r.outcome.message)}` : 'timed out';
  const output = r.logs.length > 0 ? ` (handler wrote: ${truncate(r.logs.map((l) => l.text).join(' | '))})` : '';
  return `${r.eventType} ${r.routeKey} ${outcome}${output}`;
}

function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
