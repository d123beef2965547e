/**
 * JSON text that may contain tokens, as the list of pieces of an `Fn::Join`: literal JSON text
 * interleaved with the intrinsics that CloudFormation substitutes at deploy time. A token in a
 * string position lands inside the quotes; a number token lands bare.
 */
import type { IResolveContext } from '../resolvable.js';
import { isResolvableObject, ResolutionTypeHint } from '../resolvable.js';
import * as tokenMap from './token-map.js';
import { isIntrinsic } from './cloudformation-lang.js';

export function toJsonParts(obj: unknown, context: IResolveContext, space?: number): unknown[] {
  const out: unknown[] = [];
  const indentUnit = space ? ' '.repeat(space) : '';
  const nl = (depth: number) => (space ? `\n${indentUnit.repeat(depth)}` : '');
  const colon = space ? ': ' : ':';

  const emitStringContent = (resolved: unknown) => {
    if (typeof resolved === 'string') out.push(JSON.stringify(resolved).slice(1, -1));
    else if (typeof resolved === 'number' || typeof resolved === 'boolean') out.push(String(resolved));
    else if (isIntrinsic(resolved) && 'Fn::Join' in resolved && (resolved['Fn::Join'] as unknown[])[0] === '') {
      for (const piece of (resolved['Fn::Join'] as unknown[][])[1]) emitStringContent(piece);
    } else out.push(resolved);
  };

  const walk = (value: unknown, depth: number): void => {
    if (value === undefined) return;
    if (value === null) { out.push('null'); return; }
    if (typeof value === 'string') {
      if (!tokenMap.stringContainsToken(value)) { out.push(JSON.stringify(value)); return; }
      const list = tokenMap.lookupList([value]);
      if (list) { walk(context.resolve(list), depth); return; }
      out.push('"');
      for (const f of tokenMap.splitString(value)) {
        if (f.kind === 'literal') out.push(JSON.stringify(f.text).slice(1, -1));
        else emitStringContent(context.resolve(f.token));
      }
      out.push('"');
      return;
    }
    if (typeof value === 'number') {
      const token = tokenMap.lookupNumber(value);
      out.push(token ? context.resolve(token) : JSON.stringify(value));
      return;
    }
    if (typeof value === 'boolean') { out.push(String(value)); return; }
    if (Array.isArray(value)) {
      const listToken = tokenMap.lookupList(value);
      if (listToken) { out.push(context.resolve(listToken)); return; }
      const items = value.filter((v) => v !== undefined);
      out.push('[');
      items.forEach((v, i) => {
        if (i > 0) out.push(',');
        out.push(nl(depth + 1));
        walk(v, depth + 1);
      });
      if (items.length) out.push(nl(depth));
      out.push(']');
      return;
    }
    if (isResolvableObject(value)) {
      const resolved = context.resolve(value);
      if (isIntrinsic(resolved)) {
        const quoted = value.typeHint === ResolutionTypeHint.STRING;
        if (quoted) out.push('"');
        out.push(resolved);
        if (quoted) out.push('"');
      } else {
        walk(resolved, depth);
      }
      return;
    }
    if (typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
      out.push('{');
      entries.forEach(([k, v], i) => {
        if (i > 0) out.push(',');
        out.push(nl(depth + 1));
        walk(k, depth + 1);
        out.push(colon);
        walk(v, depth + 1);
      });
      if (entries.length) out.push(nl(depth));
      out.push('}');
    }
  };

  walk(obj, 0);
  return out;
}
