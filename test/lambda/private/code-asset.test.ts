// Tests of the asset behind Code.fromAsset: construct ids, location and metadata.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { App, CfnResource, Stack } from '../../../src/core/index.js';
import { CodeAsset } from '../../../src/lambda/private/code-asset.js';
import { freshOutdir } from '../../iam/cdk-compare.js';

const ASSET_DIR = fileURLToPath(new URL('../../fixtures/lambda/asset-dir', import.meta.url));

describe('CodeAsset', () => {
  test('stages under a Stage child and registers with the synthesizer', () => {
    // GIVEN
    const stack = new Stack(new App({ outdir: freshOutdir() }), 'TestStack');
    // WHEN
    const asset = new CodeAsset(stack, 'Code', { path: ASSET_DIR });
    // THEN
    assert.ok(asset.node.tryFindChild('Stage'));
    assert.equal(asset.assetPath, `asset.${asset.assetHash}`);
    assert.equal(asset.s3ObjectKey, `${asset.assetHash}.zip`);
    assert.deepEqual(stack.resolve(asset.s3BucketName), { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' });
    assert.equal(asset.isZipArchive, true);
  });

  test('adds the SAM asset metadata only when enabled by context', () => {
    // GIVEN
    const app = new App({ outdir: freshOutdir(), context: { 'aws:cdk:enable-asset-metadata': true } });
    const stack = new Stack(app, 'TestStack');
    const asset = new CodeAsset(stack, 'Code', { path: ASSET_DIR });
    const resource = new CfnResource(stack, 'Res', { type: 'AWS::Lambda::Function' });
    // WHEN
    asset.addResourceMetadata(resource, 'Code');
    // THEN
    assert.equal(resource.getMetadata('aws:asset:path'), asset.assetPath);
    assert.equal(resource.getMetadata('aws:asset:is-bundled'), false);
    assert.equal(resource.getMetadata('aws:asset:property'), 'Code');
  });

  test('an empty path is refused', () => {
    // GIVEN
    const stack = new Stack(new App({ outdir: freshOutdir() }), 'TestStack');
    // THEN
    assert.throws(() => new CodeAsset(stack, 'Code', { path: '' }), /Asset path cannot be empty/);
  });
});
