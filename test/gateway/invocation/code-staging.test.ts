import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stageCode } from '../../../src/gateway/invocation/code-staging.js';
import { freshWorkDir, functionModel } from './helpers.js';

describe('stageCode', () => {
  test('inline code becomes a CommonJS index.js of its own, once per source', () => {
    // GIVEN
    const workDir = freshWorkDir();
    const fn = functionModel({ kind: 'inline', source: 'exports.handler = async () => 1;' });
    // WHEN
    const first = stageCode(fn, workDir, '/project');
    const again = stageCode(fn, workDir, '/project');
    // THEN
    assert.equal(first.taskRoot, again.taskRoot);
    assert.equal(readFileSync(join(first.taskRoot, 'index.js'), 'utf8'), 'exports.handler = async () => 1;');
    assert.equal(JSON.parse(readFileSync(join(first.taskRoot, 'package.json'), 'utf8')).type, 'commonjs');
    assert.deepEqual(first.spec, { kind: 'handler', taskRoot: first.taskRoot, handler: 'index.handler' });
    rmSync(workDir, { recursive: true });
  });

  test('an asset directory runs in place, unless an ES module package.json above it would change its meaning', () => {
    // GIVEN
    const workDir = freshWorkDir();
    const project = freshWorkDir();
    writeFileSync(join(project, 'package.json'), '{"type":"module"}');
    mkdirSync(join(project, 'cdk.out', 'asset.1'), { recursive: true });
    writeFileSync(join(project, 'cdk.out', 'asset.1', 'index.js'), 'exports.handler = 1;');
    mkdirSync(join(project, 'cdk.out', 'asset.2'), { recursive: true });
    writeFileSync(join(project, 'cdk.out', 'asset.2', 'package.json'), '{}');
    // WHEN
    const copied = stageCode(functionModel({ kind: 'directory', path: 'cdk.out/asset.1' }), workDir, project);
    const inPlace = stageCode(functionModel({ kind: 'directory', path: join(project, 'cdk.out', 'asset.2') }), workDir, project);
    // THEN
    assert.ok(copied.taskRoot.startsWith(workDir));
    assert.ok(existsSync(join(copied.taskRoot, 'index.js')));
    assert.equal(inPlace.taskRoot, join(project, 'cdk.out', 'asset.2'));
    rmSync(workDir, { recursive: true });
    rmSync(project, { recursive: true });
  });

  test('an entry file runs in place through tsx, from the project directory', () => {
    // WHEN
    const staged = stageCode(functionModel({ kind: 'entry', path: 'src/handlers/chat.ts', handlerExport: 'onMessage' }), '/work', '/project');
    // THEN
    assert.deepEqual(staged, {
      spec: { kind: 'entry', file: join('/project', 'src/handlers/chat.ts'), exportName: 'onMessage', handler: 'index.handler' },
      taskRoot: join('/project', 'src/handlers'),
      cwd: '/project',
      needsTsx: true,
    });
  });
});
