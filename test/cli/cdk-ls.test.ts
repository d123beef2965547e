// The real cdk CLI accepts a cloud assembly that wsgate synthesized: `cdk ls --app <outdir>` lists its stacks.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SYNTH = join(ROOT, 'test', 'parity', 'synth-program.ts');
const WSGATE_HOOK = pathToFileURL(join(ROOT, 'test', 'parity', 'hooks', 'register-wsgate.ts')).href;
const CDK = join(ROOT, 'node_modules', '.bin', 'cdk');
const TIMEOUT_MS = 60_000;

interface Completed {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command with stdin ignored and a hard timeout, collecting its output. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Completed> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function describeRun(what: string, result: Completed): string {
  const how = result.signal !== null ? `was killed by ${result.signal}` : `exited with code ${result.code}`;
  return `${what} ${how}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`;
}

/** A clean environment: no inherited CDK settings, no version check, telemetry or notices (so no network). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' };
  for (const name of ['CDK_OUTDIR', 'CDK_CONTEXT_JSON', 'NODE_TEST_CONTEXT', 'NODE_OPTIONS']) {
    delete env[name];
  }
  return env;
}

/** Synthesizes the parity program `seed` into `outdir`, with wsgate when `hooks` holds the wsgate hook. */
async function synthSeed(outdir: string, hooks: string[]): Promise<void> {
  const args = ['--import', 'tsx', ...hooks.flatMap((hook) => ['--import', hook]), SYNTH, 'seed', outdir];
  const result = await run(process.execPath, args, ROOT, cleanEnv());
  assert.equal(result.code, 0, describeRun(`synthesizing seed (node ${args.join(' ')})`, result));
}

/** Runs `cdk ls --app <outdir>` from an empty directory, so no cdk.json is picked up. */
async function cdkLs(outdir: string, cwd: string): Promise<string> {
  const result = await run(CDK, ['ls', '--app', outdir, '--no-notices'], cwd, cleanEnv());
  assert.equal(result.code, 0, describeRun(`cdk ls --app ${outdir}`, result));
  return result.stdout;
}

describe('cdk ls --app <cloud assembly>', () => {
  let workdir: string;

  before(() => {
    workdir = mkdtempSync(join(tmpdir(), 'wsgate-cdk-ls-'));
  });

  after(() => {
    if (workdir !== undefined) rmSync(workdir, { recursive: true, force: true });
  });

  test('lists TestStack of the seed program synthesized by aws-cdk-lib (control)', { timeout: 2 * TIMEOUT_MS }, async () => {
    // GIVEN the seed program synthesized by aws-cdk-lib
    const outdir = join(workdir, 'aws-cdk-lib.out');
    await synthSeed(outdir, []);
    // WHEN the cdk CLI lists the assembly
    const stdout = await cdkLs(outdir, workdir);
    // THEN it names the stack
    assert.match(stdout, /^TestStack$/m);
  });

  test('lists TestStack of the seed program synthesized by wsgate', { timeout: 2 * TIMEOUT_MS }, async () => {
    // GIVEN the seed program synthesized by wsgate
    const outdir = join(workdir, 'wsgate.out');
    await synthSeed(outdir, [WSGATE_HOOK]);
    // WHEN the cdk CLI lists the assembly
    const stdout = await cdkLs(outdir, workdir);
    // THEN it names the stack
    assert.match(stdout, /^TestStack$/m);
  });
});
