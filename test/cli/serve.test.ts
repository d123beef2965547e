import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiGatewayManagementApiClient, ForbiddenException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { TestClient } from '../gateway/support/client.js';

const TEMPLATE = {
  Resources: {
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'cli', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' } },
    Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: 'prod' } },
    Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: 'exports.handler = async (e) => ({ body: "pong:" + e.body })' } } },
    Integ: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations' } } },
    Route: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Api' }, RouteKey: '$default', Target: { 'Fn::Sub': 'integrations/${Integ}' }, RouteResponseSelectionExpression: '$default' } },
    Response: { Type: 'AWS::ApiGatewayV2::RouteResponse', Properties: { ApiId: { Ref: 'Api' }, RouteId: { Ref: 'Route' }, RouteResponseKey: '$default' } },
  },
};

describe('wsgate serve', { timeout: 60_000 }, () => {
  test('serves a template file, answers, and on SIGTERM closes clients with 1001 and exits 0', async () => {
    // GIVEN a template file
    const dir = mkdtempSync(join(tmpdir(), 'wsgate-cli-'));
    const path = join(dir, 'template.json');
    writeFileSync(path, JSON.stringify(TEMPLATE));
    // WHEN wsgate serve runs on a free port
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', path, '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner in 30 s: ${out}`)), 30_000);
        child.stdout.on('data', () => {
          const m = /(ws:\/\/127\.0\.0\.1:\d+\/prod)/.exec(out);
          if (m) { clearTimeout(timer); resolve(m[1]); }
        });
      });
      // THEN it answers, and SIGTERM shuts it down gracefully
      const client = await TestClient.connect(url);
      client.send('ping');
      assert.equal(await client.next(), 'pong:ping');
      child.kill('SIGTERM');
      assert.equal((await client.waitClosed()).code, 1001);
      assert.equal(await exited, 0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('a template it cannot serve fails with exit code 1 and names the resource', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsgate-cli-'));
    const path = join(dir, 'bad.json');
    const bad = structuredClone(TEMPLATE) as { Resources: Record<string, { Properties: Record<string, unknown> }> };
    bad.Resources.Fn.Properties.Runtime = 'python3.12';
    writeFileSync(path, JSON.stringify(bad));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', path, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 1);
    assert.match(err, /bad\/Fn \(Runtime\): runtime 'python3.12' is not served/);
  });

  test('GIVEN --credentials WHEN a script signs with them THEN it may post, and the banner names the @connections URL, the IAM mode and the CA', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsgate-cli-'));
    const path = join(dir, 'template.json');
    writeFileSync(path, JSON.stringify(TEMPLATE));
    const key = { accessKeyId: 'AKIAWSGATECLITEST01', secretAccessKey: 'cli/secret+key' };
    const child = spawn(process.execPath, [
      '--import', 'tsx', 'src/cli/main.ts', 'serve', path, '--port', '0', '--quiet', '--state-dir', join(dir, 'state'),
      '--credentials', `${key.accessKeyId}:${key.secretAccessKey}=execute-api:ManageConnections`,
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner in 30 s: ${out}`)), 30_000);
        child.stdout.on('data', () => { if (/CA /.test(out)) { clearTimeout(timer); resolve(); } });
      });
      const management = /@connections {2}(http\S+)\/@connections\/\{connectionId\}/.exec(out)?.[1];
      assert.ok(management?.startsWith('https://127.0.0.1:'), out);
      assert.match(out, /iam {6}enforce/);
      assert.match(out, new RegExp(`CA {7}${join(dir, 'state', 'ca', 'ca-cert.pem').replace(/[/.]/g, '\\$&')}`));
      const plain = management!.replace('https://', 'http://');
      const client = await TestClient.connect(`${plain.replace('http://', 'ws://')}`);
      client.send('ping');
      assert.equal(await client.next(), 'pong:ping');
      // A made-up connection id: the signature and IAM pass, then 410 (no such connection); a wrong secret: 403.
      const sdk = (credentials: typeof key) => new ApiGatewayManagementApiClient({ endpoint: plain, region: 'us-east-1', credentials });
      const gone = await sdk(key).send(new PostToConnectionCommand({ ConnectionId: 'AAAAAAAAAAAAAAA=', Data: Buffer.from('x') })).catch((e: Error) => e.name);
      assert.equal(gone, 'GoneException', 'allowed by IAM, then gone');
      const refused = await sdk({ ...key, secretAccessKey: 'wrong' }).send(new PostToConnectionCommand({ ConnectionId: 'AAAAAAAAAAAAAAA=', Data: Buffer.from('x') })).catch((e: unknown) => e);
      assert.ok(refused instanceof ForbiddenException);
      client.close();
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('an unknown --iam mode exits 2 with a hint', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--iam', 'strict'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    assert.equal(await new Promise((resolve) => child.once('exit', resolve)), 2);
    assert.match(err, /--iam must be one of enforce, warn, off, got 'strict'/);
  });

  test('bad usage exits 2 with a hint', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', 'x'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    assert.equal(await new Promise((resolve) => child.once('exit', resolve)), 2);
    assert.match(err, /--port must be a number/);
  });
});
