/**
 * How strings with tokens become CloudFormation: concatenation turns into the smallest `Fn::Join`
 * that says the same thing, with neighbouring literals merged and nested same-delimiter joins
 * flattened. This determines the exact shape of every ARN and URL in a template.
 */
import { Token } from '../token.js';

export function isIntrinsic(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const keys = Object.keys(x);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::') || keys[0] === 'Condition');
}

function isConcatable(x: unknown): x is string | number {
  return (typeof x === 'string' || typeof x === 'number') && !Token.isUnresolved(x);
}

/**
 * Shrinks the value list of an `Fn::Join`: splices nested joins with the same delimiter and merges
 * adjacent literals. Works in place and returns the list.
 */
export function minimalJoin(delimiter: string, values: unknown[]): unknown[] {
  let i = 0;
  while (i < values.length) {
    const el = values[i];
    const nested = splicableJoin(el, delimiter);
    if (nested) {
      values.splice(i, 1, ...nested);
    } else if (i > 0 && isConcatable(values[i - 1]) && isConcatable(el)) {
      values[i - 1] = `${values[i - 1]}${delimiter}${el}`;
      values.splice(i, 1);
    } else {
      i += 1;
    }
  }
  return values;
}

function splicableJoin(x: unknown, delimiter: string): unknown[] | undefined {
  if (!isIntrinsic(x) || !('Fn::Join' in x)) return undefined;
  const args = x['Fn::Join'];
  if (!Array.isArray(args) || args[0] !== delimiter) return undefined;
  const list = args[1];
  if (!Array.isArray(list) || Token.isUnresolved(list)) return undefined;
  return list;
}

/** Concatenates two resolved values the way CloudFormation needs it. */
export function concat(left: unknown, right: unknown): unknown {
  if (left === undefined && right === undefined) return '';
  const parts: unknown[] = [];
  if (left !== undefined) parts.push(left);
  if (right !== undefined) parts.push(right);
  if (parts.length === 1) return parts[0];
  if (isConcatable(parts[0]) && isConcatable(parts[1])) return `${parts[0]}${parts[1]}`;
  return { 'Fn::Join': ['', minimalJoin('', parts)] };
}

/** Joins resolved fragments left to right with {@link concat}. */
export function concatAll(fragments: readonly unknown[]): unknown {
  if (fragments.length === 0) return '';
  let acc = fragments[0];
  for (let i = 1; i < fragments.length; i++) acc = concat(acc, fragments[i]);
  return acc;
}
