/**
 * How a policy document is shaped: each statement is normalised before resolution (lists of one
 * become scalars, empty parts disappear), and after resolution duplicate statements are dropped.
 */
import { Token, type IPostProcessor, type IResolveContext } from '../../core/index.js';
import { LITERAL_STRING_KEY } from './util.js';

/** A statement as IAM JSON, before resolution. */
export interface StatementJson {
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Condition?: unknown;
  readonly Effect?: unknown;
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
  readonly Sid?: unknown;
}

/** Removes duplicate statements (equal JSON) from a resolved document; may assign sids and sort. */
export class PostProcessPolicyDocument implements IPostProcessor {
  constructor(private readonly autoAssignSids: boolean, private readonly sort: boolean) {}

  public postProcess(input: unknown, _context: IResolveContext): unknown {
    const doc = input as { Statement?: Array<Record<string, unknown>> } | undefined;
    if (!doc || !doc.Statement) return input;
    const seen = new Set<string>();
    const unique: Array<Record<string, unknown>> = [];
    for (const statement of doc.Statement) {
      const json = JSON.stringify(statement);
      if (seen.has(json)) continue;
      unique.push(statement);
      seen.add(json);
    }
    const statements = unique.map((s, i) => {
      if (this.autoAssignSids && !s.Sid) s.Sid = i.toString();
      if (this.sort) {
        if (s.Action) s.Action = sortByJson(s.Action);
        if (s.Resource) s.Resource = sortByJson(s.Resource);
        if (s.Principal) s.Principal = sortPrincipals(s.Principal);
      }
      return s;
    });
    return { ...doc, Statement: statements };
  }
}

/** A statement's JSON with single-element lists as scalars and empty parts left out. */
export function normalizeStatement(s: StatementJson): Record<string, unknown> {
  return noUndefined({
    Action: norm(s.Action, true),
    NotAction: norm(s.NotAction, true),
    Condition: norm(s.Condition),
    Effect: norm(s.Effect),
    Principal: normPrincipal(s.Principal),
    NotPrincipal: normPrincipal(s.NotPrincipal),
    Resource: norm(s.Resource, true),
    NotResource: norm(s.NotResource, true),
    Sid: norm(s.Sid),
  });
}

function norm(values: unknown, unique = false): unknown {
  if (values == null) return undefined;
  if (Token.isUnresolved(values)) return values;
  if (Array.isArray(values)) {
    if (values.length === 0) return undefined;
    if (values.length === 1) return values[0];
    return unique ? Array.from(new Set(values)) : values;
  }
  if (typeof values === 'object' && Object.keys(values).length === 0) return undefined;
  return values;
}

function normPrincipal(principal: unknown): unknown {
  if (!principal || Array.isArray(principal) || typeof principal !== 'object') return undefined;
  const p = principal as Record<string, unknown>;
  const keys = Object.keys(p);
  if (keys.length === 0) return undefined;
  if (LITERAL_STRING_KEY in p) return (p[LITERAL_STRING_KEY] as unknown[])[0];
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const value = norm(p[key]);
    if (value) result[key] = value;
  }
  return result;
}

function noUndefined(x: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(x)) if (value !== undefined) out[key] = value;
  return out;
}

function sortPrincipals(xs: unknown): unknown {
  if (!xs || Array.isArray(xs) || typeof xs !== 'object') return xs;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(xs).sort()) out[key] = sortByJson((xs as Record<string, unknown>)[key]);
  return out;
}

function sortByJson(xs: unknown): unknown {
  if (!Array.isArray(xs)) return xs;
  const byJson = new Map<string, unknown>();
  for (const x of xs) byJson.set(JSON.stringify(x), x);
  const sorted = Array.from(byJson.keys()).sort().map((k) => byJson.get(k));
  xs.splice(0, xs.length, ...sorted);
  return xs.length !== 1 ? xs : xs[0];
}
