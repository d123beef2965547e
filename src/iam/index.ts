/**
 * `wsgate/aws-iam`: roles, users, policies, principals and grants, as aws-cdk-lib's `aws-iam`.
 * @module
 */
export * from './policy-statement.js';
export * from './policy-document.js';
export * from './principals.js';
export * from './grant.js';
export * from './identity-base.js';
export * from './managed-policy.js';
export * from './policy.js';
export * from './role.js';
export * from './role-grants.js';
export * from './user.js';
export * from './unknown-principal.js';
export * from './cfn.js';
