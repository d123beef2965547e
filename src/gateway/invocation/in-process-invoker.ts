/**
 * The fast invoker: handlers are loaded with `require`/`import()` into the gateway's own process
 * and called directly, with the output, environment and failure handling of in-process-host.ts.
 *
 * One instance per function, shared by concurrent invocations (Lambda would start more). It is
 * loaded on first use (cold start), kept warm, and replaced by a fresh load after `reset()`, a
 * timeout, a `process.exit` or an uncaught error, like a Lambda instance. Each load evaluates the
 * handler's own module again (an ES module under a URL of its own; CommonJS modules under the task
 * root are dropped from the require cache first), but the ES modules it imports stay cached (Node
 * cannot unload them), and two functions sharing a CommonJS file share its module until one of them
 * is reloaded.
 *
 * What it cannot do: stop a handler. A timeout answers at the deadline, but the handler keeps
 * running; a synchronous infinite loop blocks the whole gateway, timers included; a leak grows the
 * gateway's heap. Use the isolated invoker for untrusted or unfinished code.
 */
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { FunctionModel } from '../../model/gateway-model.js';
import { isNodeRuntime, stageCode, type StagedCode } from './code-staging.js';
import { loadHandler, type HandlerFunction, type ModuleLoader } from './handler-loader.js';
import { acquireHost, ProcessExitSignal, releaseHost, runInScope, type InvocationScope } from './in-process-host.js';
import type { InvokeRequest, InvokeResult, Invoker, InvokerOptions, LogLine } from './invoker.js';
import {
  exitError, formatError, integrationTimeoutError, RUNTIME_ERROR_TYPES, RuntimeError, timeoutError, type ReportedError,
} from './lambda-errors.js';
import { FUNCTION_VERSION, instanceEnvironment, logGroupOf, newLogStreamName, sameVariables } from './lambda-environment.js';
import type { InstanceInfo } from './protocol.js';
import { startHandler, type OutcomeReceiver } from './run-handler.js';
import { RUNTIME_DIR } from './runtime-script.js';
import { copyAsJson } from './json-copy.js';
import { DeadlineQueue, Expiring } from './deadline-queue.js';

const requireHere = createRequire(import.meta.url);

type TsxImport = (specifier: string, parentUrl: string) => Promise<unknown>;
let tsxImport: Promise<TsxImport> | undefined;

/** tsx, registered once in a namespace of its own so the gateway's own imports are untouched. */
function entryImporter(): Promise<TsxImport> {
  tsxImport ??= import('tsx/esm/api').then(({ register }) => {
    const api = register({ namespace: 'wsgate-in-process' });
    return (specifier: string, parentUrl: string) => api.import(specifier, parentUrl) as Promise<unknown>;
  });
  return tsxImport;
}

interface Instance {
  /** The function as last seen (an equal definition may come as another object). */
  fn: FunctionModel;
  readonly fingerprint: string;
  readonly staged: StagedCode;
  readonly env: Record<string, string>;
  readonly info: InstanceInfo;
  extraEnv: Readonly<Record<string, string>> | undefined;
  /** Settles once loaded: the handler, or why it could not load. */
  readonly loaded: Promise<HandlerFunction | ReportedError>;
  /** The handler once loaded, so warm invocations need not wait on a promise. */
  handler: HandlerFunction | undefined;
  /** Output of the load, for the first invocation. */
  initLogs: LogLine[] | undefined;
  /** The scope the module was loaded in; its later output goes to the background. */
  readonly initScope: InitScope;
  /** Replaced by a fresh load on the next invocation. */
  discarded: boolean;
}

/** The result of an invocation that wrote nothing (shared: results are read, never changed). */
const NO_LOGS: readonly LogLine[] = Object.freeze([]);

/**
 * One invocation in flight: the scope its code runs in, its deadline, and its answer. A class
 * rather than closures: this is the path the in-process invoker's speed depends on.
 */
