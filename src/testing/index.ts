/**
 * `wsgate/testing`: drive a WebSocket API from your own test suite (node:test, vitest, jest, …).
 * Start a gateway for a Stack, an App or a cloud assembly in the test's process on a free port,
 * open clients, await messages with timeouts, read what each handler was given and wrote, call the
 * management API, and stop everything in one call. See test-gateway.ts for the defaults.
 */
export { TestGateway, type ConnectOptions, type TestGatewayOptions } from './test-gateway.js';
export { TestClient, type CloseInfo, type WaitOptions } from './test-client.js';
export { describeInvocation, type InvocationRecord, type WaitForInvocationOptions } from './invocation-log.js';
export {
  ManagementClient, ManagementApiError,
  type ConnectionDescription, type ListedConnection, type ManagementClientOptions, type SigningCredentials,
} from './management-client.js';
export { TESTING_ERRORS, TestingError, type TestingErrorCode } from './testing-errors.js';
