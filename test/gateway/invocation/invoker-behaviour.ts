/**
 * Lambda behaviours both invokers keep, as one suite each invoker's test file runs against
 * itself (isolated-invoker.test.ts, in-process-invoker.test.ts).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInvoker } from '../../../src/gateway/invocation/create-invoker.js';
import type { Invoker } from '../../../src/gateway/invocation/invoker.js';
import { FIXTURES, freshWorkDir, functionModel, inlineFunction, texts, valueOf } from './helpers.js';

/** Runs the shared suite against an invoker of this mode. */
export function describeInvokerBehaviour(mode: 'isolated' | 'in-process'): void {
  // node:test fails the running test on any unhandled rejection or uncaught exception in its
  // process, which is where in-process handlers run; in-process-invoker.test.ts checks these in a
  // process of their own.
  const inTestRunnerProcess = mode === 'in-process' ? 'covered by a subprocess test in in-process-invoker.test.ts' : false;
  describe(`${mode} invoker: Lambda behaviour`, { timeout: 60_000 }, () => {
    let invoker: Invoker;
    let workDir: string;

    before(() => {
      workDir = freshWorkDir();
      invoker = createInvoker({ mode, workDir });
    });

    after(async () => {
      await invoker.close();
      rmSync(workDir, { recursive: true, force: true });
    });

    describe('code and handlers', () => {
      test('runs inline code as CommonJS index.js, the event crossing a JSON boundary', async () => {
        // GIVEN
        const fn = inlineFunction(`exports.handler = async (event) => ({ event, commonjs: typeof module === 'object', when: new Date(0) });`);
        // WHEN
        const result = await invoker.invoke({ fn, event: { body: 'hi', missing: undefined }, requestId: 'req-1' });
        // THEN
        assert.deepEqual(valueOf(result), { event: { body: 'hi' }, commonjs: true, when: '1970-01-01T00:00:00.000Z' });
      });

      test('runs an ES module handler from a directory, with a path in the handler string', async () => {
        // GIVEN
        const fn = functionModel({ kind: 'directory', path: join(FIXTURES, 'esm-dir') }, { handler: 'handlers/chat.onMessage' });
        // WHEN
        const result = await invoker.invoke({ fn, event: { body: 'x' }, requestId: 'req-esm' });
        // THEN
        assert.deepEqual(valueOf(result), { count: 1, body: 'x', requestId: 'req-esm', esm: true });
      });

      test('resolves a nested export path (file.a.b)', async () => {
        // GIVEN
        const fn = functionModel({ kind: 'directory', path: join(FIXTURES, 'esm-dir') }, { handler: 'handlers/chat.nested.deeper.handler' });
        // WHEN
        const result = await invoker.invoke({ fn, event: {}, requestId: 'req-nested' });
        // THEN
        assert.equal(valueOf(result), 'nested export');
      });

      test('runs a CommonJS asset directory as CommonJS even below a "type": "module" package', async () => {
        // GIVEN
        const fn = functionModel({ kind: 'directory', path: join(FIXTURES, 'cjs-dir') });
        // WHEN
        const result = await invoker.invoke({ fn, event: {}, requestId: 'req-cjs' });
        // THEN
        assert.deepEqual(valueOf(result), { count: 1, commonjs: true });
      });

      test('runs a TypeScript entry file through tsx', async () => {
        // GIVEN
        const fn = functionModel({ kind: 'entry', path: join(FIXTURES, 'ts-entry', 'handler.ts'), handlerExport: 'main' });
        // WHEN
        const first = await invoker.invoke({ fn, event: { name: 'Ada' }, requestId: 'req-ts-1' });
        const second = await invoker.invoke({ fn, event: {}, requestId: 'req-ts-2' });
        // THEN
        assert.deepEqual(valueOf(first), { message: 'Hello, Ada!', invocations: 1 });
        assert.deepEqual(valueOf(second), { message: 'Hello, world!', invocations: 2 });
      });

      test('callback style: callback(null, value), callback("Unauthorized") and callback(error)', async () => {
        // GIVEN
        const fn = inlineFunction(`
          exports.handler = (event, context, callback) => {
            context.callbackWaitsForEmptyEventLoop = false;
            setTimeout(() => {
              if (event.deny) callback('Unauthorized');
              else if (event.fail) callback(new RangeError('bad range'));
              else callback(null, { principalId: 'user' });
            }, 5);
          };`);
        // WHEN
        const allowed = await invoker.invoke({ fn, event: {}, requestId: 'a' });
        const denied = await invoker.invoke({ fn, event: { deny: true }, requestId: 'b' });
        const failed = await invoker.invoke({ fn, event: { fail: true }, requestId: 'c' });
        // THEN
        assert.deepEqual(valueOf(allowed), { principalId: 'user' });
        assert.ok(!denied.ok);
        assert.deepEqual([denied.failure, denied.errorType, denied.errorMessage], ['error', 'string', 'Unauthorized']);
        assert.ok(!failed.ok);
        assert.deepEqual([failed.errorType, failed.errorMessage], ['RangeError', 'bad range']);
      });

      test('only the first of callback/succeed/fail counts; legacy context.succeed works', async () => {
        // GIVEN
        const fn = inlineFunction(`exports.handler = (event, context, callback) => { context.succeed('first'); callback(null, 'second'); context.fail('third'); };`);
        // WHEN
        const result = await invoker.invoke({ fn, event: {}, requestId: 'r' });
        // THEN
        assert.equal(valueOf(result), 'first');
      });

      test('a synchronous handler returning a value answers null, as on Lambda', async () => {
        // GIVEN
        const fn = inlineFunction(`exports.handler = (event) => ({ ignored: true });`);
        // WHEN
        const result = await invoker.invoke({ fn, event: {}, requestId: 'r' });
        // THEN
        assert.equal(valueOf(result), null);
      });

      test('an async handler returning undefined answers null', async () => {
        // GIVEN
        const fn = inlineFunction(`exports.handler = async () => undefined;`);
        // WHEN
        const result = await invoker.invoke({ fn, event: {}, requestId: 'r' });
        // THEN
        assert.equal(valueOf(result), null);
      });
    });

    describe('context and environment', () => {
      test('the context object has Lambda\'s fields, and the remaining time decreases', async () => {
        // GIVEN
        const fn = inlineFunction(`
          exports.handler = async (event, context) => {
            const first = context.getRemainingTimeInMillis();
            await new Promise((resolve) => setTimeout(resolve, 60));
            const { getRemainingTimeInMillis } = context;
            const { getRemainingTimeInMillis: _, done, succeed, fail, ...fields } = context;
            return { fields: { ...fields, callbackWaitsForEmptyEventLoop: context.callbackWaitsForEmptyEventLoop }, first, second: getRemainingTimeInMillis(),
              methods: [typeof done, typeof succeed, typeof fail] };
          };`, { timeoutSeconds: 5, memorySizeMb: 256, functionName: 'ctx-fn', functionArn: 'arn:aws:lambda:ap-south-1:111122223333:function:ctx-fn' });
        // WHEN
        const value = valueOf(await invoker.invoke({ fn, event: {}, requestId: 'c0ffee' })) as {
          fields: Record<string, unknown>; first: number; second: number; methods: string[];
        };
        // THEN
        assert.equal(value.fields.awsRequestId, 'c0ffee');
        assert.equal(value.fields.functionName, 'ctx-fn');
        assert.equal(value.fields.functionVersion, '$LATEST');
        assert.equal(value.fields.invokedFunctionArn, 'arn:aws:lambda:ap-south-1:111122223333:function:ctx-fn');
        assert.equal(value.fields.memoryLimitInMB, '256');
        assert.equal(value.fields.logGroupName, '/aws/lambda/ctx-fn');
        assert.match(String(value.fields.logStreamName), /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
        assert.equal(value.fields.callbackWaitsForEmptyEventLoop, true);
        assert.deepEqual(value.methods, ['function', 'function', 'function']);
        assert.ok(value.first <= 5000 && value.first > 4500, `first ${value.first}`);
        assert.ok(value.second <= value.first - 50, `second ${value.second} after first ${value.first}`);
      });

      test('the environment has the function\'s variables, Lambda\'s reserved ones and extraEnv', async () => {
        // GIVEN
        const fn = inlineFunction(`exports.handler = async () => ({ ...process.env });`, {
          environment: { TABLE_NAME: 'connections', TZ: ':UTC' },
          functionName: 'env-fn',
          functionArn: 'arn:aws:lambda:eu-central-1:111122223333:function:env-fn',
          handler: 'index.handler',
          memorySizeMb: 512,
        });
        // WHEN
        const env = valueOf(await invoker.invoke({ fn, event: {}, requestId: 'r', extraEnv: { AWS_ACCESS_KEY_ID: 'AKIDLOCAL' } })) as Record<string, string>;
        // THEN
        assert.equal(env.TABLE_NAME, 'connections');
        assert.equal(env.AWS_REGION, 'eu-central-1');
        assert.equal(env.AWS_DEFAULT_REGION, 'eu-central-1');
        assert.equal(env.AWS_LAMBDA_FUNCTION_NAME, 'env-fn');
        assert.equal(env.AWS_LAMBDA_FUNCTION_VERSION, '$LATEST');
        assert.equal(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, '512');
        assert.equal(env.AWS_LAMBDA_LOG_GROUP_NAME, '/aws/lambda/env-fn');
        assert.match(env.AWS_LAMBDA_LOG_STREAM_NAME, /\[\$LATEST\]/);
        assert.equal(env.AWS_EXECUTION_ENV, 'AWS_Lambda_nodejs20.x');
        assert.equal(env._HANDLER, 'index.handler');
        assert.equal(env.TZ, ':UTC');
        assert.ok(env.LAMBDA_TASK_ROOT, 'LAMBDA_TASK_ROOT');
        assert.ok(env.LAMBDA_RUNTIME_DIR, 'LAMBDA_RUNTIME_DIR');
        assert.ok(env.NODE_PATH?.startsWith(env.LAMBDA_TASK_ROOT), 'NODE_PATH starts with the task root');
        assert.equal(env.AWS_ACCESS_KEY_ID, 'AKIDLOCAL');
        assert.equal(env.HOME, undefined, 'host variables do not leak in');
      });

      test('the gateway\'s own process.env is unaffected, reads and writes included', async () => {
        // GIVEN
        const before = { ...process.env };
        const fn = inlineFunction(`exports.handler = async () => { process.env.WRITTEN_BY_HANDLER = 'yes'; delete process.env.PATH; return process.env.WRITTEN_BY_HANDLER; };`, {
          environment: { ONLY_IN_FUNCTION: '1' },
        });
        // WHEN
        const value = valueOf(await invoker.invoke({ fn, event: {}, requestId: 'r' }));
        // THEN
        assert.equal(value, 'yes');
        assert.equal(process.env.WRITTEN_BY_HANDLER, undefined);
        assert.equal(process.env.ONLY_IN_FUNCTION, undefined);
        assert.equal(process.env.AWS_LAMBDA_FUNCTION_NAME, before.AWS_LAMBDA_FUNCTION_NAME);
        assert.equal(process.env.PATH, before.PATH);
        assert.deepEqual({ ...process.env }, before);
      });

      test('a warm instance gets a changed extraEnv before the handler runs', async () => {
        // GIVEN
        const fn = inlineFunction(`exports.handler = async () => [process.env.ENDPOINT ?? null, process.env.OLD_ONLY ?? null];`);
        await invoker.invoke({ fn, event: {}, requestId: 'r1', extraEnv: { ENDPOINT: 'http://one', OLD_ONLY: 'x' } });
        // WHEN
        const result = await invoker.invoke({ fn, event: {}, requestId: 'r2', extraEnv: { ENDPOINT: 'http://two' } });
        // THEN
        assert.deepEqual(valueOf(result), ['http://two', null]);
      });
    });

    describe('instances', () => {
      test('module state stays warm between invocations; reset() gives a cold start', async () => {
        // GIVEN
        const fn = inlineFunction(`let count = 0; const loadedAt = Math.random(); exports.handler = async () => ({ count: ++count, loadedAt });`);
        // WHEN
        const first = valueOf(await invoker.invoke({ fn, event: {}, requestId: '1' })) as { count: number; loadedAt: number };
        const second = valueOf(await invoker.invoke({ fn, event: {}, requestId: '2' })) as { count: number; loadedAt: number };
        await invoker.reset([fn.key]);
        const afterReset = valueOf(await invoker.invoke({ fn, event: {}, requestId: '3' })) as { count: number; loadedAt: number };
        // THEN
        assert.equal(first.count, 1);
        assert.equal(second.count, 2);
        assert.equal(second.loadedAt, first.loadedAt);
        assert.equal(afterReset.count, 1);
        assert.notEqual(afterReset.loadedAt, first.loadedAt);
      });

      test('reset() gives a cold start to ES modules and TypeScript entries too', async () => {
        // GIVEN
        const esm = functionModel({ kind: 'directory', path: join(FIXTURES, 'esm-dir') }, { handler: 'handlers/chat.onMessage' });
        const ts = functionModel({ kind: 'entry', path: join(FIXTURES, 'ts-entry', 'handler.ts'), handlerExport: 'main' });
        const counts = async () => {
          const a = valueOf(await invoker.invoke({ fn: esm, event: {}, requestId: 'e' })) as { count: number };
          const b = valueOf(await invoker.invoke({ fn: ts, event: {}, requestId: 't' })) as { invocations: number };
          return [a.count, b.invocations];
        };
        // WHEN
        const before = [await counts(), await counts()];
        await invoker.reset();
        const after = await counts();
        // THEN
        assert.deepEqual(before, [[1, 1], [2, 2]], 'two functions sharing a file still have their own module state');
        assert.deepEqual(after, [1, 1]);
      });

      test('a changed function definition starts a new instance', async () => {
        // GIVEN
        const fn = inlineFunction(`let count = 0; exports.handler = async () => [++count, process.env.V];`, { environment: { V: 'one' } });
        await invoker.invoke({ fn, event: {}, requestId: '1' });
        // WHEN
        const result = await invoker.invoke({ fn: { ...fn, environment: { V: 'two' } }, event: {}, requestId: '2' });
        // THEN
        assert.deepEqual(valueOf(result), [1, 'two']);
      });
    });

    describe('output', () => {
      test('captures console and stream writes per invocation, init output with the first', async () => {
        // GIVEN
        const fn = inlineFunction(`
          console.log('init');
          exports.handler = async (event) => {
            console.log('log', event.n);
            console.info('info');
            console.warn('warn');
            console.error('error');
            process.stdout.write('raw out\\n');
            process.stderr.write(Buffer.from('raw err\\n'));
            return event.n;
          };`);
        // WHEN
        const first = await invoker.invoke({ fn, event: { n: 1 }, requestId: '1' });
        const second = await invoker.invoke({ fn, event: { n: 2 }, requestId: '2' });
        // THEN
        assert.deepEqual(texts(first), ['init', 'log 1', 'info', 'warn', 'error', 'raw out', 'raw err']);
        assert.deepEqual(first.logs.map((line) => line.stream), ['stdout', 'stdout', 'stdout', 'stderr', 'stderr', 'stdout', 'stderr']);
        assert.deepEqual(texts(second), ['log 2', 'info', 'warn', 'error', 'raw out', 'raw err']);
        assert.ok(first.logs.every((line) => typeof line.at === 'number' && line.at > 0));
      });

      test('two concurrent invocations do not mix their lines', async () => {
        // GIVEN
        const fn = inlineFunction(`
          exports.handler = async (event) => {
            for (let i = 0; i < 5; i++) {
              console.log(event.who, i);
              await new Promise((resolve) => setTimeout(resolve, 5));
            }
            return event.who;
          };`);
        // WHEN
        const [a, b] = await Promise.all([
          invoker.invoke({ fn, event: { who: 'a' }, requestId: 'a' }),
          invoker.invoke({ fn, event: { who: 'b' }, requestId: 'b' }),
        ]);
        // THEN
        assert.deepEqual(texts(a), ['a 0', 'a 1', 'a 2', 'a 3', 'a 4']);
        assert.deepEqual(texts(b), ['b 0', 'b 1', 'b 2', 'b 3', 'b 4']);
      });
    });

    describe('failures', () => {
      test('a thrown error is an error result with its name and message, logs kept', async () => {
        // GIVEN
        const fn = inlineFunction(`exports.handler = async () => { console.log('before'); throw new TypeError('nope'); };`);
        // WHEN
        const result = await invoker.invoke({ fn, event: {}, requestId: 'r' });
        // THEN
        assert.ok(!result.ok);
        assert.deepEqual([result.failure, result.errorType, result.errorMessage], ['error', 'TypeError', 'nope']);
        assert.deepEqual(texts(result), ['before']);
      });

      test('a rejection with no reason reports "handled"', async () => {
        // GIVEN
        const fn = inlineFunction(`exports.handler = () => Promise.reject();`);
        // WHEN
        const result = await invoker.invoke({ fn, event: {}, requestId: 'r' });
        // THEN
        assert.ok(!result.ok);
        assert.deepEqual([result.errorType, result.errorMessage], ['string', 'handled']);
      });

      test('a throw during init fails every invocation with that error; other functions keep working', async () => {
        // GIVEN
        const broken = inlineFunction(`console.log('loading'); throw new Error('config missing');`);
        const healthy = inlineFunction(`exports.handler = async () => 'fine';`);
        // WHEN
        const first = await invoker.invoke({ fn: broken, event: {}, requestId: '1' });
        const second = await invoker.invoke({ fn: broken, event: {}, requestId: '2' });
        const other = await invoker.invoke({ fn: healthy, event: {}, requestId: '3' });
        // THEN
        for (const result of [first, second]) {
          assert.ok(!result.ok);
          assert.deepEqual([result.failure, result.errorType, result.errorMessage], ['error', 'Error', 'config missing']);
        }
        assert.deepEqual(texts(first), ['loading']);
        assert.equal(valueOf(other), 'fine');
      });

      test('init failures report Lambda\'s runtime error types', async () => {
        // GIVEN
        const cases = [
          { fn: inlineFunction(`exports.handler = async () => {`), errorType: 'Runtime.UserCodeSyntaxError', message: /^SyntaxError: / },
          { fn: inlineFunction(`require('./not-there');`), errorType: 'Runtime.ImportModuleError', message: /^Error: Cannot find module '\.\/not-there'/ },
          { fn: inlineFunction(`exports.handler = 1;`, { handler: 'main.handler' }), errorType: 'Runtime.ImportModuleError', message: /^Error: Cannot find module 'main'/ },
          { fn: inlineFunction(`exports.other = async () => 1;`), errorType: 'Runtime.HandlerNotFound', message: /^index\.handler is undefined or not exported$/ },
          { fn: inlineFunction(`exports.handler = 'text';`), errorType: 'Runtime.HandlerNotFound', message: /^index\.handler is not a function$/ },
          { fn: inlineFunction(`exports.handler = async () => 1;`, { handler: 'index' }), errorType: 'Runtime.MalformedHandlerName', message: /^Bad handler$/ },
        ];
        for (const { fn, errorType, message } of cases) {
          // WHEN
          const result = await invoker.invoke({ fn, event: {}, requestId: 'r' });
          // THEN
          assert.ok(!result.ok, fn.handler);
          assert.equal(result.failure, 'error');
          assert.equal(result.errorType, errorType);
          assert.match(result.errorMessage, message);
        }
      });

      test('a handler past its timeout is a timeout result, and the next invocation works', async () => {
        // GIVEN
        const fn = inlineFunction(`let calls = 0; exports.handler = async (event) => { calls++; if (event.hang) await new Promise(() => {}); return calls; };`, { timeoutSeconds: 1 });
        // WHEN
        const started = Date.now();
        const hung = await invoker.invoke({ fn, event: { hang: true }, requestId: 'slow' });
        const elapsed = Date.now() - started;
        const next = await invoker.invoke({ fn, event: {}, requestId: 'next' });
        // THEN
        assert.ok(!hung.ok);
        assert.equal(hung.failure, 'timeout');
        assert.equal(hung.errorType, 'Sandbox.Timedout');
        assert.match(hung.errorMessage, /^RequestId: slow Error: Task timed out after 1\.\d\d seconds$/);
        assert.ok(elapsed >= 990 && elapsed < 1800, `timed out after ${elapsed} ms`);
        assert.equal(valueOf(next), 1, 'a fresh instance after the timeout');
      });

      test('the request\'s integration timeout ends the wait first when it is shorter', async () => {
        // GIVEN
        const fn = inlineFunction(`exports.handler = async () => { await new Promise((resolve) => setTimeout(resolve, 400)); return 'late'; };`, { timeoutSeconds: 3 });
        await invoker.invoke({ fn, event: {}, requestId: 'warm-up' });
        // WHEN
        const started = Date.now();
        const result = await invoker.invoke({ fn, event: {}, requestId: 'r', timeoutMs: 100 });
        // THEN
        assert.ok(!result.ok);
        assert.deepEqual([result.failure, result.errorType], ['timeout', 'Gateway.IntegrationTimeout']);
        assert.ok(Date.now() - started < 350);
      });

      test('process.exit is a crash result, and the next invocation works', async () => {
        // GIVEN
        const fn = inlineFunction(`let calls = 0; exports.handler = async (event) => { calls++; if (event.exit) { console.log('bye'); process.exit(3); } return calls; };`);
        // WHEN
        const crashed = await invoker.invoke({ fn, event: { exit: true }, requestId: 'exit-req' });
        const next = await invoker.invoke({ fn, event: {}, requestId: 'next' });
        // THEN
        assert.ok(!crashed.ok);
        assert.deepEqual([crashed.failure, crashed.errorType], ['crash', 'Runtime.ExitError']);
        assert.equal(crashed.errorMessage, 'RequestId: exit-req Error: Runtime exited with error: exit status 3');
        assert.deepEqual(texts(crashed), ['bye']);
        assert.equal(valueOf(next), 1, 'a fresh instance after the crash');
      });

      test('an unhandled rejection during the invocation fails it', { skip: inTestRunnerProcess }, async () => {
        // GIVEN
        const fn = inlineFunction(`exports.handler = (event, context, callback) => { Promise.reject(new Error('lost')); };`);
        // WHEN
        const result = await invoker.invoke({ fn, event: {}, requestId: 'r' });
        // THEN
        assert.ok(!result.ok);
        assert.deepEqual([result.failure, result.errorType, result.errorMessage], ['error', 'Runtime.UnhandledPromiseRejection', 'Error: lost']);
      });

      test('an unhandled rejection and an uncaught exception after answering crash nothing', { skip: inTestRunnerProcess }, async () => {
        // GIVEN
        const fn = inlineFunction(`
          exports.handler = async (event) => {
            setTimeout(() => Promise.reject(new Error('after answer')), 10);
            setTimeout(() => { throw new Error('thrown after answer'); }, 20);
            return 'answered';
          };`);
        // WHEN
        const first = await invoker.invoke({ fn, event: {}, requestId: '1' });
        await new Promise((resolve) => setTimeout(resolve, 150));
        const second = await invoker.invoke({ fn, event: {}, requestId: '2' });
        // THEN
        assert.equal(valueOf(first), 'answered');
        assert.equal(valueOf(second), 'answered');
      });

      test('a value that does not serialise is an error', async () => {
        // GIVEN
        const fn = inlineFunction(`exports.handler = async () => ({ big: 10n });`);
        // WHEN
        const result = await invoker.invoke({ fn, event: {}, requestId: 'r' });
        // THEN
        assert.ok(!result.ok);
        assert.equal(result.errorMessage, 'Unable to stringify response body');
      });

      test('a non-Node.js runtime is refused', async () => {
        // GIVEN
        const fn = inlineFunction(`def handler(event, context): pass`, { runtime: 'python3.12' });
        // WHEN
        const result = await invoker.invoke({ fn, event: {}, requestId: 'r' });
        // THEN
        assert.ok(!result.ok);
        assert.equal(result.errorType, 'Runtime.InvalidRuntime');
      });
    });
  });
}
