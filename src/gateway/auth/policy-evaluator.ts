/**
 * IAM evaluation of identity-based statements for one request (action, resource ARN): an explicit
 * Deny wins, then an Allow, else the request is implicitly denied. Serves both the statements of a
 * template role (src/model) and the policy document a Lambda authorizer returns.
 *
 * Matching: `*` and `?` wildcards; actions case-insensitive, resources case-sensitive; NotAction
 * and NotResource apply to everything they do not list.
 *
 * What the evaluator cannot decide fails closed: a statement whose Condition is `unknown` (see
 * policy-conditions.ts), or that has neither Resource nor NotResource, makes an Allow not apply
 * and a Deny apply.
 */
import type { PolicyStatementModel } from '../../model/gateway-model.js';
import { readPolicyStatement } from '../../model/iam-roles.js';
import { evaluateCondition, type ConditionContext } from './policy-conditions.js';
import { wildcardMatch } from './wildcard.js';

/** What is asked. */
export interface PolicyRequest {
  /** `service:Action`, e.g. `execute-api:ManageConnections`. */
  readonly action: string;
  /** The resource ARN. */
  readonly resource: string;
  /** Values of condition keys (e.g. `aws:SourceIp`). */
  readonly context?: ConditionContext;
}

/** The outcome, with the statement that decided it (none for an implicit deny). */
export type PolicyDecision =
  | { readonly effect: 'Allow'; readonly statement: PolicyStatementModel }
  | { readonly effect: 'ExplicitDeny'; readonly statement: PolicyStatementModel }
  | { readonly effect: 'ImplicitDeny' };

/** Evaluates `statements` for one request. */
export function evaluatePolicy(statements: readonly PolicyStatementModel[], request: PolicyRequest): PolicyDecision {
  let allow: PolicyStatementModel | undefined;
  for (const statement of statements) {
    const applies = appliesTo(statement, request);
    if (statement.effect === 'Deny' && applies !== 'no') return { effect: 'ExplicitDeny', statement };
    if (statement.effect === 'Allow' && applies === 'yes' && !allow) allow = statement;
  }
  return allow ? { effect: 'Allow', statement: allow } : { effect: 'ImplicitDeny' };
}

/** Whether a statement applies to the request; `unknown` when it uses what the evaluator cannot decide. */
function appliesTo(s: PolicyStatementModel, request: PolicyRequest): 'yes' | 'no' | 'unknown' {
  const action = s.action ? s.action.some((p) => wildcardMatch(p, request.action, true))
    : s.notAction ? !s.notAction.some((p) => wildcardMatch(p, request.action, true)) : undefined;
  const resource = s.resource ? s.resource.some((p) => wildcardMatch(p, request.resource, false))
    : s.notResource ? !s.notResource.some((p) => wildcardMatch(p, request.resource, false)) : undefined;
  if (action === false || resource === false) return 'no';
  const condition = s.condition ? evaluateCondition(s.condition, request.context ?? {}) : 'match';
  if (condition === 'no-match') return 'no';
  return action === undefined || resource === undefined || condition === 'unknown' ? 'unknown' : 'yes';
}

/** A policy document IAM would refuse (what a Lambda authorizer returned, for instance). */
export class PolicyDocumentError extends Error {
  public readonly code = 'WSGATE_ERR_POLICY_DOCUMENT';

  constructor(reason: string) {
    super(`Invalid policy document: ${reason}`);
    this.name = 'PolicyDocumentError';
  }
}

/**
 * The statements of a policy document in either JSON shape IAM accepts: `Statement` an object or
 * an array, `Action`/`Resource` (and their Not forms) a string or an array of strings.
 */
export function policyDocumentStatements(document: unknown, source: string): PolicyStatementModel[] {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) throw new PolicyDocumentError('the document must be an object');
  const raw = (document as Record<string, unknown>).Statement;
  if (raw === undefined) throw new PolicyDocumentError('the document has no Statement');
  return (Array.isArray(raw) ? raw : [raw]).map((s, i) =>
    readPolicyStatement(s, source, (reason) => { throw new PolicyDocumentError(`Statement[${i}]: ${reason}`); }));
}

/** A statement for messages: where it comes from, and its Sid. */
export function describeStatement(statement: PolicyStatementModel): string {
  return statement.sid ? `${statement.source} (Sid ${statement.sid})` : statement.source;
}
