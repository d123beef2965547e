/**
 * The runtime of one function instance in isolated mode: the entry point of a child process the
 * isolated invoker forks. It plays the part of Lambda's Node.js runtime: it loads the handler on
 * `init`, runs it once per `invoke`, and answers with one `result` message carrying the value or
 * error and the output captured during the invocation.
 *
 * It imports only `node:` builtins and sibling modules that do the same, so it can run as compiled
 * JavaScript or as one bundled file written next to the invoker's work directory.
 *
 * Lambda's behaviours kept here:
 * - output written between invocations (init, timers firing later) belongs to the next invocation,
 *   as it does in CloudWatch when Lambda thaws a frozen instance;
 * - an uncaught exception or unhandled rejection fails the running invocation and ends the process
 *   (exit 129 / 128), and one between invocations ends it as well;
 * - "wait for the empty event loop" is real: the IPC channel is unreferenced while waiting, so
 *   Node's `beforeExit` tells when nothing is left to do.
 */
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { loadHandler, type HandlerFunction, type ModuleLoader } from './handler-loader.js';
import { formatError, RUNTIME_ERROR_TYPES, RuntimeError, type ReportedError } from './lambda-errors.js';
import type { ChildMessage, InitMessage, InstanceInfo, InvokeMessage, ParentMessage, WireLog } from './protocol.js';
import { runHandler, type HandlerOutcome } from './run-handler.js';
import { installGatewayNetworkFromEnvironment } from '../tls/handler-network.js';

// Before any handler code loads: the served API hosts lead to the gateway (see handler-network.ts).
installGatewayNetworkFromEnvironment();

/** At most this much captured text per invocation; the rest is dropped and counted. */
const MAX_LOG_CHARS = 4 * 1024 * 1024;

const exit = process.exit.bind(process);
const send = (message: ChildMessage | ChildMessage[], callback?: (error: Error | null) => void): void => {
  process.send?.(message, undefined, undefined, callback);
};

/** Results and skips of this tick, sent together (one write) once it is over. */
let outbox: ChildMessage[] = [];

function post(message: ChildMessage): void {
  if (outbox.length === 0) process.nextTick(flush);
  outbox.push(message);
}

/** Sends what the outbox holds; `after` runs once it is written. */
function flush(after?: () => void): void {
  const messages = outbox;
  outbox = [];
  if (messages.length === 0) {
    after?.();
    return;
  }
  try {
    send(messages.length === 1 ? messages[0] : messages, after && (() => after()));
  } catch {
    // A result's value does not serialise (a BigInt, a cycle): one by one, to fail only that one.
    messages.forEach((message, i) => sendAlone(message, i === messages.length - 1 ? after : undefined));
  }
}

function sendAlone(message: ChildMessage, after: (() => void) | undefined): void {
  try {
    send(message, after && (() => after()));
  } catch {
    if (message.t !== 'result') throw new Error(`Cannot send a ${message.t} message`);
    // Lambda fails the invocation.
    const error: ReportedError = { errorType: 'Error', errorMessage: 'Unable to stringify response body' };
    send({ t: 'result', seq: message.seq, ok: false, error, logs: message.logs, exiting: message.exiting }, after && (() => after()));
  }
}

// ---- output capture -------------------------------------------------------------------------

let logs: WireLog[] = [];
let logChars = 0;
let droppedLines = 0;

function takeLogs(): WireLog[] {
  const taken = logs;
  if (droppedLines > 0) taken.push([1, `[wsgate] ${droppedLines} more output lines dropped (over ${MAX_LOG_CHARS} characters)`, Date.now()]);
  logs = [];
  logChars = 0;
  droppedLines = 0;
  return taken;
}

function capture(stream: 0 | 1) {
  return function write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    let text = typeof chunk === 'string'
      ? chunk
      : Buffer.from(chunk as Uint8Array).toString();
    if (text.endsWith('\n')) text = text.slice(0, -1);
    if (logChars + text.length > MAX_LOG_CHARS) droppedLines++;
    else {
      logChars += text.length;
      logs.push([stream, text, Date.now()]);
    }
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done as () => void);
    return true;
  };
}

process.stdout.write = capture(0) as typeof process.stdout.write;
process.stderr.write = capture(1) as typeof process.stderr.write;

// Output still buffered when the process exits (process.exit in a handler) goes to the real pipes,
// where the invoker picks it up for the crashed invocation.
process.on('exit', () => {
  for (const [stream, text] of logs) {
    try {
      writeSync(stream === 0 ? 1 : 2, `${text}\n`);
    } catch {
      // The pipe is gone; nothing else to do.
    }
  }
  logs = [];
});

// ---- the empty event loop -------------------------------------------------------------------

let emptyLoopWaiters: (() => void)[] = [];

function waitForEmptyEventLoop(): Promise<void> {
  return new Promise<void>((resolveWait) => {
    emptyLoopWaiters.push(resolveWait);
    process.channel?.unref();
  });
}

