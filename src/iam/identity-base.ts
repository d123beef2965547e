/** What roles and users have in common: they are principals with policies of their own. */
import type { IResource } from '../core/index.js';
import type { IManagedPolicy } from './managed-policy.js';
import type { Policy } from './policy.js';
import type { IPrincipal } from './principals.js';

/** A role or a user. */
export interface IIdentity extends IPrincipal, IResource {
  /** Attaches an inline policy to this identity. */
  attachInlinePolicy(policy: Policy): void;
  /** Attaches a managed policy to this identity. */
  addManagedPolicy(policy: IManagedPolicy): void;
}
