/** The grants a role offers on itself: passing it to a service, and assuming it. */
import { ValidationError } from '../core/index.js';
import { Grant } from './grant.js';
import { AccountPrincipal, ServicePrincipal, type IPrincipal } from './principals.js';
import type { IRoleRef } from './cfn.js';

/** Grants on a role. */
export class RoleGrants {
  /** The grants of `role`. */
  public static fromRole(role: IRoleRef): RoleGrants {
    return new RoleGrants(role);
  }

  private constructor(private readonly role: IRoleRef) {}

  /**
   * Grants `sts:AssumeRole` on the role to an identity. A service or account principal must be
   * named in the role's trust policy instead.
   */
  public assumeRole(identity: IPrincipal): Grant {
    if (identity instanceof ServicePrincipal || identity instanceof AccountPrincipal) {
      throw new ValidationError('CannotServiceAccountPrincipalGrant',
        'Cannot use a service or account principal with grantAssumeRole, use assumeRolePolicy instead.', this.role);
    }
    return Grant.addToPrincipal({ grantee: identity, actions: ['sts:AssumeRole'], resourceArns: [this.role.roleRef.roleArn] });
  }

  /** Grants `iam:PassRole` on the role to an identity. */
  public passRole(identity: IPrincipal): Grant {
    return Grant.addToPrincipal({ grantee: identity, actions: ['iam:PassRole'], resourceArns: [this.role.roleRef.roleArn] });
  }
}
