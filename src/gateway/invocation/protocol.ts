/**
 * Messages between the isolated invoker and a child runtime, over Node's IPC channel (JSON).
 * A warm invocation is one `invoke` message in and one `result` message out.
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

/** Parent → child: run the handler once. */
export interface InvokeMessage {
  readonly t: 'invoke';
  readonly id: string;
  readonly event: unknown;
  /** Epoch ms at which the function times out. */
  readonly deadline: number;
  /** Present when the extra environment changed since the instance last saw it: the new one, whole. */
  readonly env?: Readonly<Record<string, string>>;
}

export type ParentMessage = InitMessage | InvokeMessage;

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
  readonly id: string;
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

export type ChildMessage = ReadyMessage | InitErrorMessage | ResultMessage | FatalMessage;
