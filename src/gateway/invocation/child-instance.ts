/**
 * One function instance of the isolated invoker: a child process running the child runtime,
 * seen from the gateway. It starts (init), runs one invocation at a time, and dies on a timeout
 * (SIGKILL), a crash, or when the pool lets it go. While it runs one, it may hold the next (see
 * protocol.ts): that one starts when the first answers, and ends as "not run" if it is taken back
 * or the instance dies first.
 *
 * Child processes rather than worker threads: a worker shares the gateway's process, so a handler
 * calling `process.exit`, exhausting the heap, changing `process.env`, `process.chdir` or the
 * global prototypes would reach the gateway, and only a process can be killed reliably in the
 * middle of a synchronous infinite loop. The price is a slower cold start and an IPC round trip.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { LogLine } from './invoker.js';
import { exitError, timeoutError, type ReportedError } from './lambda-errors.js';
import { Expiring, type DeadlineQueue } from './deadline-queue.js';
import type { ChildMessage, InitMessage, ParentMessage, WireLog } from './protocol.js';

/** Why an instance could not start. */
export type StartFailure =
  | { readonly failure: 'error'; readonly error: ReportedError; readonly logs: readonly LogLine[] }
  | { readonly failure: 'timeout'; readonly elapsedMs: number; readonly logs: readonly LogLine[] }
  | { readonly failure: 'crash'; readonly code: number | null; readonly signal: string | null; readonly logs: readonly LogLine[] };

/** How one invocation on the instance ended. */
export type InstanceOutcome =
  | { readonly ok: true; readonly value: unknown; readonly logs: readonly LogLine[] }
  | { readonly ok: false; readonly failure: 'error' | 'timeout' | 'crash'; readonly error: ReportedError; readonly logs: readonly LogLine[] };

/** Told, once, how an invocation sent to the instance ended. */
export interface InvocationSink {
  /** It ran (or was running when the instance died). */
  finished(outcome: InstanceOutcome): void;
  /** It never started: cancelled in time, or the instance died before its turn. It may run elsewhere. */
  notRun(): void;
}

/** What the invoker sends for one invocation. */
export interface InvocationRequest {
  /** The request id (`context.awsRequestId`). */
  readonly id: string;
  readonly event: unknown;
  /** The new extra environment, when it changed. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface ChildInstanceOptions {
  readonly script: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly execArgv: readonly string[];
  readonly init: InitMessage;
  /** Loading the handler may take this long. */
  readonly initTimeoutMs: number;
  /** The extra environment the instance was started with. */
  readonly extraEnv: Readonly<Record<string, string>> | undefined;
  /** Where the running invocation's timeout is kept. */
  readonly deadlines: DeadlineQueue;
  /** Output that belongs to no invocation (the instance died between invocations). */
  readonly onBackground: (line: LogLine) => void;
  /** Called once, when the process has exited. */
  readonly onExit: (instance: ChildInstance) => void;
}

/** An invocation sent to the instance and not yet over. */
interface Sent {
  readonly seq: number;
  readonly id: string;
  readonly sink: InvocationSink;
  readonly timeoutMs: number;
  /** Set when it starts (as far as the invoker can tell: when the one before it answered). */
  startedAt: number;
  /** Output that bypassed the runtime's capture while it ran. */
  raw: LogLine[];
  cancelling: boolean;
}

/**
 * Invocations an instance holds at most: the running one and those queued behind it (see
 * protocol.ts). Deeper means fewer, larger writes between the gateway and the instance.
 */
export const PIPELINE_DEPTH = 8;

/** Lines written straight to the pipes while idle, kept for the next invocation, at most. */
const MAX_PENDING_RAW = 1000;
/** How long to wait for the pipes to drain after the process exited. */
const DRAIN_MS = 50;

function fromWire(logs: readonly WireLog[], into: LogLine[] = []): LogLine[] {
  for (const [stream, text, at] of logs) into.push({ stream: stream === 0 ? 'stdout' : 'stderr', text, at });
  return into;
}

/** The instance is its running invocation's timeout (it expires when that invocation times out). */
export class ChildInstance extends Expiring {
  /**
   * `busy` while it holds invocations (it may take one more while it has room), `dead` once it
   * must not be used again, even before the process has gone.
   */
  public state: 'starting' | 'idle' | 'busy' | 'dead' = 'starting';
  /** The extra environment the instance has (or will have, once what was sent has run). */
  public extraEnv: Readonly<Record<string, string>> | undefined;
  /** Resolves with undefined when the handler is loaded, or with why it is not. */
  public readonly started: Promise<StartFailure | undefined>;
  /** Resolves when the process has exited. */
  public readonly exited: Promise<void>;

