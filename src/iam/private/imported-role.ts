/**
 * A role defined outside the app (`Role.fromRoleArn`): statements added to it go into a policy
 * created in the importing stack and attached to the role by name.
 */
import type { Construct } from 'constructs';
import { Annotations, Resource } from '../../core/index.js';
import type { RoleReference } from '../cfn.js';
import { Grant } from '../grant.js';
import type { IManagedPolicy } from '../managed-policy.js';
import { Policy } from '../policy.js';
import type { PolicyStatement } from '../policy-statement.js';
import { ArnPrincipal, type AddToPrincipalPolicyResult, type IPrincipal, type PrincipalPolicyFragment } from '../principals.js';
import type { IRole } from '../role.js';
import { AttachedPolicies, mayBeSameAccount } from './util.js';

export interface ImportedRoleProps {
  readonly roleArn: string;
  readonly roleName: string;
  readonly account?: string;
  /** The id of the policy created for added statements. @default 'Policy' */
  readonly defaultPolicyName?: string;
}

export class ImportedRole extends Resource implements IRole {
  public readonly grantPrincipal: IPrincipal = this;
  public readonly principalAccount?: string;
  public readonly assumeRoleAction: string = 'sts:AssumeRole';
  public readonly policyFragment: PrincipalPolicyFragment;
  public readonly roleArn: string;
  public readonly roleName: string;
  private readonly attachedPolicies = new AttachedPolicies();
  private readonly defaultPolicyName?: string;
  private defaultPolicy?: Policy;

  constructor(scope: Construct, id: string, props: ImportedRoleProps) {
    super(scope, id, { account: props.account });
    this.roleArn = props.roleArn;
    this.roleName = props.roleName;
    this.policyFragment = new ArnPrincipal(this.roleArn).policyFragment;
    this.defaultPolicyName = props.defaultPolicyName;
    this.principalAccount = props.account;
  }

  public get roleRef(): RoleReference {
    return { roleName: this.roleName, roleArn: this.roleArn };
  }

  public addToPolicy(statement: PolicyStatement): boolean {
    return this.addToPrincipalPolicy(statement).statementAdded;
  }

  public addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    if (!this.defaultPolicy) {
      // The `@aws-cdk/aws-iam:importedRoleStackSafeDefaultPolicyName` flag is off by default, so
      // the policy's id is 'Policy' and its name is its logical ID.
      this.defaultPolicy = new Policy(this, this.defaultPolicyName ?? 'Policy');
      this.attachInlinePolicy(this.defaultPolicy);
    }
    this.defaultPolicy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.defaultPolicy };
  }

  public attachInlinePolicy(policy: Policy): void {
    if (mayBeSameAccount(this.env.account, policy.env.account)) {
      this.attachedPolicies.attach(policy);
      policy.attachToRole(this);
    }
  }

  public addManagedPolicy(policy: IManagedPolicy): void {
    const attachable = policy as IManagedPolicy & { attachToRole?: (role: IRole) => void };
    if (attachable.attachToRole !== undefined) {
      attachable.attachToRole(this);
    } else {
      Annotations.of(this).addWarningV2('@aws-cdk/aws-iam:IRoleCantBeUsedWithIManagedPolicy',
        `Can't combine imported IManagedPolicy: ${policy.managedPolicyArn} to imported role IRole: ${this.roleName}. Use ManagedPolicy directly.`);
    }
  }

  public grantPassRole(identity: IPrincipal): Grant {
    return this.grant(identity, 'iam:PassRole');
  }

  public grantAssumeRole(identity: IPrincipal): Grant {
    return this.grant(identity, 'sts:AssumeRole');
  }

  public grant(grantee: IPrincipal, ...actions: string[]): Grant {
    return Grant.addToPrincipal({ grantee, actions, resourceArns: [this.roleArn] });
  }

  public dedupeString(): string {
    return `ImportedRole:${this.roleArn}`;
  }
}
