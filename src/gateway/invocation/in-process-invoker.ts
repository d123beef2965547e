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
import { runHandler, type ContextInfo, type HandlerOutcome } from './run-handler.js';
import { RUNTIME_DIR } from './runtime-script.js';
import { copyAsJson } from './json-copy.js';

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
  readonly initScope: InvocationScope;
  /** Replaced by a fresh load on the next invocation. */
  discarded: boolean;
}

/** The value as Lambda returns it: through JSON. */
function overTheWire(outcome: HandlerOutcome): HandlerOutcome {
  if (!outcome.ok) return outcome;
  try {
    const value = copyAsJson(outcome.value === undefined ? null : outcome.value);
    return { ok: true, value: value === undefined ? null : value };
  } catch {
    return { ok: false, error: { errorType: 'Error', errorMessage: 'Unable to stringify response body' } };
  }
}

function onRunTimeout(run: InProcessRun): void {
  run.timedOut();
}

/**
 * One invocation in flight: the scope its code runs in, its timer, and its answer. A class rather
 * than closures: this is the path the in-process invoker's speed depends on.
 */
class InProcessRun implements InvocationScope {
  public logs: LogLine[] | undefined;
  public readonly result: Promise<InvokeResult>;
  private resolveResult!: (result: InvokeResult) => void;
  private answered = false;
  private timer: NodeJS.Timeout | undefined;
  private functionTimesOutFirst = true;
  private handlerStartedAt = 0;
  private readonly allLogs: LogLine[];

  constructor(
    private readonly instance: Instance,
    private readonly request: InvokeRequest,
    private readonly startedAt: number,
    logs: LogLine[],
    private readonly background: ((line: LogLine) => void) | undefined,
  ) {
    this.logs = logs;
    this.allLogs = logs;
    this.result = new Promise<InvokeResult>((resolve) => (this.resolveResult = resolve));
  }

  public get env(): Record<string, string> {
    return this.instance.env;
  }

  public start(handler: HandlerFunction, event: unknown): void {
    const functionTimeoutMs = this.request.fn.timeoutSeconds * 1000;
    const integrationLeftMs = this.request.timeoutMs === undefined ? Infinity : this.request.timeoutMs - (performance.now() - this.startedAt);
    this.functionTimesOutFirst = functionTimeoutMs <= integrationLeftMs;
    this.timer = setTimeout(onRunTimeout, Math.max(0, this.functionTimesOutFirst ? functionTimeoutMs : integrationLeftMs), this);
    this.handlerStartedAt = performance.now();
    const info: ContextInfo = { ...this.instance.info, awsRequestId: this.request.requestId, deadlineMs: Date.now() + functionTimeoutMs };
    void runInScope(this, () => runHandler(handler, event, info)).then((outcome) => this.finished(outcome));
  }

  public late(line: LogLine): void {
    this.background?.(line);
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

  public timedOut(): void {
    if (this.functionTimesOutFirst) {
      this.instance.discarded = true;
      this.answer(this.failure('timeout', timeoutError(this.request.requestId, performance.now() - this.handlerStartedAt)));
    } else {
      this.answer(this.failure('timeout', integrationTimeoutError(this.request.timeoutMs ?? 0)));
    }
  }

  private finished(outcome: HandlerOutcome): void {
    if (this.answered) return;
    const result = overTheWire(outcome);
    this.answer(result.ok
      ? { ok: true, value: result.value, logs: this.allLogs, durationMs: performance.now() - this.startedAt }
      : this.failure('error', result.error));
  }

  private failure(failure: 'error' | 'timeout' | 'crash', error: ReportedError): InvokeResult {
    return failed(failure, error, this.allLogs, this.startedAt);
  }

  private answer(result: InvokeResult): void {
    if (this.answered) return;
    this.answered = true;
    clearTimeout(this.timer);
    this.logs = undefined;
    this.resolveResult(result);
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
    // Warm: no promise to wait for.
    if (instance.handler && !instance.initLogs) return this.run(instance, instance.handler, request, startedAt, []);
    return instance.loaded.then((loaded) => {
      const logs = instance.initLogs ?? [];
      instance.initLogs = undefined;
      instance.initScope.logs = undefined;
      if (typeof loaded !== 'function') {
        instance.discarded = true;
        return failed('error', loaded, logs, startedAt);
      }
      return this.run(instance, loaded, request, startedAt, logs);
    });
  }

  private run(instance: Instance, handler: HandlerFunction, request: InvokeRequest, startedAt: number, logs: LogLine[]): Promise<InvokeResult> {
    if (instance.extraEnv !== request.extraEnv && !sameVariables(instance.extraEnv, request.extraEnv)) {
      for (const key of Object.keys(instance.extraEnv ?? {})) delete instance.env[key];
      Object.assign(instance.env, request.extraEnv);
      instance.extraEnv = request.extraEnv;
    }
    const event = request.event === undefined ? null : copyAsJson(request.event);
    const run = new InProcessRun(instance, request, startedAt, logs, this.background(request.fn));
    run.start(handler, event);
    return run.result;
  }

  private background(fn: FunctionModel): ((line: LogLine) => void) | undefined {
    const sink = this.options.onBackgroundOutput;
    return sink && ((line) => sink({ functionKey: fn.key, line }));
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
    const initLogs: LogLine[] = [];
    const scope: InvocationScope = {
      env,
      logs: initLogs,
      late: (line) => this.options.onBackgroundOutput?.({ functionKey: fn.key, line }),
      // process.exit during init throws ProcessExitSignal, which fails the load below.
      exit: () => undefined,
      fatal: (error) => {
        if (!(error instanceof ProcessExitSignal)) scope.late({ stream: 'stderr', text: String(error), at: Date.now() });
      },
    };
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
      initLogs,
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
