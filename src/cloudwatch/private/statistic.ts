/**
 * Reading statistic strings the way CloudWatch does: simple statistics in any case and with their
 * short forms (`avg`, `n`), and the extended ones with a percentile (`p99`, `tm90`) or a range
 * (`TM(10%:90%)`, `PR(:300)`). Alarms put simple statistics in `Statistic` and everything else in
 * `ExtendedStatistic`.
 */
import { Stats } from '../stats.js';
import type { Statistic } from '../metric-types.js';

/** What a statistic string was recognised as. */
export type ParsedStatistic =
  | { readonly type: 'simple'; readonly statistic: string }
  | { readonly type: 'extended'; readonly statistic: 'IQM' }
  | { readonly type: 'single'; readonly prefix: string; readonly value: number; readonly input: string }
  | { readonly type: 'range'; readonly prefix: string; readonly input: string }
  | { readonly type: 'unparseable'; readonly input: string };

const SIMPLE: Record<string, string> = {
  average: Stats.AVERAGE,
  avg: Stats.AVERAGE,
  minimum: Stats.MINIMUM,
  min: Stats.MINIMUM,
  maximum: Stats.MAXIMUM,
  max: Stats.MAXIMUM,
  samplecount: Stats.SAMPLE_COUNT,
  n: Stats.SAMPLE_COUNT,
  sum: Stats.SUM,
};

const SINGLE_PREFIXES = ['p', 'tm', 'wm', 'tc', 'ts'];
const RANGE_PREFIXES = ['PR', 'TM', 'WM', 'TC', 'TS'];

/** Recognises a statistic string. */
export function parseStatistic(stat: string): ParsedStatistic {
  const lower = stat.toLowerCase();
  if (Object.prototype.hasOwnProperty.call(SIMPLE, lower)) return { type: 'simple', statistic: SIMPLE[lower] };
  if (lower === 'iqm') return { type: 'extended', statistic: 'IQM' };
  for (const prefix of SINGLE_PREFIXES) {
    const parsed = parseSingle(stat, prefix);
    if (parsed) return parsed;
  }
  for (const prefix of RANGE_PREFIXES) {
    const parsed = parseRange(stat, prefix);
    if (parsed) return parsed;
  }
  return { type: 'unparseable', input: stat };
}

/** The canonical spelling: `Average` for `avg`, `p99` for `P99`, `TM(10%:90%)` for `tm(10%:90%)`. */
export function normalizeStatistic(parsed: ParsedStatistic): string {
  switch (parsed.type) {
    case 'simple':
    case 'extended':
      return parsed.statistic;
    case 'single':
      return parsed.input.toLowerCase();
    case 'range':
      return parsed.input.toUpperCase();
    case 'unparseable':
      return parsed.input;
  }
}

/** The alarm fields of a statistic: `Statistic` for the simple five, `ExtendedStatistic` otherwise. */
export interface StatisticFields {
  readonly statistic?: Statistic;
  readonly extendedStatistic?: string;
}

export function parseStatisticToFields(statistic: string): StatisticFields {
  const parsed = parseStatistic(statistic);
  if (parsed.type === 'simple') return { statistic: parsed.statistic as Statistic };
  return { extendedStatistic: normalizeStatistic(parsed) };
}

/** `p99`, `tm99.5`: a prefix and one number from 0 to 100. */
function parseSingle(stat: string, prefix: string): ParsedStatistic | undefined {
  const m = new RegExp(`^${prefix}(\\d+(?:\\.\\d+)?)$`, 'i').exec(stat);
  if (!m) return undefined;
  const value = parseFloat(m[1]);
  if (value < 0 || value > 100) return undefined;
  return { type: 'single', prefix, value, input: stat };
}

/**
 * `TM(10%:90%)`, `PR(:300)`: a prefix and a `lower:upper` pair in brackets. One bound may be left
 * out; both bounds must agree on being percentages; percentages stay within 100.
 */
function parseRange(stat: string, prefix: string): ParsedStatistic | undefined {
  const m = new RegExp(`^${prefix}\\(([^)]+)\\)$`, 'i').exec(stat);
  if (!m) return undefined;
  const [lhs, rhs] = m[1].split(':');
  if (rhs === undefined) return undefined;
  const lower = parseBound(lhs);
  const upper = parseBound(rhs);
  if (lower === 'fail' || upper === 'fail') return undefined;
  if (lower.value === undefined && upper.value === undefined) return undefined;
  if (lower.value !== undefined && upper.value !== undefined && lower.percent !== upper.percent) return undefined;
  return { type: 'range', prefix, input: stat };
}

function parseBound(raw: string): { value?: number; percent: boolean } | 'fail' {
  const x = raw.trim();
  if (!x) return { percent: false };
  const percent = x.endsWith('%');
  const value = parseFloat(x.replace(/%$/, ''));
  if (isNaN(value) || value < 0 || (percent && value > 100)) return 'fail';
  return { value, percent };
}