  private readonly child: ChildProcess;
  private readonly startedAt = performance.now();
  private resolveStart!: (failure: StartFailure | undefined) => void;
  private resolveExited!: () => void;
  private initTimer: NodeJS.Timeout | undefined;
  /** Sent and not over, in the order the runtime runs them: the first is running. */
  private readonly sent: Sent[] = [];
  private seq = 0;
  /** Messages of this tick, sent together (one write) once it is over. */
  private outbox: ParentMessage[] = [];
  private readonly flushOutbox = () => this.flush();
  private pendingRaw: LogLine[] = [];
  private gone = false;

  constructor(private readonly options: ChildInstanceOptions) {
    super();
    this.extraEnv = options.extraEnv;
    this.started = new Promise((resolve) => (this.resolveStart = resolve));
    this.exited = new Promise((resolve) => (this.resolveExited = resolve));
    this.child = fork(options.script, [], {
      cwd: options.cwd,
      env: options.env,
      execArgv: [...options.execArgv],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.raw('stdout', chunk));
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.raw('stderr', chunk));
    this.child.on('message', (message: ChildMessage | ChildMessage[]) => {
      if (Array.isArray(message)) for (const m of message) this.onMessage(m);
      else this.onMessage(message);
    });
    this.child.on('exit', (code, signal) => this.onProcessExit(code, signal));
    this.child.on('error', (error) => {
      // Spawning failed (no exit follows), or a signal/message could not be delivered (exit follows).
      if (this.child.pid === undefined) {
        this.options.onBackground({ stream: 'stderr', text: `[wsgate] cannot start the function runtime: ${error.message}`, at: Date.now() });
        this.onGone(null, null);
      }
    });
    this.initTimer = setTimeout(() => this.failStart({ failure: 'timeout', elapsedMs: performance.now() - this.startedAt, logs: this.takeRaw() }), options.initTimeoutMs);
    try {
      this.child.send(options.init);
    } catch {
      // The process is already gone; its exit or error event reports it.
    }
  }

  /** The process id, for tests and diagnostics. */
  public get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether it can take one more invocation now (idle, or busy with room in its pipeline). */
  public get hasRoom(): boolean {
    return this.state === 'idle' || (this.state === 'busy' && this.sent.length < PIPELINE_DEPTH);
  }

  /** Invocations sent and not over. */
  public get load(): number {
    return this.sent.length;
  }

  /** Whether an invocation waits in it behind the running one, and is not being taken back yet. */
  public get hasQueued(): boolean {
    return this.lastQueued() !== undefined;
  }

  /**
   * Sends one invocation (with the others of this tick); it runs after those sent before it. The
   * function's timeout kills the process (SIGKILL). `sink` is told how it ended (an event that
   * does not serialise ends it as a `Gateway.InvocationError` error).
   */
  public invoke(request: InvocationRequest, timeoutMs: number, sink: InvocationSink): void {
    if (!this.hasRoom) throw new Error(`The function instance cannot take an invocation (${this.state})`);
    const seq = ++this.seq;
    const entry: Sent = { seq, id: request.id, sink, timeoutMs, startedAt: 0, raw: [], cancelling: false };
    this.post(request.env
      ? { t: 'invoke', seq, id: request.id, event: request.event, timeoutMs, env: request.env }
      : { t: 'invoke', seq, id: request.id, event: request.event, timeoutMs });
    this.sent.push(entry);
    this.state = 'busy';
    if (this.sent.length === 1) this.begin(entry);
  }

  /** Takes back the queued invocation of `sink` if it has not started (it then ends with notRun). */
  public cancel(sink: InvocationSink): void {
    const index = this.sent.findIndex((entry) => entry.sink === sink);
    if (index <= 0 || this.sent[index].cancelling) return; // running, or not here
    this.sent[index].cancelling = true;
    this.post({ t: 'cancel', seq: this.sent[index].seq });
  }

  /** Takes back the last queued invocation, if any (for an instance that has nothing to do). */
  public cancelLastQueued(): void {
    const last = this.lastQueued();
    if (last) this.cancel(last.sink);
  }

  private lastQueued(): Sent | undefined {
    for (let i = this.sent.length - 1; i > 0; i--) if (!this.sent[i].cancelling) return this.sent[i];
    return undefined;
  }

