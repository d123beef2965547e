import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

test('GIVEN the README WHEN it shows the wsgate/testing example THEN it is test/testing/example.test.ts, which npm test runs', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const example = readFileSync(new URL('./example.test.ts', import.meta.url), 'utf8');
  const code = example.slice(example.indexOf('import { after'));
  assert.ok(readme.includes(`\`\`\`ts\n${code}\`\`\``), 'the README\'s example differs from test/testing/example.test.ts: copy the file\'s code (from its first import) into the README');
});
