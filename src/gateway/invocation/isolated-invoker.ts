/**
 * The default invoker: every function instance is a child process of its own (see
 * child-instance.ts for why processes rather than worker threads), with its own environment,
 * module state and heap limit, killed at its timeout. Nothing a handler does reaches the gateway.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FunctionModel } from '../../model/gateway-model.js';
import { ChildInstance, type InstanceOutcome, type InvocationSink, type StartFailure } from './child-instance.js';
import { DeadlineQueue, Expiring } from './deadline-queue.js';
import { isNodeRuntime, stageCode, type StagedCode } from './code-staging.js';
import { FunctionPool, type Lease, type Waiter } from './function-pool.js';
import {
  DEFAULT_MAX_INSTANCES_PER_FUNCTION,
  type InvokeRequest, type InvokeResult, type Invoker, type InvokerOptions, type LogLine,
} from './invoker.js';
import { exitError, integrationTimeoutError, RUNTIME_ERROR_TYPES, timeoutError, type ReportedError } from './lambda-errors.js';
import { FUNCTION_VERSION, heapLimitMb, instanceEnvironment, logGroupOf, newLogStreamName, sameVariables } from './lambda-environment.js';
import { childRuntimeScript, RUNTIME_DIR, tsxLoaderUrl } from './runtime-script.js';

/** Lambda gives init at least this long, whatever the function's timeout. */
const MIN_INIT_TIMEOUT_MS = 10_000;

function failed(failure: 'error' | 'timeout' | 'crash', error: ReportedError, logs: readonly LogLine[], startedAt: number): InvokeResult {
  return { ok: false, failure, errorType: error.errorType, errorMessage: error.errorMessage, logs, durationMs: performance.now() - startedAt };
}

function startFailureResult(failure: StartFailure, requestId: string, startedAt: number): InvokeResult {
  switch (failure.failure) {
    case 'error': return failed('error', failure.error, failure.logs, startedAt);
    case 'timeout': return failed('timeout', timeoutError(requestId, failure.elapsedMs), failure.logs, startedAt);
    case 'crash': return failed('crash', exitError(requestId, failure.code, failure.signal), failure.logs, startedAt);
  }
}

function outcomeResult(outcome: InstanceOutcome, startedAt: number): InvokeResult {
  return outcome.ok
    ? { ok: true, value: outcome.value, logs: outcome.logs, durationMs: performance.now() - startedAt }
    : failed(outcome.failure, outcome.error, outcome.logs, startedAt);
}

/**
 * One invocation, from `invoke()` to its result: it waits for an instance (a {@link Waiter}),
 * runs there (an {@link InvocationSink}) and ends at the integration timeout if that comes first
 * (it is that deadline). A class rather than closures: this is the per-message path.
 */
class IsolatedCall extends Expiring implements Waiter, InvocationSink {
  public cancelled = false;
  public readonly result: Promise<InvokeResult>;
  private resolveResult!: (result: InvokeResult) => void;
  private settled = false;
  /** The instance it was sent to, until it ends there. */
  private instance: ChildInstance | undefined;

  constructor(
    private readonly invoker: IsolatedInvoker,
    private readonly pool: FunctionPool,
    private readonly request: InvokeRequest,
    private readonly startedAt: number,
  ) {
    super();
    this.result = new Promise<InvokeResult>((resolve) => (this.resolveResult = resolve));
    if (request.timeoutMs !== undefined) invoker.deadlines.add(this, request.timeoutMs, startedAt);
  }

  public get extraEnv(): Readonly<Record<string, string>> | undefined {
    return this.request.extraEnv;
  }

