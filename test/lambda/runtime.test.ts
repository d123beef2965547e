// Tests of Runtime: names, families and what each supports.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cdkLambda from 'aws-cdk-lib/aws-lambda';
import { Runtime, RuntimeFamily } from '../../src/lambda/index.js';

describe('Runtime', () => {
  test('has the names and properties of aws-cdk-lib\'s runtimes', () => {
    // GIVEN
    const names = ['NODEJS_18_X', 'NODEJS_20_X', 'NODEJS_22_X', 'NODEJS_24_X', 'NODEJS_LATEST', 'PYTHON_3_12', 'PYTHON_3_13', 'JAVA_21', 'PROVIDED_AL2023'] as const;
    for (const name of names) {
      // WHEN
      const ours = Runtime[name];
      const theirs = cdkLambda.Runtime[name];
      // THEN
      assert.equal(ours.name, theirs.name, name);
      assert.equal(ours.family, theirs.family as number, name);
      assert.equal(ours.supportsInlineCode, theirs.supportsInlineCode, name);
      assert.equal(ours.isVariable, theirs.isVariable, name);
      assert.equal(ours.bundlingImage.image, theirs.bundlingImage.image, name);
    }
  });

  test('toString is the name and runtimeEquals compares name, family and inline support', () => {
    // THEN
    assert.equal(`${Runtime.NODEJS_22_X}`, 'nodejs22.x');
    assert.equal(Runtime.NODEJS_24_X.runtimeEquals(new Runtime('nodejs24.x', RuntimeFamily.NODEJS, { supportsInlineCode: true })), true);
    assert.equal(Runtime.NODEJS_24_X.runtimeEquals(Runtime.NODEJS_22_X), false);
    assert.equal(Runtime.FROM_IMAGE.family, undefined);
  });
});
