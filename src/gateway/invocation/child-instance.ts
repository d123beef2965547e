/**
 * One function instance of the isolated invoker: a child process running the child runtime,
 * seen from the gateway. It starts (init), runs one invocation at a time, and dies on a timeout
 * (SIGKILL), a crash, or when the pool lets it go.
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
import type { ChildMessage, InitMessage, InvokeMessage, WireLog } from './protocol.js';

/** Why an instance could not start. */
export type StartFailure =
  | { readonly failure: 'error'; readonly error: ReportedError; readonly logs: readonly LogLine[] }
  | { readonly failure: 'timeout'; readonly elapsedMs: number; readonly logs: readonly LogLine[] }
  | { readonly failure: 'crash'; readonly code: number | null; readonly signal: string | null; readonly logs: readonly LogLine[] };

/** How one invocation on the instance ended. */
export type InstanceOutcome =
  | { readonly ok: true; readonly value: unknown; readonly logs: readonly LogLine[] }
  | { readonly ok: false; readonly failure: 'error' | 'timeout' | 'crash'; readonly error: ReportedError; readonly logs: readonly LogLine[] };

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
  /** Output that belongs to no invocation (the instance died between invocations). */
  readonly onBackground: (line: LogLine) => void;
  /** Called once, when the process has exited. */
  readonly onExit: (instance: ChildInstance) => void;
}

interface Running {
  readonly id: string;
  readonly resolve: (outcome: InstanceOutcome) => void;
  readonly timer: NodeJS.Timeout;
  readonly startedAt: number;
  readonly raw: LogLine[];
}

/** Lines written straight to the pipes while idle, kept for the next invocation, at most. */
const MAX_PENDING_RAW = 1000;
/** How long to wait for the pipes to drain after the process exited. */
const DRAIN_MS = 50;

function fromWire(logs: readonly WireLog[], into: LogLine[] = []): LogLine[] {
  for (const [stream, text, at] of logs) into.push({ stream: stream === 0 ? 'stdout' : 'stderr', text, at });
  return into;
}

export class ChildInstance {
  /** `dead` once it must not be used again, even before the process has gone. */
  public state: 'starting' | 'idle' | 'busy' | 'dead' = 'starting';
  /** The extra environment the instance has now. */
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
  private running: Running | undefined;
  private pendingRaw: LogLine[] = [];
  private gone = false;

  constructor(private readonly options: ChildInstanceOptions) {
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
    this.child.on('message', (message: ChildMessage) => this.onMessage(message));
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

  /**
   * Runs one invocation. The function's timeout kills the process (SIGKILL). Resolves with the
   * outcome; rejects only when the message cannot be sent (an event that does not serialise).
   */
  public invoke(message: InvokeMessage, timeoutMs: number): Promise<InstanceOutcome> {
    return new Promise<InstanceOutcome>((resolve, reject) => {
      const timer = setTimeout(() => this.timeOut(), timeoutMs);
      this.running = { id: message.id, resolve, timer, startedAt: performance.now(), raw: this.takeRaw() };
      this.state = 'busy';
      try {
        this.child.send(message);
      } catch (error) {
        clearTimeout(timer);
        this.running = undefined;
        this.state = 'idle';
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Stops the process now (SIGKILL); a running invocation ends as a crash. */
  public kill(): void {
    if (this.state !== 'dead') this.state = 'dead';
    if (!this.gone && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
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
    for (const text of lines) {
      const line: LogLine = { stream, text, at };
      if (this.running) this.running.raw.push(line);
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
        const running = this.running;
        if (!running || running.id !== message.id) return;
        clearTimeout(running.timer);
        this.running = undefined;
        this.state = message.exiting ? 'dead' : 'idle';
        const logs = fromWire(message.logs, running.raw);
        running.resolve(message.ok
          ? { ok: true, value: message.value ?? null, logs }
          : { ok: false, failure: 'error', error: message.error ?? { errorType: 'Error', errorMessage: 'Unknown error' }, logs });
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

  private timeOut(): void {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    this.kill();
    running.resolve({ ok: false, failure: 'timeout', error: timeoutError(running.id, performance.now() - running.startedAt), logs: running.raw });
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
    if (wasStarting) this.resolveStart({ failure: 'crash', code, signal, logs: this.takeRaw() });
    const running = this.running;
    if (running) {
      this.running = undefined;
      clearTimeout(running.timer);
      running.resolve({ ok: false, failure: 'crash', error: exitError(running.id, code, signal), logs: running.raw });
    }
    for (const line of this.takeRaw()) this.options.onBackground(line);
    this.options.onExit(this);
    this.resolveExited();
  }
}
