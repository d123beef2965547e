import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTlsMaterial } from '../../../src/gateway/tls/project-ca.js';

const NAMES = ['localhost', '127.0.0.1', '*.execute-api.us-east-1.amazonaws.com'];

describe('the project CA', () => {
  test('GIVEN an empty state directory WHEN TLS material is loaded THEN a CA and a server certificate it signed for the names exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsgate-ca-'));
    const material = loadTlsMaterial(dir, NAMES);
    const ca = new X509Certificate(material.caCert);
    const server = new X509Certificate(material.cert);
    assert.equal(ca.ca, true);
    assert.equal(server.ca, false);
    assert.ok(server.verify(ca.publicKey), 'the server certificate is signed by the CA');
    assert.equal(server.checkHost('localhost'), 'localhost');
    assert.equal(server.checkHost('abc123defg.execute-api.us-east-1.amazonaws.com'), '*.execute-api.us-east-1.amazonaws.com');
    assert.equal(server.checkHost('abc.execute-api.eu-west-1.amazonaws.com'), undefined);
    assert.equal(server.checkIP('127.0.0.1'), '127.0.0.1');
    assert.equal(readFileSync(material.caCertPath, 'utf8'), material.caCert);
    assert.doesNotMatch(readFileSync(material.caCertPath, 'utf8'), /PRIVATE KEY/);
  });

  test('GIVEN a CA on disk WHEN loaded again, even for other names THEN the same CA signs, and a certificate is reused for the same names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsgate-ca-'));
    const first = loadTlsMaterial(dir, NAMES);
    const again = loadTlsMaterial(dir, [...NAMES].reverse());
    const other = loadTlsMaterial(dir, ['localhost', 'gateway.internal']);
    assert.equal(again.caCert, first.caCert);
    assert.equal(again.cert, first.cert);
    assert.equal(other.caCert, first.caCert);
    assert.notEqual(other.cert, first.cert);
    assert.equal(new X509Certificate(other.cert).checkHost('gateway.internal'), 'gateway.internal');
    assert.deepEqual(readdirSync(join(dir, 'ca')).filter((f) => f.endsWith('.tmp') || f.startsWith('.')), [], 'no temporary files left behind');
  });
});
