/**
 * The resolution engine: walks a value, replaces every token by what it resolves to, and turns
 * strings that mix text and tokens into `Fn::Join` with {@link concatAll}.
 */
import type { IConstruct } from 'constructs';
import type { IPostProcessor, IResolveContext, ResolveChangeContextOptions } from '../resolvable.js';
import { isResolvableObject } from '../resolvable.js';
import * as tokenMap from './token-map.js';
import { concatAll } from './cloudformation-lang.js';

export interface ResolveSettings {
  readonly scope: IConstruct;
  readonly preparing: boolean;
  readonly removeEmpty: boolean;
}

/** How deep resolution may nest before it is taken for a token cycle. */
const MAX_DEPTH = 200;

export function resolveValue(obj: unknown, settings: ResolveSettings, path: string[] = [], depth = 0): unknown {
  if (depth > MAX_DEPTH) {
    throw new Error(`Unable to resolve object tree with circular reference. Path: /${path.join('/')}`);
  }
  const next = (x: unknown, key: string, s: ResolveSettings = settings) => resolveValue(x, s, [...path, key], depth + 1);

  if (obj === undefined || obj === null) return obj;
  if (typeof obj === 'function') {
    throw new Error(`Trying to resolve() a function at '/${path.join('/')}': ${String(obj).slice(0, 80)}`);
  }

  if (typeof obj === 'string') {
    if (!tokenMap.stringContainsToken(obj)) return obj;
    const list = tokenMap.lookupList([obj]);
    if (list) return resolveToken(list, settings, path, depth);
    const fragments = tokenMap.splitString(obj).map((f) =>
      f.kind === 'literal' ? f.text : resolveToken(f.token, settings, path, depth));
    return concatAll(fragments);
  }

  if (typeof obj === 'number') {
    const token = tokenMap.lookupNumber(obj);
    return token ? resolveToken(token, settings, path, depth) : obj;
  }

  if (typeof obj !== 'object') return obj;

  if (Array.isArray(obj)) {
    const listToken = tokenMap.lookupList(obj);
    if (listToken) return resolveToken(listToken, settings, path, depth);
    return obj.map((x, i) => next(x, String(i))).filter((x) => x !== undefined);
  }

  if (isResolvableObject(obj)) return resolveToken(obj, settings, path, depth);

  if (obj instanceof Date) return obj.toISOString();

  const result: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    const value = next((obj as Record<string, unknown>)[key], key);
    if (value === undefined) continue;
    const resolvedKey = tokenMap.stringContainsToken(key) ? next(key, key) : key;
    if (typeof resolvedKey !== 'string') {
      throw new Error(`"${key}" is used as the key in a map so must resolve to a string, but it resolves to: ${JSON.stringify(resolvedKey)}`);
    }
    result[resolvedKey] = value;
  }
  return result;
}

function resolveToken(token: { resolve(c: IResolveContext): unknown }, settings: ResolveSettings, path: string[], depth: number): unknown {
  const postProcessors: IPostProcessor[] = [];
  const context: IResolveContext = {
    scope: settings.scope,
    preparing: settings.preparing,
    documentPath: path,
    resolve: (x: unknown, options?: ResolveChangeContextOptions) =>
      resolveValue(x, { ...settings, removeEmpty: options?.removeEmpty ?? settings.removeEmpty }, path, depth + 1),
    registerPostProcessor: (pp) => { postProcessors.push(pp); },
  };
  let produced: unknown;
  try {
    produced = token.resolve(context);
  } catch (e) {
    // As aws-cdk-lib does, say that the error happened while resolving a token (once).
    if (e instanceof Error && !e.message.startsWith('Resolution error: ')) e.message = `Resolution error: ${e.message}.`;
    throw e;
  }
  let value = resolveValue(produced, settings, path, depth + 1);
  for (const pp of postProcessors) value = pp.postProcess(value, context);
  return value;
}
