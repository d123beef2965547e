/**
 * What the in-process invoker changes in the gateway's own process so that handlers running in it
 * behave per invocation, tied together with one AsyncLocalStorage: code running on behalf of an
 * invocation (the handler, and every callback and promise it starts) carries its scope.
 *
 * - Output: `process.stdout.write` and `process.stderr.write` (which `console` uses) are wrapped;
 *   inside a scope the text goes to the invocation's logs (or, once it answered, to the background
 *   sink); outside, to the real stream. Two concurrent invocations never mix their lines.
 * - Environment: `process.env` is replaced by a proxy. Inside a scope it reads and writes the
 *   function instance's own environment (its variables, Lambda's reserved ones, `extraEnv`) and
 *   nothing else; outside, the gateway's real environment, untouched. This beats setting and
 *   restoring the real variables around each call, which cannot work once two invocations overlap
 *   in time. Limits: only JavaScript reads see it (native code, `TZ` handling and child processes
 *   started without an explicit `env` see the proxy's view through Node, but Date keeps the
 *   gateway's time zone); functions running concurrently in one instance share it, as they share
 *   module state.
 * - `process.exit` inside a scope fails the invocation as a crash and throws instead of exiting.
 * - Uncaught exceptions and unhandled rejections raised inside a scope fail that invocation (or,
 *   once it answered, are reported as background output) instead of ending the gateway. Outside a
 *   scope, when nobody else listens, they end the process as Node would.
 *
 * Installed by the first in-process invoker and removed when the last one closes.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { LogLine } from './invoker.js';

/** What code running on behalf of one invocation (or one init) is tied to. */
export interface InvocationScope {
  /** The instance's environment, read and written through `process.env`. */
  readonly env: Record<string, string>;
  /** A line the code wrote (to the invocation's logs, or to the background once it answered). */
  write(line: LogLine): void;
  /** `process.exit(code)` was called. */
  exit(code: number): void;
  /** An uncaught exception or unhandled rejection (already converted) was raised. */
  fatal(error: unknown, kind: 'exception' | 'rejection'): void;
}

/** Thrown by `process.exit` inside a scope, so the handler stops where it wanted to exit. */
export class ProcessExitSignal extends Error {
  constructor(public readonly code: number) {
    super(`process.exit(${code}) called by a handler running in the gateway's process`);
    this.name = 'ProcessExitSignal';
  }
}

const storage = new AsyncLocalStorage<InvocationScope>();

/** Runs `fn` with the scope attached to it and everything it starts. */
export function runInScope<T>(scope: InvocationScope, fn: () => T): T {
  return storage.run(scope, fn);
}

type Write = typeof process.stdout.write;

interface Installed {
  readonly stdoutWrite: Write;
  readonly stderrWrite: Write;
  readonly env: NodeJS.ProcessEnv;
  readonly exit: typeof process.exit;
  readonly onException: (error: Error) => void;
  readonly onRejection: (reason: unknown) => void;
}

let installed: Installed | undefined;
let users = 0;

function record(scope: InvocationScope, stream: 'stdout' | 'stderr', chunk: unknown): void {
  let text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString();
  if (text.endsWith('\n')) text = text.slice(0, -1);
  scope.write({ stream, text, at: Date.now() });
}

function wrapWrite(original: Write, stream: 'stdout' | 'stderr'): Write {
  return function write(this: NodeJS.WriteStream, chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    const scope = storage.getStore();
    if (!scope) return (original as (...args: unknown[]) => boolean).call(this, chunk, encoding, callback);
    record(scope, stream, chunk);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done as () => void);
    return true;
  } as Write;
}

function envProxy(real: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return new Proxy(real, {
    get(target, key) {
      const scope = storage.getStore();
      return scope && typeof key === 'string' ? scope.env[key] : Reflect.get(target, key);
    },
    set(target, key, value) {
      const scope = storage.getStore();
      if (scope && typeof key === 'string') {
        scope.env[key] = String(value);
        return true;
      }
      return Reflect.set(target, key, value);
    },
    has(target, key) {
      const scope = storage.getStore();
      return scope && typeof key === 'string' ? key in scope.env : Reflect.has(target, key);
    },
    deleteProperty(target, key) {
      const scope = storage.getStore();
      if (scope && typeof key === 'string') return delete scope.env[key];
      return Reflect.deleteProperty(target, key);
    },
    ownKeys(target) {
      const scope = storage.getStore();
      return scope ? Reflect.ownKeys(scope.env) : Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, key) {
      const scope = storage.getStore();
      if (scope && typeof key === 'string') {
        return Object.prototype.hasOwnProperty.call(scope.env, key)
          ? { value: scope.env[key], writable: true, enumerable: true, configurable: true }
          : undefined;
      }
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    defineProperty(target, key, descriptor) {
      const scope = storage.getStore();
      if (scope && typeof key === 'string') {
        scope.env[key] = String(descriptor.value);
        return true;
      }
      return Reflect.defineProperty(target, key, descriptor);
    },
  });
}

/** Starts using the host (the first user installs it). */
export function acquireHost(): void {
  users++;
  if (installed) return;
  const real = {
    stdoutWrite: process.stdout.write,
    stderrWrite: process.stderr.write,
    env: process.env,
    exit: process.exit,
  };
  const onException = (error: Error) => {
    const scope = storage.getStore();
    if (scope) {
      scope.fatal(error, 'exception');
      return;
    }
    if (process.listenerCount('uncaughtException') > 1) return; // the gateway handles its own
    real.stderrWrite.call(process.stderr, `${error?.stack ?? String(error)}\n`);
    real.exit.call(process, 1);
  };
  const onRejection = (reason: unknown) => {
    const scope = storage.getStore();
    if (scope) {
      scope.fatal(reason, 'rejection');
      return;
    }
    if (process.listenerCount('unhandledRejection') > 1) return;
    // Node's default: an unhandled rejection is an uncaught exception.
    process.nextTick(() => {
      throw reason;
    });
  };
  installed = { ...real, onException, onRejection };
  process.stdout.write = wrapWrite(real.stdoutWrite, 'stdout');
  process.stderr.write = wrapWrite(real.stderrWrite, 'stderr');
  process.env = envProxy(real.env);
  process.exit = function exit(code?: number | string | null): never {
    const scope = storage.getStore();
    if (!scope) return real.exit.call(process, code);
    const numeric = Number(code ?? process.exitCode ?? 0);
    scope.exit(Number.isFinite(numeric) ? numeric : 1);
    throw new ProcessExitSignal(numeric);
  } as typeof process.exit;
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
}

/** Stops using the host (the last user removes it). */
export function releaseHost(): void {
  if (users === 0) return;
  users--;
  if (users > 0 || !installed) return;
  process.stdout.write = installed.stdoutWrite;
  process.stderr.write = installed.stderrWrite;
  process.env = installed.env;
  process.exit = installed.exit;
  process.off('uncaughtException', installed.onException);
  process.off('unhandledRejection', installed.onRejection);
  installed = undefined;
}
