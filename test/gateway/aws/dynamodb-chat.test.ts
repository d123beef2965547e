import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Gateway } from '../../../src/gateway/gateway.js';
import type { GatewayOptions } from '../../../src/gateway/options.js';
import { TestClient } from '../support/client.js';
import { buildDynamoDbChatApp } from './chat-app.js';

interface Inspection {
  env: { TABLE_NAME: string; TABLE_ARN: string; endpoint: string };
  table: { name: string; arn: string };
  ids: string[];
}

interface Outcome {
  ok: boolean;
  name?: string;
  message?: string;
  status?: number;
  serviceException?: boolean;
}

const assembly = buildDynamoDbChatApp();

/** A running gateway on the chat app, and the clients a test opened (closed with it). */
function servedChat(options: GatewayOptions): { gateway: () => Gateway; connect: () => Promise<TestClient>; ask: <T>(client: TestClient, request: Record<string, unknown>) => Promise<T> } {
  let gateway: Gateway;
  const clients: TestClient[] = [];
  before(async () => {
    gateway = await Gateway.start(assembly, { log: false, ...options });
  });
  after(async () => {
    for (const c of clients) c.ws.terminate();
    await gateway?.stop();
  });
  return {
    gateway: () => gateway,
    connect: async () => {
      const client = await TestClient.connect(gateway.endpoints()[0].url, { timeoutMs: 30_000 });
      clients.push(client);
      return client;
    },
    ask: async <T>(client: TestClient, request: Record<string, unknown>) => {
      client.send(JSON.stringify(request));
      return JSON.parse(await client.next(30_000)) as T;
    },
  };
}

