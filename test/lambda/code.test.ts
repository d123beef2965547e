// Tests of Code: inline code, assets (with aws-cdk-lib's S3 key), asset metadata and parameters.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack } from '../../src/core/index.js';
import { AssetCode, CfnParametersCode, Code, Function, Runtime } from '../../src/lambda/index.js';
import { freshOutdir, synthBoth } from '../iam/cdk-compare.js';

const ASSET_DIR = fileURLToPath(new URL('../fixtures/lambda/asset-dir', import.meta.url));

function newStack(context?: Record<string, unknown>): { app: App; stack: Stack } {
  const app = new App({ outdir: freshOutdir(), context });
  return { app, stack: new Stack(app, 'TestStack') };
}

type Template = { Resources: Record<string, { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> }> };

function functionResource(app: App): { Properties: Record<string, unknown>; Metadata?: Record<string, unknown> } {
  const t = app.synth().getStackArtifact('TestStack').template as Template;
  return Object.values(t.Resources).find((r) => r.Type === 'AWS::Lambda::Function')!;
}

describe('Code', () => {
  test('fromInline gives ZipFile', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    new Function(stack, 'Fn', { runtime: Runtime.PYTHON_3_12, handler: 'index.handler', code: Code.fromInline('def handler(e, c): pass') });
    // THEN
    assert.deepEqual(functionResource(app).Properties.Code, { ZipFile: 'def handler(e, c): pass' });
  });

  test('fromAsset stages the directory and points at the bootstrap bucket, with aws-cdk-lib\'s key', () => {
    // GIVEN / WHEN
    const { expected, actual } = synthBoth(({ lambda }, stack) => {
      new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset(ASSET_DIR) });
    });
    // THEN
    assert.deepEqual(actual, expected);
    const code = (Object.values((actual as Template).Resources).find((r) => r.Type === 'AWS::Lambda::Function')!).Properties.Code as Record<string, unknown>;
    assert.deepEqual(code.S3Bucket, { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' });
    assert.match(String(code.S3Key), /^[0-9a-f]{64}\.zip$/);
  });

  test('asset metadata is added only with the aws:cdk:enable-asset-metadata context, as in aws-cdk-lib', () => {
    // GIVEN / WHEN
    const context = { 'aws:cdk:enable-asset-metadata': true };
    const { expected, actual } = synthBoth(({ lambda }, stack) => {
      new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset(ASSET_DIR, { exclude: ['*.md'] }) });
    }, context);
    // THEN
    assert.deepEqual(actual, expected);
    const { app, stack } = newStack();
    new Function(stack, 'Fn', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromAsset(ASSET_DIR) });
    assert.equal(functionResource(app).Metadata, undefined);
  });

  test('the staged directory is in the cloud assembly', () => {
    // GIVEN
    const { app, stack } = newStack();
    // WHEN
    new Function(stack, 'Fn', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromAsset(ASSET_DIR) });
    // THEN
    const key = String((functionResource(app).Properties.Code as Record<string, unknown>).S3Key);
    assert.ok(existsSync(join(app.outdir, `asset.${key.replace(/\.zip$/, '')}`, 'lib', 'util.js')));
  });

  test('a file asset must be an archive', () => {
    // GIVEN
    const { stack } = newStack();
    const dir = mkdtempSync(join(tmpdir(), 'wsgate-'));
    writeFileSync(join(dir, 'handler.js'), 'exports.handler = 1;');
    // THEN
    assert.throws(() => new Function(stack, 'Fn', { runtime: Runtime.NODEJS_22_X, handler: 'handler.handler', code: Code.fromAsset(join(dir, 'handler.js')) }),
      /Asset must be a \.zip file or a directory/);
  });

  test('one AssetCode cannot be used in two stacks', () => {
    // GIVEN
    const app = new App({ outdir: freshOutdir() });
    const code: AssetCode = Code.fromAsset(ASSET_DIR);
    new Function(new Stack(app, 'One'), 'Fn', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code });
    // THEN
    assert.throws(() => new Function(new Stack(app, 'Two'), 'Fn', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code }),
      /Asset is already associated with another stack 'One'/);
  });

  test('fromCfnParameters creates the two parameters under the function', () => {
    // GIVEN
    const { stack } = newStack();
    const code: CfnParametersCode = Code.fromCfnParameters();
    // THEN
    assert.throws(() => code.bucketNameParam, /Pass CfnParametersCode to a Lambda Function/);
    // WHEN
    new Function(stack, 'Fn', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code });
    // THEN
    assert.deepEqual(stack.resolve(code.assign({ bucketName: 'b', objectKey: 'k' })), {
      FnLambdaSourceBucketNameParameterE6B1564C: 'b',
      FnLambdaSourceObjectKeyParameter6B319403: 'k',
    });
  });
});
