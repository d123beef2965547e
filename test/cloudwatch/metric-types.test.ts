import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cdkCw from 'aws-cdk-lib/aws-cloudwatch';
import { Color, Shading, Statistic, Unit } from '../../src/cloudwatch/index.js';

describe('enums and constants', () => {
  test('Unit has every CloudWatch unit, with the same values as aws-cdk-lib', () => {
    // GIVEN
    const ours = Object.entries(Unit);
    // WHEN
    const theirs = Object.entries(cdkCw.Unit);
    // THEN
    assert.deepEqual(ours, theirs);
    assert.equal(Unit.BYTES_PER_SECOND, 'Bytes/Second');
    assert.equal(ours.length, 27);
  });

  test('the deprecated Statistic enum has the five simple statistics', () => {
    // GIVEN / WHEN / THEN
    assert.deepEqual(Object.entries(Statistic), Object.entries(cdkCw.Statistic));
    assert.equal(Statistic.SAMPLE_COUNT, 'SampleCount');
  });

  test('Color has the eight standard colors', () => {
    // GIVEN
    const names = ['BLUE', 'BROWN', 'GREEN', 'GREY', 'ORANGE', 'PINK', 'PURPLE', 'RED'] as const;
    // WHEN / THEN
    for (const name of names) assert.equal(Color[name], cdkCw.Color[name]);
    assert.equal(Color.RED, '#d62728');
  });

  test('Shading values', () => {
    // GIVEN / WHEN / THEN
    assert.deepEqual(Object.entries(Shading), Object.entries(cdkCw.Shading));
  });
});
