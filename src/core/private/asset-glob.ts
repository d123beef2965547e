/**
 * Glob matching for asset `exclude` patterns, with the rules aws-cdk-lib applies through minimatch
 * (`matchBase: true`, `flipNegate: true`): `*`, `?`, `[...]`, `{a,b}` and `**`; wildcards do not
 * match a leading dot of a path segment; a pattern without a slash is matched against the file's
 * base name; a leading `!` negates the pattern.
 */

/** A compiled pattern: one alternative per brace expansion, each a list of segment matchers. */
interface CompiledGlob {
  readonly negate: boolean;
  readonly matchBase: boolean;
  readonly alternatives: ReadonlyArray<ReadonlyArray<SegmentMatcher>>;
}

type SegmentMatcher = RegExp | typeof GLOBSTAR | string;
const GLOBSTAR = Symbol('globstar');

const cache = new Map<string, CompiledGlob>();

/**
 * Whether `relativePath` (with `/` or the platform separator) matches `pattern`. A negated
 * pattern (`!x`) reports whether the path matches `x`. With `matchBase` (the default), a pattern
 * without a slash is matched against the base name.
 */
export function globMatches(relativePath: string, pattern: string, matchBase = true): boolean {
  let compiled = cache.get(pattern);
  if (!compiled) {
    compiled = compile(pattern);
    cache.set(pattern, compiled);
  }
  if (compiled.alternatives.length === 0) return false;
  const segments = relativePath.split(/[\\/]/);
  if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
  const candidates = matchBase && compiled.matchBase && segments.length > 1 ? [segments[segments.length - 1]] : segments;
  return compiled.alternatives.some((alt) => matchSegments(candidates, 0, alt, 0));
}

function compile(raw: string): CompiledGlob {
  let pattern = raw;
  let negate = false;
  while (pattern.startsWith('!')) {
    negate = !negate;
    pattern = pattern.slice(1);
  }
  // A comment matches nothing; an empty pattern only the empty path.
  if (pattern.startsWith('#')) return { negate, matchBase: false, alternatives: [] };
  const expanded = expandBraces(pattern);
  const matchBase = !pattern.includes('/');
  const alternatives = expanded.map((p) => {
    const parts = p.split('/');
    const out: SegmentMatcher[] = [];
    for (const part of parts) {
      const m = part === '**' ? GLOBSTAR : segmentMatcher(part);
      // Consecutive globstars are one.
      if (m === GLOBSTAR && out[out.length - 1] === GLOBSTAR) continue;
      out.push(m);
    }
    return out;
  });
  return { negate, matchBase, alternatives };
}

function matchSegments(path: string[], pi: number, pattern: ReadonlyArray<SegmentMatcher>, gi: number): boolean {
  while (gi < pattern.length) {
    const m = pattern[gi];
    if (m === GLOBSTAR) {
      // A trailing globstar matches one or more remaining segments, none of them dot segments.
      if (gi === pattern.length - 1) {
        if (pi >= path.length) return false;
        for (let i = pi; i < path.length; i++) if (path[i].startsWith('.') || path[i] === '') return false;
        return true;
      }
      for (let i = pi; i <= path.length; i++) {
        if (matchSegments(path, i, pattern, gi + 1)) return true;
        if (i < path.length && (path[i].startsWith('.') || path[i] === '')) return false;
      }
      return false;
    }
    if (pi >= path.length) return false;
    const seg = path[pi];
    if (typeof m === 'string') {
      if (seg !== m) return false;
    } else if (!m.test(seg)) {
      return false;
    }
    pi++;
    gi++;
  }
  return pi === path.length;
}

/** A literal string for a segment without magic, else a regular expression. */
function segmentMatcher(segment: string): RegExp | string {
  if (!/[*?[\\]/.test(segment)) return segment;
  let re = '';
  let i = 0;
  let hasMagic = false;
  while (i < segment.length) {
    const c = segment[i];
    if (c === '\\' && i + 1 < segment.length) {
      re += escapeRegex(segment[i + 1]);
      i += 2;
      continue;
    }
    if (c === '*') {
      hasMagic = true;
      while (segment[i + 1] === '*') i++;
      re += '[^/]*?';
    } else if (c === '?') {
      hasMagic = true;
      re += '[^/]';
    } else if (c === '[') {
      const close = findClassEnd(segment, i);
      if (close < 0) {
        re += '\\[';
      } else {
        hasMagic = true;
        let body = segment.slice(i + 1, close);
        let negated = false;
        if (body.startsWith('!') || body.startsWith('^')) {
          negated = true;
          body = body.slice(1);
        }
        re += `[${negated ? '^' : ''}${body.replace(/\\/g, '\\\\').replace(/\]/g, '\\]')}]`;
        i = close;
      }
    } else {
      re += escapeRegex(c);
    }
    i++;
  }
  if (!hasMagic) return segment.replace(/\\(.)/g, '$1');
  // Wildcards never match a leading dot, unless the pattern spells it out.
  const dotGuard = segment.startsWith('.') ? '' : '(?!\\.)';
  return new RegExp(`^${dotGuard}${re}$`);
}

function findClassEnd(s: string, start: number): number {
  let i = start + 1;
  if (s[i] === '!' || s[i] === '^') i++;
  if (s[i] === ']') i++;
  for (; i < s.length; i++) if (s[i] === ']') return i;
  return -1;
}

function escapeRegex(s: string): string {
  return s.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&');
}

/** `a{b,c}d` → `abd`, `acd`; numeric ranges `{1..3}` too. Unbalanced braces stay literal. */
export function expandBraces(pattern: string): string[] {
  const open = findBraceOpen(pattern);
  if (open < 0) return [pattern];
  const close = findBraceClose(pattern, open);
  if (close < 0) return [pattern];
  const pre = pattern.slice(0, open);
  const body = pattern.slice(open + 1, close);
  const post = pattern.slice(close + 1);
  const options = splitTopLevel(body);
  let alternatives: string[];
  if (options.length > 1) {
    alternatives = options;
  } else {
    const range = /^(-?\d+)\.\.(-?\d+)$/.exec(body);
    if (!range) return expandBraces(pre + '\\{' + body + '\\}' + post).map((p) => p.replace(/\\([{}])/g, '$1'));
    const from = Number(range[1]);
    const to = Number(range[2]);
    alternatives = [];
    const step = from <= to ? 1 : -1;
    for (let n = from; step > 0 ? n <= to : n >= to; n += step) alternatives.push(String(n));
  }
  const tails = expandBraces(post);
  const out: string[] = [];
  for (const alt of alternatives) for (const expandedAlt of expandBraces(alt)) for (const tail of tails) out.push(pre + expandedAlt + tail);
  return out;
}

function findBraceOpen(s: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') { i++; continue; }
    if (s[i] === '{') return i;
  }
  return -1;
}

function findBraceClose(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '\\') { i++; continue; }
    if (s[i] === '{') depth++;
    if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') { current += c + (body[i + 1] ?? ''); i++; continue; }
    if (c === '{') depth++;
    if (c === '}') depth--;
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}
