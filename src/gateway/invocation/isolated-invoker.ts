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
import { ChildInstance, type InstanceOutcome, type StartFailure } from './child-instance.js';
import { isNodeRuntime, stageCode, type StagedCode } from './code-staging.js';
import { FunctionPool, type Lease, type Waiter } from './function-pool.js';
import {
  DEFAULT_MAX_INSTANCES_PER_FUNCTION,
  type InvokeRequest, type InvokeResult, type Invoker, type InvokerOptions, type LogLine,
} from './invoker.js';
import { exitError, integrationTimeoutError, RUNTIME_ERROR_TYPES, timeoutError, type ReportedError } from './lambda-errors.js';
import { FUNCTION_VERSION, heapLimitMb, instanceEnvironment, logGroupOf, newLogStreamName, sameVariables } from './lambda-environment.js';
import type { InvokeMessage } from './protocol.js';
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

/** Runs each function instance in a child process. */
export class IsolatedInvoker implements Invoker {
  private readonly pools = new Map<string, FunctionPool>();
  private readonly retiredPools = new Set<FunctionPool>();
  private readonly staged = new Map<FunctionPool, StagedCode>();
  private readonly workDir: string;
  private readonly ownsWorkDir: boolean;
  private readonly maxInstances: number;
  private readonly projectDir = process.cwd();
  private script: Promise<string> | undefined;
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

  public async invoke(request: InvokeRequest): Promise<InvokeResult> {
    if (this.closed) throw new Error('The invoker is closed');
    const startedAt = performance.now();
    const { fn } = request;
    if (!isNodeRuntime(fn)) {
      return failed('error', { errorType: 'Runtime.InvalidRuntime', errorMessage: `wsgate runs Node.js functions only; ${fn.key} uses ${fn.runtime}` }, [], startedAt);
    }
    this.script ??= childRuntimeScript(this.workDir).catch((error: unknown) => {
      this.script = undefined;
      throw error;
    });
    const script = await this.script;
    let pool: FunctionPool;
    try {
      pool = this.poolFor(fn, script);
    } catch (error) {
      return failed('error', { errorType: RUNTIME_ERROR_TYPES.IMPORT_MODULE, errorMessage: `Error: ${(error as Error).message}` }, [], startedAt);
    }
    return new Promise<InvokeResult>((resolve) => {
      let settled = false;
      let integrationTimer: NodeJS.Timeout | undefined;
      const settle = (result: InvokeResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(integrationTimer);
        resolve(result);
      };
      const waiter: Waiter = {
        cancelled: false,
        extraEnv: request.extraEnv,
        grant: (lease: Lease) => {
          if ('startFailure' in lease) {
            settle(startFailureResult(lease.startFailure, request.requestId, startedAt));
            return;
          }
          const { instance } = lease;
          if (waiter.cancelled) {
            pool.release(instance);
            return;
          }
          this.run(instance, request).then((outcome) => {
            pool.release(instance);
            if (settled) for (const line of outcome.logs) this.background(fn, line);
            else settle(outcomeResult(outcome, startedAt));
          }, (error: unknown) => {
            pool.release(instance);
            settle(failed('error', { errorType: 'Gateway.InvocationError', errorMessage: (error as Error).message }, [], startedAt));
          });
        },
      };
      if (request.timeoutMs !== undefined) {
        integrationTimer = setTimeout(() => {
          pool.cancel(waiter);
          settle(failed('timeout', integrationTimeoutError(request.timeoutMs ?? 0), [], startedAt));
        }, request.timeoutMs);
      }
      pool.acquire(waiter);
    });
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
      onBackground: (line) => this.background(fn, line),
      onExit: (instance) => pool.onExit(instance),
    });
  }

  private run(instance: ChildInstance, request: InvokeRequest): Promise<InstanceOutcome> {
    const timeoutMs = request.fn.timeoutSeconds * 1000;
    let message: InvokeMessage = { t: 'invoke', id: request.requestId, event: request.event, deadline: Date.now() + timeoutMs };
    if (!sameVariables(instance.extraEnv, request.extraEnv)) {
      message = { ...message, env: request.extraEnv ?? {} };
      instance.extraEnv = request.extraEnv;
    }
    return instance.invoke(message, timeoutMs);
  }

  private background(fn: FunctionModel, line: LogLine): void {
    this.options.onBackgroundOutput?.({ functionKey: fn.key, line });
  }
}