process.on('beforeExit', () => {
  if (emptyLoopWaiters.length === 0) return;
  process.channel?.ref();
  const waiters = emptyLoopWaiters;
  emptyLoopWaiters = [];
  for (const resolveWait of waiters) resolveWait();
});

// ---- loading --------------------------------------------------------------------------------

const runtimeRequire = createRequire(import.meta.url);
const loader: ModuleLoader = {
  require: (file) => createRequire(file)(file),
  import: (file) => import(pathToFileURL(file).href),
  // tsx is registered with --import when the instance runs an entry source file.
  importEntry: (file) => import(pathToFileURL(file).href),
  resolve: (request, paths) => runtimeRequire.resolve(request, { paths: [...paths] }),
};

let info: InstanceInfo | undefined;
let handler: HandlerFunction | undefined;
let initializing = false;

async function init(message: InitMessage): Promise<void> {
  info = message.info;
  extraKeys = message.extraKeys;
  initializing = true;
  try {
    handler = await loadHandler(message.spec, loader);
    initializing = false;
    send({ t: 'ready' });
  } catch (error) {
    initializing = false;
    send({ t: 'init-error', error: formatError(error), logs: takeLogs() });
  }
}

// ---- invoking -------------------------------------------------------------------------------

/** The invocation running (its seq), one at a time. */
let current: number | undefined;
/** Invocations received while another was running, in order. */
const queued: InvokeMessage[] = [];
/** Set once the runtime is about to exit: nothing more starts. */
let exiting = false;
let extraKeys: readonly string[] = [];

function applyExtraEnv(env: Readonly<Record<string, string>>): void {
  for (const key of extraKeys) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
  extraKeys = Object.keys(env);
}

/** Answers an invocation: with the other answers of this tick, or at once (then `after` runs once written). */
function answer(seq: number, outcome: HandlerOutcome, exiting = false, after?: () => void): void {
  const logsOfInvocation = takeLogs();
  post(outcome.ok
    ? { t: 'result', seq, ok: true, value: outcome.value === undefined ? null : outcome.value, logs: logsOfInvocation, exiting }
    : { t: 'result', seq, ok: false, error: outcome.error, logs: logsOfInvocation, exiting });
  if (after) flush(after);
}

function invoke(message: InvokeMessage): void {
  if (current !== undefined || exiting) {
    queued.push(message);
    return;
  }
  if (message.env) applyExtraEnv(message.env);
  if (!handler || !info) throw new Error('invoke before init');
  const seq = message.seq;
  current = seq;
  // JSON has no undefined: an invocation without an event gets null, as on Lambda.
  const event = message.event === undefined ? null : message.event;
  const context = { ...info, awsRequestId: message.id, deadlineMs: Date.now() + message.timeoutMs };
  void runHandler(handler, event, context, waitForEmptyEventLoop).then((outcome) => {
    if (current !== seq) return; // already failed by an uncaught exception
    current = undefined;
    emptyLoopWaiters = [];
    process.channel?.ref();
    answer(seq, outcome);
    // The next invocation, if one came meanwhile, starts at once; the answers go out first, since
    // it may keep the process busy (and the invoker times it from the answer before it).
    const next = queued.shift();
    if (next) {
      flush();
      invoke(next);
    }
  });
}

/** Drops a queued invocation the invoker took back; one already started runs on. */
function cancel(seq: number): void {
  const index = queued.findIndex((message) => message.seq === seq);
  if (index < 0) return;
  queued.splice(index, 1);
  post({ t: 'skipped', seq });
}

// ---- failures outside the handler's promise ---------------------------------------------------

function fatal(error: unknown, code: number): void {
  const reported = formatError(error);
  const finish = () => exit(code);
  exiting = true;
  if (current !== undefined) {
    const seq = current;
    current = undefined;
    answer(seq, { ok: false, error: reported }, true, finish);
  } else if (initializing) {
    post({ t: 'init-error', error: reported, logs: takeLogs() });
    flush(finish);
  } else {
    post({ t: 'fatal', error: reported, logs: takeLogs() });
    flush(finish);
  }
  // If the parent is gone the callbacks never run; do not linger.
  setTimeout(finish, 1000).unref();
}

process.on('uncaughtException', (error) => fatal(error, 129));
process.on('unhandledRejection', (reason) => {
  let message = '';
  try {
    if (reason !== undefined && reason !== null) message = String(reason);
  } catch {
    // A reason whose toString throws reports an empty message.
  }
  fatal(new RuntimeError(RUNTIME_ERROR_TYPES.UNHANDLED_PROMISE_REJECTION, message), 128);
});
process.on('disconnect', () => exit(0));

function receive(message: ParentMessage): void {
  if (message.t === 'invoke') invoke(message);
  else if (message.t === 'cancel') cancel(message.seq);
  else if (message.t === 'init') void init(message);
}

process.on('message', (message: ParentMessage | ParentMessage[]) => {
  if (Array.isArray(message)) message.forEach(receive);
  else receive(message);
});
