import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadHandler, type ModuleLoader } from '../../../src/gateway/invocation/handler-loader.js';
import { freshWorkDir } from './helpers.js';

/** A loader that records how each file would be loaded. */
function recordingLoader(calls: string[]): ModuleLoader {
  const handler = async () => 'ok';
  return {
    require: (file) => (calls.push(`require ${file}`), { handler, nested: { fn: handler } }),
    import: async (file) => (calls.push(`import ${file}`), { handler }),
    importEntry: async (file) => (calls.push(`entry ${file}`), { default: { main: handler } }),
    resolve: (request) => {
      throw Object.assign(new Error(`Cannot find module '${request}'`), { code: 'MODULE_NOT_FOUND' });
    },
  };
}

function taskRoot(files: Record<string, string>): string {
  const dir = freshWorkDir();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe('loadHandler', () => {
  test('.js is required unless the nearest package.json inside the task root says "type": "module"', async () => {
    // GIVEN
    const commonjs = taskRoot({ 'index.js': '' });
    const esm = taskRoot({ 'index.js': '', 'package.json': '{"type":"module"}' });
    const calls: string[] = [];
    // WHEN
    await loadHandler({ kind: 'handler', taskRoot: commonjs, handler: 'index.handler' }, recordingLoader(calls));
    await loadHandler({ kind: 'handler', taskRoot: esm, handler: 'index.handler' }, recordingLoader(calls));
    // THEN
    assert.deepEqual(calls, [`require ${join(commonjs, 'index.js')}`, `import ${join(esm, 'index.js')}`]);
    rmSync(commonjs, { recursive: true });
    rmSync(esm, { recursive: true });
  });

  test('the extensionless file comes first, then .js, .mjs and .cjs', async () => {
    // GIVEN
    const root = taskRoot({ 'a': '', 'a.js': '', 'b.mjs': '', 'b.cjs': '', 'c.cjs': '' });
    const calls: string[] = [];
    // WHEN
    for (const handler of ['a.handler', 'b.handler', 'c.handler']) await loadHandler({ kind: 'handler', taskRoot: root, handler }, recordingLoader(calls));
    // THEN
    assert.deepEqual(calls, [`require ${join(root, 'a')}`, `import ${join(root, 'b.mjs')}`, `require ${join(root, 'c.cjs')}`]);
    rmSync(root, { recursive: true });
  });

  test('a handler string may hold a directory path and a nested export path', async () => {
    // GIVEN
    const root = taskRoot({ 'src/handlers/chat.js': '' });
    const calls: string[] = [];
    // WHEN
    const fn = await loadHandler({ kind: 'handler', taskRoot: root, handler: 'src/handlers/chat.nested.fn' }, recordingLoader(calls));
    // THEN
    assert.equal(typeof fn, 'function');
    assert.deepEqual(calls, [`require ${join(root, 'src/handlers/chat.js')}`]);
    rmSync(root, { recursive: true });
  });

  test('a missing module, a malformed handler and ".." are Lambda\'s runtime errors', async () => {
    // GIVEN
    const root = taskRoot({});
    const loader = recordingLoader([]);
    // WHEN / THEN
    await assert.rejects(loadHandler({ kind: 'handler', taskRoot: root, handler: 'index.handler' }, loader),
      { name: 'Runtime.ImportModuleError', message: "Error: Cannot find module 'index'" });
    await assert.rejects(loadHandler({ kind: 'handler', taskRoot: root, handler: 'handler' }, loader),
      { name: 'Runtime.MalformedHandlerName', message: 'Bad handler' });
    await assert.rejects(loadHandler({ kind: 'handler', taskRoot: root, handler: '../outside.handler' }, loader),
      { name: 'Runtime.MalformedHandlerName' });
    rmSync(root, { recursive: true });
  });

  test('an entry file is imported and its export found, also as the default export of CommonJS', async () => {
    // GIVEN
    const calls: string[] = [];
    // WHEN
    const fn = await loadHandler({ kind: 'entry', file: '/src/handler.ts', exportName: 'main', handler: 'index.main' }, recordingLoader(calls));
    // THEN
    assert.equal(typeof fn, 'function');
    assert.deepEqual(calls, ['entry /src/handler.ts']);
  });

  test('syntax errors, including esbuild\'s from tsx, are Runtime.UserCodeSyntaxError', async () => {
    // GIVEN
    const transformError = Object.assign(new Error('Transform failed with 1 error:\n/src/handler.ts:3:7: ERROR: Unexpected ";"'), { name: 'TransformError' });
    const loader: ModuleLoader = { ...recordingLoader([]), importEntry: async () => Promise.reject(transformError) };
    const root = taskRoot({ 'index.js': '' });
    const syntaxLoader: ModuleLoader = { ...recordingLoader([]), require: () => { throw new SyntaxError('Unexpected end of input'); } };
    // WHEN / THEN
    await assert.rejects(loadHandler({ kind: 'entry', file: '/src/handler.ts', exportName: 'main', handler: 'index.main' }, loader),
      { name: 'Runtime.UserCodeSyntaxError', message: 'SyntaxError: Unexpected ";" (/src/handler.ts:3:7)' });
    await assert.rejects(loadHandler({ kind: 'handler', taskRoot: root, handler: 'index.handler' }, syntaxLoader),
      { name: 'Runtime.UserCodeSyntaxError', message: 'SyntaxError: Unexpected end of input' });
    rmSync(root, { recursive: true });
  });
});
