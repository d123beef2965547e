// The chat example's stack is a plain AWS app: `wsgate synth examples/chat/app.ts` writes a cloud
// assembly with nothing wsgate-only in it, whose function bundles carry their own AWS SDK, and which
// the real cdk CLI reads (`cdk ls --app <dir>`).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT } from './chat-process.js';

const RUN_TIMEOUT_MS = 90_000;

interface Completed {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command (stdin ignored, killed after RUN_TIMEOUT_MS) without node:test's or the cdk CLI's inherited settings. */
function run(command: string, args: string[], cwd: string): Promise<Completed> {
  const env: NodeJS.ProcessEnv = { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' };
  for (const name of ['CDK_OUTDIR', 'CDK_CONTEXT_JSON', 'NODE_TEST_CONTEXT', 'NODE_OPTIONS']) delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: RUN_TIMEOUT_MS, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Resource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
}

interface Statement {
  readonly Action: string | string[];
  readonly Effect: string;
}

describe('the chat example synthesized for AWS', { timeout: 180_000 }, () => {
  let outdir: string;
  let template: { Resources: Record<string, Resource>; Outputs?: Record<string, unknown> };
  let synthOutput: string;

  const ofType = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);
  /** The actions the default policy of a function's role allows. */
  const actionsOf = (functionId: string): string[] => {
    const [, policy] = ofType('AWS::IAM::Policy').find(([id]) => id.startsWith(`${functionId}ServiceRoleDefaultPolicy`)) ?? [];
    assert.ok(policy, `no default policy for ${functionId}`);
    const statements = (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    return statements.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action].flat());
  };

  before(async () => {
    // GIVEN `npx wsgate synth examples/chat/app.ts` (bin/wsgate.js is what npx runs)
    outdir = mkdtempSync(join(tmpdir(), 'wsgate-chat-synth-'));
    const result = await run(process.execPath, ['bin/wsgate.js', 'synth', 'examples/chat/app.ts', '--output', outdir], ROOT);
    synthOutput = `${result.stdout}\n${result.stderr}`;
    assert.equal(result.code, 0, `wsgate synth failed:\n${synthOutput}`);
    template = JSON.parse(readFileSync(join(outdir, 'ChatStack.template.json'), 'utf8')) as typeof template;
  });

  after(() => {
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  });

  test('THEN the API has $connect, $disconnect, sendMessage and a two-way whoami on a dev stage, and the table of connections', () => {
    assert.match(synthOutput, /whoami.*two-way/);
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey).sort();
    assert.deepEqual(routes, ['$connect', '$disconnect', 'sendMessage', 'whoami']);
    assert.equal(ofType('AWS::ApiGatewayV2::RouteResponse').length, 1);
    assert.deepEqual(ofType('AWS::ApiGatewayV2::Stage').map(([, r]) => r.Properties.StageName), ['dev']);
    const [[tableId, table]] = ofType('AWS::DynamoDB::Table');
    assert.deepEqual(table.Properties.KeySchema, [{ AttributeName: 'connectionId', KeyType: 'HASH' }]);
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      assert.equal(fn.Properties.Runtime, 'nodejs22.x');
      assert.deepEqual(fn.Properties.Environment, { Variables: { TABLE_NAME: { Ref: tableId } } });
    }
    assert.ok(template.Outputs?.ChatUrl, 'the stage URL is an output');
  });

  test('THEN the functions that broadcast may manage connections and write the table; whoami only reads it', () => {
    for (const id of ['OnConnect', 'OnDisconnect', 'SendMessage']) {
      const actions = actionsOf(id);
      assert.ok(actions.includes('execute-api:ManageConnections'), `${id}: ${actions.join(', ')}`);
      for (const action of ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:Scan']) assert.ok(actions.includes(action), `${id} lacks ${action}`);
    }
    const whoami = actionsOf('Whoami');
    assert.ok(whoami.includes('dynamodb:Scan'));
    assert.ok(!whoami.includes('dynamodb:PutItem') && !whoami.includes('execute-api:ManageConnections'), whoami.join(', '));
  });

  test('THEN nothing in the assembly is wsgate-only: AWS resource types, no wsgate metadata', () => {
    for (const [id, r] of Object.entries(template.Resources)) assert.match(r.Type, /^AWS::/, id);
    for (const file of ['ChatStack.template.json', 'manifest.json', 'ChatStack.assets.json']) {
      assert.doesNotMatch(readFileSync(join(outdir, file), 'utf8'), /wsgate/i, file);
    }
  });

  test('THEN each function bundle loads with no node_modules around it: the AWS SDK is inside', async () => {
    const assets = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
    assert.equal(assets.length, 4);
    const bare = mkdtempSync(join(tmpdir(), 'wsgate-chat-bundle-'));
    try {
      for (const asset of assets) {
        const dir = join(bare, asset);
        cpSync(join(outdir, asset), dir, { recursive: true });
        const result = await run(process.execPath, ['-e', 'process.stdout.write(typeof require("./index.js").handler)'], dir);
        assert.equal(result.stdout, 'function', `${asset}: ${result.stderr}`);
      }
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  test('THEN the real cdk CLI reads the assembly', async () => {
    const result = await run(join(ROOT, 'node_modules', '.bin', 'cdk'), ['ls', '--app', outdir], outdir);
    assert.equal(result.code, 0, `cdk ls failed:\n${result.stdout}\n${result.stderr}`);
    assert.equal(result.stdout.trim(), 'ChatStack');
  });
});
