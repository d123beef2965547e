/**
 * A WebSocket client of a test gateway (see test-gateway.ts): send text or JSON, await the next
 * message or the next one matching a predicate, close and await the close, and read the
 * invocation log of its connection. Every wait is bounded; a timeout says what arrived instead and
 * whether a handler of the connection failed, and a wait ends at once if the connection closes.
 */
import type WebSocket from 'ws';
import type { InvocationLog, InvocationRecord, WaitForInvocationOptions } from './invocation-log.js';
import { Signal } from './signal.js';
import { TESTING_ERRORS, TestingError } from './testing-errors.js';

/** How a connection closed. */
export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
}

export interface WaitOptions {
  /** @default - the test gateway's timeoutMs (5000 unless set) */
  readonly timeoutMs?: number;
}

export class TestClient {
  private readonly queue: string[] = [];
  private readonly all: string[] = [];
  private closeInfo?: CloseInfo;
  private readonly signal = new Signal();
  private id = '';

  /** @internal Clients come from `TestGateway.connect()`. */
  constructor(
    private readonly ws: WebSocket,
    /** The URL the client connected to. */
    public readonly url: string,
    private readonly log: InvocationLog,
    private readonly defaultTimeoutMs: number,
  ) {
    ws.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      this.queue.push(text);
      this.all.push(text);
      this.signal.notify();
    });
    ws.on('close', (code: number, reason: Buffer) => {
      this.closeInfo = { code, reason: reason.toString('utf8') };
      this.signal.notify();
    });
    ws.on('error', () => undefined);
  }

  /** The connection's id, as handlers (`requestContext.connectionId`) and the management API know it. */
  public get connectionId(): string {
    return this.id;
  }

  /** @internal Set once the gateway lists the connection. */
  public identify(connectionId: string): void {
    this.id = connectionId;
  }

  /** The subprotocol the gateway selected ('' for none). */
  public get protocol(): string {
    return this.ws.protocol;
  }

  /** Every message received so far, taken or not, in order. */
  public get received(): readonly string[] {
    return [...this.all];
  }

  /** Messages received and not yet taken by `next…()`. */
  public get pending(): readonly string[] {
    return [...this.queue];
  }

  /** How the connection closed; undefined while it is open. */
  public get closed(): CloseInfo | undefined {
    return this.closeInfo;
  }

  /** Sends a text message. */
  public send(text: string): void {
    if (this.closeInfo || this.ws.readyState !== this.ws.OPEN) {
      throw new TestingError(TESTING_ERRORS.CLOSED, `Cannot send on connection ${this.connectionId}: it is ${this.closeInfo ? `closed (${describeClose(this.closeInfo)})` : 'closing'}`);
    }
    this.ws.send(text);
  }

  /** Sends `value` as a JSON text message. */
  public sendJson(value: unknown): void {
    this.send(JSON.stringify(value));
  }

  /** The next message not yet taken (one that already arrived, or the next to come). */
  public next(options: WaitOptions = {}): Promise<string> {
    return this.take(() => 0, 'the next message', options);
  }

  /** The next message, parsed as JSON. */
  public async nextJson<T = unknown>(options: WaitOptions = {}): Promise<T> {
    const text = await this.next(options);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new TestingError(TESTING_ERRORS.NOT_JSON, `The next message on connection ${this.connectionId} is not JSON: ${truncate(text)}`);
    }
  }

  /**
   * The first message not yet taken that `predicate` accepts (a predicate that throws does not
   * accept). Messages it does not accept stay queued for later `next…()` calls.
   */
  public nextMatching(predicate: (message: string) => boolean, options: WaitOptions = {}): Promise<string> {
    return this.take(() => this.queue.findIndex((m) => accepts(predicate, m)), 'a message matching the predicate', options);
  }

  /** The first JSON message not yet taken that `predicate` accepts (other messages, JSON or not, stay queued). */
  public async nextJsonMatching<T = unknown>(predicate: (value: T) => boolean, options: WaitOptions = {}): Promise<T> {
    const acceptsJson = (m: string) => {
      const value = parseJson(m);
      return value !== undefined && accepts(predicate, value.json as T);
    };
    return JSON.parse(await this.take(() => this.queue.findIndex(acceptsJson), 'a JSON message matching the predicate', options)) as T;
  }

  /** Waits for the connection to close (the server closed it, or a close() under way). */
  public waitForClose(options: WaitOptions = {}): Promise<CloseInfo> {
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    return this.signal.until(() => this.closeInfo, {
      timeoutMs,
      timeoutError: () => new TestingError(TESTING_ERRORS.TIMEOUT, `Timed out after ${timeoutMs} ms waiting for connection ${this.connectionId} to close; it is still open${this.failureNote()}`),
    });
  }

  /**
   * Closes the connection (code 1000 unless given) and resolves once the close handshake is done,
   * with the code the gateway saw. A gateway that does not answer in time gets the socket cut.
   */
  public async close(code = 1000, reason = '', options: WaitOptions = {}): Promise<CloseInfo> {
    if (this.closeInfo) return this.closeInfo;
    this.ws.close(code, reason);
    try {
      return await this.waitForClose(options);
    } catch (error) {
      this.ws.terminate();
      throw error;
    }
  }

  /** Every integration call of this connection so far (`$connect`, messages, `$disconnect`), in the order they ended. */
  public invocations(): readonly InvocationRecord[] {
    return this.log.list(this.connectionId);
  }

  /** The lines this connection's handlers wrote (console.log, …), in order. */
  public output(): string[] {
    return this.log.output(this.connectionId);
  }

  /** The first invocation of this connection (already made, or the next) that `predicate` accepts. */
  public waitForInvocation(predicate: (record: InvocationRecord) => boolean = () => true, options: WaitForInvocationOptions = {}): Promise<InvocationRecord> {
    return this.log.waitFor(predicate, this.connectionId, { timeoutMs: options.timeoutMs ?? this.defaultTimeoutMs });
  }

  /** @internal Cuts the socket (the gateway is stopping and the close handshake took too long). */
  public terminate(): void {
    this.ws.terminate();
  }

  /** Removes and returns the queued message at the index `find` returns (-1: none yet). */
  private take(find: () => number, what: string, options: WaitOptions): Promise<string> {
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    return this.signal.until(() => {
      const i = find();
      return i < 0 ? undefined : this.queue.splice(i, 1)[0];
    }, {
      timeoutMs,
      failure: () => this.closeInfo && new TestingError(TESTING_ERRORS.CLOSED, `Connection ${this.connectionId} closed (${describeClose(this.closeInfo)}) while waiting for ${what}${this.failureNote()}`),
      timeoutError: () => {
        const queued = this.queue.length === 0 ? 'no message arrived' : `${this.queue.length} message(s) arrived that did not match: ${this.queue.slice(0, 5).map((m) => truncate(m, 120)).join(', ')}`;
        return new TestingError(TESTING_ERRORS.TIMEOUT, `Timed out after ${timeoutMs} ms waiting for ${what} on connection ${this.connectionId}: ${queued}${this.failureNote()}`);
      },
    });
  }

  /** `; its last failed invocation: …` when a handler of this connection failed. */
  private failureNote(): string {
    const failure = this.log.lastFailure(this.connectionId);
    return failure ? `; its last failed invocation: ${failure}` : '';
  }
}

function describeClose(info: CloseInfo): string {
  return info.reason ? `${info.code} ${info.reason}` : String(info.code);
}

function accepts<T>(predicate: (value: T) => boolean, value: T): boolean {
  try {
    return predicate(value);
  } catch {
    return false;
  }
}

function parseJson(text: string): { json: unknown } | undefined {
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

function truncate(text: string, max = 200): string {
  return text.length > max ? `${JSON.stringify(text.slice(0, max))}…` : JSON.stringify(text);
}
