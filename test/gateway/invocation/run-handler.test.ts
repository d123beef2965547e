import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { HandlerFunction } from '../../../src/gateway/invocation/handler-loader.js';
import { runHandler, type ContextInfo, type LambdaContext } from '../../../src/gateway/invocation/run-handler.js';

const info: ContextInfo = {
  awsRequestId: 'req', functionName: 'f', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:us-east-1:1:function:f',
  memoryLimitInMB: '128', logGroupName: '/aws/lambda/f', logStreamName: 's', deadlineMs: Date.now() + 3000,
};

type Callback = (error?: unknown, result?: unknown) => void;
const handler = (fn: (event: unknown, context: LambdaContext, callback: Callback) => unknown) => fn as HandlerFunction;

describe('runHandler', () => {
  test('an async handler answers with its value', async () => {
    // WHEN
    const outcome = await runHandler(handler(async () => 'value'), {}, info);
    // THEN
    assert.deepEqual(outcome, { ok: true, value: 'value' });
  });

  test('callback(null, value) waits for the empty event loop when asked to, and not when told not to', async () => {
    // GIVEN
    let waited = 0;
    const wait = async () => {
      waited++;
    };
    // WHEN
    const waiting = await runHandler(handler((event, context, callback) => callback(null, 1)), {}, info, wait);
    const notWaiting = await runHandler(handler((event, context, callback) => {
      context.callbackWaitsForEmptyEventLoop = false;
      callback(null, 2);
    }), {}, info, wait);
    // THEN
    assert.deepEqual([waiting, notWaiting], [{ ok: true, value: 1 }, { ok: true, value: 2 }]);
    assert.equal(waited, 1);
  });

  test('a callback called after a plain return wins over the default null', async () => {
    // GIVEN
    let emptyLoop!: () => void;
    const wait = () => new Promise<void>((resolve) => (emptyLoop = resolve));
    // WHEN
    const running = runHandler(handler((event, context, callback) => {
      setTimeout(() => {
        context.callbackWaitsForEmptyEventLoop = false;
        callback(null, 'from callback');
      }, 5);
    }), {}, info, wait);
    setTimeout(() => emptyLoop(), 20);
    // THEN
    assert.deepEqual(await running, { ok: true, value: 'from callback' });
  });

  test('a plain return answers null once the event loop is empty', async () => {
    // WHEN
    const outcome = await runHandler(handler(() => 'ignored'), {}, info, async () => undefined);
    // THEN
    assert.deepEqual(outcome, { ok: true, value: null });
  });

  test('without an event loop to watch, a handler declaring a callback is waited for', async () => {
    // WHEN
    const outcome = await runHandler(handler((event, context, callback) => {
      setTimeout(() => callback(null, 'later'), 5);
      return 'ignored';
    }), {}, info);
    // THEN
    assert.deepEqual(outcome, { ok: true, value: 'later' });
  });

  test('a synchronous throw, context.fail() and a reasonless rejection are errors', async () => {
    // WHEN
    const thrown = await runHandler(handler(() => {
      throw new SyntaxError('at runtime');
    }), {}, info);
    const failed = await runHandler(handler((event, context) => context.fail()), {}, info);
    const rejected = await runHandler(handler(() => Promise.reject(null)), {}, info);
    // THEN
    assert.deepEqual(thrown, { ok: false, error: { errorType: 'SyntaxError', errorMessage: 'at runtime' } });
    assert.deepEqual(failed, { ok: false, error: { errorType: 'string', errorMessage: 'handled' } });
    assert.deepEqual(rejected, { ok: false, error: { errorType: 'string', errorMessage: 'handled' } });
  });

  test('the context has Lambda\'s fields and detached methods work', async () => {
    // WHEN
    const outcome = await runHandler(handler(async (event, context) => {
      const { getRemainingTimeInMillis } = context;
      return { id: context.awsRequestId, arn: context.invokedFunctionArn, remaining: getRemainingTimeInMillis(), identity: context.identity };
    }), {}, info);
    // THEN
    assert.ok(outcome.ok);
    const value = outcome.value as { id: string; arn: string; remaining: number; identity: unknown };
    assert.equal(value.id, 'req');
    assert.equal(value.arn, info.invokedFunctionArn);
    assert.ok(value.remaining > 0 && value.remaining <= 3000);
    assert.equal(value.identity, undefined);
  });
});
