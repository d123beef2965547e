/**
 * Errors as AWS Lambda's Node.js runtime reports them. This module runs in the gateway and in
 * the child runtime, so it only uses the language and `node:` builtins.
 */
import { types } from 'node:util';

/** The error part of an invocation result, as Lambda's Invoke API returns it. */
export interface ReportedError {
  readonly errorType: string;
  readonly errorMessage: string;
}

/** The error types of Lambda's runtime for what goes wrong outside the handler's own code. */
export const RUNTIME_ERROR_TYPES = {
  /** The handler's module, or a module it requires, cannot be found. */
  IMPORT_MODULE: 'Runtime.ImportModuleError',
  /** The handler's module does not parse. */
  USER_CODE_SYNTAX: 'Runtime.UserCodeSyntaxError',
  /** The module loads but has no such export, or it is not a function. */
  HANDLER_NOT_FOUND: 'Runtime.HandlerNotFound',
  /** The Handler property is not `file.export`. */
  MALFORMED_HANDLER_NAME: 'Runtime.MalformedHandlerName',
  /** A promise rejected with nobody handling it during the invocation. */
  UNHANDLED_PROMISE_REJECTION: 'Runtime.UnhandledPromiseRejection',
  /** The runtime process exited (process.exit, out of memory, a signal). */
  EXIT: 'Runtime.ExitError',
  /** The function ran past its timeout. */
  TIMEOUT: 'Sandbox.Timedout',
  /** Not Lambda's: API Gateway stopped waiting (the request's integration timeout). */
  INTEGRATION_TIMEOUT: 'Gateway.IntegrationTimeout',
} as const;

/** An error with a Lambda runtime error type as its name. */
export class RuntimeError extends Error {
  constructor(errorType: string, message: string) {
    super(message);
    Object.defineProperty(this, 'name', { value: errorType, configurable: true, writable: true });
  }
}

function isErrorLike(value: unknown): value is { name: string; message: string; stack: string } {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as { name?: unknown; message?: unknown; stack?: unknown };
  return typeof candidate.name === 'string' && typeof candidate.message === 'string' && typeof candidate.stack === 'string'
    && candidate.name !== '' && candidate.message !== '' && candidate.stack !== '';
}

/**
 * What Lambda reports for a value a handler failed with: an Error (or error-like object) gives its
 * name and message; anything else gives its `typeof` and its string form, so `callback('Unauthorized')`
 * reports errorType `string` and errorMessage `Unauthorized`.
 */
export function formatError(error: unknown): ReportedError {
  try {
    if (types.isNativeError(error) || isErrorLike(error)) {
      const { name, message } = error as Error;
      return { errorType: String(name), errorMessage: String(message) };
    }
    return { errorType: typeof error, errorMessage: String(error) };
  } catch {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

/** Seconds with two decimals, as Lambda writes durations in its messages. */
function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

/** The function ran past its timeout. */
export function timeoutError(requestId: string, elapsedMs: number): ReportedError {
  return { errorType: RUNTIME_ERROR_TYPES.TIMEOUT, errorMessage: `RequestId: ${requestId} Error: Task timed out after ${seconds(elapsedMs)} seconds` };
}

/** API Gateway gave up waiting before the function finished. */
export function integrationTimeoutError(timeoutMs: number): ReportedError {
  return { errorType: RUNTIME_ERROR_TYPES.INTEGRATION_TIMEOUT, errorMessage: `Endpoint request timed out after ${seconds(timeoutMs)} seconds` };
}

const SIGNAL_TEXT: Readonly<Record<string, string>> = {
  SIGKILL: 'killed',
  SIGABRT: 'aborted (core dumped)',
  SIGSEGV: 'segmentation fault (core dumped)',
  SIGTERM: 'terminated',
  SIGINT: 'interrupt',
};

/** The runtime process went away while an invocation was running. */
export function exitError(requestId: string, code: number | null, signal: string | null): ReportedError {
  let reason: string;
  if (signal) reason = `Runtime exited with error: signal: ${SIGNAL_TEXT[signal] ?? signal.toLowerCase()}`;
  else if (code === 0 || code === null) reason = 'Runtime exited without providing a reason';
  else reason = `Runtime exited with error: exit status ${code}`;
  return { errorType: RUNTIME_ERROR_TYPES.EXIT, errorMessage: `RequestId: ${requestId} Error: ${reason}` };
}
