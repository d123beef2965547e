import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import {
  ApiGatewayManagementApiClient, DeleteConnectionCommand, GetConnectionCommand, PostToConnectionCommand, type ApiGatewayManagementApiServiceException,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256, SigV4Verifier, type SigningSecret } from '../../../src/gateway/auth/sigv4-verifier.js';
import { startVerifyingServer, type CapturedRequest, type VerifyingServer } from './verifying-server.js';

const REGION = 'us-east-1';
/** A connection id as API Gateway makes them: base64, so it ends in '=' and the SDK sends `%3D`. */
const CONNECTION_ID = 'Zq0lpfIyliACGbQ=';
const LONG_TERM = { accessKeyId: 'AKIAWSGATETEST000001', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const TEMPORARY = { accessKeyId: 'ASIAWSGATETEST000002', secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY', sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+abc/def==' };
const KNOWN = new Map<string, SigningSecret>([[LONG_TERM.accessKeyId, LONG_TERM], [TEMPORARY.accessKeyId, TEMPORARY]]);

/** Sends an AWS SDK error's name, status and message, or 'ok'. */
async function outcome(send: Promise<unknown>): Promise<{ name: string; status?: number; message: string }> {
  try {
    await send;
    return { name: 'ok', message: '' };
  } catch (e) {
    const error = e as ApiGatewayManagementApiServiceException;
    return { name: error.name, status: error.$metadata?.httpStatusCode, message: error.message };
  }
}

/** A plain HTTP request (no SDK), answering status, error type and body. */
function rawRequest(url: string, method: string, headers: Record<string, string> = {}): Promise<{ status: number; errorType?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, errorType: res.headers['x-amzn-errortype'] as string | undefined, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('SigV4Verifier: header signatures from the real @aws-sdk/client-apigatewaymanagementapi', { timeout: 60_000 }, () => {
  let server: VerifyingServer;
  const verifier = new SigV4Verifier({ region: REGION, lookup: (id) => KNOWN.get(id) });
  const client = (options: { region?: string; credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }; systemClockOffset?: number; maxAttempts?: number } = {}) =>
    new ApiGatewayManagementApiClient({
      endpoint: `${server.url}/dev`, region: options.region ?? REGION, credentials: options.credentials ?? LONG_TERM,
      maxAttempts: options.maxAttempts ?? 1, systemClockOffset: options.systemClockOffset,
    });

  before(async () => {
    server = await startVerifyingServer(async (r) => {
      const result = await verifier.verify({ method: r.method, rawUrl: r.rawUrl, headers: r.headers, body: r.body });
      return result.ok ? { ok: true } : result;
    });
  });
  after(() => server.close());
  beforeEach(() => server.tamper(undefined));

  test('GIVEN PostToConnection to an id ending in "=" WHEN verified THEN the double-encoded canonical path matches and the request passes', async () => {
    const out = await client().send(new PostToConnectionCommand({ ConnectionId: CONNECTION_ID, Data: Buffer.from('{"hello":"world"}') }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    const seen = server.requests.at(-1)!;
    assert.equal(seen.rawUrl, '/dev/@connections/Zq0lpfIyliACGbQ%3D');
    assert.match(String(seen.headers.authorization), /^AWS4-HMAC-SHA256 Credential=AKIAWSGATETEST000001\/\d{8}\/us-east-1\/execute-api\/aws4_request, SignedHeaders=.*host.*, Signature=[0-9a-f]{64}$/);
  });

  test('GIVEN GetConnection and DeleteConnection WHEN verified THEN both pass', async () => {
    const got = await client().send(new GetConnectionCommand({ ConnectionId: CONNECTION_ID }));
    assert.equal(got.$metadata.httpStatusCode, 200);
    const deleted = await client().send(new DeleteConnectionCommand({ ConnectionId: CONNECTION_ID }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
  });

  test('GIVEN temporary credentials WHEN the request carries the issued session token THEN it passes', async () => {
    const out = await client({ credentials: TEMPORARY }).send(new PostToConnectionCommand({ ConnectionId: CONNECTION_ID, Data: Buffer.from('x') }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.equal(server.requests.at(-1)!.headers['x-amz-security-token'], TEMPORARY.sessionToken);
  });

  test('GIVEN a wrong session token, or none for temporary credentials, WHEN verified THEN UnrecognizedClientException 403', async () => {
    for (const sessionToken of [`${TEMPORARY.sessionToken}x`, undefined]) {
      const r = await outcome(client({ credentials: { ...TEMPORARY, sessionToken } }).send(new GetConnectionCommand({ ConnectionId: CONNECTION_ID })));
      assert.deepEqual(r, { name: 'UnrecognizedClientException', status: 403, message: 'The security token included in the request is invalid.' });
    }
  });

  test('GIVEN an unknown access key id WHEN verified THEN UnrecognizedClientException 403', async () => {
    const r = await outcome(client({ credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' } }).send(new GetConnectionCommand({ ConnectionId: CONNECTION_ID })));
    assert.deepEqual(r, { name: 'UnrecognizedClientException', status: 403, message: 'The security token included in the request is invalid.' });
  });

  test('GIVEN the wrong secret WHEN verified THEN InvalidSignatureException 403 with the canonical string AWS expected', async () => {
    const r = await outcome(client({ credentials: { ...LONG_TERM, secretAccessKey: 'not-the-secret' } }).send(new PostToConnectionCommand({ ConnectionId: CONNECTION_ID, Data: Buffer.from('x') })));
    assert.equal(r.name, 'InvalidSignatureException');
    assert.equal(r.status, 403);
    assert.ok(r.message.startsWith('The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'));
    assert.match(r.message, /The Canonical String for this request should have been\n'POST\n\/dev\/%40connections\/Zq0lpfIyliACGbQ%253D\n/);
    assert.match(r.message, /The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/us-east-1\/execute-api\/aws4_request\n[0-9a-f]{64}'/);
  });

  const mismatch = async (change: (r: CapturedRequest) => CapturedRequest) => {
    server.tamper(change);
    const r = await outcome(client().send(new PostToConnectionCommand({ ConnectionId: CONNECTION_ID, Data: Buffer.from('original body') })));
    return { name: r.name, status: r.status, mismatch: r.message.startsWith('The request signature we calculated does not match') };
  };

  test('GIVEN a tampered path (another connection id) WHEN verified THEN the signature does not match', async () => {
    assert.deepEqual(await mismatch((r) => ({ ...r, rawUrl: r.rawUrl.replace('Zq0l', 'AAAA') })), { name: 'InvalidSignatureException', status: 403, mismatch: true });
  });

  test('GIVEN a tampered body WHEN verified THEN the signature does not match (the body is hashed, not the declared x-amz-content-sha256 trusted)', async () => {
    assert.deepEqual(await mismatch((r) => ({ ...r, body: Buffer.from('forged body!!') })), { name: 'InvalidSignatureException', status: 403, mismatch: true });
  });

  test('GIVEN a tampered signed header WHEN verified THEN the signature does not match; an unsigned header may change', async () => {
    assert.deepEqual(await mismatch((r) => ({ ...r, headers: { ...r.headers, 'content-type': 'text/plain' } })), { name: 'InvalidSignatureException', status: 403, mismatch: true });
    server.tamper((r) => ({ ...r, headers: { ...r.headers, 'user-agent': 'someone else' } }));
    assert.equal((await outcome(client().send(new PostToConnectionCommand({ ConnectionId: CONNECTION_ID, Data: Buffer.from('x') })))).name, 'ok');
  });

  test('GIVEN a request signed 10 minutes in the past WHEN verified THEN "Signature expired" (5 min. window)', async () => {
    const r = await outcome(client({ systemClockOffset: -10 * 60_000 }).send(new GetConnectionCommand({ ConnectionId: CONNECTION_ID })));
    assert.equal(r.name, 'InvalidSignatureException');
    assert.equal(r.status, 403);
    assert.match(r.message, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
  });

  test('GIVEN a request signed 10 minutes in the future WHEN verified THEN "Signature not yet current"', async () => {
    const r = await outcome(client({ systemClockOffset: 10 * 60_000 }).send(new GetConnectionCommand({ ConnectionId: CONNECTION_ID })));
    assert.equal(r.name, 'InvalidSignatureException');
    assert.match(r.message, /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)$/);
  });

  test('GIVEN a skewed client clock and the SDK default retries WHEN refused THEN the SDK corrects its clock from the Date header and the retry passes', async () => {
    const before = server.results.length;
    const out = await client({ systemClockOffset: -10 * 60_000, maxAttempts: 3 }).send(new GetConnectionCommand({ ConnectionId: CONNECTION_ID }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    const attempts = server.results.slice(before);
    assert.equal(attempts.length, 2);
    assert.match(attempts[0].ok ? '' : attempts[0].failure.message, /^Signature expired/);
    assert.equal(attempts[1].ok, true);
  });

  test('GIVEN a client signing for another region WHEN verified THEN InvalidSignatureException naming the region', async () => {
    const r = await outcome(client({ region: 'eu-west-1' }).send(new GetConnectionCommand({ ConnectionId: CONNECTION_ID })));
    assert.deepEqual(r, { name: 'InvalidSignatureException', status: 403, message: "Credential should be scoped to a valid region, not 'eu-west-1'. " });
  });

  test('GIVEN no signature at all WHEN verified THEN 403 MissingAuthenticationTokenException "Missing Authentication Token"', async () => {
    const r = await rawRequest(`${server.url}/dev/@connections/abc`, 'GET');
    assert.deepEqual(r, { status: 403, errorType: 'MissingAuthenticationTokenException', body: '{"message":"Missing Authentication Token"}' });
  });

  test('GIVEN an Authorization header that is not SigV4 WHEN verified THEN 403 IncompleteSignatureException', async () => {
    const bearer = await rawRequest(`${server.url}/dev/@connections/abc`, 'GET', { Authorization: 'Bearer abc.def' });
    assert.equal(bearer.status, 403);
    assert.equal(bearer.errorType, 'IncompleteSignatureException');
    assert.equal(JSON.parse(bearer.body).message, "'abc.def' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer abc.def'.");
    const partial = await rawRequest(`${server.url}/dev/@connections/abc`, 'GET', { Authorization: 'AWS4-HMAC-SHA256 Credential=AKIAWSGATETEST000001/20240101/us-east-1/execute-api/aws4_request' });
    assert.equal(JSON.parse(partial.body).message,
      "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 Credential=AKIAWSGATETEST000001/20240101/us-east-1/execute-api/aws4_request");
  });
});

describe('SigV4Verifier: presigned URLs (query form), as a browser signs a WebSocket handshake', { timeout: 30_000 }, () => {
  let server: VerifyingServer;
  let now = new Date();
  const verifier = new SigV4Verifier({ region: REGION, lookup: (id) => KNOWN.get(id), clock: () => now });

  before(async () => {
    server = await startVerifyingServer(async (r) => {
      // The handshake's body is not read: the caller passes UNSIGNED-PAYLOAD.
      const result = await verifier.verify({ method: r.method, rawUrl: r.rawUrl, headers: r.headers, body: 'UNSIGNED-PAYLOAD' });
      return result.ok ? { ok: true } : result;
    });
  });
  after(() => server.close());
  beforeEach(() => { now = new Date(); server.tamper(undefined); });

  /** Presigns GET /dev?room=… with `SignatureV4.presign` and returns the URL a client would open. */
  const presign = async (options: { credentials?: typeof TEMPORARY | typeof LONG_TERM; signingDate?: Date; expiresIn?: number } = {}) => {
    const host = new URL(server.url).host;
    const signer = new SignatureV4({ service: 'execute-api', region: REGION, credentials: options.credentials ?? TEMPORARY, sha256: NodeSha256 });
    const signed = await signer.presign(
      { method: 'GET', protocol: 'http:', hostname: host, path: '/dev', query: { room: 'lobby & friends', user: 'ann@example.com' }, headers: { host } },
      { signingDate: options.signingDate, expiresIn: options.expiresIn ?? 60 },
    );
    const query = Object.entries(signed.query ?? {}).map(([k, v]) => `${rfc3986(k)}=${rfc3986(String(v))}`).join('&');
    return `${server.url}${signed.path}?${query}`;
  };

  const failure = () => { const last = server.results.at(-1)!; return last.ok ? undefined : last.failure; };

  test('GIVEN a presigned URL with a session token WHEN opened THEN it passes', async () => {
    const url = await presign();
    assert.match(url, /X-Amz-Security-Token=[^&]*%2B|X-Amz-Security-Token=[^&]*%2F/);
    assert.equal((await rawRequest(url, 'GET')).status, 200);
  });

  test('GIVEN a presigned URL whose query was changed WHEN opened THEN the signature does not match', async () => {
    const url = (await presign()).replace('room=lobby', 'room=admin');
    assert.equal((await rawRequest(url, 'GET')).status, 403);
    assert.equal(failure()?.errorType, 'InvalidSignatureException');
    assert.ok(failure()?.message.startsWith('The request signature we calculated does not match'));
  });

  test('GIVEN a presigned URL past its X-Amz-Expires WHEN opened THEN "Signature expired" with the expiry', async () => {
    const url = await presign({ signingDate: new Date(Date.now() - 120_000), expiresIn: 60 });
    assert.equal((await rawRequest(url, 'GET')).status, 403);
    assert.equal(failure()?.errorType, 'InvalidSignatureException');
    assert.match(failure()!.message, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 60 sec\.\)$/);
  });

  test('GIVEN a presigned URL WHEN the gateway clock is within X-Amz-Expires THEN it passes; one second after, it is refused', async () => {
    const signingDate = new Date(Math.floor(Date.now() / 1000) * 1000);
    const url = await presign({ signingDate, expiresIn: 300 });
    now = new Date(signingDate.getTime() + 300_000);
    assert.equal((await rawRequest(url, 'GET')).status, 200);
    now = new Date(signingDate.getTime() + 301_000);
    assert.equal((await rawRequest(url, 'GET')).status, 403);
  });

  test('GIVEN a presigned URL with another session token WHEN opened THEN UnrecognizedClientException', async () => {
    const url = await presign({ credentials: { ...TEMPORARY, sessionToken: 'forged-token' } });
    assert.equal((await rawRequest(url, 'GET')).status, 403);
    assert.deepEqual(failure(), { code: 'WSGATE_ERR_AUTH_INVALID_TOKEN', status: 403, errorType: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' });
  });

  test('GIVEN a presigned URL without X-Amz-Signature WHEN opened THEN IncompleteSignatureException naming the parameter', async () => {
    const url = (await presign()).replace(/&?X-Amz-Signature=[0-9a-f]+/, '');
    assert.equal((await rawRequest(url, 'GET')).status, 403);
    assert.equal(failure()?.errorType, 'IncompleteSignatureException');
    assert.equal(failure()?.message, "AWS query-string parameters must include 'X-Amz-Signature'. Re-examine the query-string parameters.");
  });

  test('GIVEN a presigned URL valid for more than a week WHEN opened THEN refused', async () => {
    const url = (await presign()).replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=604801');
    assert.equal((await rawRequest(url, 'GET')).status, 403);
    assert.equal(failure()?.message, 'X-Amz-Expires must be less than a week (in seconds) that is 604800');
  });
});

/** RFC 3986 encoding, as the SDK builds query strings. */
function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
