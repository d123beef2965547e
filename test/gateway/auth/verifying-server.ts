/**
 * Test helper: a loopback HTTP server that captures each request exactly as it arrives (raw URL,
 * headers, body), optionally tampers with it, hands it to a check (a SigV4 verifier, a request
 * authorizer), and answers like the management API: 200 / 200 JSON / 204 when the check passes,
 * else the refusal's status with `x-amzn-ErrorType` and `{"message": ...}`.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authFailureResponse, type AuthFailure } from '../../../src/gateway/auth/auth-errors.js';

/** A request as the server received it. */
export interface CapturedRequest {
  readonly method: string;
  readonly rawUrl: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Uint8Array;
  readonly sourceIp: string;
}

export type CheckResult = { readonly ok: true } | { readonly ok: false; readonly failure: AuthFailure };

export interface VerifyingServer {
  /** `http://127.0.0.1:{port}`. */
  readonly url: string;
  /** Every check made, in order. */
  readonly results: CheckResult[];
  /** Every request received (after tampering), in order. */
  readonly requests: CapturedRequest[];
  /** Changes each later request before it is checked (a man in the middle); undefined stops tampering. */
  tamper(change?: (request: CapturedRequest) => CapturedRequest): void;
  close(): Promise<void>;
}

export async function startVerifyingServer(check: (request: CapturedRequest) => Promise<CheckResult>): Promise<VerifyingServer> {
  const results: CheckResult[] = [];
  const requests: CapturedRequest[] = [];
  let change: ((request: CapturedRequest) => CapturedRequest) | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let request: CapturedRequest = {
        method: req.method ?? 'GET', rawUrl: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks), sourceIp: req.socket.remoteAddress ?? '',
      };
      if (change) request = change(request);
      requests.push(request);
      check(request).then((result) => {
        results.push(result);
        if (!result.ok) {
          const refusal = authFailureResponse(result.failure);
          res.writeHead(refusal.status, refusal.headers).end(refusal.body);
        } else if (request.method === 'GET') {
          res.writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ connectedAt: '2024-01-20T11:54:57.419Z', identity: { sourceIp: '127.0.0.1', userAgent: 'test' }, lastActiveAt: '2024-01-20T11:55:00.453Z' }));
        } else {
          res.writeHead(request.method === 'DELETE' ? 204 : 200).end();
        }
      }, (error: unknown) => res.writeHead(500).end(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    results,
    requests,
    tamper: (c) => { change = c; },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
