import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { InProcessInvoker } from '../../../src/gateway/invocation/in-process-invoker.js';
import type { BackgroundOutput, InvokeResult } from '../../../src/gateway/invocation/invoker.js';
import { describeInvokerBehaviour } from './invoker-behaviour.js';
import { FIXTURES, freshWorkDir, inlineFunction, texts, valueOf } from './helpers.js';

describeInvokerBehaviour('in-process');

describe('InProcessInvoker: in the gateway\'s process', { timeout: 30_000 }, () => {
  let invoker: InProcessInvoker;
  let workDir: string;
  const background: BackgroundOutput[] = [];

  before(() => {
    workDir = freshWorkDir();
    invoker = new InProcessInvoker({ workDir, onBackgroundOutput: (output) => background.push(output) });
  });

  after(async () => {
    await invoker.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  test('handlers run in the gateway\'s process, without copying module state', async () => {
    // GIVEN
    const fn = inlineFunction(`exports.handler = async () => process.pid;`);
    // WHEN
    const pid = valueOf(await invoker.invoke({ fn, event: {}, requestId: 'r' }));
    // THEN
    assert.equal(pid, process.pid);
  });

  test('process.env inside a handler is the function\'s own, also in callbacks it starts later', async () => {
    // GIVEN
    process.env.GATEWAY_ONLY = 'gateway';
    const fn = inlineFunction(`
      exports.handler = async () => {
        const inHandler = [process.env.FN_VAR, process.env.GATEWAY_ONLY ?? null, 'GATEWAY_ONLY' in process.env];
        const later = await new Promise((resolve) => setTimeout(() => resolve(process.env.FN_VAR), 5));
        return { inHandler, later, keys: Object.keys(process.env).includes('FN_VAR') };
      };`, { environment: { FN_VAR: 'function' } });
    try {
      // WHEN
      const value = valueOf(await invoker.invoke({ fn, event: {}, requestId: 'r' }));
      // THEN
      assert.deepEqual(value, { inHandler: ['function', null, false], later: 'function', keys: true });
      assert.equal(process.env.FN_VAR, undefined);
      assert.equal(process.env.GATEWAY_ONLY, 'gateway');
    } finally {
      delete process.env.GATEWAY_ONLY;
    }
  });

  test('two functions running at the same time each see their own environment', async () => {
    // GIVEN
    const source = `exports.handler = async () => { const before = process.env.WHO; await new Promise((r) => setTimeout(r, 20)); return [before, process.env.WHO]; };`;
    const one = inlineFunction(source, { environment: { WHO: 'one' } });
    const two = inlineFunction(source, { environment: { WHO: 'two' } });
    // WHEN
    const [a, b] = await Promise.all([invoker.invoke({ fn: one, event: {}, requestId: '1' }), invoker.invoke({ fn: two, event: {}, requestId: '2' })]);
    // THEN
    assert.deepEqual(valueOf(a), ['one', 'one']);
    assert.deepEqual(valueOf(b), ['two', 'two']);
  });

  test('output after answering goes to the background sink, not to the next invocation', async () => {
    // GIVEN
    const fn = inlineFunction(`exports.handler = async (event) => { setTimeout(() => console.log('late', event.n), 10); return event.n; };`);
    // WHEN
    await invoker.invoke({ fn, event: { n: 1 }, requestId: '1' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await invoker.invoke({ fn, event: { n: 2 }, requestId: '2' });
    // THEN
    assert.deepEqual(texts(second), []);
    assert.ok(background.some((output) => output.functionKey === fn.key && output.line.text === 'late 1'));
  });

  test('GIVEN a handler that answers during its call WHEN it writes after answering, in the same call THEN the lines are the invocation\'s', async () => {
    // GIVEN
    const fn = inlineFunction(`exports.handler = (event, context) => { context.succeed(event.n); console.log('after succeed'); };`);
    // WHEN
    const result = await invoker.invoke({ fn, event: { n: 7 }, requestId: 'r' });
    // THEN
    assert.equal(valueOf(result), 7);
    assert.deepEqual(texts(result), ['after succeed']);
  });

  test('GIVEN many invocations in flight WHEN they answer THEN each gets its own value and lines, and a timed-out one its timeout', async () => {
    // GIVEN
    const fn = inlineFunction(`exports.handler = async (event) => { console.log('n', event.n); if (event.hang) await new Promise(() => {}); return event.n; };`, { timeoutSeconds: 1 });
    // WHEN
    const results = await Promise.all(Array.from({ length: 50 }, (_, n) => invoker.invoke({ fn, event: { n, hang: n === 7 }, requestId: `r${n}` })));
    // THEN
    results.forEach((result, n) => {
      assert.deepEqual(texts(result), [`n ${n}`]);
      if (n === 7) assert.ok(!result.ok && result.errorType === 'Sandbox.Timedout');
      else assert.equal(valueOf(result), n);
    });
  });
});

describe('InProcessInvoker: the process hooks', () => {
  test('the first invoker installs them and closing the last one restores process.env, the streams and process.exit', async () => {
    // GIVEN
    const original = { env: process.env, stdout: process.stdout.write, stderr: process.stderr.write, exit: process.exit };
    const workDir = freshWorkDir();
    const first = new InProcessInvoker({ workDir });
    const second = new InProcessInvoker({ workDir });
    // WHEN
    const installed = process.env !== original.env && process.stdout.write !== original.stdout && process.exit !== original.exit;
    await first.close();
    const stillInstalled = process.env !== original.env;
    await second.close();
    // THEN
    assert.ok(installed);
    assert.ok(stillInstalled);
    assert.equal(process.env, original.env);
    assert.equal(process.stdout.write, original.stdout);
    assert.equal(process.stderr.write, original.stderr);
    assert.equal(process.exit, original.exit);
    rmSync(workDir, { recursive: true, force: true });
  });
});

describe('InProcessInvoker: errors outside the handler\'s promise', () => {
  test('fail the invocation or go to the background, and never end the gateway; the gateway\'s own still do', { timeout: 30_000 }, () => {
    // GIVEN
    const script = join(FIXTURES, 'in-process-survivor.ts');
    const workDir = freshWorkDir();
    // WHEN
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, workDir], { encoding: 'utf8', timeout: 25_000 });
    rmSync(workDir, { recursive: true, force: true });
    // THEN
    const { results, background } = JSON.parse(run.stdout.trim().split('\n')[0]) as { results: Record<string, InvokeResult>; background: string[] };
    assert.deepEqual(pick(results.during), { ok: false, errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'Error: lost' });
    assert.deepEqual(pick(results.first), { ok: true, value: 'answered' });
    assert.deepEqual(pick(results.timer), { ok: false, errorType: 'TypeError', errorMessage: 'from a timer' });
    assert.deepEqual(pick(results.second), { ok: true, value: 'answered' });
    assert.deepEqual(background, ['Runtime.UnhandledPromiseRejection: Error: after answer', 'Error: thrown after answer']);
    assert.equal(run.status, 1, 'the gateway\'s own unhandled rejection still ends it');
    assert.match(run.stderr, /a bug of the gateway itself/);
  });
});

function pick(result: InvokeResult): Record<string, unknown> {
  return result.ok ? { ok: true, value: result.value } : { ok: false, errorType: result.errorType, errorMessage: result.errorMessage };
}
