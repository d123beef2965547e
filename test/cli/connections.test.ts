import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TestClient } from '../gateway/support/client.js';

const KEY = { accessKeyId: 'AKIAWSGATECONNCLI01', secretAccessKey: 'conn/cli+secret' };
const CREDENTIALS = `${KEY.accessKeyId}:${KEY.secretAccessKey}`;

const TEMPLATE = {
  Resources: {
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'poked', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' } },
    Dev: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: 'dev' } },
    Prod: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: 'prod' } },
  },
};

interface Run { readonly code: number | null; readonly out: string; readonly err: string }

/** Runs `wsgate` for real, with a clean environment (no AWS_* or WSGATE_* from the caller) plus `env`. */
function wsgate(args: string[], options: { env?: Record<string, string>; cwd?: string; stdin?: string } = {}): Promise<Run> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(AWS_|WSGATE_)/.test(k)) env[k] = v;
  const child = spawn(process.execPath, ['--conditions=wsgate-source', '--import', import.meta.resolve('tsx'), resolve('src/cli/main.ts'), ...args], {
    cwd: options.cwd ?? mkdtempSync(join(tmpdir(), 'wsgate-conn-cwd-')), env: { ...env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  child.stdin.end(options.stdin ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((done) => child.once('exit', (code) => {
    clearTimeout(timer);
    done({ code, out, err });
  }));
}

describe('wsgate connections against a running wsgate serve', { timeout: 180_000 }, () => {
  let server: ChildProcess;
  let serverExit: Promise<unknown>;
  let base: string;
  let stateDir: string;
  let alice: TestClient;
  let bob: TestClient;
  let ids: { alice: string; bob: string };

  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsgate-conn-'));
    stateDir = join(dir, 'state');
    writeFileSync(join(dir, 'template.json'), JSON.stringify(TEMPLATE));
    server = spawn(process.execPath, [
      '--import', 'tsx', 'src/cli/main.ts', 'serve', join(dir, 'template.json'), '--port', '0', '--quiet', '--state-dir', stateDir,
      '--credentials', `${CREDENTIALS}=execute-api:ManageConnections`,
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    serverExit = new Promise((r) => server.once('exit', r));
    let banner = '';
    server.stderr!.on('data', (d: Buffer) => { banner += d.toString(); });
    base = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no banner in 30 s: ${banner}`)), 30_000);
      server.stdout!.on('data', (d: Buffer) => {
        banner += d.toString();
        const m = /metrics {2}(http:\/\/127\.0\.0\.1:\d+)\/metrics/.exec(banner);
        if (m && /CA /.test(banner)) { clearTimeout(timer); done(m[1]); }
      });
    });
    alice = await TestClient.connect(`${base.replace('http', 'ws')}/dev`, { headers: { 'User-Agent': 'cli-test/alice' } });
    bob = await TestClient.connect(`${base.replace('http', 'ws')}/prod`, { headers: { 'User-Agent': 'cli-test/bob' } });
    const listed = await wsgate(['connections', 'list', '--json', '--url', base, '--credentials', CREDENTIALS]);
    assert.equal(listed.code, 0, listed.err);
    const records = JSON.parse(listed.out) as { connectionId: string; identity: { userAgent: string } }[];
    const id = (ua: string) => records.find((r) => r.identity.userAgent === ua)!.connectionId;
    ids = { alice: id('cli-test/alice'), bob: id('cli-test/bob') };
  });
  after(async () => {
    alice?.ws.terminate();
    bob?.ws.terminate();
    server?.kill('SIGTERM');
    await serverExit;
  });

  test('GIVEN a stage URL WHEN list THEN a table of that stage\'s connections (the root URL and --json found both, before)', async () => {
    const run = await wsgate(['connections', 'list', '--url', `${base}/dev`, '--credentials', CREDENTIALS]);
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /^CONNECTION ID +STAGE +CONNECTED +LAST ACTIVE +SOURCE IP +USER AGENT\n/);
    assert.match(run.out, new RegExp(`\\n${ids.alice.replace(/[-=]/g, '\\$&')}  dev {4}\\d{4}-\\d\\d-\\d\\dT[^ ]+Z  \\S+Z  127\\.0\\.0\\.1  cli-test/alice\\n1 connection\\(s\\)\\n$`));
    assert.doesNotMatch(run.out, /cli-test\/bob/);
  });

  test('GIVEN the gateway\'s root URL (no stage) WHEN get THEN the listing finds the connection\'s stage and GetConnection answers', async () => {
    const run = await wsgate(['connections', 'get', ids.bob, '--url', base, '--credentials', CREDENTIALS]);
    assert.equal(run.code, 0, run.err);
    const described = JSON.parse(run.out) as { connectedAt: string; lastActiveAt: string; identity: { sourceIp: string; userAgent: string } };
    assert.deepEqual(described.identity, { sourceIp: '127.0.0.1', userAgent: 'cli-test/bob' });
    assert.ok(!Number.isNaN(Date.parse(described.connectedAt)));
  });

  test('GIVEN WSGATE_URL (the banner\'s ws:// URL) and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY WHEN post THEN the client receives the data; DATA "-" reads standard input', async () => {
    const env = { WSGATE_URL: `${base.replace('http', 'ws')}/dev`, AWS_ACCESS_KEY_ID: KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: KEY.secretAccessKey };
    const run = await wsgate(['connections', 'post', ids.alice, '{"type":"notice"}'], { env });
    assert.equal(run.code, 0, run.err);
    assert.equal(run.out, `sent 17 byte(s) to ${ids.alice}\n`);
    assert.equal(await alice.next(), '{"type":"notice"}');
    const piped = await wsgate(['connections', 'post', ids.alice, '-'], { env, stdin: 'from stdin\n' });
    assert.equal(piped.code, 0, piped.err);
    assert.equal(await alice.next(), 'from stdin\n');
  });

  test('GIVEN an https:// URL WHEN --ca names the project CA, or the state directory holds it THEN the call is verified; WHEN no CA is known THEN exit 1 saying how to trust it', async () => {
    const https = `${base.replace('http', 'https')}/prod`;
    const withCa = await wsgate(['connections', 'list', '--url', https, '--credentials', CREDENTIALS, '--ca', join(stateDir, 'ca', 'ca-cert.pem')]);
    assert.equal(withCa.code, 0, withCa.err);
    assert.match(withCa.out, /cli-test\/bob/);
    const fromStateDir = await wsgate(['connections', 'list', '--url', https, '--credentials', CREDENTIALS], { env: { WSGATE_STATE_DIR: stateDir } });
    assert.equal(fromStateDir.code, 0, fromStateDir.err);
    const untrusted = await wsgate(['connections', 'list', '--url', https, '--credentials', CREDENTIALS]);
    assert.equal(untrusted.code, 1);
    assert.match(untrusted.err, /cannot verify the gateway's certificate at https:\/\/127\.0\.0\.1:\d+ \(\w+\)\. Pass its CA with --ca .*or use the http:\/\/ URL\./);
  });

  test('GIVEN calls the gateway refuses THEN exit 1, and the message says what to do', async () => {
    const url = `${base}/dev`;
    const [unsigned, wrongSecret, unknownKey, otherRegion] = await Promise.all([
      wsgate(['connections', 'list', '--url', url]),
      wsgate(['connections', 'list', '--url', url, '--credentials', `${KEY.accessKeyId}:wrong`]),
      wsgate(['connections', 'list', '--url', url, '--credentials', 'AKIAUNKNOWNKEY00001:secret']),
      wsgate(['connections', 'list', '--url', url, '--credentials', CREDENTIALS, '--region', 'eu-west-1']),
    ]);
    for (const run of [unsigned, wrongSecret, unknownKey, otherRegion]) assert.equal(run.code, 1, run.err);
    assert.match(unsigned.err, /^wsgate connections: the gateway wants signed calls \(.*Missing Authentication Token\)\. Pass credentials it knows: --credentials AKID:SECRET/);
    assert.match(wrongSecret.err, /the secret of AKIAWSGATECONNCLI01 is not the one the gateway knows .*Pass the right one with --credentials/);
    assert.match(unknownKey.err, /the gateway does not know the access key AKIAUNKNOWNKEY00001 .*Start it with --credentials AKIAUNKNOWNKEY00001:SECRET/);
    assert.match(otherRegion.err, /the gateway runs in another region \(.*not 'eu-west-1'.*\)\. Pass its region with --region or WSGATE_REGION\./);
  });

  test('GIVEN a wsgate.config.json with the port and the credentials WHEN list runs without flags THEN it finds the gateway and signs', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'wsgate-conn-config-'));
    writeFileSync(join(cwd, 'wsgate.config.json'), JSON.stringify({ port: Number(new URL(base).port), credentials: [`${CREDENTIALS}=execute-api:ManageConnections`] }));
    const run = await wsgate(['connections', 'list'], { cwd });
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /2 connection\(s\)\n$/);
  });

  test('GIVEN delete THEN the client is closed with 1000; a second get exits 1: the connection is gone', async () => {
    const run = await wsgate(['connections', 'delete', ids.alice, '--url', `${base}/dev`, '--credentials', CREDENTIALS]);
    assert.equal(run.code, 0, run.err);
    assert.equal(run.out, `closed ${ids.alice}\n`);
    assert.equal((await alice.waitClosed()).code, 1000);
    const gone = await wsgate(['connections', 'get', ids.alice, '--url', `${base}/dev`, '--credentials', CREDENTIALS]);
    assert.equal(gone.code, 1);
    assert.match(gone.err, /connection .* is gone \(410 GoneException\): it closed, or never existed on this stage\. Run 'wsgate connections list' to see the connections\./);
    const unknownViaRoot = await wsgate(['connections', 'get', ids.alice, '--url', base, '--credentials', CREDENTIALS]);
    assert.equal(unknownViaRoot.code, 1);
    assert.match(unknownViaRoot.err, /no connection .* on the gateway at http:\/\/127\.0\.0\.1:\d+: it closed, or the id is wrong/);
  });
});

describe('wsgate connections: usage and unreachable gateways', { timeout: 60_000 }, () => {
  test('GIVEN bad usage THEN exit 2 with what is wrong and the hint to --help', async () => {
    const runs = await Promise.all([
      wsgate(['connections']),
      wsgate(['connections', 'kick', 'x']),
      wsgate(['connections', 'post', 'only-an-id']),
      wsgate(['connections', 'list', 'extra']),
      wsgate(['connections', 'list', '--url', 'not a url']),
    ]);
    for (const run of runs) {
      assert.equal(run.code, 2, run.err);
      assert.match(run.err, /Run 'wsgate connections --help'\.\n$/);
    }
    assert.match(runs[0].err, /needs an action: list, get, post, delete/);
    assert.match(runs[1].err, /unknown action 'kick': the actions are list, get, post, delete/);
    assert.match(runs[2].err, /post needs a connection id and the data/);
    assert.match(runs[3].err, /list takes no argument, got 'extra'/);
    assert.match(runs[4].err, /--url must be a URL such as http:\/\/127\.0\.0\.1:8080\/dev, got 'not a url'/);
  });

  test('GIVEN no gateway at the URL THEN exit 1 saying to start one or point to it', async () => {
    const run = await wsgate(['connections', 'list'], { env: { WSGATE_PORT: '9' } });
    assert.equal(run.code, 1);
    assert.match(run.err, /^wsgate connections: no gateway answers at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)\. Start one with 'wsgate serve', or point to it with --url or WSGATE_URL\.\n$/);
  });
});