class InProcessRun extends Expiring implements InvocationScope, OutcomeReceiver {
  public readonly result: Promise<InvokeResult>;
  private resolveResult!: (result: InvokeResult) => void;
  private answered = false;
  private functionTimesOutFirst = true;
  private handlerStartedAt = 0;
  /** Lines written so far (created by the first one); the init output for a cold start. */
  private logs: LogLine[] | undefined;
  /** True while the handler is being called: an outcome it reports then is taken after the call. */
  private calling = false;
  private reportedDuringCall: { readonly value: unknown } | { readonly error: ReportedError } | undefined;

  constructor(
    private readonly invoker: InProcessInvoker,
    private readonly instance: Instance,
    private readonly request: InvokeRequest,
    private readonly startedAt: number,
    logs: LogLine[] | undefined,
  ) {
    super();
    this.logs = logs;
    this.result = new Promise<InvokeResult>((resolve) => (this.resolveResult = resolve));
  }

  public get env(): Record<string, string> {
    return this.instance.env;
  }

  /** Calls the handler; `now` is `performance.now()`, as read by the caller. */
  public start(handler: HandlerFunction, event: unknown, now: number): void {
    const request = this.request;
    const functionTimeoutMs = request.fn.timeoutSeconds * 1000;
    const integrationLeftMs = request.timeoutMs === undefined ? Infinity : request.timeoutMs - (now - this.startedAt);
    this.functionTimesOutFirst = functionTimeoutMs <= integrationLeftMs;
    this.invoker.deadlines.add(this, Math.max(0, this.functionTimesOutFirst ? functionTimeoutMs : integrationLeftMs), now);
    this.handlerStartedAt = now;
    const deadlineMs = Date.now() + functionTimeoutMs;
    this.calling = true;
    try {
      runInScope(this, () => startHandler(handler, event, this.instance.info, request.requestId, deadlineMs, this));
    } finally {
      this.calling = false;
    }
    // A handler that called back (or threw) during the call is answered once the call is over,
    // so what it writes after calling back still belongs to the invocation.
    const reported = this.reportedDuringCall;
    if (reported) {
      this.reportedDuringCall = undefined;
      void Promise.resolve(reported).then((r) => ('error' in r ? this.failed(r.error) : this.succeeded(r.value)));
    }
  }

  public write(line: LogLine): void {
    if (this.answered) this.late(line);
    else (this.logs ??= []).push(line);
  }

  public exit(code: number): void {
    this.instance.discarded = true;
    this.answer(this.failure('crash', exitError(this.request.requestId, code, null)));
  }

  public fatal(error: unknown, kind: 'exception' | 'rejection'): void {
    if (error instanceof ProcessExitSignal) return;
    this.instance.discarded = true;
    const reported = kind === 'exception'
      ? formatError(error)
      : { errorType: RUNTIME_ERROR_TYPES.UNHANDLED_PROMISE_REJECTION, errorMessage: error === undefined || error === null ? '' : String(error) };
    if (this.answered) this.late({ stream: 'stderr', text: `${reported.errorType}: ${reported.errorMessage}`, at: Date.now() });
    else this.answer(this.failure('error', reported));
  }

  /** The deadline passed: the function's timeout or the integration's, whichever was first. */
  public expire(): void {
    if (this.functionTimesOutFirst) {
      this.instance.discarded = true;
      this.answer(this.failure('timeout', timeoutError(this.request.requestId, performance.now() - this.handlerStartedAt)));
    } else {
      this.answer(this.failure('timeout', integrationTimeoutError(this.request.timeoutMs ?? 0)));
    }
  }

  public handlerSucceeded(value: unknown): void {
    if (this.calling) this.reportedDuringCall = { value };
    else this.succeeded(value);
  }

  public handlerFailed(error: ReportedError): void {
    if (this.calling) this.reportedDuringCall = { error };
    else this.failed(error);
  }

  /** The value as Lambda returns it: through JSON. */
  private succeeded(value: unknown): void {
    if (this.answered) return;
    let copied: unknown;
    try {
      copied = copyAsJson(value === undefined ? null : value);
    } catch {
      this.failed({ errorType: 'Error', errorMessage: 'Unable to stringify response body' });
      return;
    }
    this.answer({ ok: true, value: copied === undefined ? null : copied, logs: this.logs ?? NO_LOGS, durationMs: performance.now() - this.startedAt });
  }