  public grant(lease: Lease): void {
    if ('startFailure' in lease) {
      this.settle(startFailureResult(lease.startFailure, this.request.requestId, this.startedAt));
      return;
    }
    const { instance } = lease;
    if (this.cancelled) {
      this.pool.release(instance);
      return;
    }
    const request = this.request;
    let env: Readonly<Record<string, string>> | undefined;
    if (!sameVariables(instance.extraEnv, request.extraEnv)) {
      env = request.extraEnv ?? {};
      instance.extraEnv = request.extraEnv;
    }
    try {
      instance.invoke({ id: request.requestId, event: request.event, env }, request.fn.timeoutSeconds * 1000, this);
    } catch (error) {
      this.pool.release(instance);
      this.settle(failed('error', { errorType: 'Gateway.InvocationError', errorMessage: (error as Error).message }, [], this.startedAt));
      return;
    }
    this.instance = instance;
  }

  public finished(outcome: InstanceOutcome): void {
    const instance = this.instance;
    this.instance = undefined;
    if (instance) this.pool.release(instance);
    if (this.settled) for (const line of outcome.logs) this.invoker.background(this.request.fn, line);
    else this.settle(outcomeResult(outcome, this.startedAt));
  }

  public notRun(): void {
    const instance = this.instance;
    this.instance = undefined;
    // First in line again (unless it has stopped waiting), then the room it left goes to the next.
    if (!this.settled && !this.cancelled) this.pool.acquire(this, true);
    if (instance) this.pool.release(instance);
  }

  /** The integration timeout passed first: API Gateway stops waiting (the function may run on). */
  public expire(): void {
    this.pool.cancel(this);
    this.instance?.cancel(this);
    this.settle(failed('timeout', integrationTimeoutError(this.request.timeoutMs ?? 0), [], this.startedAt));
  }

  private settle(result: InvokeResult): void {
    if (this.settled) return;
    this.settled = true;
    this.invoker.deadlines.remove(this);
    this.resolveResult(result);
  }
}

/** Runs each function instance in a child process. */
export class IsolatedInvoker implements Invoker {
  /** The integration timeouts of invocations, and the function timeouts of running ones. */
  public readonly deadlines = new DeadlineQueue();
  private readonly pools = new Map<string, FunctionPool>();
  private readonly retiredPools = new Set<FunctionPool>();
  private readonly staged = new Map<FunctionPool, StagedCode>();
  private readonly workDir: string;
  private readonly ownsWorkDir: boolean;
  private readonly maxInstances: number;
  private readonly projectDir = process.cwd();
  private script: Promise<string> | undefined;
  /** The script, once written. */
  private scriptPath: string | undefined;
  private closed = false;
  private readonly killAllOnExit = () => {
    for (const pool of this.allPools()) void pool.close();
  };

