import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { QuotaWindows, quotaLimit, quotaWindow } from '../../../src/gateway/limits/quota-window.js';

const at = (iso: string) => Date.parse(iso);
const iso = (w: { startMs: number; endMs: number }) => [new Date(w.startMs).toISOString(), new Date(w.endMs).toISOString()];

describe('quota windows', () => {
  test('GIVEN DAY WHEN asked at any time of a day THEN the window is that UTC day', () => {
    assert.deepEqual(iso(quotaWindow('DAY', at('2026-03-04T00:00:00.000Z'))), ['2026-03-04T00:00:00.000Z', '2026-03-05T00:00:00.000Z']);
    assert.deepEqual(iso(quotaWindow('DAY', at('2026-03-04T23:59:59.999Z'))), ['2026-03-04T00:00:00.000Z', '2026-03-05T00:00:00.000Z']);
    assert.deepEqual(iso(quotaWindow('DAY', at('2026-03-05T00:00:00.000Z'))), ['2026-03-05T00:00:00.000Z', '2026-03-06T00:00:00.000Z']);
  });

  test('GIVEN WEEK WHEN asked on each day of a week THEN the window runs Monday to Monday, UTC', () => {
    // 2026-03-02 is a Monday.
    for (const day of ['2026-03-02T00:00:00.000Z', '2026-03-04T12:00:00.000Z', '2026-03-08T23:59:59.999Z']) {
      assert.deepEqual(iso(quotaWindow('WEEK', at(day))), ['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z'], day);
    }
    assert.deepEqual(iso(quotaWindow('WEEK', at('2026-03-09T00:00:00.000Z'))), ['2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z']);
    // Across a year boundary: Thursday 2026-01-01 is in the week of Monday 2025-12-29.
    assert.deepEqual(iso(quotaWindow('WEEK', at('2026-01-01T08:00:00.000Z'))), ['2025-12-29T00:00:00.000Z', '2026-01-05T00:00:00.000Z']);
  });

  test('GIVEN MONTH WHEN asked THEN the window is the calendar month, leap February and December included', () => {
    assert.deepEqual(iso(quotaWindow('MONTH', at('2028-02-29T23:59:59.999Z'))), ['2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z']);
    assert.deepEqual(iso(quotaWindow('MONTH', at('2026-12-31T10:00:00.000Z'))), ['2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
    assert.deepEqual(iso(quotaWindow('MONTH', at('2027-01-01T00:00:00.000Z'))), ['2027-01-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z']);
  });

  test('GIVEN an offset WHEN the plan starts mid-period THEN the initial period has limit - offset and later periods the full limit', () => {
    const quota = { limit: 100, offset: 30, period: 'MONTH' as const };
    const planStart = at('2026-03-17T09:00:00.000Z');
    assert.equal(quotaLimit(quota, quotaWindow('MONTH', planStart), planStart), 70);
    assert.equal(quotaLimit(quota, quotaWindow('MONTH', at('2026-03-31T23:59:59.999Z')), planStart), 70);
    assert.equal(quotaLimit(quota, quotaWindow('MONTH', at('2026-04-01T00:00:00.000Z')), planStart), 100);
    // An offset above the limit leaves nothing in the initial period.
    assert.equal(quotaLimit({ ...quota, offset: 500 }, quotaWindow('MONTH', planStart), planStart), 0);
  });

  test('GIVEN QuotaWindows WHEN asked again within a window THEN it answers the same object, and a new one past the end', () => {
    const windows = new QuotaWindows();
    const first = windows.at('DAY', at('2026-03-04T01:00:00.000Z'));
    assert.equal(windows.at('DAY', at('2026-03-04T22:00:00.000Z')), first);
    assert.deepEqual(iso(windows.at('DAY', at('2026-03-05T00:00:00.000Z'))), ['2026-03-05T00:00:00.000Z', '2026-03-06T00:00:00.000Z']);
    assert.deepEqual(iso(windows.at('WEEK', at('2026-03-05T00:00:00.000Z'))), ['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z']);
  });
});
