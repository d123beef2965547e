/**
 * The process-wide registry that lets an unresolved value travel inside a plain string, number or
 * list, the way aws-cdk-lib's tokens do.
 *
 * A string token is `${Token[<hint>.<n>]}`: it survives concatenation, template literals and
 * `String.prototype` operations that keep it whole. A list token is a one-element array holding
 * `#{Token[<hint>.<n>]}`. A number token is a double in a range no real quantity uses (the top 16
 * bits 0xFBFF, a negative number near -1.9e289), carrying `n` in its low 48 bits.
 *
 * The registry lives on `globalThis` so that two copies of this module (a symlinked install, a test
 * runner loading it twice) still agree on every token.
 */
import type { IResolvable } from '../resolvable.js';

const STRING_BEGIN = '${Token[';
const LIST_BEGIN = '#{Token[';
const END = ']}';

/** Matches one encoded string token and captures its number. */
export const STRING_TOKEN_PATTERN = /\$\{Token\[[^\]]*?\.(\d+)\]\}/g;
const LIST_TOKEN_PATTERN = /^#\{Token\[[^\]]*?\.(\d+)\]\}$/;

const NUMBER_MARKER_HIGH16 = 0xfbff;
const MAX_NUMBER_TOKEN_INDEX = 2 ** 48 - 1;

interface Registry {
  readonly tokens: Map<number, IResolvable>;
  readonly strings: WeakMap<IResolvable, string>;
  readonly numbers: WeakMap<IResolvable, number>;
  readonly lists: WeakMap<IResolvable, string>;
  counter: number;
}

const REGISTRY_KEY = Symbol.for('wsgate/core.TokenMap');

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  let r = holder[REGISTRY_KEY];
  if (!r) {
    r = { tokens: new Map(), strings: new WeakMap(), numbers: new WeakMap(), lists: new WeakMap(), counter: 0 };
    holder[REGISTRY_KEY] = r;
  }
  return r;
}

function hintOf(token: IResolvable, fallback: string): string {
  const raw = (token as { displayHint?: string }).displayHint ?? fallback;
  // As in aws-cdk-lib: characters outside [a-zA-Z0-9:._-] become '.', so a token never holds the
  // '/' or ' ' that ARN and string splitting look for.
  return raw.replace(/[^a-zA-Z0-9:._-]/g, '.') || fallback;
}

function allocate(token: IResolvable): number {
  const r = registry();
  r.counter += 1;
  r.tokens.set(r.counter, token);
  return r.counter;
}

export function registerString(token: IResolvable, hint = 'TOKEN'): string {
  const r = registry();
  const existing = r.strings.get(token);
  if (existing !== undefined) return existing;
  const encoded = `${STRING_BEGIN}${hintOf(token, hint)}.${allocate(token)}${END}`;
  r.strings.set(token, encoded);
  return encoded;
}

export function registerList(token: IResolvable, hint = 'TOKEN'): string[] {
  const r = registry();
  const existing = r.lists.get(token);
  if (existing !== undefined) return [existing];
  const encoded = `${LIST_BEGIN}${hintOf(token, hint)}.${allocate(token)}${END}`;
  r.lists.set(token, encoded);
  return [encoded];
}

export function registerNumber(token: IResolvable): number {
  const r = registry();
  const existing = r.numbers.get(token);
  if (existing !== undefined) return existing;
  const index = allocate(token);
  if (index > MAX_NUMBER_TOKEN_INDEX) throw new Error('Too many number tokens in one process');
  const view = new DataView(new ArrayBuffer(8));
  view.setUint16(0, NUMBER_MARKER_HIGH16);
  view.setUint16(2, Math.floor(index / 2 ** 32) & 0xffff);
  view.setUint32(4, index >>> 0);
  const encoded = view.getFloat64(0);
  r.numbers.set(token, encoded);
  return encoded;
}

/** The token a number stands for, or undefined for an ordinary number. */
export function lookupNumber(x: number): IResolvable | undefined {
  if (!Number.isFinite(x) || x >= 0) return undefined;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  if (view.getUint16(0) !== NUMBER_MARKER_HIGH16) return undefined;
  const index = view.getUint16(2) * 2 ** 32 + view.getUint32(4);
  return registry().tokens.get(index);
}

/** The token a list stands for, or undefined. */
export function lookupList(xs: readonly unknown[]): IResolvable | undefined {
  if (xs.length !== 1 || typeof xs[0] !== 'string') return undefined;
  const m = LIST_TOKEN_PATTERN.exec(xs[0]);
  return m ? registry().tokens.get(Number(m[1])) : undefined;
}

export function lookupIndex(index: number): IResolvable | undefined {
  return registry().tokens.get(index);
}

export function stringContainsToken(s: string): boolean {
  return s.includes(STRING_BEGIN) || s.includes(LIST_BEGIN);
}

/** A piece of a string that holds tokens: literal text, or a token. */
export type Fragment = { readonly kind: 'literal'; readonly text: string } | { readonly kind: 'token'; readonly token: IResolvable };

/** Splits a string into its literal and token pieces, in order. Unknown token numbers stay literal. */
export function splitString(s: string): Fragment[] {
  const out: Fragment[] = [];
  let last = 0;
  for (const m of s.matchAll(STRING_TOKEN_PATTERN)) {
    const token = registry().tokens.get(Number(m[1]));
    if (!token) continue;
    const at = m.index ?? 0;
    if (at > last) out.push({ kind: 'literal', text: s.slice(last, at) });
    out.push({ kind: 'token', token });
    last = at + m[0].length;
  }
  if (last < s.length) out.push({ kind: 'literal', text: s.slice(last) });
  return out;
}

/** The single token a string consists of, if it is exactly one token. */
export function wholeStringToken(s: string): IResolvable | undefined {
  const parts = splitString(s);
  return parts.length === 1 && parts[0].kind === 'token' ? parts[0].token : undefined;
}