  /** Stops the process now (SIGKILL); a running invocation ends as a crash, queued ones as not run. */
  public kill(): void {
    if (this.state !== 'dead') this.state = 'dead';
    if (!this.gone && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  /** The running invocation's timeout passed. */
  public expire(): void {
    const running = this.sent.shift();
    if (!running) return;
    this.kill();
    const queued = this.sent.splice(0);
    running.sink.finished({ ok: false, failure: 'timeout', error: timeoutError(running.id, performance.now() - running.startedAt), logs: running.raw });
    for (const entry of queued) entry.sink.notRun();
  }

  private post(message: ParentMessage): void {
    if (this.outbox.length === 0) process.nextTick(this.flushOutbox);
    this.outbox.push(message);
  }

  private flush(): void {
    const messages = this.outbox;
    this.outbox = [];
    if (messages.length === 0) return;
    try {
      this.child.send(messages.length === 1 ? messages[0] : messages);
    } catch {
      // An event does not serialise: one by one, to fail only that invocation.
      for (const message of messages) this.sendAlone(message);
    }
  }

  private sendAlone(message: ParentMessage): void {
    try {
      this.child.send(message);
    } catch (error) {
      if (message.t !== 'invoke') return; // a cancel to a process that is gone: its exit says the rest
      const index = this.sent.findIndex((entry) => entry.seq === message.seq);
      if (index < 0) return;
      const [unsent] = this.sent.splice(index, 1);
      if (index === 0) {
        this.options.deadlines.remove(this);
        if (this.sent.length > 0) this.begin(this.sent[0]);
      }
      if (this.sent.length === 0 && this.state === 'busy') this.state = 'idle';
      const reported: ReportedError = { errorType: 'Gateway.InvocationError', errorMessage: (error as Error).message };
      unsent.sink.finished({ ok: false, failure: 'error', error: reported, logs: unsent.raw });
    }
  }

  /** The invocation starts running (as far as the invoker can tell). */
  private begin(entry: Sent): void {
    entry.startedAt = performance.now();
    entry.raw = this.takeRaw();
    this.options.deadlines.add(this, entry.timeoutMs, entry.startedAt);
  }

  private takeRaw(): LogLine[] {
    const taken = this.pendingRaw;
    this.pendingRaw = [];
    return taken;
  }

  /** Output that bypassed the runtime's capture (or was flushed at exit). */
  private raw(stream: 'stdout' | 'stderr', chunk: string): void {
    const at = Date.now();
    const lines = chunk.endsWith('\n') ? chunk.slice(0, -1).split('\n') : chunk.split('\n');
    const running = this.sent[0];
    for (const text of lines) {
      const line: LogLine = { stream, text, at };
      if (running) running.raw.push(line);
      else if (this.state === 'dead') this.options.onBackground(line);
      else if (this.pendingRaw.length < MAX_PENDING_RAW) this.pendingRaw.push(line);
    }
  }

  private onMessage(message: ChildMessage): void {
    switch (message.t) {
      case 'ready':
        if (this.state !== 'starting') return;
        clearTimeout(this.initTimer);
        this.state = 'idle';
        this.resolveStart(undefined);
        return;
      case 'init-error':
        this.failStart({ failure: 'error', error: message.error, logs: fromWire(message.logs, this.takeRaw()) });
        return;
      case 'result': {
        const running = this.sent[0];
        if (!running || running.seq !== message.seq) return;
        this.options.deadlines.remove(this);
        this.sent.shift();
        const logs = fromWire(message.logs, running.raw);
        if (message.exiting) this.state = 'dead';
        // Killed or exiting, nothing more starts: its exit ends what was queued as not run.
        if (this.state !== 'dead') {
          if (this.sent.length > 0) this.begin(this.sent[0]);
          else this.state = 'idle';
        }
        running.sink.finished(message.ok
          ? { ok: true, value: message.value ?? null, logs }
          : { ok: false, failure: 'error', error: message.error ?? { errorType: 'Error', errorMessage: 'Unknown error' }, logs });
        return;
      }
      case 'skipped': {
        // Only a queued invocation is skipped, never the running one.
        const index = this.sent.findIndex((entry) => entry.seq === message.seq);
        if (index <= 0) return;
        const [skipped] = this.sent.splice(index, 1);
        skipped.sink.notRun();
        return;
      }
      case 'fatal':
        this.state = 'dead';
        for (const line of fromWire(message.logs, this.takeRaw())) this.options.onBackground(line);
        this.options.onBackground({ stream: 'stderr', text: `${message.error.errorType}: ${message.error.errorMessage}`, at: Date.now() });
        return;
    }
  }

  private failStart(failure: StartFailure): void {
    if (this.state !== 'starting') return;
    clearTimeout(this.initTimer);
    this.state = 'dead';
    this.resolveStart(failure);
    this.kill();
  }

  private onProcessExit(code: number | null, signal: NodeJS.Signals | null): void {
    // Let the pipes deliver what the runtime flushed on its way out, but not for long: a grandchild
    // holding them open must not keep the invocation waiting.
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      this.onGone(code, signal);
    };
    const timer = setTimeout(finish, DRAIN_MS);
    this.child.once('close', finish);
  }

  private onGone(code: number | null, signal: string | null): void {
    if (this.gone) return;
    this.gone = true;
    const wasStarting = this.state === 'starting';
    this.state = 'dead';
    clearTimeout(this.initTimer);
    this.options.deadlines.remove(this);
    if (wasStarting) this.resolveStart({ failure: 'crash', code, signal, logs: this.takeRaw() });
    const [running, ...queued] = this.sent.splice(0);
    if (running) running.sink.finished({ ok: false, failure: 'crash', error: exitError(running.id, code, signal), logs: running.raw });
    for (const entry of queued) entry.sink.notRun();
    for (const line of this.takeRaw()) this.options.onBackground(line);
    this.options.onExit(this);
    this.resolveExited();
  }
}
