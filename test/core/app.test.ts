import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from 'jsonschema';
import { createRequire } from 'node:module';
import { CfnResource, Stack, Tags, CfnOutput } from '../../src/core/index.js';
import { newApp } from '../support/synth.js';

const require = createRequire(import.meta.url);

describe('App.synth', () => {
  test('writes a cloud assembly valid against @aws-cdk/cloud-assembly-schema', () => {
    // GIVEN
    const app = newApp();
    const stack = new Stack(app, 'TestStack');
    new CfnResource(stack, 'R', { type: 'AWS::X::Y' });
    // WHEN
    const asm = app.synth();
    // THEN
    const manifest = JSON.parse(readFileSync(join(asm.directory, 'manifest.json'), 'utf8'));
    const schemaPath = require.resolve('@aws-cdk/cloud-assembly-schema/schema/cloud-assembly.schema.json');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
    const result = new Validator().validate(manifest, schema);
    assert.deepEqual(result.errors.map((e) => e.stack), []);
    assert.equal(manifest.artifacts.TestStack.type, 'aws:cloudformation:stack');
    assert.deepEqual(manifest.artifacts.TestStack.metadata['/TestStack/R'], [{ type: 'aws:cdk:logicalId', data: 'R' }]);
    assert.ok(existsSync(join(asm.directory, 'TestStack.template.json')));
    const assets = JSON.parse(readFileSync(join(asm.directory, 'TestStack.assets.json'), 'utf8'));
    const assetSchema = JSON.parse(readFileSync(require.resolve('@aws-cdk/cloud-assembly-schema/schema/assets.schema.json'), 'utf8'));
    assert.deepEqual(new Validator().validate(assets, assetSchema).errors.map((e) => e.stack), []);
  });

  test('is cached unless forced', () => {
    const app = newApp();
    new Stack(app, 'S');
    assert.equal(app.synth(), app.synth());
    assert.notEqual(app.synth(), app.synth({ force: true }));
  });

  test('construct validations fail synthesis with every message', () => {
    const app = newApp();
    const stack = new Stack(app, 'S');
    stack.node.addValidation({ validate: () => ['first problem', 'second problem'] });
    assert.throws(() => app.synth(), /Validation failed with the following errors:\n {2}\[S\] first problem\n {2}\[S\] second problem/);
  });
});

describe('Tags', () => {
  test('a tag reaches taggable resources below the scope; higher priority wins, removal works', () => {
    const app = newApp();
    const stack = new Stack(app, 'S');
    const out = new CfnOutput(stack, 'O', { value: 'x' });
    Tags.of(app).add('team', 'a');
    Tags.of(stack).add('team', 'b', { priority: 50 });
    Tags.of(stack).add('gone', 'x');
    Tags.of(stack).remove('gone');
    app.synth();
    assert.deepEqual(stack.tags.tagValues(), { team: 'a' });
    void out;
  });
});