for (const invocationMode of ['isolated', 'in-process'] as const) {
  describe(`AWS's chat sample on DynamoDB with the real SDK and no endpoint configured (${invocationMode})`, { timeout: 120_000 }, () => {
    const warnings: string[] = [];
    const chat = servedChat({ invocationMode, warn: (line) => warnings.push(line) });

    test('GIVEN three connected clients WHEN one sends a message THEN $connect put each, and sendmessage scanned and posted to the two others', async () => {
      // GIVEN
      const [a, b, c] = [await chat.connect(), await chat.connect(), await chat.connect()];
      const before = await chat.ask<Inspection>(a, { action: 'inspect' });
      assert.equal(before.ids.filter((id) => !id.includes(':')).length, 3, JSON.stringify(before.ids));
      // WHEN
      a.send(JSON.stringify({ action: 'sendmessage', data: 'hello everyone' }));
      // THEN
      assert.equal(await b.next(30_000), 'hello everyone');
      assert.equal(await c.next(30_000), 'hello everyone');
      // The sender is not among the recipients: its next frame is the answer to its own inspect.
      const after = await chat.ask<Inspection>(a, { action: 'inspect' });
      assert.deepEqual(after.ids, before.ids);
    });

    test('GIVEN a connected client WHEN it disconnects THEN $disconnect deleted its item', async () => {
      const watcher = await chat.connect();
      const leaving = await chat.connect();
      const withBoth = await chat.ask<Inspection>(watcher, { action: 'inspect' });
      leaving.close();
      await leaving.waitClosed();
      // $disconnect runs after the close: ask until its delete shows, at most 50 times.
      let ids = withBoth.ids;
      for (let i = 0; i < 50 && ids.length === withBoth.ids.length; i++) {
        await new Promise((r) => setTimeout(r, 100));
        ids = (await chat.ask<Inspection>(watcher, { action: 'inspect' })).ids;
      }
      assert.equal(ids.length, withBoth.ids.length - 1, JSON.stringify({ before: withBoth.ids, after: ids }));
    });

    test('GIVEN a table referenced by Ref and GetAtt Arn in the environment WHEN the handler describes it THEN the names and ARNs are the created table\'s', async () => {
      const client = await chat.connect();
      const seen = await chat.ask<Inspection>(client, { action: 'inspect' });
      const table = [...chat.gateway().model.tables.values()][0];
      assert.deepEqual(seen.env.TABLE_NAME, table.tableName);
      assert.deepEqual(seen.table, { name: table.tableName, arn: table.arn });
      assert.equal(seen.env.TABLE_ARN, table.arn);
      assert.match(table.arn, /^arn:aws:dynamodb:us-east-1:123456789012:table\/ChatStack-Connections[0-9A-F]{8}-[0-9A-Z]{12}$/);
      assert.match(seen.env.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    });

    test('GIVEN a function whose role has no grant on the table WHEN it puts an item (enforce) THEN the SDK throws AccessDeniedException with DynamoDB\'s message', async () => {
      const client = await chat.connect();
      const outcome = await chat.ask<Outcome>(client, { action: 'stranger' });
      const table = [...chat.gateway().model.tables.values()][0];
      assert.deepEqual({ ok: outcome.ok, name: outcome.name, status: outcome.status, serviceException: outcome.serviceException },
        { ok: false, name: 'AccessDeniedException', status: 400, serviceException: true });
      assert.match(outcome.message ?? '', new RegExp(`^User: arn:aws:sts::123456789012:assumed-role/ChatStack-StrangerServiceRole[^/]+/ChatStack-Stranger[^ ]+ is not authorized to perform: dynamodb:PutItem on resource: ${table.arn} because no identity-based policy allows the dynamodb:PutItem action$`));
    });

    test('GIVEN a handler calling S3 with no endpoint WHEN it puts an object THEN the SDK throws an error naming S3 and AWS_ENDPOINT_URL_S3', async () => {
      const client = await chat.connect();
      const outcome = await chat.ask<Outcome>(client, { action: 'elsewhere' });
      assert.deepEqual({ ok: outcome.ok, name: outcome.name, status: outcome.status }, { ok: false, name: 'WsgateUnservedServiceException', status: 400 });
      assert.match(outcome.message ?? '', /^wsgate does not serve s3 locally: this PutObject call went to wsgate's endpoint for the AWS services it does not serve \(AWS_ENDPOINT_URL\)\. Set AWS_ENDPOINT_URL_S3 in the function's environment/);
    });
  });
}

describe('DynamoDB IAM in warn mode', { timeout: 120_000 }, () => {
  const warnings: string[] = [];
  const chat = servedChat({ iam: 'warn', warn: (line) => warnings.push(line) });

  test('GIVEN a function whose role has no grant WHEN it puts an item (warn) THEN the put succeeds and one line names the grant AWS would require', async () => {
    const client = await chat.connect();
    const outcome = await chat.ask<Outcome>(client, { action: 'stranger' });
    assert.equal(outcome.ok, true, JSON.stringify(outcome));
    const table = [...chat.gateway().model.tables.values()][0];
    const lines = warnings.filter((l) => l.includes('dynamodb:PutItem'));
    assert.equal(lines.length, 1, warnings.join('\n'));
    assert.match(lines[0], new RegExp(`^\\[wsgate\\] iam warn: AWS would refuse DynamoDB PutItem with 400 AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/[^ ]+ is not authorized to perform: dynamodb:PutItem on resource: ${table.arn} because no identity-based policy allows the dynamodb:PutItem action; grant dynamodb:PutItem on ${table.arn} to role ChatStack/StrangerServiceRole[0-9A-F]{8} \\(table.grantWriteData\\(fn\\) or table.grantReadWriteData\\(fn\\)\\)$`));
    const seen = await chat.ask<Inspection>(client, { action: 'inspect' });
    assert.ok(seen.ids.some((id) => id.startsWith('stranger:')), JSON.stringify(seen.ids));
  });

  test('GIVEN a handler calling S3 WHEN it does so twice THEN the gateway warns once, naming the function and the variable', async () => {
    const client = await chat.connect();
    await chat.ask<Outcome>(client, { action: 'elsewhere' });
    await chat.ask<Outcome>(client, { action: 'elsewhere' });
    const lines = warnings.filter((l) => l.includes(' called s3'));
    assert.equal(lines.length, 1, warnings.join('\n'));
    assert.match(lines[0], /^\[wsgate\] function ChatStack-Elsewhere[^ ]+ called s3 \(PutObject\), which wsgate does not serve; set AWS_ENDPOINT_URL_S3 in its environment to reach an endpoint$/);
  });
});

describe('DynamoDB tables kept on disk', { timeout: 120_000 }, () => {
  test('GIVEN persist and a state directory WHEN the gateway stops and starts again THEN the items are still there; without persist they are not', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'wsgate-ddb-state-'));
    const inspectOnce = async (options: GatewayOptions, note?: string): Promise<string[]> => {
      const gateway = await Gateway.start(assembly, { log: false, stateDir, ...options });
      try {
        const client = await TestClient.connect(gateway.endpoints()[0].url, { timeoutMs: 30_000 });
        client.send(JSON.stringify({ action: 'inspect', ...(note ? { note } : {}) }));
        const { ids } = JSON.parse(await client.next(30_000)) as Inspection;
        client.ws.terminate();
        return ids;
      } finally {
        await gateway.stop();
      }
    };
    // GIVEN a first run that leaves a note
    assert.ok((await inspectOnce({ dynamodb: { persist: true } }, 'kept')).includes('note:kept'));
    // WHEN the gateway starts again on the same state directory
    const again = await inspectOnce({ dynamodb: { persist: true } });
    // THEN the note is there (the connections' items were deleted by $disconnect)
    assert.deepEqual(again.filter((id) => id.startsWith('note:')), ['note:kept']);
    assert.deepEqual(again.filter((id) => !id.includes(':')).length, 1);
    // An in-memory run on the same directory starts empty.
    assert.deepEqual((await inspectOnce({})).filter((id) => id.startsWith('note:')), []);
  });
});
