// The example of wsgate/testing shown in the README: a user's test of their own API (GreeterStack,
// an ordinary stack in fixtures/greeter-stack.ts). Any runner works; this one is node:test.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { App } from 'wsgate';
import { TestGateway } from 'wsgate/testing';
import { GreeterStack } from './fixtures/greeter-stack.js';

describe('the greeter API', { timeout: 60_000 }, () => {
  let gw: TestGateway;
  before(async () => {
    gw = await TestGateway.start(new GreeterStack(new App(), 'Greeter'));
  });
  after(() => gw.stop()); // closes every client, then stops the gateway and its handlers

  test('GIVEN no name WHEN a client connects THEN $connect refuses it with 401', async () => {
    await assert.rejects(gw.connect(), { code: 'WSGATE_ERR_TEST_HANDSHAKE_REFUSED', status: 401 });
  });

  test('GIVEN Ann connected WHEN she sends echo THEN the answer comes back, and the log shows what her handlers did', async () => {
    const ann = await gw.connect({ query: { name: 'Ann' } });
    ann.sendJson({ action: 'echo', text: 'hello' });
    assert.deepEqual(await ann.nextJson(), { echo: 'hello' });

    const [connect, echo] = ann.invocations();
    assert.equal(connect.routeKey, '$connect');
    assert.deepEqual(connect.event.queryStringParameters, { name: 'Ann' });
    assert.equal(echo.routeKey, 'echo');
    assert.deepEqual(echo.outcome, { kind: 'answer', value: { statusCode: 200, body: '{"echo":"hello"}' } });
    assert.ok(ann.output().some((line) => line.includes('Ann joined')));
  });

  test('GIVEN Bob connected WHEN he shouts THEN his handler answers through the management API, with the grants it needs', async () => {
    const bob = await gw.connect({ query: { name: 'Bob' } });
    bob.sendJson({ action: 'shout', text: 'hey' });
    assert.equal(await bob.nextMatching((message) => message === message.toUpperCase()), 'HEY');
    assert.deepEqual(gw.warnings, [], 'no call that AWS would refuse');
  });

  test('GIVEN Cleo connected WHEN the test posts to her and then deletes her connection THEN she gets the message, then close 1000, and the connection is gone', async () => {
    const cleo = await gw.connect({ query: { name: 'Cleo' } });
    const management = gw.management();
    await management.postToConnection(cleo.connectionId, { notice: 'maintenance at noon' });
    assert.deepEqual(await cleo.nextJson(), { notice: 'maintenance at noon' });

    await management.deleteConnection(cleo.connectionId);
    assert.equal((await cleo.waitForClose()).code, 1000);
    await assert.rejects(management.getConnection(cleo.connectionId), { status: 410 });
  });
});
