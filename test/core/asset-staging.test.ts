// Tests of asset staging and of the source fingerprint, which must equal aws-cdk-lib's byte for byte.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cdk from 'aws-cdk-lib';
import {
  App, AssetHashType, AssetStaging, BundlingOutput, DockerImage, FileAssetPackaging, Stack, SymlinkFollowMode,
} from '../../src/core/index.js';
import { fingerprint } from '../../src/core/private/fingerprint.js';
import { globMatches } from '../../src/core/private/asset-glob.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/lambda/asset-dir', import.meta.url));

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'wsgate-'));
}

/** A directory with the given files (path → content). */
function makeTree(files: Record<string, string | Buffer>): string {
  const dir = tmp();
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  return dir;
}

function stackIn(outdir = tmp()): { app: App; stack: Stack } {
  const app = new App({ outdir });
  return { app, stack: new Stack(app, 'TestStack') };
}

describe('fingerprint', () => {
  test('equals aws-cdk-lib for the fixture directory (several files, a subdirectory, CRLF text)', () => {
    // GIVEN
    const expected = cdk.FileSystem.fingerprint(FIXTURE);
    // WHEN
    const actual = fingerprint(FIXTURE);
    // THEN
    assert.equal(actual, expected);
  });

  test('equals aws-cdk-lib for binary files, large text with CR at chunk edges, and empty files', () => {
    // GIVEN
    const big = 'x'.repeat(8191) + '\r\n' + 'y\r\n'.repeat(5000) + '\r';
    const dir = makeTree({
      'bin.dat': Buffer.from([0, 1, 2, 13, 10, 255, 0]),
      'big.txt': big,
      'empty.txt': '',
      'unicode.txt': 'é'.repeat(5000) + '\r\n',
      'nested/deeper/file.js': 'module.exports = 1;\r\n',
    });
    // THEN
    assert.equal(fingerprint(dir), cdk.FileSystem.fingerprint(dir));
    assert.equal(fingerprint(join(dir, 'big.txt')), cdk.FileSystem.fingerprint(join(dir, 'big.txt')));
  });

  test('equals aws-cdk-lib with exclude patterns and extraHash', () => {
    // GIVEN
    const dir = makeTree({ 'a.ts': '1', 'a.js': '2', 'sub/b.ts': '3', 'sub/c.md': '4', 'node_modules/x/index.js': '5', '.env': '6' });
    const options = { exclude: ['*.ts', '!sub/b.ts', 'node_modules', '.*'], extraHash: 'salt' };
    // THEN
    assert.equal(fingerprint(dir, options), cdk.FileSystem.fingerprint(dir, options));
  });

  test('equals aws-cdk-lib for internal and external symbolic links under each follow mode', () => {
    // GIVEN
    const outside = makeTree({ 'shared.js': 'shared' });
    const dir = makeTree({ 'real.js': 'real' });
    symlinkSync(join(dir, 'real.js'), join(dir, 'abs-internal.js'));
    symlinkSync('real.js', join(dir, 'rel-internal.js'));
    symlinkSync(join(outside, 'shared.js'), join(dir, 'external.js'));
    for (const follow of ['never', 'always', 'external'] as const) {
      // THEN
      assert.equal(fingerprint(dir, { follow }), cdk.FileSystem.fingerprint(dir, { follow: follow as cdk.SymlinkFollowMode }), follow);
    }
  });
});

describe('glob patterns', () => {
  test('match like minimatch with matchBase', () => {
    // THEN
    assert.equal(globMatches('sub/a.ts', '*.ts'), true);
    assert.equal(globMatches('sub/.hidden', '*'), false);
    assert.equal(globMatches('node_modules/x/y.js', 'node_modules/**'), true);
    assert.equal(globMatches('node_modules', 'node_modules/**'), false);
    assert.equal(globMatches('a1.txt', 'a[0-9].txt'), true);
    assert.equal(globMatches('x.js', '*.{js,ts}'), true);
    assert.equal(globMatches('sub/a.ts', '!*.ts'), true);
  });
});

