/**
 * Calling a handler as Lambda's Node.js runtime does: the context object, and when an invocation
 * is over. Runs in the gateway (in-process mode) and in the child runtime.
 *
 * Completion, first one wins:
 * - the returned promise settles (a rejection with no reason reports `handled`);
 * - `callback(err)` reports at once; `callback(null, value)` reports once the event loop is empty
 *   when `context.callbackWaitsForEmptyEventLoop` is true (the default), else at once;
 * - `context.done/succeed/fail` (legacy) report at once;
 * - a handler that returns no promise and never calls back reports `null` once the event loop is
 *   empty (so a synchronous handler's return value is ignored, exactly as on Lambda).
 *
 * "Once the event loop is empty" needs a process of its own; the child runtime passes
 * `waitForEmptyEventLoop`. Without it (in-process mode) those cases report at once, except that a
 * handler declaring a callback parameter is waited for until it calls back or times out.
 */
import { formatError, type ReportedError } from './lambda-errors.js';
import type { HandlerFunction } from './handler-loader.js';

/** What the context object reports; plain data. */
export interface ContextInfo {
  readonly awsRequestId: string;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  /** As a string, like Lambda's. */
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  /** Epoch milliseconds at which the function times out. */
  readonly deadlineMs: number;
}

/** How a handler call ended. */
export type HandlerOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: ReportedError };

/** The context object handed to handlers, with Lambda's fields and legacy methods. */
export interface LambdaContext {
  readonly awsRequestId: string;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly identity: undefined;
  readonly clientContext: undefined;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
  done(error?: unknown, result?: unknown): void;
  succeed(result?: unknown): void;
  fail(error?: unknown): void;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}

/** The state of one handler call: how and whether it has ended. */
class HandlerRun {
  public finished = false;
  /** Only the first of callback/done/succeed/fail counts, as on Lambda. */
  public calledBack = false;
  public waitsForEmptyEventLoop = true;
  public readonly outcome: Promise<HandlerOutcome>;
  private resolveOutcome!: (outcome: HandlerOutcome) => void;

  constructor(private readonly waitForEmptyEventLoop: (() => Promise<void>) | undefined) {
    this.outcome = new Promise<HandlerOutcome>((resolve) => (this.resolveOutcome = resolve));
  }

  public postResult(value: unknown): void {
    if (this.finished) return;
    this.finished = true;
    this.resolveOutcome({ ok: true, value });
  }

  public postError(error: unknown): void {
    if (this.finished) return;
    this.finished = true;
    this.resolveOutcome({ ok: false, error: formatError(error) });
  }

  public done(error: unknown, result: unknown): void {
    if (this.calledBack) return;
    this.calledBack = true;
    if (error !== undefined && error !== null) this.postError(error);
    else this.postResult(result);
  }

  public callback(error: unknown, result: unknown): void {
    if (this.calledBack) return;
    this.calledBack = true;
    if (error !== undefined && error !== null) this.postError(error);
    else if (!this.waitsForEmptyEventLoop || !this.waitForEmptyEventLoop) this.postResult(result);
    else void this.waitForEmptyEventLoop().then(() => this.postResult(result));
  }

  /** The handler returned without a promise: Lambda answers null once the event loop is empty. */
  public returnedPlainValue(declaresCallback: boolean): void {
    if (this.calledBack) return;
    if (this.waitForEmptyEventLoop) {
      void this.waitForEmptyEventLoop().then(() => {
        if (!this.calledBack) this.postResult(null);
      });
    } else if (!declaresCallback) {
      this.postResult(null);
    }
  }
}

/**
 * The context object. Its methods are own properties bound to the invocation, so handlers may
 * pass them around detached (`const { getRemainingTimeInMillis } = context`), as on Lambda.
 */
class Context implements LambdaContext {
  public readonly awsRequestId: string;
  public readonly functionName: string;
  public readonly functionVersion: string;
  public readonly invokedFunctionArn: string;
  public readonly memoryLimitInMB: string;
  public readonly logGroupName: string;
  public readonly logStreamName: string;
  public readonly identity = undefined;
  public readonly clientContext = undefined;
  public readonly getRemainingTimeInMillis: () => number;
  public readonly done: (error?: unknown, result?: unknown) => void;
  public readonly succeed: (result?: unknown) => void;
  public readonly fail: (error?: unknown) => void;
  readonly #run: HandlerRun;

  constructor(info: ContextInfo, run: HandlerRun) {
    this.awsRequestId = info.awsRequestId;
    this.functionName = info.functionName;
    this.functionVersion = info.functionVersion;
    this.invokedFunctionArn = info.invokedFunctionArn;
    this.memoryLimitInMB = info.memoryLimitInMB;
    this.logGroupName = info.logGroupName;
    this.logStreamName = info.logStreamName;
    this.#run = run;
    const deadline = info.deadlineMs;
    this.getRemainingTimeInMillis = () => Math.max(0, deadline - Date.now());
    this.done = (error, result) => run.done(error, result);
    this.succeed = (result) => run.done(null, result);
    this.fail = (error) => run.done(error === undefined || error === null ? 'handled' : error, undefined);
  }

  public get callbackWaitsForEmptyEventLoop(): boolean {
    return this.#run.waitsForEmptyEventLoop;
  }

  public set callbackWaitsForEmptyEventLoop(value: boolean) {
    this.#run.waitsForEmptyEventLoop = value;
  }
}

/**
 * Calls the handler with the event and a fresh context, and resolves with the outcome; never
 * rejects. `waitForEmptyEventLoop` resolves when the process has nothing left to do.
 */
export function runHandler(
  handler: HandlerFunction,
  event: unknown,
  info: ContextInfo,
  waitForEmptyEventLoop?: () => Promise<void>,
): Promise<HandlerOutcome> {
  const run = new HandlerRun(waitForEmptyEventLoop);
  const context = new Context(info, run);
  const callback = (error?: unknown, result?: unknown) => run.callback(error, result);
  let returned: unknown;
  try {
    returned = handler(event, context, callback);
  } catch (error) {
    run.callback(error, undefined);
    return run.outcome;
  }
  if (isPromiseLike(returned)) {
    returned.then(
      (value) => run.done(null, value),
      (error: unknown) => run.done(error === undefined || error === null ? 'handled' : error, undefined),
    );
  } else {
    run.returnedPlainValue(handler.length >= 3);
  }
  return run.outcome;
}
