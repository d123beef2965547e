import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TESTING_ERRORS, TestGateway, TestingError, type TestClient } from '../../src/testing/index.js';
import { inlineApp } from './fixtures/inline-app.js';

const isTestingError = (code: string, pattern?: RegExp) => (error: unknown) => {
  assert.ok(error instanceof TestingError, `a TestingError, got ${String(error)}`);
  assert.equal(error.code, code);
  if (pattern) assert.match(error.message, pattern);
  return true;
};

describe('TestGateway', { timeout: 60_000 }, () => {
  let gw: TestGateway;
  before(async () => {
    gw = await TestGateway.start(inlineApp(), { invocationMode: 'in-process', timeoutMs: 3000 });
  });
  after(() => gw.stop());

  test('GIVEN a connected client THEN it knows its connection id, which the management API and the invocation log use', async () => {
    const client = await gw.connect({ query: { tag: 'ids' } });
    assert.match(client.connectionId, /^[A-Za-z0-9_-]{15}=$/);
    const described = await gw.management().getConnection(client.connectionId);
    assert.match(described.identity.userAgent ?? '', /^wsgate-testing\//);
    assert.equal(client.invocations()[0].connectionId, client.connectionId);
    assert.ok((await gw.listConnections()).some((c) => c.connectionId === client.connectionId));
    await client.close();
  });

  test('GIVEN nothing arrives WHEN next() times out THEN the error names the connection and says nothing came', async () => {
    const client = await gw.connect();
    client.sendJson({ action: 'quiet' });
    await assert.rejects(client.next({ timeoutMs: 300 }), isTestingError(TESTING_ERRORS.TIMEOUT, new RegExp(`Timed out after 300 ms waiting for the next message on connection ${client.connectionId.replace(/[-=]/g, '\\$&')}: no message arrived`)));
    await client.close();
  });

  test('GIVEN a handler that failed WHEN a wait times out THEN the error says which invocation failed and what it wrote', async () => {
    const client = await gw.connect();
    client.sendJson({ action: 'boom' });
    // The gateway answers a failure with an error frame, which does not match.
    await assert.rejects(
      client.nextMatching((m) => m.includes('never'), { timeoutMs: 500 }),
      isTestingError(TESTING_ERRORS.TIMEOUT, /1 message\(s\) arrived that did not match: "\{\\"message\\": \\"Internal server error\\".*its last failed invocation: MESSAGE boom failed: .*boom.*\(handler wrote: .*about to fail/),
    );
    await client.close();
  });

  test('GIVEN messages that do not match WHEN nextMatching() finds one THEN the others stay queued, in order', async () => {
    const client = await gw.connect();
    const management = gw.management();
    for (const text of ['one', 'two', 'three']) await management.postToConnection(client.connectionId, text);
    assert.equal(await client.nextMatching((m) => m.startsWith('t') && m.length === 5), 'three');
    assert.equal(await client.next(), 'one');
    assert.equal(await client.next(), 'two');
    assert.deepEqual(client.received, ['one', 'two', 'three']);
    assert.deepEqual(client.pending, []);
    await client.close();
  });

  test('GIVEN text, JSON and JSON the predicate cannot read WHEN nextJsonMatching() THEN it skips them and parses the match', async () => {
    const client = await gw.connect();
    const management = gw.management();
    for (const data of ['not json', 'null', JSON.stringify({ type: 'noise' }), JSON.stringify({ type: 'wanted', n: 2 })]) await management.postToConnection(client.connectionId, data);
    const match = await client.nextJsonMatching<{ type: string; n: number }>((m) => m.type === 'wanted');
    assert.deepEqual(match, { type: 'wanted', n: 2 });
    assert.equal(await client.next(), 'not json');
    assert.equal(await client.nextJson(), null);
    assert.deepEqual(await client.nextJson(), { type: 'noise' });
    await client.close();
  });

  test('GIVEN a non-JSON message WHEN nextJson() THEN it says the message is not JSON', async () => {
    const client = await gw.connect();
    await gw.management().postToConnection(client.connectionId, 'plain words');
    await assert.rejects(client.nextJson(), isTestingError(TESTING_ERRORS.NOT_JSON, /is not JSON: "plain words"/));
    await client.close();
  });

  test('GIVEN a wait under way WHEN the gateway closes the connection THEN the wait ends at once with the close code, not a timeout', async () => {
    const client = await gw.connect();
    const waiting = client.next({ timeoutMs: 30_000 });
    await gw.management().deleteConnection(client.connectionId);
    await assert.rejects(waiting, isTestingError(TESTING_ERRORS.CLOSED, /closed \(1000 Connection Closed Normally\) while waiting for the next message/));
    assert.throws(() => client.send('late'), isTestingError(TESTING_ERRORS.CLOSED));
  });

  test('GIVEN a client that sends and leaves THEN its invocation log has each event, outcome and output line, $disconnect included', async () => {
    const client = await gw.connect({ query: { tag: 'logged' } });
    client.sendJson({ action: 'echo', n: 1 });
    assert.deepEqual(await client.nextJson(), { action: 'echo', n: 1 });
    client.send('free text');
    assert.equal(await client.next(), 'free text');
    assert.deepEqual(await client.close(4000, 'done'), { code: 4000, reason: 'done' });
    const disconnect = await client.waitForInvocation((r) => r.eventType === 'DISCONNECT');
    assert.equal(disconnect.routeKey, '$disconnect');

    const log = client.invocations();
    assert.deepEqual(log.map((r) => r.routeKey), ['$connect', 'echo', '$default', '$disconnect']);
    assert.equal(log[1].event.body, JSON.stringify({ action: 'echo', n: 1 }));
    assert.deepEqual(log[2].outcome, { kind: 'answer', value: { statusCode: 200, body: 'free text' } });
    assert.ok(client.output().some((line) => line.includes('hello logged')), client.output().join('\n'));
    assert.ok(client.output().some((line) => line.includes('bye 4000')), client.output().join('\n'));
    assert.deepEqual(gw.invocations(client.connectionId), log);
    assert.ok(gw.invocations().length >= log.length);
  });

  test('GIVEN no such invocation WHEN waitForInvocation() times out THEN the error lists what the connection had', async () => {
    const client = await gw.connect();
    await assert.rejects(
      client.waitForInvocation((r) => r.routeKey === 'never', { timeoutMs: 200 }),
      isTestingError(TESTING_ERRORS.TIMEOUT, /waiting for an invocation of connection .*; saw 1 that did not match: CONNECT \$connect answered \{"statusCode":200\}/),
    );
    await client.close();
  });

  test('GIVEN a stage that does not exist WHEN connect({ stage }) THEN a usage error names the stages', async () => {
    await assert.rejects(gw.connect({ stage: 'prod' }), isTestingError(TESTING_ERRORS.USAGE, /No stage 'prod': the gateway serves inline0\/dev/));
  });
});

describe('TestGateway with several stages, IAM enforced and clients left open', { timeout: 60_000 }, () => {
  test('GIVEN two APIs WHEN connecting THEN the stage must be named; management and listings are per stage; stop() closes the clients and ends pending waits', async () => {
    const gw = await TestGateway.start(inlineApp({ stages: ['dev', 'prod'], separateApis: true }), { invocationMode: 'in-process', iam: 'enforce', timeoutMs: 3000 });
    let dev: TestClient | undefined;
    try {
      await assert.rejects(gw.connect(), isTestingError(TESTING_ERRORS.USAGE, /serves 2 stages \(inline0\/dev, inline1\/prod\): pass \{ stage \}/));
      dev = await gw.connect({ stage: 'dev' });
      const prod = await gw.connect({ stage: 'inline1/prod' });
      assert.deepEqual((await gw.management('dev').listConnections()).map((c) => c.connectionId), [dev.connectionId]);
      assert.deepEqual((await gw.listConnections()).map((c) => c.stage).sort(), ['dev', 'prod']);
      // The helper's calls are signed: IAM in enforce mode lets them through.
      await gw.management('prod').postToConnection(prod.connectionId, 'signed');
      assert.equal(await prod.next(), 'signed');
      assert.deepEqual(gw.warnings, []);

      const pending = dev.next({ timeoutMs: 30_000 });
      const disconnects = gw.waitForInvocation((r) => r.eventType === 'DISCONNECT' && r.connectionId === prod.connectionId);
      await gw.stop();
      await assert.rejects(pending, isTestingError(TESTING_ERRORS.CLOSED, /closed \(1000\)/));
      assert.equal((await disconnects).routeKey, '$disconnect');
      assert.equal(dev.closed?.code, 1000);
      assert.equal(prod.closed?.code, 1000);
      await assert.rejects(gw.connect({ stage: 'dev' }), isTestingError(TESTING_ERRORS.USAGE, /stopped/));
      await gw.stop(); // a second stop is harmless
    } finally {
      await gw.stop();
    }
  });

  test('GIVEN a script that starts a test gateway (isolated handlers), connects and stops it THEN the script ends by itself: nothing is left open', async () => {
    const script = fileURLToPath(new URL('./fixtures/stop-and-exit.ts', import.meta.url));
    const child = spawn(process.execPath, ['--conditions=wsgate-source', '--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(timer);
    assert.equal(code, 0, `the script did not end by itself (killed after 45 s): ${out}`);
    assert.match(out, /stopped; closed with 1000 and 1000/);
  });
});
