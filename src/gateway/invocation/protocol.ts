/**
 * Messages between the isolated invoker and a child runtime, over Node's IPC channel (JSON).
 * A warm invocation is one `invoke` message in and one `result` message out.
 *
 * The invoker may send an invocation while the previous one is still running (pipelining: the
 * runtime keeps it and starts it as soon as the previous one answered, so a busy instance is not
 * put to sleep and woken up between invocations). It still runs one invocation at a time, in the
 * order received; `cancel` takes back one that has not started, and `skipped` confirms it.
 *
 * Either side may send an array of messages: those of one tick, in one write.
 */
import type { LoadSpec } from './handler-loader.js';
import type { ReportedError } from './lambda-errors.js';
import type { ContextInfo } from './run-handler.js';

/** A captured write: stream (0 stdout, 1 stderr), text without its final newline, epoch ms. */
export type WireLog = readonly [stream: 0 | 1, text: string, at: number];

/** The context fields that are the same for every invocation of an instance. */
export type InstanceInfo = Omit<ContextInfo, 'awsRequestId' | 'deadlineMs'>;

/** Parent → child, once: load the handler. */
export interface InitMessage {
  readonly t: 'init';
  readonly spec: LoadSpec;
  readonly info: InstanceInfo;
  /** Names of the extra variables the process was started with, replaced when `env` changes. */
  readonly extraKeys: readonly string[];
}

/** Parent → child: run the handler once (after the invocations received before it). */
export interface InvokeMessage {
  readonly t: 'invoke';
  /** Numbers the invocations of an instance; results and skips name it. */
  readonly seq: number;
  /** The request id (`context.awsRequestId`). */
  readonly id: string;
  readonly event: unknown;
  /** The function's timeout: the handler's deadline is this long after it is called. */
  readonly timeoutMs: number;
  /** Present when the extra environment changed since the instance last saw it: the new one, whole. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Parent → child: drop invocation `seq` if it has not started (answered with `skipped`); else nothing. */
export interface CancelMessage {
  readonly t: 'cancel';
  readonly seq: number;
}

export type ParentMessage = InitMessage | InvokeMessage | CancelMessage;

/** Child → parent: the handler is loaded. */
export interface ReadyMessage {
  readonly t: 'ready';
}

/** Child → parent: loading the handler failed. */
export interface InitErrorMessage {
  readonly t: 'init-error';
  readonly error: ReportedError;
  readonly logs: readonly WireLog[];
}

/** Child → parent: an invocation ended. */
export interface ResultMessage {
  readonly t: 'result';
  readonly seq: number;
  readonly ok: boolean;
  /** The handler's value (absent means null). */
  readonly value?: unknown;
  readonly error?: ReportedError;
  readonly logs: readonly WireLog[];
  /** The runtime exits right after this message (an uncaught exception or unhandled rejection). */
  readonly exiting?: boolean;
}

/** Child → parent: an uncaught exception or unhandled rejection between invocations; the runtime exits. */
export interface FatalMessage {
  readonly t: 'fatal';
  readonly error: ReportedError;
  readonly logs: readonly WireLog[];
}

/** Child → parent: a cancelled invocation was dropped before it started. */
export interface SkippedMessage {
  readonly t: 'skipped';
  readonly seq: number;
}

export type ChildMessage = ReadyMessage | InitErrorMessage | ResultMessage | FatalMessage | SkippedMessage;
