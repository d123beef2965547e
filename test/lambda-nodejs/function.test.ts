// Tests of NodejsFunction: the bundle and template equal aws-cdk-lib's; defaults, entry lookup and metadata.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack } from '../../src/core/index.js';
import { Runtime } from '../../src/lambda/index.js';
import { NodejsFunction, OutputFormat, SourceMapMode } from '../../src/lambda-nodejs/index.js';
import { freshOutdir, synthBoth } from '../iam/cdk-compare.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/lambda/nodejs', import.meta.url));
const ENTRY = join(FIXTURES, 'handler.ts');

type Template = { Resources: Record<string, { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> }> };

function functions(template: unknown): Array<{ Properties: Record<string, unknown>; Metadata?: Record<string, unknown> }> {
  return Object.values((template as Template).Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
}

function newStack(context?: Record<string, unknown>): { app: App; stack: Stack } {
  const app = new App({ outdir: freshOutdir(), context });
  return { app, stack: new Stack(app, 'TestStack') };
}

describe('NodejsFunction', () => {
  test('bundles to the same asset (S3 key) and template as aws-cdk-lib', () => {
    // GIVEN / WHEN
    const { expected, actual } = synthBoth(({ lambda, nodejs }, stack) => {
      new nodejs.NodejsFunction(stack, 'Defaults', { entry: ENTRY });
      new nodejs.NodejsFunction(stack, 'Options', {
        entry: ENTRY,
        runtime: lambda.Runtime.NODEJS_20_X,
        bundling: {
          minify: true,
          sourceMap: true,
          sourceMapMode: nodejs.SourceMapMode.INLINE,
          keepNames: true,
          define: { 'process.env.STAGE': '"test"' },
          banner: '/* banner */',
          footer: '/* footer */',
          externalModules: ['left-out'],
          mainFields: ['module', 'main'],
          esbuildArgs: { '--log-limit': '0', '--legal-comments': 'none' },
        },
      });
      new nodejs.NodejsFunction(stack, 'Esm', { entry: join(FIXTURES, 'plain.js'), runtime: lambda.Runtime.NODEJS_22_X, bundling: { format: nodejs.OutputFormat.ESM, target: 'es2022' } });
    });
    // THEN
    assert.deepEqual(actual, expected);
  });

  test('defaults: NODEJS_16_X, handler index.handler, SDK connection reuse, DependsOn its role', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    const fn = new NodejsFunction(stack, 'Fn', { entry: ENTRY });
    // THEN
    const [resource] = functions(app.synth().getStackArtifact('TestStack').template);
    assert.equal(fn.runtime, Runtime.NODEJS_16_X);
    assert.equal(resource.Properties.Handler, 'index.handler');
    assert.deepEqual(resource.Properties.Environment, { Variables: { AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1' } });
    assert.equal(resource.Metadata, undefined);
  });

  test('the staged asset holds the esbuild bundle of the entry and its imports', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    new NodejsFunction(stack, 'Fn', {
      entry: ENTRY,
      runtime: Runtime.NODEJS_22_X,
      bundling: { format: OutputFormat.ESM, sourceMap: true, sourceMapMode: SourceMapMode.EXTERNAL, metafile: true },
    });
    // THEN
    const key = String((functions(app.synth().getStackArtifact('TestStack').template)[0].Properties.Code as Record<string, unknown>).S3Key);
    const dir = join(app.outdir, `asset.${key.replace(/\.zip$/, '')}`);
    assert.deepEqual(readdirSync(dir).sort(), ['index.meta.json', 'index.mjs', 'index.mjs.map']);
    assert.match(readFileSync(join(dir, 'index.mjs'), 'utf8'), /hello, /);
  });

  test('records the entry in the function\'s Metadata when wsgate:recordEntry is set', () => {
    // GIVEN
    const { app, stack } = newStack({ 'wsgate:recordEntry': true });
    // WHEN
    new NodejsFunction(stack, 'Fn', { entry: ENTRY, runtime: Runtime.NODEJS_22_X });
    // THEN
    assert.deepEqual(functions(app.synth().getStackArtifact('TestStack').template)[0].Metadata, { 'wsgate:entry': ENTRY });
  });

  test('finds <defining file>.<id>.ts when no entry is given', () => {
    // GIVEN
    const { stack } = newStack({ 'wsgate:recordEntry': true });
    // WHEN
    const fn = new NodejsFunction(stack, 'handler', { runtime: Runtime.NODEJS_22_X });
    // THEN
    const entry = (fn.node.defaultChild as unknown as { getMetadata(key: string): unknown }).getMetadata('wsgate:entry');
    assert.equal(entry, fileURLToPath(new URL('./function.test.handler.ts', import.meta.url)));
  });

  test('rejects non-Node.js runtimes, unknown entries and code without a handler', () => {
    // GIVEN
    const { stack } = newStack();
    // THEN
    assert.throws(() => new NodejsFunction(stack, 'A', { entry: ENTRY, runtime: Runtime.PYTHON_3_13 }), /Only `NODEJS` runtimes are supported/);
    assert.throws(() => new NodejsFunction(stack, 'B', { entry: join(FIXTURES, 'missing.ts') }), /Cannot find entry file at/);
    assert.throws(() => new NodejsFunction(stack, 'C', { entry: join(FIXTURES, 'handler.txt') }), /Only JavaScript or TypeScript entry files are supported/);
    assert.throws(() => new NodejsFunction(stack, 'Nope'), /Cannot find handler file .*function\.test\.Nope\.ts/);
  });

  test('docker-only options are refused', () => {
    // GIVEN
    const { stack } = newStack();
    // THEN
    assert.throws(() => new NodejsFunction(stack, 'Fn', { entry: ENTRY, bundling: { forceDockerBundling: true } }), /not supported/);
  });
});
