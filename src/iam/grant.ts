/**
 * Grants: the result of giving a principal permissions, in its own policy, in the resource's
 * policy, or both. A grant is dependable, so other resources can wait until it is in effect.
 */
import { Dependable, type IConstruct, type IDependable } from 'constructs';
import { UnscopedValidationError, type ResourceEnvironment } from '../core/index.js';
import { PolicyStatement } from './policy-statement.js';
import type { IGrantable, IPrincipal } from './principals.js';
import { compareStrings, TokenComparison } from './private/util.js';

/** Something with an account and a region. */
export interface IEnvironmentAware {
  readonly env: ResourceEnvironment;
}

/** Options common to all grants. */
export interface CommonGrantOptions {
  /** Who gets the permissions. */
  readonly grantee: IGrantable;
  /** The actions granted. */
  readonly actions: string[];
  /** The resources the actions are granted on. */
  readonly resourceArns: string[];
  /** Conditions on the grant. @default - none */
  readonly conditions?: Record<string, Record<string, unknown>>;
}

/** Options of a grant that may go into a resource policy. */
export interface GrantWithResourceOptions extends CommonGrantOptions {
  /** The resource whose policy may receive the statement. */
  readonly resource: IResourceWithPolicyV2;
  /** The resource's own ARNs, used in its policy instead of `resourceArns`. @default - resourceArns */
  readonly resourceSelfArns?: string[];
}

/** Options of a grant of a ready-made statement to a resource policy. */
export interface GrantPolicyWithResourceOptions extends GrantWithResourceOptions {
  readonly statement: PolicyStatement;
}

/** Options of a grant on the principal's policy only. */
export interface GrantOnPrincipalOptions extends CommonGrantOptions {
  /** Where a new policy would be created (unused by most principals). @default - none */
  readonly scope?: IConstruct;
}

/** Options of a grant on both the principal's and the resource's policy. */
export interface GrantOnPrincipalAndResourceOptions extends CommonGrantOptions {
  readonly resource: IResourceWithPolicyV2;
  /** @default - resourceArns */
  readonly resourceSelfArns?: string[];
  /** The principal named in the resource policy. @default - the grantee's principal */
  readonly resourcePolicyPrincipal?: IPrincipal;
}

/** The result of adding a statement to a resource policy. */
export interface AddToResourcePolicyResult {
  readonly statementAdded: boolean;
  /** @default - the resource itself */
  readonly policyDependable?: IDependable;
}

/** A resource with a policy of its own. */
export interface IResourceWithPolicyV2 extends IEnvironmentAware {
  addToResourcePolicy(statement: PolicyStatement): AddToResourcePolicyResult;
}

interface GrantProps {
  readonly options: CommonGrantOptions;
  readonly principalStatement?: PolicyStatement;
  readonly resourceStatement?: PolicyStatement;
  readonly policyDependable?: IDependable;
}

/** Permissions given to a principal. */
export class Grant implements IDependable {
  /**
   * Grants on the principal's policy, and also on the resource's policy unless the principal is
   * known to be in the resource's account and took the statement.
   */
  public static addToPrincipalOrResource(options: GrantWithResourceOptions): Grant {
    const result = Grant.addToPrincipal(options);
    const principalAccount = options.grantee.grantPrincipal.principalAccount;
    const sameAccount = principalAccount ? isSameOrUnresolved(options.resource.env.account, principalAccount) : false;
    if (result.success && sameAccount) return result;

    const statement = new PolicyStatement({
      actions: options.actions,
      resources: options.resourceSelfArns || options.resourceArns,
      principals: [options.grantee.grantPrincipal],
      conditions: options.conditions,
    });
    const resourceResult = options.resource.addToResourcePolicy(statement);
    return new Grant({
      resourceStatement: statement,
      options,
      policyDependable: resourceResult.statementAdded ? resourceResult.policyDependable ?? asDependable(options.resource) : undefined,
    });
  }

  /** Adds a ready-made statement to the resource's policy. */
  public static addStatementToResourcePolicy(options: GrantPolicyWithResourceOptions): Grant {
    const resourceResult = options.resource.addToResourcePolicy(options.statement);
    return new Grant({
      resourceStatement: options.statement,
      options,
      policyDependable: resourceResult.statementAdded ? resourceResult.policyDependable ?? asDependable(options.resource) : undefined,
    });
  }

