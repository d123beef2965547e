import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { get, createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installGatewayNetwork } from '../../../src/gateway/tls/handler-network.js';
import { loadTlsMaterial, type TlsMaterial } from '../../../src/gateway/tls/project-ca.js';

const API_HOST = 'abcde12345.execute-api.us-east-1.amazonaws.com';

function fetchText(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = get(url, { timeout: 5000, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d)).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

describe('the handler network hook', { timeout: 30_000 }, () => {
  let material: TlsMaterial;
  let server: Server;
  let port: number;

  before(async () => {
    material = loadTlsMaterial(mkdtempSync(join(tmpdir(), 'wsgate-ca-')), ['localhost', '127.0.0.1', '*.execute-api.us-east-1.amazonaws.com']);
    server = createServer({ cert: material.cert, key: material.key }, (req, res) => res.end(`${req.headers.host} ${req.url}`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as { port: number }).port;
  });
  after(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));

  test('GIVEN the hook WHEN code calls https://{apiId}.execute-api.{region}.amazonaws.com THEN it reaches the gateway, verified against the project CA, Host kept', async () => {
    const uninstall = installGatewayNetwork({ host: '127.0.0.1', port, hosts: [API_HOST], caCertPath: material.caCertPath });
    try {
      assert.deepEqual(await fetchText(`https://${API_HOST}/dev/@connections/x`), { status: 200, body: `${API_HOST} /dev/@connections/x` });
      assert.deepEqual(await fetchText(`https://127.0.0.1:${port}/direct`), { status: 200, body: `127.0.0.1:${port} /direct` });
    } finally {
      uninstall();
    }
  });

  test('GIVEN no hook WHEN code calls the gateway over TLS THEN the certificate is not trusted (the hook is what trusts the CA)', async () => {
    await assert.rejects(fetchText(`https://127.0.0.1:${port}/direct`), /self[- ]signed|unable to (get|verify)/i);
  });

  test('GIVEN the hook WHEN code calls a host it does not serve THEN the call is not rerouted', async () => {
    const uninstall = installGatewayNetwork({ host: '127.0.0.1', port, hosts: [API_HOST], caCertPath: material.caCertPath });
    try {
      await assert.rejects(fetchText('https://otherapi00.execute-api.us-east-1.amazonaws.com/dev'), /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|timed out/);
    } finally {
      uninstall();
    }
  });
});