  private failed(error: ReportedError): void {
    if (this.answered) return;
    this.answer(this.failure('error', error));
  }

  private late(line: LogLine): void {
    this.invoker.background(this.request.fn, line);
  }

  private failure(failure: 'error' | 'timeout' | 'crash', error: ReportedError): InvokeResult {
    return failed(failure, error, this.logs ?? NO_LOGS, this.startedAt);
  }

  private answer(result: InvokeResult): void {
    if (this.answered) return;
    this.answered = true;
    this.invoker.deadlines.remove(this);
    this.resolveResult(result);
  }
}

/** The scope module loading runs in; its output goes to the first invocation, later output to the background. */
class InitScope implements InvocationScope {
  /** Lines written during the load; undefined once the first invocation took them. */
  public logs: LogLine[] | undefined = [];

  constructor(public readonly env: Record<string, string>, private readonly background: (line: LogLine) => void) {}

  public write(line: LogLine): void {
    if (this.logs) this.logs.push(line);
    else this.background(line);
  }

  // process.exit during init throws ProcessExitSignal, which fails the load.
  public exit(): void {}

  public fatal(error: unknown): void {
    if (!(error instanceof ProcessExitSignal)) this.background({ stream: 'stderr', text: String(error), at: Date.now() });
  }
}

function failed(failure: 'error' | 'timeout' | 'crash', error: ReportedError, logs: readonly LogLine[], startedAt: number): InvokeResult {
  return { ok: false, failure, errorType: error.errorType, errorMessage: error.errorMessage, logs, durationMs: performance.now() - startedAt };
}

/** Runs handlers in the gateway's own process. */
export class InProcessInvoker implements Invoker {
  private readonly instances = new Map<string, Instance>();
  private readonly workDir: string;
  private readonly ownsWorkDir: boolean;
  private readonly projectDir = process.cwd();
  /** Bumped for every fresh load, so `import()` evaluates the module again. */
  private generation = 0;
  private closed = false;
  /** The deadlines of the invocations in flight. */
  public readonly deadlines = new DeadlineQueue();