  /** Grants on the principal's own policy only; a principal without a policy gets nothing. */
  public static addToPrincipal(options: GrantOnPrincipalOptions): Grant {
    const statement = new PolicyStatement({ actions: options.actions, resources: options.resourceArns, conditions: options.conditions });
    const added = options.grantee.grantPrincipal.addToPrincipalPolicy(statement);
    if (!added.statementAdded) return new Grant({ principalStatement: undefined, options });
    if (!added.policyDependable) {
      throw new UnscopedValidationError('ContractViolationPrincipalStatementAdded',
        'Contract violation: when Principal returns statementAdded=true, it should return a dependable');
    }
    return new Grant({ principalStatement: statement, options, policyDependable: added.policyDependable });
  }

  /** Grants on both the principal's and the resource's policy. */
  public static addToPrincipalAndResource(options: GrantOnPrincipalAndResourceOptions): Grant {
    const result = Grant.addToPrincipal(options);
    const statement = new PolicyStatement({
      actions: options.actions,
      resources: options.resourceSelfArns || options.resourceArns,
      principals: [options.resourcePolicyPrincipal || options.grantee.grantPrincipal],
      conditions: options.conditions,
    });
    const resourceResult = options.resource.addToResourcePolicy(statement);
    const resourceDependable = resourceResult.statementAdded ? resourceResult.policyDependable ?? asDependable(options.resource) : undefined;
    return new Grant({
      principalStatement: statement,
      resourceStatement: result.resourceStatement,
      options,
      policyDependable: resourceDependable ? new CompositeDependable(result, resourceDependable) : result,
    });
  }

  /** A grant that did nothing, on purpose. */
  public static drop(grantee: IGrantable, _intent: string): Grant {
    return new Grant({ options: { grantee, actions: [], resourceArns: [] } });
  }

  /** The statement added to the principal's policy, if any. */
  public readonly principalStatement?: PolicyStatement;
  public readonly principalStatements = new Array<PolicyStatement>();
  /** The statement added to the resource's policy, if any. */
  public readonly resourceStatement?: PolicyStatement;
  public readonly resourceStatements = new Array<PolicyStatement>();

  private readonly options: CommonGrantOptions;
  private readonly dependables = new Array<IDependable>();

  private constructor(props: GrantProps) {
    this.options = props.options;
    this.principalStatement = props.principalStatement;
    this.resourceStatement = props.resourceStatement;
    if (this.principalStatement) this.principalStatements.push(this.principalStatement);
    if (this.resourceStatement) this.resourceStatements.push(this.resourceStatement);
    if (props.policyDependable) this.dependables.push(props.policyDependable);
    const dependables = this.dependables;
    Dependable.implement(this, {
      get dependencyRoots() {
        return Array.from(new Set(dependables.flatMap((d) => Dependable.of(d).dependencyRoots)));
      },
    });
  }

  /** Whether a statement was added anywhere. */
  public get success(): boolean {
    return this.principalStatement !== undefined || this.resourceStatement !== undefined;
  }

  /** Fails unless the grant added a statement. */
  public assertSuccess(): void {
    if (!this.success) {
      const o = this.options;
      throw new UnscopedValidationError('GrantCouldNotBeAdded',
        `Permissions for '${o.grantee}' to call '${o.actions}' on '${o.resourceArns}' could not be added on either identity or resource policy.`);
    }
  }

  /** Makes the given constructs wait for this grant (they depend on its policies). */
  public applyBefore(...constructs: IConstruct[]): void {
    for (const construct of constructs) construct.node.addDependency(this);
  }

  /** One grant holding the statements and dependencies of both. */
  public combine(rhs: Grant): Grant {
    const principalStatements = [...this.principalStatements, ...rhs.principalStatements];
    const resourceStatements = [...this.resourceStatements, ...rhs.resourceStatements];
    const combined = new Grant({ options: this.options, principalStatement: principalStatements[0], resourceStatement: resourceStatements[0] });
    combined.principalStatements.splice(0, combined.principalStatements.length, ...principalStatements);
    combined.resourceStatements.splice(0, combined.resourceStatements.length, ...resourceStatements);
    combined.dependables.push(...this.dependables, ...rhs.dependables);
    return combined;
  }
}

/** Several dependables as one. */
export class CompositeDependable implements IDependable {
  constructor(...dependables: IDependable[]) {
    Dependable.implement(this, {
      get dependencyRoots() {
        return dependables.flatMap((d) => Dependable.of(d).dependencyRoots);
      },
    });
  }
}

/** Equal, or both tokens: the same account as far as a grant is concerned (one token is not). */
function isSameOrUnresolved(a: string, b: string): boolean {
  const c = compareStrings(a, b);
  return c === TokenComparison.SAME || c === TokenComparison.BOTH_UNRESOLVED;
}

/** A resource passed as the dependable of its own policy. */
function asDependable(resource: IResourceWithPolicyV2): IDependable {
  return resource as unknown as IDependable;
}
