import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { Gateway } from '../../../src/gateway/gateway.js';
import { NodeSha256 } from '../../../src/gateway/auth/sigv4-verifier.js';
import { TestClient, eventually, readEvents } from '../support/client.js';
import { buildAuthorizerApp } from '../support/authorizer-fixture.js';

const CALLER = { accessKeyId: 'AKIAWSGATECALLER001', secretAccessKey: 'caller-secret' };

describe('$connect authorizers', { timeout: 90_000 }, () => {
  let gateway: Gateway;
  let eventLog: string;
  const clients: TestClient[] = [];

  before(async () => {
    eventLog = join(mkdtempSync(join(tmpdir(), 'wsgate-events-')), 'events.jsonl');
    gateway = await Gateway.start(buildAuthorizerApp(eventLog), {
      log: false, invocationMode: 'in-process', credentials: [{ ...CALLER, allow: ['execute-api:Invoke'] }],
    });
  });
  after(async () => {
    for (const c of clients) c.ws.terminate();
    await gateway?.stop();
  });

  const urlOf = (apiName: string) => gateway.endpoints().find((e) => e.apiName === apiName)!.url;
  const connect = async (apiName: string, headers: Record<string, string>, query = '') => {
    const client = await TestClient.connect(`${urlOf(apiName)}${query}`, { headers });
    clients.push(client);
    return client;
  };
  const refusal = async (apiName: string, headers: Record<string, string>, query = '') =>
    connect(apiName, headers, query).then(() => ({ status: 101, body: '' }), (e: { status: number; body: string }) => ({ status: e.status, body: e.body }));
  const authorizerEvents = (tag: string) => readEvents(eventLog).filter((e) => e.authorizerEvent?.headers?.['X-Tag'] === tag);

  describe('Lambda REQUEST authorizer', () => {
    test('GIVEN an allowing authorizer WHEN a client connects THEN principalId and context reach $connect, MESSAGE and DISCONNECT events', async () => {
      const tag = randomUUID();
      const client = await connect('LambdaAuth', { Authorization: 'good', 'X-Tag': tag });
      const connectEvent = await eventually(() => readEvents(eventLog).find((e) => e.requestContext?.eventType === 'CONNECT' && e.headers?.['X-Tag'] === tag));
      const { integrationLatency, ...authorizer } = connectEvent.requestContext.authorizer as Record<string, unknown>;
      assert.deepEqual(authorizer, { principalId: 'user-42', tenant: 'acme', level: 3, admin: true });
      assert.equal(typeof integrationLatency, 'number');
      const id = connectEvent.requestContext.connectionId as string;
      client.send('hello');
      assert.equal(await client.next(), 'hello');
      const message = readEvents(eventLog).find((e) => e.requestContext?.eventType === 'MESSAGE' && e.requestContext.connectionId === id);
      assert.deepEqual(message?.requestContext.authorizer, { principalId: 'user-42', tenant: 'acme', level: 3, admin: true });
      client.close();
      const disconnect = await eventually(() => readEvents(eventLog).find((e) => e.requestContext?.eventType === 'DISCONNECT' && e.requestContext.connectionId === id));
      assert.deepEqual(disconnect.requestContext.authorizer, { principalId: 'user-42', tenant: 'acme', level: 3, admin: true });
    });

    test('GIVEN a handshake WHEN the authorizer is called THEN its event is API Gateway\'s REQUEST event', async () => {
      const tag = randomUUID();
      await connect('LambdaAuth', { Authorization: 'good', 'X-Tag': tag });
      const [event] = authorizerEvents(tag).map((e) => e.authorizerEvent);
      const apiId = gateway.endpoints().find((e) => e.apiName === 'LambdaAuth')!.apiId;
      assert.deepEqual(Object.keys(event), ['type', 'methodArn', 'headers', 'multiValueHeaders', 'queryStringParameters', 'multiValueQueryStringParameters', 'stageVariables', 'requestContext']);
      assert.equal(event.type, 'REQUEST');
      assert.equal(event.methodArn, `arn:aws:execute-api:us-east-1:123456789012:${apiId}/dev/$connect`);
      assert.equal(event.headers.Connection, 'Upgrade');
      assert.equal(event.headers.Upgrade, 'websocket');
      assert.deepEqual(event.multiValueHeaders.Authorization, ['good']);
      assert.deepEqual(event.queryStringParameters, {});
      assert.deepEqual(event.multiValueQueryStringParameters, {});
      assert.deepEqual(event.stageVariables, {});
      assert.equal(event.requestContext.routeKey, '$connect');
      assert.equal(event.requestContext.eventType, 'CONNECT');
      assert.equal(event.requestContext.authorizer, undefined);
    });

    test('GIVEN no Authorization header WHEN a client connects THEN 401 and the authorizer is not called', async () => {
      const tag = randomUUID();
      assert.deepEqual(await refusal('LambdaAuth', { 'X-Tag': tag }), { status: 401, body: '{"message":"Unauthorized"}' });
      assert.deepEqual(authorizerEvents(tag), []);
      assert.equal((await refusal('LambdaAuth', { Authorization: '  ', 'X-Tag': tag })).status, 401, 'an empty value counts as missing');
      assert.deepEqual(authorizerEvents(tag), []);
    });

    test('GIVEN a query-string identity source WHEN it is missing THEN 401; WHEN present THEN the authorizer sees the query', async () => {
      const tag = randomUUID();
      assert.equal((await refusal('QueryAuth', { 'X-Tag': tag })).status, 401);
      assert.deepEqual(authorizerEvents(tag), []);
      await connect('QueryAuth', { 'X-Tag': tag }, '?token=good&x=1&x=2');
      const [event] = authorizerEvents(tag).map((e) => e.authorizerEvent);
      assert.deepEqual(event.queryStringParameters, { token: 'good', x: '2' });
      assert.deepEqual(event.multiValueQueryStringParameters, { token: ['good'], x: ['1', '2'] });
    });

    const outcomes: Array<[string, number]> = [
      ['unauthorized', 401], ['deny', 403], ['elsewhere', 403], ['crash', 500], ['malformed', 500], ['nested', 500], ['slow', 500],
    ];
    for (const [token, status] of outcomes) {
      test(`GIVEN the authorizer answers "${token}" WHEN a client connects THEN ${status} and $connect does not run`, async () => {
        const tag = randomUUID();
        assert.equal((await refusal('LambdaAuth', { Authorization: token, 'X-Tag': tag })).status, status);
        assert.equal(authorizerEvents(tag).length, 1, 'the authorizer was called once');
        assert.equal(readEvents(eventLog).find((e) => e.requestContext?.eventType === 'CONNECT' && e.headers?.['X-Tag'] === tag), undefined);
      });
    }
  });

  describe('IAM authorizer', () => {
    const signer = (credentials = CALLER) => new SignatureV4({ service: 'execute-api', region: 'us-east-1', credentials, sha256: NodeSha256 });
    const target = () => new URL(urlOf('IamAuth'));
    const request = (url: URL) => ({
      method: 'GET', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, query: {},
      headers: { host: url.host },
    });

    test('GIVEN a handshake signed in headers WHEN it connects THEN it is allowed and identity carries the caller', async () => {
      const url = target();
      const signed = await signer().sign(request(url));
      const tag = randomUUID();
      await connect('IamAuth', { ...(signed.headers as Record<string, string>), 'X-Tag': tag });
      const event = await eventually(() => readEvents(eventLog).find((e) => e.requestContext?.eventType === 'CONNECT' && e.headers?.['X-Tag'] === tag));
      const identity = event.requestContext.identity as Record<string, string>;
      assert.equal(identity.accessKey, CALLER.accessKeyId);
      assert.equal(identity.accountId, '123456789012');
      assert.equal(identity.sourceIp, '127.0.0.1');
      assert.equal(identity.userArn, `arn:aws:iam::123456789012:user/${CALLER.accessKeyId}`);
      assert.equal(event.requestContext.authorizer, undefined);
    });

    test('GIVEN a presigned URL (what a browser can use) WHEN it connects THEN it is allowed; tampered, it is refused 403', async () => {
      const url = target();
      const presigned = await signer().presign(request(url), { expiresIn: 60 });
      const query = new URLSearchParams(presigned.query as Record<string, string>).toString();
      await connect('IamAuth', {}, `?${query}`);
      const tampered = query.replace(/X-Amz-Signature=([0-9a-f])/, (_m, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`);
      assert.equal((await refusal('IamAuth', {}, `?${tampered}`)).status, 403);
    });

    test('GIVEN no signature, or a wrong secret WHEN a client connects THEN 403', async () => {
      assert.deepEqual(await refusal('IamAuth', {}), { status: 403, body: '{"message":"Missing Authentication Token"}' });
      const signed = await signer({ ...CALLER, secretAccessKey: 'wrong' }).sign(request(target()));
      assert.equal((await refusal('IamAuth', signed.headers as Record<string, string>)).status, 403);
    });
  });
});