describe('AssetStaging', () => {
  test('stages a directory as asset.<hash> with the same hash as aws-cdk-lib', () => {
    // GIVEN
    const { app, stack } = stackIn();
    const cdkApp = new cdk.App({ outdir: tmp() });
    const cdkStaging = new cdk.AssetStaging(new cdk.Stack(cdkApp, 'TestStack'), 'Asset', { sourcePath: FIXTURE });
    // WHEN
    const staging = new AssetStaging(stack, 'Asset', { sourcePath: FIXTURE });
    // THEN
    assert.equal(staging.assetHash, cdkStaging.assetHash);
    assert.equal(staging.packaging, FileAssetPackaging.ZIP_DIRECTORY);
    assert.equal(staging.isArchive, true);
    assert.equal(staging.relativeStagedPath(stack), `asset.${staging.assetHash}`);
    assert.deepEqual(readdirSync(join(app.outdir, `asset.${staging.assetHash}`)).sort(), ['README.md', 'data', 'index.js', 'lib']);
    assert.equal(readFileSync(join(app.outdir, `asset.${staging.assetHash}`, 'lib', 'util.js'), 'utf8'), readFileSync(join(FIXTURE, 'lib', 'util.js'), 'utf8'));
  });

  test('stages a file with its extension and FILE packaging', () => {
    // GIVEN
    const { app, stack } = stackIn();
    const dir = makeTree({ 'bundle.zip': 'not really a zip' });
    // WHEN
    const staging = new AssetStaging(stack, 'Asset', { sourcePath: join(dir, 'bundle.zip') });
    // THEN
    assert.equal(staging.packaging, FileAssetPackaging.FILE);
    assert.equal(staging.isArchive, true);
    assert.ok(existsSync(join(app.outdir, `asset.${staging.assetHash}.zip`)));
  });

  test('leaves excluded files out of the staged copy and the hash', () => {
    // GIVEN
    const { app, stack } = stackIn();
    const dir = makeTree({ 'keep.js': 'k', 'drop.test.js': 'd' });
    // WHEN
    const staging = new AssetStaging(stack, 'Asset', { sourcePath: dir, exclude: ['*.test.js'] });
    // THEN
    assert.deepEqual(readdirSync(join(app.outdir, `asset.${staging.assetHash}`)), ['keep.js']);
    assert.equal(staging.assetHash, cdk.FileSystem.fingerprint(dir, { exclude: ['.is_custom_resource', '*.test.js'] }));
  });

  test('uses a custom hash as it is', () => {
    // GIVEN
    const { stack } = stackIn();
    // WHEN
    const staging = new AssetStaging(stack, 'Asset', { sourcePath: FIXTURE, assetHash: 'abc123' });
    // THEN
    assert.equal(staging.assetHash, cdkCustomHash('abc123'));
  });

  test('bundles locally and hashes the output (OUTPUT), as aws-cdk-lib does', () => {
    // GIVEN
    const { app, stack } = stackIn();
    let calls = 0;
    // WHEN
    const staging = new AssetStaging(stack, 'Asset', {
      sourcePath: FIXTURE,
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        image: DockerImage.fromRegistry('unused'),
        local: {
          tryBundle(outputDir: string) {
            calls++;
            writeFileSync(join(outputDir, 'index.js'), 'exports.handler = 1;\n');
            return true;
          },
        },
      },
    });
    // THEN
    const staged = join(app.outdir, `asset.${staging.assetHash}`);
    assert.equal(calls, 1);
    assert.deepEqual(readdirSync(staged), ['index.js']);
    assert.equal(staging.assetHash, cdk.FileSystem.fingerprint(staged));
  });

  test('a single-file bundling output is staged as a file', () => {
    // GIVEN
    const { app, stack } = stackIn();
    // WHEN
    const staging = new AssetStaging(stack, 'Asset', {
      sourcePath: FIXTURE,
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        image: DockerImage.fromRegistry('unused'),
        outputType: BundlingOutput.SINGLE_FILE,
        local: { tryBundle: (outputDir: string) => { writeFileSync(join(outputDir, 'main.txt'), 'x'); return true; } },
      },
    });
    // THEN
    assert.equal(staging.packaging, FileAssetPackaging.FILE);
    assert.equal(staging.isArchive, false);
    assert.ok(existsSync(join(app.outdir, `asset.${staging.assetHash}.txt`)));
  });

  test('fails when local bundling declines (wsgate does not run Docker)', () => {
    // GIVEN
    const { stack } = stackIn();
    // THEN
    assert.throws(() => new AssetStaging(stack, 'Asset', {
      sourcePath: FIXTURE,
      assetHashType: AssetHashType.OUTPUT,
      bundling: { image: DockerImage.fromRegistry('unused'), local: { tryBundle: () => false } },
    }), /FailedToBundleAsset|Failed to bundle asset TestStack\/Asset/);
  });

  test('fails for a missing source, outside an App, and for CUSTOM without a hash', () => {
    // GIVEN
    const { stack } = stackIn();
    // THEN
    assert.throws(() => new AssetStaging(stack, 'Missing', { sourcePath: '/no/such/path' }), /Cannot find asset at \/no\/such\/path/);
    assert.throws(() => new AssetStaging(new Stack(), 'Asset', { sourcePath: FIXTURE }), /unable to determine cloud assembly asset output directory/);
    assert.throws(() => new AssetStaging(stack, 'Custom', { sourcePath: FIXTURE, assetHashType: AssetHashType.CUSTOM }), /`assetHash` must be specified/);
  });

  test('BLOCK_EXTERNAL refuses links that leave the asset', () => {
    // GIVEN
    const { stack } = stackIn();
    const outside = makeTree({ 'x.js': 'x' });
    const dir = makeTree({ 'a.js': 'a' });
    symlinkSync(join(outside, 'x.js'), join(dir, 'link.js'));
    // THEN
    assert.throws(() => new AssetStaging(stack, 'Asset', { sourcePath: dir, follow: SymlinkFollowMode.BLOCK_EXTERNAL }), /external symbolic link/);
  });
});

/** The hash aws-cdk-lib gives an asset with a custom hash. */
function cdkCustomHash(assetHash: string): string {
  return new cdk.AssetStaging(new cdk.Stack(new cdk.App({ outdir: tmp() }), 'S'), 'A', { sourcePath: FIXTURE, assetHash }).assetHash;
}
