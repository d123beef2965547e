/**
 * Running Lambda functions for the gateway: the contract both invokers keep.
 *
 * An invoker takes a function of the gateway model and an event, runs the function's Node.js
 * handler the way AWS Lambda's Node.js runtime does (handler string, CommonJS or ES module,
 * async/callback/sync handlers, the context object, the reserved environment variables, warm
 * module state), and answers with the handler's value or with the error Lambda would report.
 */
import type { FunctionModel } from '../../model/gateway-model.js';

/** One invocation. */
export interface InvokeRequest {
  /** The function to run. */
  readonly fn: FunctionModel;
  /** The event; it crosses a JSON boundary, as on Lambda (undefined keys disappear, dates become strings). */
  readonly event: unknown;
  /** Becomes `context.awsRequestId`. */
  readonly requestId: string;
  /**
   * An extra cap on the whole call, in milliseconds: API Gateway's integration timeout. It counts
   * from the `invoke()` call, queueing and cold start included. The function's own timeout
   * (`fn.timeoutSeconds`) counts from the moment the handler is called; whichever ends first wins.
   * When this cap ends first, the function is left running until it finishes or reaches its own
   * timeout, as on AWS (API Gateway stops waiting; Lambda does not stop).
   * @default - only the function's own timeout
   */
  readonly timeoutMs?: number;
  /**
   * Variables added to the function's environment (credentials, endpoints). An instance started
   * for this request sees them during init; a warm instance gets them before the handler is called.
   * @default - none
   */
  readonly extraEnv?: Readonly<Record<string, string>>;
}

/** One line of the handler's output. */
export interface LogLine {
  readonly stream: 'stdout' | 'stderr';
  /** The text written, without its final newline. */
  readonly text: string;
  /** Epoch milliseconds of the write. */
  readonly at: number;
}

/**
 * What an invocation gave.
 *
 * Failures:
 * - `error`: the function reported an error (a throw, a rejection, `callback(err)`, an init
 *   failure such as `Runtime.ImportModuleError`), with `errorType`/`errorMessage` as Lambda
 *   reports them (`callback('Unauthorized')` gives errorType `string`, errorMessage `Unauthorized`).
 * - `timeout`: the function's timeout (`Sandbox.Timedout`, "Task timed out after 3.00 seconds") or
 *   the request's `timeoutMs` (`Gateway.IntegrationTimeout`) ended first.
 * - `crash`: the runtime went away (`process.exit`, out of memory, a signal): `Runtime.ExitError`.
 *
 * `logs` are the lines the function wrote during the invocation (for the first invocation of an
 * instance, its init output too); the invoker itself never prints them. `durationMs` is wall-clock
 * time from `invoke()` to the answer, queueing and cold start included.
 */
export type InvokeResult =
  | {
    readonly ok: true;
    readonly value: unknown;
    readonly logs: readonly LogLine[];
    readonly durationMs: number;
  }
  | {
    readonly ok: false;
    readonly failure: 'error' | 'timeout' | 'crash';
    readonly errorType: string;
    readonly errorMessage: string;
    readonly logs: readonly LogLine[];
    readonly durationMs: number;
  };

/** Runs functions. */
export interface Invoker {
  /**
   * Runs the function once. Never rejects for anything the handler does (that is a failed
   * result); rejects only for misuse or a bug of the gateway, such as invoking after `close()`.
   */
  invoke(request: InvokeRequest): Promise<InvokeResult>;
  /**
   * Drops warm instances of functions whose code changed (hot reload), by function key; all when
   * omitted. Invocations in flight finish on their old instance; the next one starts cold.
   */
  reset(functionKeys?: readonly string[]): Promise<void>;
  /** Stops every instance and frees every resource; in-flight invocations end as crashes. */
  close(): Promise<void>;
}

/** Output of a function written while no invocation of it was running (after it answered). */
export interface BackgroundOutput {
  /** The function's key. */
  readonly functionKey: string;
  readonly line: LogLine;
}

/** Options of {@link createInvoker}. */
export interface InvokerOptions {
  /**
   * `isolated` runs each function instance in its own child process: state, environment,
   * `process.exit`, infinite loops and memory leaks stay inside it. `in-process` runs handlers in
   * the gateway's own process: much faster, but a synchronous infinite loop blocks the gateway.
   */
  readonly mode: 'isolated' | 'in-process';
  /**
   * Instances per function (isolated mode): concurrent invocations of one function run in
   * separate instances, as on Lambda, up to this number; more wait for a free instance.
   * @default 4
   */
  readonly maxInstancesPerFunction?: number;
  /**
   * Where inline code and the runtime script are written.
   * @default - a new directory under the OS temporary directory, removed by close()
   */
  readonly workDir?: string;
  /**
   * Receives output the invoker could not attach to an invocation: what an instance writes after
   * an invocation timed out at the integration cap, or a crash between invocations.
   * @default - dropped
   */
  readonly onBackgroundOutput?: (output: BackgroundOutput) => void;
}

/** Instances per function when the options set none. */
export const DEFAULT_MAX_INSTANCES_PER_FUNCTION = 4;
