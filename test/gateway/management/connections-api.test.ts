import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiGatewayManagementApiClient, ApiGatewayManagementApiServiceException, DeleteConnectionCommand, ForbiddenException, GetConnectionCommand,
  GoneException, PayloadTooLargeException, PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { Gateway } from '../../../src/gateway/gateway.js';
import { TestClient, eventually, readEvents } from '../support/client.js';
import { buildChatApp, wsgateLibrary } from '../support/chat-fixture.js';

/** A backend's credentials, given to the gateway at start (the SDK signs with them; the gateway verifies). */
const BACKEND = { accessKeyId: 'AKIAWSGATEBACKEND01', secretAccessKey: 'backend-secret-key' };

describe('the @connections management API, through the real AWS SDK client', { timeout: 60_000 }, () => {
  let gateway: Gateway;
  let eventLog: string;
  const clients: TestClient[] = [];
  const sdk = (stage = 'dev') => new ApiGatewayManagementApiClient({
    endpoint: `${gateway.url}/${stage}`, region: 'us-east-1', credentials: BACKEND,
  });

  before(async () => {
    eventLog = join(mkdtempSync(join(tmpdir(), 'wsgate-events-')), 'events.jsonl');
    gateway = await Gateway.start(buildChatApp(await wsgateLibrary(), eventLog), {
      log: false, invocationMode: 'in-process', credentials: [{ ...BACKEND, allow: ['execute-api:ManageConnections'] }],
    });
  });
  after(async () => {
    for (const c of clients) c.ws.terminate();
    await gateway.stop();
  });

  const connect = async () => {
    const tag = randomUUID();
    const client = await TestClient.connect(`${gateway.endpoints()[0].url}?tag=${tag}`, { headers: { 'User-Agent': 'mgmt-test' } });
    clients.push(client);
    const id = (await eventually(() => readEvents(eventLog).find((e) => e.queryStringParameters?.tag === tag))).requestContext.connectionId as string;
    return { client, id };
  };

  test('PostToConnection delivers the data as a text frame (200)', async () => {
    const { client, id } = await connect();
    const out = await sdk().send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.from('hello from the backend') }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.equal(await client.next(), 'hello from the backend');
  });

  test('GetConnection answers ISO-8601 connectedAt / lastActiveAt and the identity', async () => {
    const { id } = await connect();
    const out = await sdk().send(new GetConnectionCommand({ ConnectionId: id }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.ok(out.ConnectedAt instanceof Date && !Number.isNaN(out.ConnectedAt.getTime()));
    assert.ok(out.LastActiveAt instanceof Date && out.LastActiveAt >= out.ConnectedAt);
    assert.deepEqual(out.Identity, { SourceIp: '127.0.0.1', UserAgent: 'mgmt-test' });
  });

  test('DeleteConnection closes (204); $disconnect runs with 1000 "Connection Closed Normally"; then the connection is gone', async () => {
    const { client, id } = await connect();
    const out = await sdk().send(new DeleteConnectionCommand({ ConnectionId: id }));
    assert.equal(out.$metadata.httpStatusCode, 204);
    assert.equal((await client.waitClosed()).code, 1000);
    const d = await eventually(() => readEvents(eventLog).find((e) => e.requestContext?.eventType === 'DISCONNECT' && e.requestContext.connectionId === id));
    assert.equal(d.requestContext.disconnectStatusCode, 1000);
    assert.equal(d.requestContext.disconnectReason, 'Connection Closed Normally');
    await assert.rejects(sdk().send(new GetConnectionCommand({ ConnectionId: id })), (e: unknown) => e instanceof GoneException && (e as GoneException).$metadata.httpStatusCode === 410);
  });

  test('errors are the SDK typed exceptions: Gone (410), PayloadTooLarge (413), Forbidden (403); BadRequest (400) by name (the SDK has no class for it)', async () => {
    const { id } = await connect();
    await assert.rejects(sdk().send(new PostToConnectionCommand({ ConnectionId: 'AAAAAAAAAAAAAAA=', Data: Buffer.from('x') })), (e: unknown) => e instanceof GoneException);
    await assert.rejects(sdk().send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.alloc(128 * 1024 + 1, 97) })), (e: unknown) => e instanceof PayloadTooLargeException);
    await assert.rejects(sdk().send(new PostToConnectionCommand({ ConnectionId: 'not-an-id', Data: Buffer.from('x') })), (e: unknown) => e instanceof ApiGatewayManagementApiServiceException && e.name === 'BadRequestException' && e.$metadata.httpStatusCode === 400);
    await assert.rejects(sdk('nope').send(new GetConnectionCommand({ ConnectionId: id })), (e: unknown) => e instanceof ForbiddenException);
  });
});
