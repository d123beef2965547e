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

describe('IsolatedInvoker: invocations waiting inside a busy instance', { timeout: 60_000 }, () => {
  let workDir: string;

  before(() => {
    workDir = freshWorkDir();
  });

  after(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  test('GIVEN the only instance busy WHEN more invocations come THEN they run there one at a time, in order', async () => {
    // GIVEN
    const invoker = new IsolatedInvoker({ workDir, maxInstancesPerFunction: 1 });
    const fn = inlineFunction(`const seen = []; exports.handler = async (event) => { seen.push(event.n); if (event.slow) await new Promise((r) => setTimeout(r, 200)); return [...seen]; };`);
    try {
      await invoker.invoke({ fn, event: { n: 0 }, requestId: 'warm' });
      // WHEN
      const results = await Promise.all([1, 2, 3].map((n) => invoker.invoke({ fn, event: { n, slow: n === 1 }, requestId: `r${n}` })));
      // THEN
      assert.deepEqual(results.map(valueOf), [[0, 1], [0, 1, 2], [0, 1, 2, 3]]);
      assert.equal(invoker.instanceCount(fn.key), 1);
    } finally {
      await invoker.close();
    }
  });

  test('GIVEN an invocation waiting behind a slow one WHEN its integration timeout passes THEN it is taken back and never runs', async () => {
    // GIVEN
    const invoker = new IsolatedInvoker({ workDir, maxInstancesPerFunction: 1 });
    const fn = inlineFunction(`const seen = []; exports.handler = async (event) => { seen.push(event.n); if (event.slow) await new Promise((r) => setTimeout(r, 400)); return [...seen]; };`);
    try {
      await invoker.invoke({ fn, event: { n: 0 }, requestId: 'warm' });
      // WHEN
      const [slow, late] = await Promise.all([
        invoker.invoke({ fn, event: { n: 1, slow: true }, requestId: 'slow' }),
        invoker.invoke({ fn, event: { n: 2 }, requestId: 'late', timeoutMs: 100 }),
      ]);
      const next = await invoker.invoke({ fn, event: { n: 3 }, requestId: 'next' });
      // THEN
      assert.ok(!late.ok);
      assert.deepEqual([late.failure, late.errorType], ['timeout', 'Gateway.IntegrationTimeout']);
      assert.deepEqual(valueOf(slow), [0, 1]);
      assert.deepEqual(valueOf(next), [0, 1, 3]);
    } finally {
      await invoker.close();
    }
  });

  test('GIVEN invocations waiting in both of two busy instances WHEN one instance frees up THEN it takes over the one waiting behind the slow invocation', async () => {
    // GIVEN two warm instances
    const invoker = new IsolatedInvoker({ workDir, maxInstancesPerFunction: 2 });
    const fn = inlineFunction(`exports.handler = async (event) => { await new Promise((r) => setTimeout(r, event.ms)); return event.name; };`);
    try {
      await Promise.all([invoker.invoke({ fn, event: { ms: 300, name: 'w1' }, requestId: 'w1' }), invoker.invoke({ fn, event: { ms: 300, name: 'w2' }, requestId: 'w2' })]);
      const finished: string[] = [];
      const run = (name: string, ms: number) => invoker.invoke({ fn, event: { ms, name }, requestId: name }).then((result) => {
        finished.push(valueOf(result) as string);
      });
      // WHEN a slow and a short invocation run, and two more come (one waits behind each)
      const running = [run('slow', 1500), run('short', 100)];
      await new Promise((resolve) => setTimeout(resolve, 50));
      await Promise.all([...running, run('a', 0), run('b', 0)]);
      // THEN neither waited for the slow one
      assert.equal(finished[finished.length - 1], 'slow');
      assert.deepEqual([...finished].sort(), ['a', 'b', 'short', 'slow']);
      assert.equal(invoker.instanceCount(fn.key), 2);
    } finally {
      await invoker.close();
    }
  });

  test('GIVEN an invocation waiting behind one that times out WHEN the instance is killed THEN it runs in a new instance', async () => {
    // GIVEN
    const invoker = new IsolatedInvoker({ workDir, maxInstancesPerFunction: 1 });
    const fn = inlineFunction(`exports.handler = async (event) => { if (event.spin) for (;;) {} return process.pid; };`, { timeoutSeconds: 1 });
    try {
      const warmPid = valueOf(await invoker.invoke({ fn, event: {}, requestId: 'warm' }));
      // WHEN
      const [spun, waiting] = await Promise.all([
        invoker.invoke({ fn, event: { spin: true }, requestId: 'spin' }),
        invoker.invoke({ fn, event: {}, requestId: 'waiting' }),
      ]);
      // THEN
      assert.ok(!spun.ok);
      assert.equal(spun.errorType, 'Sandbox.Timedout');
      assert.notEqual(valueOf(waiting), warmPid);
    } finally {
      await invoker.close();
    }
  });

  test('GIVEN invocations sent together WHEN one event does not serialise THEN only that one fails', async () => {
    // GIVEN
    const invoker = new IsolatedInvoker({ workDir, maxInstancesPerFunction: 1 });
    const fn = inlineFunction(`exports.handler = async (event) => event.n;`);
    try {
      await invoker.invoke({ fn, event: { n: 0 }, requestId: 'warm' });
      // WHEN
      const [before, broken, after] = await Promise.all([
        invoker.invoke({ fn, event: { n: 1 }, requestId: 'before' }),
        invoker.invoke({ fn, event: { n: 2n }, requestId: 'broken' }),
        invoker.invoke({ fn, event: { n: 3 }, requestId: 'after' }),
      ]);
      // THEN
      assert.deepEqual([valueOf(before), valueOf(after)], [1, 3]);
      assert.ok(!broken.ok);
      assert.deepEqual([broken.failure, broken.errorType], ['error', 'Gateway.InvocationError']);
      assert.match(broken.errorMessage, /BigInt/);
    } finally {
      await invoker.close();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) assert.fail('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
