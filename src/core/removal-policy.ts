/** What happens to a resource when it leaves the stack or is replaced. */
export enum RemovalPolicy {
  /** Delete the resource (DeletionPolicy Delete). */
  DESTROY = 'destroy',
  /** Keep the resource in the account (DeletionPolicy Retain). */
  RETAIN = 'retain',
  /** Keep a snapshot of the resource's data, then delete it. */
  SNAPSHOT = 'snapshot',
  /** Keep the resource on update or delete, but not when its creation is rolled back. */
  RETAIN_ON_UPDATE_OR_DELETE = 'retain-on-update-or-delete',
}

export interface RemovalPolicyOptions {
  /** The policy used when `undefined` is passed. @default - the resource's own default */
  readonly default?: RemovalPolicy;
  /** Also set UpdateReplacePolicy. @default true */
  readonly applyToUpdateReplacePolicy?: boolean;
}
