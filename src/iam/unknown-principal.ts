/**
 * The principal of a resource imported without its role: statements cannot be added to it, so
 * each one becomes a warning telling the user what to add to the role by hand.
 */
import { DependencyGroup, type IConstruct } from 'constructs';
import { Annotations, Stack, UnscopedValidationError } from '../core/index.js';
import type { PolicyStatement } from './policy-statement.js';
import type { AddToPrincipalPolicyResult, IPrincipal, PrincipalPolicyFragment } from './principals.js';

/** Properties of an UnknownPrincipal. */
export interface UnknownPrincipalProps {
  /** The resource the principal belongs to. */
  readonly resource: IConstruct;
}

/** A principal that cannot be named in a policy. */
export class UnknownPrincipal implements IPrincipal {
  public readonly assumeRoleAction: string = 'sts:AssumeRole';
  public readonly grantPrincipal: IPrincipal;
  private readonly resource: IConstruct;

  constructor(props: UnknownPrincipalProps) {
    this.resource = props.resource;
    this.grantPrincipal = this;
  }

  public get policyFragment(): PrincipalPolicyFragment {
    throw new UnscopedValidationError('CannotPolicyFragment',
      `Cannot get policy fragment of ${this.resource.node.path}, resource imported without a role`);
  }

  public addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    const repr = JSON.stringify(Stack.of(this.resource).resolve(statement.toStatementJson()));
    Annotations.of(this.resource).addWarningV2('@aws-cdk/aws-iam:unknownPrincipalAddStatementToRole', `Add statement to this resource's role: ${repr}`);
    return { statementAdded: true, policyDependable: new DependencyGroup() };
  }

  public addToPolicy(statement: PolicyStatement): boolean {
    return this.addToPrincipalPolicy(statement).statementAdded;
  }
}
