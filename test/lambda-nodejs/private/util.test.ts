// Tests of NodejsFunction's helpers: finding files, runtimes, package managers and dependencies.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Runtime } from '../../../src/lambda/index.js';
import {
  extractDependencies, findUp, findUpMultiple, isEsmRuntime, isSdkV2Runtime, LockFile, packageManagerFor,
} from '../../../src/lambda-nodejs/private/util.js';

describe('lambda-nodejs helpers', () => {
  test('findUp finds the nearest file going up', () => {
    // GIVEN
    const root = mkdtempSync(join(tmpdir(), 'wsgate-'));
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'package-lock.json'), '{}');
    writeFileSync(join(root, 'a', 'yarn.lock'), '');
    // THEN
    assert.equal(findUp('package-lock.json', join(root, 'a', 'b')), join(root, 'package-lock.json'));
    assert.deepEqual(findUpMultiple([LockFile.YARN, LockFile.NPM], join(root, 'a', 'b')), [join(root, 'a', 'yarn.lock')]);
    assert.equal(findUp('no-such-file', root), undefined);
  });

  test('SDK v2 runtimes are Node.js 16 and older; ESM needs Node.js 14 or newer', () => {
    // THEN
    assert.equal(isSdkV2Runtime(Runtime.NODEJS_16_X), true);
    assert.equal(isSdkV2Runtime(Runtime.NODEJS_18_X), false);
    assert.equal(isEsmRuntime(Runtime.NODEJS_12_X), false);
    assert.equal(isEsmRuntime(Runtime.NODEJS_22_X), true);
  });

  test('package managers by lock file', () => {
    // THEN
    assert.deepEqual(packageManagerFor('/p/package-lock.json').installCommand, ['npm', 'ci']);
    assert.deepEqual(packageManagerFor('/p/yarn.lock', 'error').installCommand, ['yarn', 'install', '--no-immutable', '--silent']);
    assert.equal(packageManagerFor('/p/pnpm-lock.yaml').lockFile, LockFile.PNPM);
  });

  test('dependency versions come from package.json, else from what is installed', () => {
    // GIVEN
    const pkgPath = join(process.cwd(), 'package.json');
    // WHEN
    const deps = extractDependencies(pkgPath, ['constructs', 'minimatch']);
    // THEN
    assert.equal(deps.constructs, '10.8.1');
    assert.match(deps.minimatch, /^\d+\.\d+\.\d+$/);
    assert.throws(() => extractDependencies(pkgPath, ['no-such-module-xyz']), /Cannot extract version for module 'no-such-module-xyz'/);
  });
});
