/** Running Lambda functions locally: the invoker contract, its two implementations and the factory. */
export * from './invoker.js';
export { createInvoker } from './create-invoker.js';
export { IsolatedInvoker } from './isolated-invoker.js';
export { InProcessInvoker } from './in-process-invoker.js';
export { RUNTIME_ERROR_TYPES, type ReportedError } from './lambda-errors.js';
