// Differential parity: every program in programs/ is synthesized by aws-cdk-lib and by wsgate, and the
// normalized templates, errors and deprecation warnings must be the same.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { firstDifference, normalizeErrorMessage, normalizeTemplate, normalizeWarnings, type Json } from './normalize.js';
import { listPrograms, type ProgramResult, type RunnerOutput } from './run-programs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNNER = join(ROOT, 'test', 'parity', 'run-programs.ts');
const WSGATE_HOOK = pathToFileURL(join(ROOT, 'test', 'parity', 'hooks', 'register-wsgate.ts')).href;
/** Upper bound for one side's whole run; a hung program must not hang the suite. */
const SIDE_TIMEOUT_MS = 120_000;
const MIN_PROGRAMS = 40;

/** What one runner child process left behind. */
interface SideRun {
  readonly label: string;
  readonly output: RunnerOutput;
  /** Set when the child did not finish cleanly: how it ended, with the tail of its stderr. */
  readonly failure?: string;
}

/** Environment for the runner children: nothing that would change how either library synthesizes. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['CDK_OUTDIR', 'CDK_CONTEXT_JSON', 'JSII_DEPRECATED', 'NODE_TEST_CONTEXT', 'NODE_OPTIONS']) {
    delete env[name];
  }
  return env;
}

function tail(text: string, max = 6000): string {
  return text.length > max ? `…${text.slice(-max)}` : text;
}

/** Runs run-programs.ts in a child process, with the given extra `--import` hooks. */
function runSide(label: string, hooks: string[], outfile: string, scratch: string): Promise<SideRun> {
  const args = ['--import', 'tsx', ...hooks.flatMap((hook) => ['--import', hook]), RUNNER, outfile];
  const started = Date.now();
  mkdirSync(scratch, { recursive: true });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...childEnv(), PARITY_TMPDIR: scratch },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: SIDE_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = tail(stderr + chunk, 64_000);
    });
    child.stdout.resume();
    const finish = (how: string | undefined): void => {
      let output: RunnerOutput = {};
      let failure = how;
      if (existsSync(outfile)) {
        try {
          output = JSON.parse(readFileSync(outfile, 'utf8')) as RunnerOutput;
        } catch (error) {
          failure ??= `its output file could not be parsed: ${String(error)}`;
        }
      } else {
        failure ??= 'it wrote no output file';
      }
      if (failure !== undefined) {
        const progress = `${outfile}.progress`;
        const inFlight = existsSync(progress) ? ` while running program '${readFileSync(progress, 'utf8')}'` : '';
        failure = `the ${label} runner ${failure}${inFlight}.\n--- stderr of \`node ${args.join(' ')}\` ---\n${tail(stderr) || '(empty)'}`;
      }
      resolve({ label, output, failure });
    };
    child.on('error', (error) => finish(`could not be started: ${error.message}`));
    child.on('close', (code, signal) => {
      if (signal !== null) {
        const seconds = Math.round((Date.now() - started) / 1000);
        finish(
          Date.now() - started >= SIDE_TIMEOUT_MS - 1000
            ? `was killed after the ${SIDE_TIMEOUT_MS / 1000} s timeout`
            : `was killed by ${signal} after ${seconds} s`,
        );
      } else {
        finish(code === 0 ? undefined : `exited with code ${code}`);
      }
    });
  });
}

/** The result of `program` on one side, or an assertion failure that explains why there is none. */
function resultOf(side: SideRun | undefined, program: string): ProgramResult {
  assert.ok(side !== undefined, 'the runners did not run (the before() hook failed)');
  const result = side.output[program];
  if (result === undefined) {
    assert.fail(`${program}: no result from the ${side.label} side, because ${side.failure ?? 'the runner skipped it'}`);
  }
  return result;
}

function describeError(error: NonNullable<ProgramResult['error']>): string {
  const stack = error.stack?.split('\n').slice(0, 12).join('\n');
  return `${error.name}: ${error.message}${stack ? `\n${stack}` : ''}`;
}

/** Asserts that two JSON values are equal, naming the first differing path in the failure message. */
function assertSameJson(actual: unknown, expected: unknown, what: string): void {
  const difference = firstDifference(actual as Json, expected as Json);
  assert.deepStrictEqual(actual, expected, `${what} differs from aws-cdk-lib at ${difference ?? '(unknown path)'}`);
}

const programs = listPrograms();

describe('parity with aws-cdk-lib 2.276.0', () => {
  let workdir: string;
  let reference: SideRun | undefined;
  let wsgate: SideRun | undefined;

  before(
    async () => {
      workdir = mkdtempSync(join(tmpdir(), 'wsgate-parity-'));
      [reference, wsgate] = await Promise.all([
        runSide('aws-cdk-lib', [], join(workdir, 'aws-cdk-lib.json'), join(workdir, 'aws-cdk-lib.out')),
        runSide('wsgate', [WSGATE_HOOK], join(workdir, 'wsgate.json'), join(workdir, 'wsgate.out')),
      ]);
    },
    { timeout: SIDE_TIMEOUT_MS + 30_000 },
  );

  after(() => {
    if (workdir !== undefined) rmSync(workdir, { recursive: true, force: true });
  });

  test(`there are at least ${MIN_PROGRAMS} reference programs`, () => {
    // GIVEN the programs directory / WHEN it is listed / THEN it holds enough programs
    assert.ok(programs.length >= MIN_PROGRAMS, `only ${programs.length} programs in test/parity/programs`);
  });

  for (const program of programs) {
    test(`${program} synthesizes like aws-cdk-lib`, () => {
      // GIVEN the program, WHEN both libraries synthesize it
      const expected = resultOf(reference, program);
      const actual = resultOf(wsgate, program);

      // THEN both throw the same error …
      if (expected.error !== undefined) {
        assert.ok(
          actual.error !== undefined,
          `${program}: aws-cdk-lib throws ${expected.error.name}: ${expected.error.message}, but wsgate synthesized`,
        );
        assert.deepStrictEqual(
          { name: actual.error.name, message: normalizeErrorMessage(actual.error.message) },
          { name: expected.error.name, message: normalizeErrorMessage(expected.error.message) },
          `${program}: wsgate throws a different error.\n--- wsgate ---\n${describeError(actual.error)}`,
        );
      } else {
        if (actual.error !== undefined) {
          assert.fail(`${program}: aws-cdk-lib synthesizes, but wsgate throws ${describeError(actual.error)}`);
        }
        // … or the same stacks, with equal normalized templates
        const expectedTemplates = expected.templates ?? {};
        const actualTemplates = actual.templates ?? {};
        assert.deepStrictEqual(
          Object.keys(actualTemplates).sort(),
          Object.keys(expectedTemplates).sort(),
          `${program}: the stack artifacts differ`,
        );
        for (const stackId of Object.keys(expectedTemplates)) {
          assertSameJson(
            normalizeTemplate(actualTemplates[stackId] as Json),
            normalizeTemplate(expectedTemplates[stackId] as Json),
            `${program}: template of ${stackId}`,
          );
        }
        assertSameJson(actual.stacks ?? {}, expected.stacks ?? {}, `${program}: manifest stack properties`);
      }

      // … and print the same deprecation warnings
      assert.deepStrictEqual(
        normalizeWarnings(actual.warnings),
        normalizeWarnings(expected.warnings),
        `${program}: deprecation warnings differ`,
      );
    });
  }
});
