/**
 * Small helpers shared by the IAM constructs: policy names, principal merging, de-duplicated
 * string lists and token comparison.
 */
import type { IConstruct } from 'constructs';
import { Token, Tokenization, ValidationError, UnscopedValidationError, type IResolvable, type IResolveContext, type IPostProcessor } from '../../core/index.js';

/** The longest name IAM accepts for an inline policy. */
export const MAX_POLICY_NAME_LEN = 128;

/** The principal key that holds a literal principal string (`"Principal": "*"`). */
export const LITERAL_STRING_KEY = 'LiteralString';

/** A policy name from a logical ID: its last 128 characters. */
export function generatePolicyName(scope: IConstruct, logicalId: string): string {
  const resolved = String(Tokenization.resolve(logicalId, { scope }));
  return resolved.substring(Math.max(resolved.length - MAX_POLICY_NAME_LEN, 0));
}

/** Something with a policy name, as attached to an identity. */
export interface INamedPolicy extends IConstruct {
  readonly policyName: string;
}

/** The inline policies of an identity; two different policies with the same name are refused. */
export class AttachedPolicies {
  private readonly policies = new Array<INamedPolicy>();

  public attach(policy: INamedPolicy): void {
    if (this.policies.find((p) => p === policy)) return;
    if (this.policies.find((p) => p.policyName === policy.policyName)) {
      throw new ValidationError('PolicyNamedAlreadyAttached', `A policy named "${policy.policyName}" is already attached`, policy);
    }
    this.policies.push(policy);
  }
}

/** Adds the principal JSON of `source` into `target`, key by key, as lists. */
export function mergePrincipal(target: Record<string, unknown[]>, source: Record<string, unknown>): Record<string, unknown[]> {
  const sourceKeys = Object.keys(source);
  const targetKeys = Object.keys(target);
  if ((LITERAL_STRING_KEY in source && targetKeys.some((k) => k !== LITERAL_STRING_KEY))
    || (LITERAL_STRING_KEY in target && sourceKeys.some((k) => k !== LITERAL_STRING_KEY))) {
    throw new UnscopedValidationError('CannotMustBeCannotMerge',
      `Cannot merge principals ${JSON.stringify(target)} and ${JSON.stringify(source)}; if one uses a literal principal string the other one must be empty`);
  }
  for (const key of sourceKeys) {
    target[key] = target[key] ?? [];
    const value = source[key];
    target[key].push(...(Array.isArray(value) ? value : [value]));
  }
  return target;
}

/**
 * A list token whose resolved elements are de-duplicated (by their JSON), and which resolves to
 * nothing when empty. Used for a role's managed policy ARNs.
 */
export class UniqueStringSet implements IResolvable, IPostProcessor {
  public static from(fn: () => string[]): string[] {
    return Token.asList(new UniqueStringSet(fn));
  }

  public readonly creationStack: string[] = [];

  private constructor(private readonly fn: () => string[]) {}

  public resolve(context: IResolveContext): unknown {
    context.registerPostProcessor(this);
    return this.fn();
  }

  public postProcess(input: unknown, _context: IResolveContext): unknown {
    if (!Array.isArray(input)) return input;
    if (input.length === 0) return undefined;
    const unique: Record<string, unknown> = {};
    for (const el of input) unique[JSON.stringify(el)] = el;
    return Object.values(unique);
  }

  public toString(): string {
    return Token.asString(this);
  }
}

/** The result of comparing two strings that may be tokens. */
export enum TokenComparison {
  SAME = 'SAME',
  DIFFERENT = 'DIFFERENT',
  ONE_UNRESOLVED = 'ONE_UNRESOLVED',
  BOTH_UNRESOLVED = 'BOTH_UNRESOLVED',
}

/** Compares two strings as aws-cdk-lib's `Token.compareStrings` does. */
export function compareStrings(a: string, b: string): TokenComparison {
  const aUnresolved = Token.isUnresolved(a);
  const bUnresolved = Token.isUnresolved(b);
  if (aUnresolved && bUnresolved) return a === b ? TokenComparison.SAME : TokenComparison.BOTH_UNRESOLVED;
  if (aUnresolved || bUnresolved) return TokenComparison.ONE_UNRESOLVED;
  return a === b ? TokenComparison.SAME : TokenComparison.DIFFERENT;
}

/** True when two accounts are the same, or may be (either one is a token). */
export function mayBeSameAccount(a: string, b: string): boolean {
  const c = compareStrings(a, b);
  return c === TokenComparison.SAME || c === TokenComparison.BOTH_UNRESOLVED || c === TokenComparison.ONE_UNRESOLVED;
}

export function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
