/**
 * A strict reader of Prometheus' text exposition format 0.0.4, for tests: it throws on anything
 * a Prometheus server would refuse or misread (a malformed line, label or value; a TYPE after the
 * family's samples or given twice; a family split in two; a duplicate series; a histogram whose
 * buckets are not cumulative, lack `+Inf`, or disagree with `_count`) and returns the families.
 */

/** One sample: its metric name, labels and value. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A metric family: its TYPE, HELP and samples. */
export interface Family {
  readonly name: string;
  type: string;
  help?: string;
  readonly samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Readonly<Record<string, readonly string[]>> = { histogram: ['_bucket', '_sum', '_count'], summary: ['_sum', '_count', ''] };

/** Parses and checks an exposition; throws an Error naming the line on the first fault. */
export function parsePrometheusText(text: string): Map<string, Family> {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a line feed');
  const families = new Map<string, Family>();
  const closed = new Set<string>();
  const series = new Set<string>();
  const typed = new Set<string>();
  let current: string | undefined;
  const lines = text.slice(0, -1).split('\n');
  const familyOf = (sample: string): string => {
    for (const [name, family] of families) {
      if ((SUFFIXES[family.type] ?? ['']).some((suffix) => sample === name + suffix)) return name;
    }
    return sample;
  };
  const enter = (name: string, at: number): Family => {
    if (current !== name) {
      if (closed.has(name)) throw new Error(`line ${at}: family ${name} continues after another family began`);
      if (current !== undefined) closed.add(current);
      current = name;
    }
    let family = families.get(name);
    if (!family) families.set(name, family = { name, type: 'untyped', samples: [] });
    return family;
  };
  lines.forEach((line, i) => {
    const at = i + 1;
    if (line === '') return;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (!m) return; // a comment
      const [, keyword, name, rest] = m;
      if (!NAME.test(name)) throw new Error(`line ${at}: bad metric name ${name}`);
      const family = enter(name, at);
      if (keyword === 'TYPE') {
        if (!TYPES.has(rest)) throw new Error(`line ${at}: unknown type ${rest}`);
        if (family.samples.length > 0) throw new Error(`line ${at}: TYPE of ${name} after its samples`);
        if (typed.has(name)) throw new Error(`line ${at}: second TYPE for ${name}`);
        typed.add(name);
        family.type = rest;
      } else {
        if (family.help !== undefined) throw new Error(`line ${at}: second HELP for ${name}`);
        family.help = rest;
      }
      return;
    }
    const sample = parseSample(line, at);
    const family = enter(familyOf(sample.name), at);
    const key = `${sample.name}{${Object.entries(sample.labels).sort().map(([k, v]) => `${k}=${v}`).join(',')}}`;
    if (series.has(key)) throw new Error(`line ${at}: duplicate series ${key}`);
    series.add(key);
    family.samples.push(sample);
  });
  for (const family of families.values()) if (family.type === 'histogram') checkHistogram(family);
  return families;
}

function parseSample(line: string, at: number): Sample {
  const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)( -?\d+)?$/.exec(line);
  if (!m) throw new Error(`line ${at}: not a sample: ${line}`);
  const labels: Record<string, string> = {};
  let rest = m[3] ?? '';
  while (rest.length > 0) {
    const lm = /^([^=]+)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/.exec(rest);
    if (!lm) throw new Error(`line ${at}: bad labels: ${m[3]}`);
    if (!LABEL_NAME.test(lm[1])) throw new Error(`line ${at}: bad label name ${lm[1]}`);
    if (lm[1] in labels) throw new Error(`line ${at}: label ${lm[1]} twice`);
    labels[lm[1]] = lm[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    rest = rest.slice(lm[0].length);
    if (lm[3] === ',' && rest.length === 0) break; // a trailing comma is allowed
  }
  const raw = m[4];
  const special: Readonly<Record<string, number>> = { '+Inf': Infinity, '-Inf': -Infinity, NaN };
  if (!Object.hasOwn(special, raw) && !/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(raw)) throw new Error(`line ${at}: bad value ${raw}`);
  return { name: m[1], labels, value: Object.hasOwn(special, raw) ? special[raw] : Number(raw) };
}

/** Per label set (le aside): buckets cumulative and sorted by le, a +Inf bucket equal to _count, and a _sum. */
function checkHistogram(family: Family): void {
  const groups = new Map<string, { buckets: Array<[number, number]>; count?: number; sum?: number }>();
  for (const s of family.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const g = groups.get(key) ?? { buckets: [] };
    groups.set(key, g);
    if (s.name === `${family.name}_bucket`) {
      if (le === undefined) throw new Error(`${family.name}: a bucket without le`);
      g.buckets.push([le === '+Inf' ? Infinity : Number(le), s.value]);
    } else if (s.name === `${family.name}_count`) g.count = s.value;
    else if (s.name === `${family.name}_sum`) g.sum = s.value;
    else throw new Error(`${family.name}: unexpected sample ${s.name}`);
  }
  for (const [key, g] of groups) {
    for (let i = 1; i < g.buckets.length; i++) {
      if (!(g.buckets[i][0] > g.buckets[i - 1][0])) throw new Error(`${family.name} ${key}: le not increasing`);
      if (g.buckets[i][1] < g.buckets[i - 1][1]) throw new Error(`${family.name} ${key}: buckets not cumulative`);
    }
    const last = g.buckets.at(-1);
    if (!last || last[0] !== Infinity) throw new Error(`${family.name} ${key}: no +Inf bucket`);
    if (g.count !== last[1]) throw new Error(`${family.name} ${key}: _count ${g.count} differs from the +Inf bucket ${last[1]}`);
    if (g.sum === undefined) throw new Error(`${family.name} ${key}: no _sum`);
  }
}

/** The value of the one sample of `name` whose labels include `labels`. */
export function sampleValue(families: Map<string, Family>, name: string, labels: Readonly<Record<string, string>> = {}): number {
  const matches = [...families.values()].flatMap((f) => f.samples)
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (matches.length !== 1) throw new Error(`${matches.length} samples of ${name} ${JSON.stringify(labels)}`);
  return matches[0].value;
}
