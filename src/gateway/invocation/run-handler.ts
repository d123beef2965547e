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

/** Told, once, how a handler call ended. */
export interface OutcomeReceiver {
  handlerSucceeded(value: unknown): void;
  handlerFailed(error: ReportedError): void;
}

/** The context fields that are the same for every invocation of an instance. */
export type InstanceContextInfo = Omit<ContextInfo, 'awsRequestId' | 'deadlineMs'>;

/** The state of one handler call: how and whether it has ended. */
class HandlerRun {
  public finished = false;
  /** Only the first of callback/done/succeed/fail counts, as on Lambda. */
  public calledBack = false;
  public waitsForEmptyEventLoop = true;

  constructor(
    private readonly receiver: OutcomeReceiver,
    private readonly waitForEmptyEventLoop: (() => Promise<void>) | undefined,
  ) {}

  public postResult(value: unknown): void {
    if (this.finished) return;
    this.finished = true;
    this.receiver.handlerSucceeded(value);
  }

  public postError(error: unknown): void {
    if (this.finished) return;
    this.finished = true;
    this.receiver.handlerFailed(formatError(error));
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
 * (Fields are declared, not initialised, so each is written once, in this order.)
 */
class Context implements LambdaContext {
  declare public readonly awsRequestId: string;
  declare public readonly functionName: string;
  declare public readonly functionVersion: string;
  declare public readonly invokedFunctionArn: string;
  declare public readonly memoryLimitInMB: string;
  declare public readonly logGroupName: string;
  declare public readonly logStreamName: string;
  declare public readonly identity: undefined;
  declare public readonly clientContext: undefined;
  declare public readonly getRemainingTimeInMillis: () => number;
  declare public readonly done: (error?: unknown, result?: unknown) => void;
  declare public readonly succeed: (result?: unknown) => void;
  declare public readonly fail: (error?: unknown) => void;
  readonly #run: HandlerRun;

  constructor(info: InstanceContextInfo, awsRequestId: string, deadlineMs: number, run: HandlerRun) {
    this.#run = run;
    this.awsRequestId = awsRequestId;
    this.functionName = info.functionName;
    this.functionVersion = info.functionVersion;
    this.invokedFunctionArn = info.invokedFunctionArn;
    this.memoryLimitInMB = info.memoryLimitInMB;
    this.logGroupName = info.logGroupName;
    this.logStreamName = info.logStreamName;
    this.identity = undefined;
    this.clientContext = undefined;
    this.getRemainingTimeInMillis = () => Math.max(0, deadlineMs - Date.now());
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
 * Calls the handler with the event and a fresh context, and tells `receiver` the outcome, once
 * (synchronously when the handler calls back or throws during the call, later otherwise).
 * `waitForEmptyEventLoop` resolves when the process has nothing left to do.
 */
export function startHandler(
  handler: HandlerFunction,
  event: unknown,
  info: InstanceContextInfo,
  awsRequestId: string,
  deadlineMs: number,
  receiver: OutcomeReceiver,
  waitForEmptyEventLoop?: () => Promise<void>,
): void {
  const run = new HandlerRun(receiver, waitForEmptyEventLoop);
  const context = new Context(info, awsRequestId, deadlineMs, run);
  let returned: unknown;
  try {
    returned = handler(event, context, (error?: unknown, result?: unknown) => run.callback(error, result));
  } catch (error) {
    run.callback(error, undefined);
    return;
  }
  if (isPromiseLike(returned)) {
    returned.then(
      (value) => run.done(null, value),
      (error: unknown) => run.done(error === undefined || error === null ? 'handled' : error, undefined),
    );
  } else {
    run.returnedPlainValue(handler.length >= 3);
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
  return new Promise<HandlerOutcome>((resolve) => {
    startHandler(handler, event, info, info.awsRequestId, info.deadlineMs, {
      handlerSucceeded: (value) => resolve({ ok: true, value }),
      handlerFailed: (error) => resolve({ ok: false, error }),
    }, waitForEmptyEventLoop);
  });
}