  constructor(private readonly options: Omit<InvokerOptions, 'mode'> = {}) {
    this.maxInstances = Math.max(1, Math.floor(options.maxInstancesPerFunction ?? DEFAULT_MAX_INSTANCES_PER_FUNCTION));
    if (options.workDir) mkdirSync(options.workDir, { recursive: true });
    this.workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'wsgate-invoker-'));
    this.ownsWorkDir = options.workDir === undefined;
    // Children die with the gateway even when it exits without close().
    process.on('exit', this.killAllOnExit);
  }

  public invoke(request: InvokeRequest): Promise<InvokeResult> {
    if (this.closed) return Promise.reject(new Error('The invoker is closed'));
    const startedAt = performance.now();
    const { fn } = request;
    if (!isNodeRuntime(fn)) {
      return Promise.resolve(failed('error', { errorType: 'Runtime.InvalidRuntime', errorMessage: `wsgate runs Node.js functions only; ${fn.key} uses ${fn.runtime}` }, [], startedAt));
    }
    if (this.scriptPath !== undefined) return this.dispatch(request, startedAt, this.scriptPath);
    this.script ??= childRuntimeScript(this.workDir).then((path) => (this.scriptPath = path), (error: unknown) => {
      this.script = undefined;
      throw error;
    });
    return this.script.then((script) => {
      if (this.closed) throw new Error('The invoker is closed');
      return this.dispatch(request, startedAt, script);
    });
  }

  private dispatch(request: InvokeRequest, startedAt: number, script: string): Promise<InvokeResult> {
    let pool: FunctionPool;
    try {
      pool = this.poolFor(request.fn, script);
    } catch (error) {
      return Promise.resolve(failed('error', { errorType: RUNTIME_ERROR_TYPES.IMPORT_MODULE, errorMessage: `Error: ${(error as Error).message}` }, [], startedAt));
    }
    try {
      const call = new IsolatedCall(this, pool, request, startedAt);
      pool.acquire(call);
      return call.result;
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  public async reset(functionKeys?: readonly string[]): Promise<void> {
    const keys = functionKeys ?? [...this.pools.keys()];
    for (const key of keys) {
      const pool = this.pools.get(key);
      if (!pool) continue;
      this.pools.delete(key);
      this.retire(pool);
    }
  }

  public async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    process.off('exit', this.killAllOnExit);
    await Promise.all(this.allPools().map((pool) => pool.close()));
    this.pools.clear();
    this.retiredPools.clear();
    this.staged.clear();
    if (this.ownsWorkDir) rmSync(this.workDir, { recursive: true, force: true });
  }

  /** Live instances of a function, for tests and diagnostics. */
  public instanceCount(functionKey: string): number {
    return this.pools.get(functionKey)?.size ?? 0;
  }

  private allPools(): FunctionPool[] {
    return [...this.pools.values(), ...this.retiredPools];
  }

  private retire(pool: FunctionPool): void {
    pool.retire();
    this.retiredPools.add(pool);
    for (const old of this.retiredPools) {
      if (old.size === 0) {
        this.retiredPools.delete(old);
        this.staged.delete(old);
      }
    }
  }

  /** The pool of the function, a new one when its definition changed. */
  private poolFor(fn: FunctionModel, script: string): FunctionPool {
    let pool = this.pools.get(fn.key);
    if (pool && pool.fn !== fn) {
      if (pool.fingerprint === JSON.stringify(fn)) pool.fn = fn;
      else {
        this.pools.delete(fn.key);
        this.retire(pool);
        pool = undefined;
      }
    }
    if (!pool) {
      const created = new FunctionPool(fn, JSON.stringify(fn), (owner, extraEnv) => this.startInstance(owner, script, extraEnv), this.maxInstances);
      this.staged.set(created, stageCode(fn, this.workDir, this.projectDir));
      this.pools.set(fn.key, created);
      pool = created;
    }
    return pool;
  }

  private startInstance(pool: FunctionPool, script: string, extraEnv?: Readonly<Record<string, string>>): ChildInstance {
    const fn = pool.fn;
    const staged = this.staged.get(pool);
    if (!staged) throw new Error(`No staged code for ${fn.key}`);
    const logStreamName = newLogStreamName();
    const env = instanceEnvironment({
      fn, taskRoot: staged.taskRoot, runtimeDir: RUNTIME_DIR, logStreamName, projectDir: this.projectDir, extraEnv, hostEnv: process.env,
    });
    const execArgv = [`--max-old-space-size=${heapLimitMb(fn.memorySizeMb)}`];
    if (staged.needsTsx) execArgv.push('--import', tsxLoaderUrl());
    return new ChildInstance({
      script,
      cwd: staged.cwd,
      env,
      execArgv,
      extraEnv,
      initTimeoutMs: Math.max(MIN_INIT_TIMEOUT_MS, fn.timeoutSeconds * 1000),
      init: {
        t: 'init',
        spec: staged.spec,
        extraKeys: Object.keys(extraEnv ?? {}),
        info: {
          functionName: fn.functionName,
          functionVersion: FUNCTION_VERSION,
          invokedFunctionArn: fn.functionArn,
          memoryLimitInMB: String(fn.memorySizeMb),
          logGroupName: logGroupOf(fn),
          logStreamName,
        },
      },
      deadlines: this.deadlines,
      onBackground: (line) => this.background(fn, line),
      onExit: (instance) => pool.onExit(instance),
    });
  }

  /** Output of a function that belongs to no invocation. */
  public background(fn: FunctionModel, line: LogLine): void {
    this.options.onBackgroundOutput?.({ functionKey: fn.key, line });
  }
}
