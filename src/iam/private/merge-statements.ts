/**
 * Merging of policy statements: equal statements always collapse into one; with minimisation on,
 * statements that differ in only one of actions, resources or principals are combined.
 */
import type { IConstruct } from 'constructs';
import { PolicyStatement, deriveEstimateSizeOptions, type EstimateSizeOptions } from '../policy-statement.js';
import { ComparablePrincipal, type IPrincipal } from '../principals.js';
import { LITERAL_STRING_KEY } from './util.js';

/** Statements above this estimated size are not merged further when splitting. */
const MAX_MERGE_SIZE = 2000;

export interface MergeStatementOptions {
  readonly scope: IConstruct;
  /** Stop merging statements that would become too large. @default false */
  readonly limitSize?: boolean;
  /** Combine statements that differ in one dimension (else merge only equal ones). @default true */
  readonly mergeIfCombinable?: boolean;
}

export interface MergeStatementResult {
  readonly mergedStatements: PolicyStatement[];
  /** For each merged statement, the statements it came from. */
  readonly originsMap: Map<PolicyStatement, PolicyStatement[]>;
}

interface ComparableStatement {
  readonly originals: PolicyStatement[];
  readonly statement: PolicyStatement;
  readonly conditionString: string;
}

export function mergeStatements(statements: PolicyStatement[], options: MergeStatementOptions): MergeStatementResult {
  const sizeOptions = deriveEstimateSizeOptions(options.scope);
  const comparable = statements.map(makeComparable);
  const merge = (options.mergeIfCombinable ?? true) ? mergeIfCombinable : mergeIfEqual;

  const onePass = (): boolean => {
    let changed = false;
    for (let i = 0; i < comparable.length; i++) {
      let j = i + 1;
      while (j < comparable.length) {
        const merged = merge(comparable[i], comparable[j], !!options.limitSize, sizeOptions);
        if (merged) {
          comparable[i] = merged;
          comparable.splice(j, 1);
          changed = true;
        } else {
          j++;
        }
      }
    }
    return changed;
  };
  while (onePass()) { /* until nothing merges */ }

  const mergedStatements = new Array<PolicyStatement>();
  const originsMap = new Map<PolicyStatement, PolicyStatement[]>();
  for (const c of comparable) {
    mergedStatements.push(c.statement);
    originsMap.set(c.statement, c.originals);
  }
  return { mergedStatements, originsMap };
}

function mergeIfCombinable(a: ComparableStatement, b: ComparableStatement, limitSize: boolean, options: EstimateSizeOptions): ComparableStatement | undefined {
  const sa = a.statement;
  const sb = b.statement;
  if (sa.effect !== sb.effect || sa.sid || sb.sid || a.conditionString !== b.conditionString) return undefined;
  if (!setEqual(sa.notActions, sb.notActions) || !setEqual(sa.notResources, sb.notResources)
    || !setEqualPrincipals(sa.notPrincipals, sb.notPrincipals)) return undefined;
  const equalDimensions = (setEqual(sa.actions, sb.actions) ? 1 : 0) + (setEqual(sa.resources, sb.resources) ? 1 : 0)
    + (setEqualPrincipals(sa.principals, sb.principals) ? 1 : 0);
  if (equalDimensions < 2 || unmergeablePrincipals(a, b)) return undefined;
  const combined = sa.copy({
    actions: setMerge(sa.actions, sb.actions),
    resources: setMerge(sa.resources, sb.resources),
    principals: setMergePrincipals(sa.principals, sb.principals),
  });
  if (limitSize && combined._estimateSize(options) > MAX_MERGE_SIZE) return undefined;
  return { originals: [...a.originals, ...b.originals], statement: combined, conditionString: a.conditionString };
}

function mergeIfEqual(a: ComparableStatement, b: ComparableStatement): ComparableStatement | undefined {
  const sa = a.statement;
  const sb = b.statement;
  if (sa.effect !== sb.effect || sa.sid !== sb.sid || a.conditionString !== b.conditionString) return undefined;
  if (!setEqual(sa.notActions, sb.notActions) || !setEqual(sa.notResources, sb.notResources)
    || !setEqualPrincipals(sa.notPrincipals, sb.notPrincipals)) return undefined;
  if (!setEqual(sa.actions, sb.actions) || !setEqual(sa.resources, sb.resources)
    || !setEqualPrincipals(sa.principals, sb.principals)) return undefined;
  return { originals: [...a.originals, ...b.originals], statement: sa, conditionString: a.conditionString };
}

function makeComparable(s: PolicyStatement): ComparableStatement {
  return { originals: [s], statement: s, conditionString: JSON.stringify(s.conditions) };
}

/** A statement with a literal principal (`"*"`) never merges with one without. */
function unmergeablePrincipals(a: ComparableStatement, b: ComparableStatement): boolean {
  const hasLiteral = (s: PolicyStatement) => s.principals.some((p) => LITERAL_STRING_KEY in p.policyFragment.principalJson);
  return hasLiteral(a.statement) !== hasLiteral(b.statement);
}

function setEqual<A>(a: A[], b: A[]): boolean {
  const bSet = new Set(b);
  return a.length === b.length && a.every((k) => bSet.has(k));
}

function setMerge(x: string[], y: string[]): string[] {
  return Array.from(new Set([...x, ...y])).sort();
}

function partitionPrincipals(xs: IPrincipal[]): { comparable: Record<string, IPrincipal>; nonComparable: IPrincipal[] } {
  const nonComparable: IPrincipal[] = [];
  const comparable: Record<string, IPrincipal> = {};
  for (const x of xs) {
    const dedupe = ComparablePrincipal.dedupeStringFor(x);
    if (dedupe) comparable[dedupe] = x;
    else nonComparable.push(x);
  }
  return { comparable, nonComparable };
}

function setEqualPrincipals(xs: IPrincipal[], ys: IPrincipal[]): boolean {
  const x = partitionPrincipals(xs);
  const y = partitionPrincipals(ys);
  return setEqual(x.nonComparable, y.nonComparable) && setEqual(Object.keys(x.comparable), Object.keys(y.comparable));
}

function setMergePrincipals(xs: IPrincipal[], ys: IPrincipal[]): IPrincipal[] {
  const x = partitionPrincipals(xs);
  const y = partitionPrincipals(ys);
  return [...Object.values({ ...x.comparable, ...y.comparable }), ...x.nonComparable, ...y.nonComparable];
}
