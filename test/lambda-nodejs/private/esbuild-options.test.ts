// Tests of reading esbuild command-line flags back as JavaScript API options.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEsbuildFlags, UnsupportedEsbuildFlagError } from '../../../src/lambda-nodejs/private/esbuild-options.js';

describe('parseEsbuildFlags', () => {
  test('reads the flags NodejsFunction writes', () => {
    // GIVEN
    const flags = [
      '--target=node22', '--platform=node', '--format=esm', '--outfile=/out/index.mjs', '--minify', '--sourcemap=inline',
      '--sources-content=false', '--external:@aws-sdk/*', '--external:pg', '--loader:.png=dataurl', '--define:process.env.A="1"',
      '--log-level=error', '--keep-names', '--tsconfig=/p/tsconfig.json', '--metafile=/out/index.meta.json', '--banner:js=/* b */',
      '--footer:js=/* f */', '--main-fields=module,main', '--inject:/p/shim.js',
    ];
    // WHEN
    const { options, metafilePath } = parseEsbuildFlags(flags);
    // THEN
    assert.deepEqual(options, {
      target: ['node22'], platform: 'node', format: 'esm', outfile: '/out/index.mjs', minify: true, sourcemap: 'inline', sourcesContent: false,
      external: ['@aws-sdk/*', 'pg'], loader: { '.png': 'dataurl' }, define: { 'process.env.A': '"1"' }, logLevel: 'error', keepNames: true,
      tsconfig: '/p/tsconfig.json', metafile: true, banner: { js: '/* b */' }, footer: { js: '/* f */' }, mainFields: ['module', 'main'], inject: ['/p/shim.js'],
    });
    assert.equal(metafilePath, '/out/index.meta.json');
  });

  test('a later flag overrides an earlier one; a bare --sourcemap is true', () => {
    // WHEN
    const { options } = parseEsbuildFlags(['--target=node20', '--sourcemap', '--target=es2020', '--alias:a=b', '--tree-shaking=false']);
    // THEN
    assert.deepEqual(options, { target: ['es2020'], sourcemap: true, alias: { a: 'b' }, treeShaking: false });
  });

  test('unknown flags are refused', () => {
    // THEN
    assert.throws(() => parseEsbuildFlags(['--serve=8000']), UnsupportedEsbuildFlagError);
    assert.throws(() => parseEsbuildFlags(['--tree-shaking=maybe']), /not supported/);
  });
});