  constructor(private readonly options: Omit<InvokerOptions, 'mode'> = {}) {
    if (options.workDir) mkdirSync(options.workDir, { recursive: true });
    this.workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'wsgate-invoker-'));
    this.ownsWorkDir = options.workDir === undefined;
    acquireHost();
  }

  public invoke(request: InvokeRequest): Promise<InvokeResult> {
    if (this.closed) return Promise.reject(new Error('The invoker is closed'));
    const startedAt = performance.now();
    const { fn } = request;
    if (!isNodeRuntime(fn)) {
      return Promise.resolve(failed('error', { errorType: 'Runtime.InvalidRuntime', errorMessage: `wsgate runs Node.js functions only; ${fn.key} uses ${fn.runtime}` }, [], startedAt));
    }
    let instance: Instance;
    try {
      instance = this.instanceFor(fn, request.extraEnv);
    } catch (error) {
      return Promise.resolve(failed('error', { errorType: RUNTIME_ERROR_TYPES.IMPORT_MODULE, errorMessage: `Error: ${(error as Error).message}` }, [], startedAt));
    }
    // Warm: no promise to wait for, and the handler starts now.
    if (instance.handler && !instance.initLogs) return this.run(instance, instance.handler, request, startedAt, undefined, startedAt);
    return instance.loaded.then((loaded) => {
      const logs = instance.initLogs ?? [];
      instance.initLogs = undefined;
      instance.initScope.logs = undefined;
      if (typeof loaded !== 'function') {
        instance.discarded = true;
        return failed('error', loaded, logs, startedAt);
      }
      return this.run(instance, loaded, request, startedAt, logs, performance.now());
    });
  }

  private run(instance: Instance, handler: HandlerFunction, request: InvokeRequest, startedAt: number, logs: LogLine[] | undefined, now: number): Promise<InvokeResult> {
    if (instance.extraEnv !== request.extraEnv && !sameVariables(instance.extraEnv, request.extraEnv)) {
      for (const key of Object.keys(instance.extraEnv ?? {})) delete instance.env[key];
      Object.assign(instance.env, request.extraEnv);
      instance.extraEnv = request.extraEnv;
    }
    const event = request.event === undefined ? null : copyAsJson(request.event);
    const run = new InProcessRun(this, instance, request, startedAt, logs);
    run.start(handler, event, now);
    return run.result;
  }

  /** Output of a function that belongs to no invocation. */
  public background(fn: FunctionModel, line: LogLine): void {
    this.options.onBackgroundOutput?.({ functionKey: fn.key, line });
  }

  public async reset(functionKeys?: readonly string[]): Promise<void> {
    for (const key of functionKeys ?? [...this.instances.keys()]) {
      const instance = this.instances.get(key);
      if (instance) instance.discarded = true;
    }
  }

  public async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.instances.clear();
    releaseHost();
    if (this.ownsWorkDir) rmSync(this.workDir, { recursive: true, force: true });
  }

  private instanceFor(fn: FunctionModel, extraEnv: Readonly<Record<string, string>> | undefined): Instance {
    const current = this.instances.get(fn.key);
    if (current && !current.discarded) {
      if (current.fn === fn) return current;
      if (current.fingerprint === JSON.stringify(fn)) {
        current.fn = fn;
        return current;
      }
    }
    const fresh = this.load(fn, extraEnv, current !== undefined);
    this.instances.set(fn.key, fresh);
    return fresh;
  }

  private load(fn: FunctionModel, extraEnv: Readonly<Record<string, string>> | undefined, again: boolean): Instance {
    const staged = stageCode(fn, this.workDir, this.projectDir);
    const logStreamName = newLogStreamName();
    const env = instanceEnvironment({
      fn, taskRoot: staged.taskRoot, runtimeDir: RUNTIME_DIR, logStreamName, projectDir: this.projectDir, extraEnv, hostEnv: process.env,
    });
    // Every load imports ES modules under a URL of its own, so two functions sharing a file, or
    // a fresh load of one, evaluate it again.
    const generation = ++this.generation;
    if (again) this.forgetCommonJs(staged.taskRoot);
    const scope = new InitScope(env, (line) => this.background(fn, line));
    const loader = this.loader(generation);
    const loaded = runInScope(scope, () => loadHandler(staged.spec, loader)).then(
      (handler) => {
        instance.handler = handler;
        return handler;
      },
      (error: unknown) => formatError(error instanceof ProcessExitSignal
        ? new RuntimeError(RUNTIME_ERROR_TYPES.EXIT, `Error: Runtime exited with error: exit status ${error.code}`)
        : error),
    );
    const instance: Instance = {
      fn,
      handler: undefined,
      fingerprint: JSON.stringify(fn),
      staged,
      env,
      extraEnv,
      loaded,
      initLogs: scope.logs,
      initScope: scope,
      discarded: false,
      info: {
        functionName: fn.functionName,
        functionVersion: FUNCTION_VERSION,
        invokedFunctionArn: fn.functionArn,
        memoryLimitInMB: String(fn.memorySizeMb),
        logGroupName: logGroupOf(fn),
        logStreamName,
      },
    };
    return instance;
  }

  private loader(generation: number): ModuleLoader {
    const query = `?wsgate-instance=${generation}`;
    return {
      require: (file) => createRequire(file)(file),
      import: (file) => import(pathToFileURL(file).href + query),
      importEntry: async (file) => (await entryImporter())(pathToFileURL(file).href + query, import.meta.url),
      resolve: (request, paths) => requireHere.resolve(request, { paths: [...paths] }),
    };
  }

  /** Drops CommonJS modules under the task root from the require cache, so they load again. */
  private forgetCommonJs(taskRoot: string): void {
    const prefix = taskRoot.endsWith(sep) ? taskRoot : taskRoot + sep;
    for (const key of Object.keys(requireHere.cache)) {
      if (key.startsWith(prefix)) delete requireHere.cache[key];
    }
  }
}
