import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketApi, WebSocketStage } from '../../../src/apigatewayv2/index.js';
import { WebSocketLambdaIntegration } from '../../../src/apigatewayv2/integrations/index.js';
import { AttributeType, Table } from '../../../src/dynamodb/index.js';
import * as lambda from '../../../src/lambda/index.js';
import { newStack, templateOf } from '../../support/synth.js';

/** A template file with one table and one API, in a fresh directory. */
function templateFile(): { dir: string; path: string } {
  const { stack } = newStack();
  new Table(stack, 'Items', { partitionKey: { name: 'id', type: AttributeType.STRING } });
  const fn = new lambda.Function(stack, 'Connect', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });') });
  const api = new WebSocketApi(stack, 'Api', { connectRouteOptions: { integration: new WebSocketLambdaIntegration('ConnectIntegration', fn) } });
  new WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev', autoDeploy: true });
  const dir = mkdtempSync(join(tmpdir(), 'wsgate-cli-ddb-'));
  const path = join(dir, 'template.json');
  writeFileSync(path, JSON.stringify(templateOf(stack)));
  return { dir, path };
}

function serve(args: string[]): { output: () => string; exited: Promise<number | null>; kill: () => void } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  return { output: () => out, exited: new Promise((resolve) => child.once('exit', resolve)), kill: () => child.kill('SIGKILL') };
}

async function until(ready: () => boolean, what: () => string): Promise<void> {
  for (let i = 0; i < 300 && !ready(); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(ready(), what());
}

describe('wsgate serve --persist', { timeout: 90_000 }, () => {
  test('GIVEN --persist WHEN serving a template with a table THEN the banner says where the tables are kept, and a second gateway on the same state directory exits 1 saying it is in use', async () => {
    const { dir, path } = templateFile();
    const stateDir = join(dir, 'state');
    const first = serve([path, '--port', '0', '--quiet', '--no-tls', '--state-dir', stateDir, '--persist']);
    try {
      await until(() => /dynamodb /.test(first.output()), () => `no banner in 30 s: ${first.output()}`);
      assert.match(first.output(), new RegExp(`dynamodb 1 table\\(s\\), kept in ${join(stateDir, 'dynamodb').replace(/[/.]/g, '\\$&')}`));
      const second = serve([path, '--port', '0', '--quiet', '--no-tls', '--state-dir', stateDir, '--persist']);
      assert.equal(await second.exited, 1);
      assert.match(second.output(), /wsgate serve: the DynamoDB tables kept in .* cannot be opened: it is in use by another process/);
    } finally {
      first.kill();
    }
  });

  test('GIVEN no --persist WHEN serving a template with a table THEN the banner says the tables are in memory', async () => {
    const { dir, path } = templateFile();
    const child = serve([path, '--port', '0', '--quiet', '--no-tls', '--state-dir', join(dir, 'state')]);
    try {
      await until(() => /dynamodb /.test(child.output()), () => `no banner in 30 s: ${child.output()}`);
      assert.match(child.output(), /dynamodb 1 table\(s\), in memory/);
    } finally {
      child.kill();
    }
  });
});
