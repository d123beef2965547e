/**
 * A role whose policies must not change (`Role.withoutPolicyUpdates`, or an imported role from
 * another account): added statements are dropped, or left to resource policies.
 */
import { Dependable, DependencyGroup, type Construct } from 'constructs';
import { Resource, type Stack } from '../../core/index.js';
import type { RoleReference } from '../cfn.js';
import type { Grant } from '../grant.js';
import type { IManagedPolicy } from '../managed-policy.js';
import type { Policy } from '../policy.js';
import type { PolicyStatement } from '../policy-statement.js';
import type { AddToPrincipalPolicyResult, IPrincipal, PrincipalPolicyFragment } from '../principals.js';
import type { IRole } from '../role.js';

export class ImmutableRole extends Resource implements IRole {
  public readonly assumeRoleAction: string;
  public readonly policyFragment: PrincipalPolicyFragment;
  public readonly grantPrincipal: IPrincipal = this;
  public readonly principalAccount?: string;
  public readonly roleArn: string;
  public readonly roleName: string;

  constructor(scope: Construct, id: string, private readonly role: IRole, private readonly addGrantsToResources: boolean) {
    super(scope, id, { account: role.env.account, region: role.env.region });
    this.assumeRoleAction = role.assumeRoleAction;
    this.policyFragment = role.policyFragment;
    this.principalAccount = role.principalAccount;
    this.roleArn = role.roleArn;
    this.roleName = role.roleName;
    // The immutable view lives where it is created but belongs to the role's stack.
    (this as { stack: Stack }).stack = role.stack;
    Dependable.implement(this, { dependencyRoots: [role] });
    this.node.defaultChild = role.node.defaultChild;
  }

  public get roleRef(): RoleReference {
    return { roleName: this.roleName, roleArn: this.roleArn };
  }

  public attachInlinePolicy(_policy: Policy): void {
    // Policies of an immutable role do not change.
  }

  public addManagedPolicy(_policy: IManagedPolicy): void {
    // Policies of an immutable role do not change.
  }

  public addToPolicy(statement: PolicyStatement): boolean {
    return this.addToPrincipalPolicy(statement).statementAdded;
  }

  public addToPrincipalPolicy(_statement: PolicyStatement): AddToPrincipalPolicyResult {
    // Claiming success drops the statement; otherwise grants fall back to resource policies.
    return { statementAdded: !this.addGrantsToResources, policyDependable: new DependencyGroup() };
  }

  public grant(grantee: IPrincipal, ...actions: string[]): Grant {
    return this.role.grant(grantee, ...actions);
  }

  public grantPassRole(grantee: IPrincipal): Grant {
    return this.role.grantPassRole(grantee);
  }

  public grantAssumeRole(identity: IPrincipal): Grant {
    return this.role.grantAssumeRole(identity);
  }
}
