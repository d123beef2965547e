/**
 * Choosing an invoker.
 */
import { InProcessInvoker } from './in-process-invoker.js';
import type { Invoker, InvokerOptions } from './invoker.js';
import { IsolatedInvoker } from './isolated-invoker.js';

/**
 * An invoker of the given mode: `isolated` (a child process per function instance, the default of
 * the gateway) or `in-process` (handlers loaded into the gateway's process, for speed).
 */
export function createInvoker(options: InvokerOptions): Invoker {
  switch (options.mode) {
    case 'isolated': return new IsolatedInvoker(options);
    case 'in-process': return new InProcessInvoker(options);
    default: throw new TypeError(`Unknown invocation mode: ${String((options as { mode: unknown }).mode)}`);
  }
}
