import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Stats } from '../../src/cloudwatch/index.js';

describe('Stats', () => {
  test('the simple statistics are CloudWatch names', () => {
    // GIVEN / WHEN / THEN
    assert.deepEqual(
      [Stats.MINIMUM, Stats.MAXIMUM, Stats.AVERAGE, Stats.SUM, Stats.SAMPLE_COUNT, Stats.IQM],
      ['Minimum', 'Maximum', 'Average', 'Sum', 'SampleCount', 'IQM'],
    );
  });

  test('percentile and p give pNN', () => {
    // WHEN
    const long = Stats.percentile(99.9);
    const short = Stats.p(50);
    // THEN
    assert.equal(long, 'p99.9');
    assert.equal(short, 'p50');
  });

  test('one-bound helpers give the lower-case prefix, two bounds the upper-case range', () => {
    // GIVEN
    const pairs: Array<[(a: number, b?: number) => string, (a: number, b?: number) => string, string]> = [
      [Stats.trimmedMean, Stats.tm, 'tm'],
      [Stats.winsorizedMean, Stats.wm, 'wm'],
      [Stats.trimmedCount, Stats.tc, 'tc'],
      [Stats.trimmedSum, Stats.ts, 'ts'],
    ];
    for (const [long, short, prefix] of pairs) {
      // WHEN / THEN
      assert.equal(long(90), `${prefix}90`);
      assert.equal(short(90), `${prefix}90`);
      assert.equal(long(10, 90), `${prefix.toUpperCase()}(10%:90%)`);
      assert.equal(short(10, 90), `${prefix.toUpperCase()}(10%:90%)`);
    }
  });

  test('percentileRank and pr take metric values, not percentages', () => {
    // WHEN / THEN
    assert.equal(Stats.percentileRank(300), 'PR(:300)');
    assert.equal(Stats.pr(100, 2000), 'PR(100:2000)');
  });

  test('a percentage outside 0..100 is refused', () => {
    // WHEN / THEN
    assert.throws(() => Stats.p(101), { name: 'ExpectingPercentage', message: 'Expecting a percentage, got: 101' });
    assert.throws(() => Stats.tm(10, -1), { name: 'ExpectingPercentage', message: 'Expecting a percentage, got: -1' });
  });
});
