// Tests of the bundling step: project root checks, externals, hooks and SDK warnings.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack } from '../../../src/core/index.js';
import { Architecture, Runtime } from '../../../src/lambda/index.js';
import { Bundling } from '../../../src/lambda-nodejs/private/bundling.js';
import { freshOutdir } from '../../iam/cdk-compare.js';

const ENTRY = fileURLToPath(new URL('../../fixtures/lambda/nodejs/handler.ts', import.meta.url));
const PROJECT = process.cwd();

function props(overrides: Partial<ConstructorParameters<typeof Bundling>[1]> = {}): ConstructorParameters<typeof Bundling>[1] {
  return { entry: ENTRY, runtime: Runtime.NODEJS_22_X, architecture: Architecture.X86_64, depsLockFilePath: join(PROJECT, 'package-lock.json'), projectRoot: PROJECT, ...overrides };
}

function warnings(stack: Stack): string[] {
  return stack.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
}

describe('Bundling', () => {
  test('the entry and the lock file must be under the project root', () => {
    // GIVEN
    const stack = new Stack();
    // THEN
    assert.throws(() => new Bundling(stack, props({ projectRoot: join(PROJECT, 'src') })), /entryPath \(.*\) should be under projectRoot/);
  });

  test('an SDK v2 runtime leaves out aws-sdk and warns; an explicit @aws-sdk external on it warns too', () => {
    // GIVEN
    const stack = new Stack();
    // WHEN
    new Bundling(stack, props({ runtime: Runtime.NODEJS_16_X }));
    new Bundling(stack, props({ runtime: Runtime.NODEJS_16_X, externalModules: ['@aws-sdk/client-s3'] }));
    // THEN
    const w = warnings(stack);
    assert.ok(w.some((m) => m.includes('[ack: aws-cdk-lib/aws-lambda-nodejs:runtimeUpdateSdkV2Breakage]')));
    assert.ok(w.some((m) => m.includes('[ack: @aws-cdk/aws-lambda-nodejs:sdkV3NotInRuntime]')));
  });

  test('runs command hooks around esbuild in the project root', () => {
    // GIVEN
    const app = new App({ outdir: freshOutdir() });
    const stack = new Stack(app, 'TestStack');
    const bundling = new Bundling(stack, props({
      commandHooks: {
        beforeBundling: (_input, output) => [`echo before > "${join(output, 'before.txt')}"`],
        beforeInstall: () => [],
        afterBundling: (_input, output) => [`pwd > "${join(output, 'after.txt')}"`],
      },
    }));
    const outputDir = join(app.outdir, 'manual-bundle');
    mkdirSync(outputDir);
    // WHEN
    const done = bundling.local.tryBundle(outputDir, bundling);
    // THEN
    assert.equal(done, true);
    assert.ok(existsSync(join(outputDir, 'index.js')));
    assert.equal(readFileSync(join(outputDir, 'before.txt'), 'utf8'), 'before\n');
    assert.equal(readFileSync(join(outputDir, 'after.txt'), 'utf8').trim(), PROJECT);
  });

  test('bundle() makes an asset whose hash is that of the output', () => {
    // GIVEN
    const stack = new Stack();
    // WHEN
    const code = Bundling.bundle(stack, props());
    // THEN
    assert.equal(code.path, PROJECT);
    assert.equal(code.isInline, false);
  });
});
