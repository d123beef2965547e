/**
 * An inline policy (`AWS::IAM::Policy`) attached to roles and users. It is written to the
 * template only once it has statements and is attached (or when forced or referenced).
 */
import type { Construct } from 'constructs';
import { Lazy, Resource, ValidationError, type IResource } from '../core/index.js';
import { CfnPolicy, type IPolicyRef, type PolicyReference } from './cfn.js';
import type { AddToPrincipalPolicyResult, IPrincipal } from './principals.js';
import { ArnPrincipal, PrincipalPolicyFragment } from './principals.js';
import { PolicyDocument } from './policy-document.js';
import type { PolicyStatement } from './policy-statement.js';
import type { IRole } from './role.js';
import type { IUser } from './user.js';
import { generatePolicyName } from './private/util.js';

/** An inline policy. */
export interface IPolicy extends IResource, IPolicyRef {
  /** The name of the policy. @attribute */
  readonly policyName: string;
}

/** Properties of a Policy. */
export interface PolicyProps {
  /**
   * The name of the policy.
   * @default - the policy's logical ID (its last 128 characters)
   */
  readonly policyName?: string;
  /** Users to attach the policy to. @default - none */
  readonly users?: IUser[];
  /** Roles to attach the policy to. @default - none */
  readonly roles?: IRole[];
  /** Statements of the policy. @default - none */
  readonly statements?: PolicyStatement[];
  /**
   * Always write the policy, and fail validation if it is empty or unattached.
   * @default false
   */
  readonly force?: boolean;
  /** The document of the policy; statements are added to it. @default - an empty document */
  readonly document?: PolicyDocument;
}

/**
 * An IAM inline policy, attached to users and roles.
 * @resource AWS::IAM::Policy
 */
export class Policy extends Resource implements IPolicy {
  /** A policy defined outside this app, by name. */
  public static fromPolicyName(scope: Construct, id: string, policyName: string): IPolicy {
    class Import extends Resource implements IPolicy {
      public readonly policyName = policyName;
      public get policyRef(): PolicyReference {
        throw new ValidationError('CannotUseImportedPolicy', 'Cannot use a Policy.fromPolicyName() here.', this);
      }
    }
    return new Import(scope, id);
  }

  /** The document of the policy. */
  public readonly document: PolicyDocument = new PolicyDocument();
  /** A principal that adds statements to this policy. */
  public readonly grantPrincipal: IPrincipal;
  public readonly policyRef: PolicyReference;

  private readonly _policyName: string;
  private readonly roles = new Array<IRole>();
  private readonly users = new Array<IUser>();
  private readonly force: boolean;
  private referenceTaken = false;

  constructor(scope: Construct, id: string, props: PolicyProps = {}) {
    super(scope, id, {
      physicalName: props.policyName || Lazy.string({ produce: () => generatePolicyName(scope, resource.logicalId) }),
    });
    if (props.document) this.document = props.document;

    // Written only when forced, referenced, or holding statements and attached to someone.
    const wanted = () => this.force || this.referenceTaken || (!this.document.isEmpty && this.isAttached);
    class CfnPolicyConditional extends CfnPolicy {
      protected override shouldSynthesize(): boolean {
        return wanted();
      }
    }

    const resource = new CfnPolicyConditional(this, 'Resource', {
      policyDocument: this.document,
      policyName: this.physicalName,
      roles: Lazy.list({ produce: () => this.roles.map((r) => r.roleName) }, { omitEmpty: true }),
      users: Lazy.list({ produce: () => this.users.map((u) => u.userName) }, { omitEmpty: true }),
    });

    this.policyRef = { policyId: resource.attrId };
    this._policyName = this.physicalName;
    this.force = props.force ?? false;

    for (const u of props.users ?? []) this.attachToUser(u);
    for (const r of props.roles ?? []) this.attachToRole(r);
    for (const s of props.statements ?? []) this.addStatements(s);

    this.grantPrincipal = new PolicyGrantPrincipal(this);
    this.node.addValidation({ validate: () => this.validatePolicy() });
  }

  /** Adds statements to the policy. */
  public addStatements(...statement: PolicyStatement[]): void {
    this.document.addStatements(...statement);
  }

  /** Attaches the policy to a user. */
  public attachToUser(user: IUser): void {
    if (this.users.find((u) => u.userArn === user.userArn)) return;
    this.users.push(user);
    user.attachInlinePolicy(this);
  }

  /** Attaches the policy to a role. */
  public attachToRole(role: IRole): void {
    if (this.roles.find((r) => r.roleArn === role.roleArn)) return;
    this.roles.push(role);
    role.attachInlinePolicy(this);
  }

  /** The name of the policy; reading it makes the policy part of the template. */
  public get policyName(): string {
    this.referenceTaken = true;
    return this._policyName;
  }

  private validatePolicy(): string[] {
    const result = new Array<string>();
    if (this.document.isEmpty) {
      if (this.force) result.push('Policy created with force=true is empty. You must add statements to the policy');
      if (!this.force && this.referenceTaken) result.push('This Policy has been referenced by a resource, so it must contain at least one statement.');
    }
    if (!this.isAttached) {
      if (this.force) result.push('Policy created with force=true must be attached to at least one principal: user, group or role');
      if (!this.force && this.referenceTaken) {
        result.push('This Policy has been referenced by a resource, so it must be attached to at least one user, group or role.');
      }
    }
    result.push(...this.document.validateForIdentityPolicy());
    return result;
  }

  private get isAttached(): boolean {
    return this.users.length + this.roles.length > 0;
  }
}

/** The principal of a Policy: statements go into the policy; it cannot appear in a resource policy. */
class PolicyGrantPrincipal implements IPrincipal {
  public readonly grantPrincipal: IPrincipal = this;
  public readonly policyFragment: PrincipalPolicyFragment;
  public readonly principalAccount?: string;

  constructor(private readonly _policy: Policy) {
    const arn = Lazy.string({
      produce: () => {
        throw new ValidationError('GrantOperationNeedsAddResource',
          'This grant operation needs to add a resource policy so needs access to a principal. Grant permissions to a Role or User, instead of a Policy.', _policy);
      },
    });
    this.policyFragment = new ArnPrincipal(arn).policyFragment;
    this.principalAccount = _policy.env.account;
  }

  public get assumeRoleAction(): string {
    throw new ValidationError('GrantOperationNeedsAddResource',
      'This grant operation needs to add a resource policy so needs access to a principal. Grant permissions to a Role or User, instead of a Policy.', this._policy);
  }

  public addToPolicy(statement: PolicyStatement): boolean {
    return this.addToPrincipalPolicy(statement).statementAdded;
  }

  public addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    this._policy.addStatements(statement);
    return { statementAdded: true, policyDependable: this._policy };
  }

  public toString(): string {
    return `Policy(${this._policy.node.path})`;
  }
}
