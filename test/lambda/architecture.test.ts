// Tests of Architecture.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Architecture } from '../../src/lambda/index.js';

describe('Architecture', () => {
  test('names and Docker platforms', () => {
    // THEN
    assert.equal(Architecture.X86_64.name, 'x86_64');
    assert.equal(Architecture.ARM_64.dockerPlatform, 'linux/arm64');
    assert.equal(Architecture.custom('riscv').dockerPlatform, 'linux/amd64');
    assert.equal(`${Architecture.ARM_64}`, 'arm64');
  });
});
