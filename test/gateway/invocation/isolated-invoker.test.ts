import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { IsolatedInvoker } from '../../../src/gateway/invocation/isolated-invoker.js';
import type { BackgroundOutput } from '../../../src/gateway/invocation/invoker.js';
import { describeInvokerBehaviour } from './invoker-behaviour.js';
import { freshWorkDir, inlineFunction, processExists, texts, valueOf } from './helpers.js';

describeInvokerBehaviour('isolated');

describe('IsolatedInvoker: isolation', { timeout: 60_000 }, () => {
  let invoker: IsolatedInvoker;
  let workDir: string;
  const background: BackgroundOutput[] = [];

  before(() => {
    workDir = freshWorkDir();
    invoker = new IsolatedInvoker({ workDir, onBackgroundOutput: (output) => background.push(output) });
  });

  after(async () => {
    await invoker.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  test('an infinite loop is killed at the timeout, and the next invocation gets a fresh instance', async () => {
    // GIVEN
    const fn = inlineFunction(`exports.handler = async (event) => { if (event.spin) for (;;) {} return process.pid; };`, { timeoutSeconds: 1 });
    const pidBefore = valueOf(await invoker.invoke({ fn, event: {}, requestId: 'warm' })) as number;
    // WHEN
    const started = Date.now();
    const spun = await invoker.invoke({ fn, event: { spin: true }, requestId: 'spin' });
    const elapsed = Date.now() - started;
    const pidAfter = valueOf(await invoker.invoke({ fn, event: {}, requestId: 'after' })) as number;
    // THEN
    assert.ok(!spun.ok);
    assert.deepEqual([spun.failure, spun.errorType], ['timeout', 'Sandbox.Timedout']);
    assert.ok(elapsed >= 990 && elapsed < 1500, `timed out after ${elapsed} ms`);
    assert.notEqual(pidAfter, pidBefore);
    await waitFor(() => !processExists(pidBefore));
  });

  test('a leaking handler runs out of memory in its own process only', { timeout: 30_000 }, async () => {
    // GIVEN
    const fn = inlineFunction(`const kept = []; exports.handler = async () => { for (;;) kept.push(new Array(1e6).fill(kept.length)); };`, { timeoutSeconds: 20, memorySizeMb: 128 });
    // WHEN
    const result = await invoker.invoke({ fn, event: {}, requestId: 'oom' });
    // THEN
    assert.ok(!result.ok);
    assert.equal(result.failure, 'crash');
    assert.equal(result.errorType, 'Runtime.ExitError');
    assert.match(result.errorMessage, /^RequestId: oom Error: Runtime exited with error: /);
    assert.ok(texts(result).some((line) => /heap/i.test(line)), 'V8 says why');
  });

  test('two slow concurrent invocations of one function run in two instances', async () => {
    // GIVEN
    const fn = inlineFunction(`exports.handler = async () => { await new Promise((resolve) => setTimeout(resolve, 500)); return process.pid; };`);
    await Promise.all([invoker.invoke({ fn, event: {}, requestId: 'w1' }), invoker.invoke({ fn, event: {}, requestId: 'w2' })]);
    // WHEN
    const started = Date.now();
    const [a, b] = await Promise.all([invoker.invoke({ fn, event: {}, requestId: 'a' }), invoker.invoke({ fn, event: {}, requestId: 'b' })]);
    const elapsed = Date.now() - started;
    // THEN
    assert.notEqual(valueOf(a), valueOf(b));
    assert.ok(elapsed < 900, `took ${elapsed} ms`);
    assert.equal(invoker.instanceCount(fn.key), 2);
  });

  test('past maxInstancesPerFunction, invocations wait for a free instance', async () => {
    // GIVEN
    const single = new IsolatedInvoker({ workDir, maxInstancesPerFunction: 1 });
    const fn = inlineFunction(`exports.handler = async () => { await new Promise((resolve) => setTimeout(resolve, 300)); return process.pid; };`);
    try {
      await single.invoke({ fn, event: {}, requestId: 'warm' });
      // WHEN
      const started = Date.now();
      const [a, b] = await Promise.all([single.invoke({ fn, event: {}, requestId: 'a' }), single.invoke({ fn, event: {}, requestId: 'b' })]);
      const elapsed = Date.now() - started;
      // THEN
      assert.equal(valueOf(a), valueOf(b));
      assert.ok(elapsed >= 590, `took ${elapsed} ms`);
    } finally {
      await single.close();
    }
  });

  test('callback(null, value) waits for the empty event loop unless told not to', async () => {
    // GIVEN
    const fn = inlineFunction(`
      exports.handler = (event, context, callback) => {
        context.callbackWaitsForEmptyEventLoop = event.wait;
        setTimeout(() => console.log('timer done'), 300);
        callback(null, 'value');
      };`);
    await invoker.invoke({ fn, event: { wait: false }, requestId: 'warm' });
    await new Promise((resolve) => setTimeout(resolve, 350));
    // WHEN
    let started = Date.now();
    const waited = await invoker.invoke({ fn, event: { wait: true }, requestId: 'wait' });
    const waitedMs = Date.now() - started;
    started = Date.now();
    const immediate = await invoker.invoke({ fn, event: { wait: false }, requestId: 'no-wait' });
    const immediateMs = Date.now() - started;
    // THEN
    assert.equal(valueOf(waited), 'value');
    assert.ok(waitedMs >= 290, `waited ${waitedMs} ms`);
    assert.ok(texts(waited).includes('timer done'));
    assert.equal(valueOf(immediate), 'value');
    assert.ok(immediateMs < 200, `answered after ${immediateMs} ms`);
  });

  test('output written after answering goes to the next invocation, like a thawed Lambda', async () => {
    // GIVEN
    const fn = inlineFunction(`exports.handler = async (event) => { setTimeout(() => console.log('late from', event.n), 20); return event.n; };`);
    await invoker.invoke({ fn, event: { n: 1 }, requestId: '1' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    // WHEN
    const second = await invoker.invoke({ fn, event: { n: 2 }, requestId: '2' });
    // THEN
    assert.deepEqual(texts(second), ['late from 1']);
  });

  test('a crash between invocations is reported as background output', async () => {
    // GIVEN
    const fn = inlineFunction(`exports.handler = async () => { setTimeout(() => { throw new Error('boom later'); }, 20); return 'ok'; };`);
    // WHEN
    await invoker.invoke({ fn, event: {}, requestId: '1' });
    // THEN
    await waitFor(() => background.some((output) => output.functionKey === fn.key && output.line.text === 'Error: boom later'));
  });

  test('close() leaves no child process behind, busy ones included', async () => {
    // GIVEN
    const own = new IsolatedInvoker({ workDir });
    const idle = inlineFunction(`exports.handler = async () => process.pid;`);
    const busy = inlineFunction(`exports.handler = async (event, context) => { console.log(process.pid); for (;;) {} };`, { timeoutSeconds: 30 });
    const idlePid = valueOf(await own.invoke({ fn: idle, event: {}, requestId: '1' })) as number;
    const pending = own.invoke({ fn: busy, event: {}, requestId: '2' });
    await new Promise((resolve) => setTimeout(resolve, 700));
    // WHEN
    await own.close();
    const busyResult = await pending;
    // THEN
    assert.ok(!processExists(idlePid));
    assert.ok(!busyResult.ok);
    assert.equal(busyResult.failure, 'crash');
    await assert.rejects(own.invoke({ fn: idle, event: {}, requestId: '3' }), /closed/);
  });
});

describe('IsolatedInvoker: reset and close with work in flight', { timeout: 30_000 }, () => {
  test('reset() lets an invocation in flight finish on its old instance; the next one starts cold', async () => {
    // GIVEN
    const workDir = freshWorkDir();
    const invoker = new IsolatedInvoker({ workDir });
    const fn = inlineFunction(`let count = 0; exports.handler = async (event) => { count++; if (event.slow) await new Promise((r) => setTimeout(r, 300)); return [count, process.pid]; };`);
    try {
      const [, warmPid] = valueOf(await invoker.invoke({ fn, event: {}, requestId: 'warm' })) as [number, number];
      // WHEN
      const inFlight = invoker.invoke({ fn, event: { slow: true }, requestId: 'slow' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await invoker.reset([fn.key]);
      const fresh = valueOf(await invoker.invoke({ fn, event: {}, requestId: 'fresh' })) as [number, number];
      const old = valueOf(await inFlight) as [number, number];
      // THEN
      assert.deepEqual(old, [2, warmPid]);
      assert.equal(fresh[0], 1);
      assert.notEqual(fresh[1], warmPid);
      await waitFor(() => !processExists(warmPid));
    } finally {
      await invoker.close();
      rmSync(workDir, { recursive: true, force: true });
    }
  });

  test('close() ends queued invocations as crashes instead of leaving them pending', async () => {
    // GIVEN
    const workDir = freshWorkDir();
    const invoker = new IsolatedInvoker({ workDir, maxInstancesPerFunction: 1 });
    const fn = inlineFunction(`exports.handler = async () => new Promise((r) => setTimeout(r, 5000));`, { timeoutSeconds: 10 });
    const running = invoker.invoke({ fn, event: {}, requestId: 'running' });
    const queued = invoker.invoke({ fn, event: {}, requestId: 'queued' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    // WHEN
    await invoker.close();
    const results = await Promise.all([running, queued]);
    // THEN
    assert.deepEqual(results.map((result) => !result.ok && result.failure), ['crash', 'crash']);
    rmSync(workDir, { recursive: true, force: true });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) assert.fail('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
