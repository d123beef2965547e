import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exitError, formatError, integrationTimeoutError, RuntimeError, timeoutError } from '../../../src/gateway/invocation/lambda-errors.js';

describe('formatError', () => {
  test('an Error reports its name and message', () => {
    // GIVEN
    class ValidationFailed extends Error {
      override name = 'ValidationFailed';
    }
    // WHEN
    const reported = [formatError(new TypeError('bad type')), formatError(new ValidationFailed('nope'))];
    // THEN
    assert.deepEqual(reported, [
      { errorType: 'TypeError', errorMessage: 'bad type' },
      { errorType: 'ValidationFailed', errorMessage: 'nope' },
    ]);
  });

  test('anything else reports its typeof and its string form, as Lambda does for callback("Unauthorized")', () => {
    // GIVEN
    const values: unknown[] = ['Unauthorized', 42, { code: 1 }, false];
    // WHEN
    const reported = values.map(formatError);
    // THEN
    assert.deepEqual(reported, [
      { errorType: 'string', errorMessage: 'Unauthorized' },
      { errorType: 'number', errorMessage: '42' },
      { errorType: 'object', errorMessage: '[object Object]' },
      { errorType: 'boolean', errorMessage: 'false' },
    ]);
  });

  test('an error-like object (name, message, stack) counts as an error', () => {
    // GIVEN
    const errorLike = { name: 'Remote', message: 'from another realm', stack: 'Remote: from another realm\n    at x' };
    // WHEN
    const reported = formatError(errorLike);
    // THEN
    assert.deepEqual(reported, { errorType: 'Remote', errorMessage: 'from another realm' });
  });

  test('a value whose string form throws reports "handled"', () => {
    // GIVEN
    const hostile = { toString() { throw new Error('no'); } };
    // WHEN
    const reported = formatError(hostile);
    // THEN
    assert.equal(reported.errorType, 'handled');
  });

  test('RuntimeError carries a Lambda runtime error type as its name', () => {
    // WHEN
    const error = new RuntimeError('Runtime.ImportModuleError', "Error: Cannot find module 'index'");
    // THEN
    assert.deepEqual(formatError(error), { errorType: 'Runtime.ImportModuleError', errorMessage: "Error: Cannot find module 'index'" });
  });
});

describe('messages', () => {
  test('timeouts and exits read like Lambda\'s', () => {
    // THEN
    assert.deepEqual(timeoutError('req-1', 3004.4), { errorType: 'Sandbox.Timedout', errorMessage: 'RequestId: req-1 Error: Task timed out after 3.00 seconds' });
    assert.deepEqual(exitError('req-2', 1, null), { errorType: 'Runtime.ExitError', errorMessage: 'RequestId: req-2 Error: Runtime exited with error: exit status 1' });
    assert.equal(exitError('r', null, 'SIGKILL').errorMessage, 'RequestId: r Error: Runtime exited with error: signal: killed');
    assert.equal(exitError('r', null, 'SIGABRT').errorMessage, 'RequestId: r Error: Runtime exited with error: signal: aborted (core dumped)');
    assert.equal(exitError('r', 0, null).errorMessage, 'RequestId: r Error: Runtime exited without providing a reason');
    assert.deepEqual(integrationTimeoutError(29_000), { errorType: 'Gateway.IntegrationTimeout', errorMessage: 'Endpoint request timed out after 29.00 seconds' });
  });
});
