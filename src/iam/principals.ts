/**
 * Principals: who a policy statement is about. Identities (roles, users) are principals too; the
 * classes here stand for principals that are not constructs (a service, an account, an ARN).
 */
import type { IDependable } from 'constructs';
import { Token, UnscopedValidationError } from '../core/index.js';
import { ServicePrincipalToken, StackDependentToken } from './private/principal-tokens.js';
import { PolicyStatement, type Conditions, type Condition } from './policy-statement.js';
import type { PolicyDocument } from './policy-document.js';
import { LITERAL_STRING_KEY, mergePrincipal } from './private/util.js';

/** Something that can be granted permissions. */
export interface IGrantable {
  /** The principal to grant permissions to. */
  readonly grantPrincipal: IPrincipal;
}

/** A principal: something that can appear in the Principal element of a policy. */
export interface IPrincipal extends IGrantable {
  /** The action this principal uses to assume a role (`sts:AssumeRole` for most). */
  readonly assumeRoleAction: string;
  /** The principal's JSON and conditions, for a policy statement. */
  readonly policyFragment: PrincipalPolicyFragment;
  /** The account of the principal, if known. @default - unknown */
  readonly principalAccount?: string | undefined;
  /** Adds a statement to this principal's own policy, if it has one. */
  addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult;
}

/** A principal that can tell whether it is the same as another (for merging statements). */
export interface IComparablePrincipal extends IPrincipal {
  /** A string that is equal for equal principals, or undefined when it cannot be known. */
  dedupeString(): string | undefined;
}

/** A principal that can add itself to a role's trust policy. */
export interface IAssumeRolePrincipal extends IPrincipal {
  addToAssumeRolePolicy(document: PolicyDocument): void;
}

/** The result of `addToPrincipalPolicy`. */
export interface AddToPrincipalPolicyResult {
  /** Whether the statement was added. */
  readonly statementAdded: boolean;
  /** What to depend on so that the statement is in effect. @default - none */
  readonly policyDependable?: IDependable;
}

/** Helpers for principals that can be compared. */
export class ComparablePrincipal {
  public static isComparablePrincipal(this: void, x: IPrincipal): x is IComparablePrincipal {
    return 'dedupeString' in x;
  }

  public static dedupeStringFor(this: void, x: IPrincipal): string | undefined {
    return ComparablePrincipal.isComparablePrincipal(x) ? x.dedupeString() : undefined;
  }

  private constructor() {}
}

/** The JSON and conditions a principal contributes to a policy statement. */
export class PrincipalPolicyFragment {
  /**
   * @param principalJson the principal as a map of lists (`{ Service: ['lambda.amazonaws.com'] }`)
   * @param conditions conditions that go with this principal
   */
  constructor(public readonly principalJson: { [key: string]: string[] }, public readonly conditions: Conditions = {}) {}
}

/** The base of principals that are not constructs. */
export abstract class PrincipalBase implements IAssumeRolePrincipal, IComparablePrincipal {
  public readonly grantPrincipal: IPrincipal = this;
  public readonly principalAccount: string | undefined = undefined;
  public abstract readonly policyFragment: PrincipalPolicyFragment;
  public readonly assumeRoleAction: string = 'sts:AssumeRole';

  /** Adds a statement to this principal's policy; returns whether it was added. */
  public addToPolicy(statement: PolicyStatement): boolean {
    return this.addToPrincipalPolicy(statement).statementAdded;
  }

  /** A principal that is not an identity has no policy of its own: nothing is added. */
  public addToPrincipalPolicy(_statement: PolicyStatement): AddToPrincipalPolicyResult {
    return { statementAdded: false };
  }

  public addToAssumeRolePolicy(document: PolicyDocument): void {
    document.addStatements(new PolicyStatement({ actions: [this.assumeRoleAction], principals: [this] }));
  }

  public toString(): string {
    return JSON.stringify(this.policyFragment.principalJson);
  }

  public toJSON(): { [key: string]: string[] } {
    return this.policyFragment.principalJson;
  }

  /** This principal with extra conditions on its statements. */
  public withConditions(conditions: Conditions): PrincipalBase {
    return new PrincipalWithConditions(this, conditions);
  }

  /** This principal, also allowed `sts:TagSession` when it assumes a role. */
  public withSessionTags(): PrincipalBase {
    return new SessionTagsPrincipal(this);
  }

  public abstract dedupeString(): string | undefined;
}

/** A principal that wraps another one. */
abstract class PrincipalAdapter extends PrincipalBase {
  public override readonly assumeRoleAction: string;
  public override readonly principalAccount: string | undefined;

  constructor(protected readonly wrapped: IPrincipal) {
    super();
    this.assumeRoleAction = wrapped.assumeRoleAction;
    this.principalAccount = wrapped.principalAccount;
  }

  public get policyFragment(): PrincipalPolicyFragment { return this.wrapped.policyFragment; }

  public override addToPolicy(statement: PolicyStatement): boolean {
    return this.wrapped.addToPrincipalPolicy(statement).statementAdded;
  }

  public override addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    return this.wrapped.addToPrincipalPolicy(statement);
  }

  protected appendDedupe(append: string): string | undefined {
    const inner = ComparablePrincipal.dedupeStringFor(this.wrapped);
    return inner !== undefined ? `${this.constructor.name}:${inner}:${append}` : undefined;
  }
}

/** A principal with conditions added to every statement it appears in. */
export class PrincipalWithConditions extends PrincipalAdapter {
  private readonly additionalConditions: Conditions;

  constructor(principal: IPrincipal, conditions: Conditions) {
    super(principal);
    this.additionalConditions = conditions;
  }

  public override addToAssumeRolePolicy(doc: PolicyDocument): void {
    addPrincipalToAssumeRole(this.wrapped, mutatingDocument(doc, (statement) => {
      statement.addActions(this.assumeRoleAction);
      statement.addConditions(this.conditions);
      return statement;
    }));
  }

  public addCondition(key: string, value: Condition): void {
    validateConditionObject(value);
    const existing = this.additionalConditions[key];
    if (!existing) {
      this.additionalConditions[key] = value;
      return;
    }
    validateConditionObject(existing);
    this.additionalConditions[key] = { ...existing, ...value };
  }

  public addConditions(conditions: Conditions): void {
    for (const [key, value] of Object.entries(conditions)) this.addCondition(key, value);
  }

  /** The wrapped principal's conditions merged with the added ones. */
  public get conditions(): Conditions {
    const merged: Conditions = { ...this.wrapped.policyFragment.conditions };
    for (const [operator, condition] of Object.entries(this.additionalConditions)) {
      const existing = merged[operator];
      if (!existing) {
        merged[operator] = condition;
        continue;
      }
      if (Token.isUnresolved(condition) || Token.isUnresolved(existing)) {
        throw new UnscopedValidationError('MultipleConditionsCannotMerged',
          `multiple "${operator}" conditions cannot be merged if one of them contains an unresolved token`);
      }
      validateConditionObject(existing);
      validateConditionObject(condition);
      merged[operator] = { ...existing, ...condition };
    }
    return merged;
  }

  public override get policyFragment(): PrincipalPolicyFragment {
    return new PrincipalPolicyFragment(this.wrapped.policyFragment.principalJson, this.conditions);
  }

  public override toString(): string { return this.wrapped.toString(); }

  public override toJSON(): { [key: string]: string[] } { return this.policyFragment.principalJson; }

  public dedupeString(): string | undefined {
    return this.appendDedupe(JSON.stringify(this.conditions));
  }
}

/** A principal that may also tag the session when it assumes a role. */
export class SessionTagsPrincipal extends PrincipalAdapter {
  public override addToAssumeRolePolicy(doc: PolicyDocument): void {
    addPrincipalToAssumeRole(this.wrapped, mutatingDocument(doc, (statement) => {
      statement.addActions('sts:TagSession');
      return statement;
    }));
  }

  public dedupeString(): string | undefined {
    return this.appendDedupe('');
  }
}

/** A principal named by its ARN (a role, a user, an account root). */
export class ArnPrincipal extends PrincipalBase {
  constructor(public readonly arn: string) {
    super();
  }

  public get policyFragment(): PrincipalPolicyFragment {
    return new PrincipalPolicyFragment({ AWS: [this.arn] });
  }

  public override toString(): string { return `ArnPrincipal(${this.arn})`; }

  /** This principal, limited to an AWS Organization. */
  public inOrganization(organizationId: string): PrincipalBase {
    return this.withConditions({ StringEquals: { 'aws:PrincipalOrgID': organizationId } });
  }

  public dedupeString(): string | undefined { return `ArnPrincipal:${this.arn}`; }
}

/** The root user of an AWS account (`arn:<partition>:iam::<account>:root`). */
export class AccountPrincipal extends ArnPrincipal {
  public override readonly principalAccount: string | undefined;

  /** @param accountId the account id (a string or a token) */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- aws-cdk-lib types this parameter as `any`
  constructor(public readonly accountId: any) {
    super(new StackDependentToken((stack) => `arn:${stack.partition}:iam::${accountId}:root`).toString());
    if (!Token.isUnresolved(accountId) && typeof accountId !== 'string') {
      throw new UnscopedValidationError('ShouldBeAccountidShouldType', 'accountId should be of type string');
    }
    this.principalAccount = accountId;
  }

  public override toString(): string { return `AccountPrincipal(${this.accountId})`; }
}

/** The root user of the account of the stack the principal is used in. */
export class AccountRootPrincipal extends AccountPrincipal {
  constructor() {
    super(new StackDependentToken((stack) => stack.account).toString());
  }

  public override toString(): string { return 'AccountRootPrincipal()'; }
}

/** Anyone (`"AWS": "*"`). */
export class AnyPrincipal extends ArnPrincipal {
  constructor() {
    super('*');
  }

  public override toString(): string { return 'AnyPrincipal()'; }
}

/** Anyone, written as the literal `"Principal": "*"`. */
export class StarPrincipal extends PrincipalBase {
  public readonly policyFragment = new PrincipalPolicyFragment({ [LITERAL_STRING_KEY]: ['*'] });

  public override toString(): string { return 'StarPrincipal()'; }

  public dedupeString(): string | undefined { return 'StarPrincipal'; }
}

/** Options of a ServicePrincipal. */
export interface ServicePrincipalOpts {
  /** The region the service is in (only changes the principal for opt-in regions). @default - the stack's region */
  readonly region?: string;
  /** Conditions added to statements that name this principal. @default - none */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form IAM condition values
  readonly conditions?: { [key: string]: any };
}

/** An AWS service (`lambda.amazonaws.com`). */
export class ServicePrincipal extends PrincipalBase {
  /** The principal name of a service, as a token resolved for the stack it is used in. */
  public static servicePrincipalName(service: string): string {
    return new ServicePrincipalToken(service, {}).toString();
  }

  /** A service principal written exactly as given, without standardising its name. */
  public static fromStaticServicePrincipleName(servicePrincipalName: string): ServicePrincipal {
    return new StaticServicePrincipal(servicePrincipalName);
  }

  constructor(public readonly service: string, private readonly opts: ServicePrincipalOpts = {}) {
    super();
  }

  public get policyFragment(): PrincipalPolicyFragment {
    return new PrincipalPolicyFragment({ Service: [new ServicePrincipalToken(this.service, this.opts).toString()] }, this.opts.conditions);
  }

  public override toString(): string { return `ServicePrincipal(${this.service})`; }

  public dedupeString(): string | undefined { return `ServicePrincipal:${this.service}:${JSON.stringify(this.opts)}`; }
}

class StaticServicePrincipal extends ServicePrincipal {
  public override get policyFragment(): PrincipalPolicyFragment {
    return new PrincipalPolicyFragment({ Service: [this.service] });
  }
}

/** Every principal in an AWS Organization. */
export class OrganizationPrincipal extends PrincipalBase {
  constructor(public readonly organizationId: string) {
    super();
    if (!Token.isUnresolved(organizationId) && !/^o-[a-z0-9]{10,32}$/.test(organizationId)) {
      throw new UnscopedValidationError('ExpectedOrganizationMatchRegex',
        `Expected Organization ID must match regex pattern ^o-[a-z0-9]{10,32}$, received ${organizationId}`);
    }
  }

  public get policyFragment(): PrincipalPolicyFragment {
    return new PrincipalPolicyFragment({ AWS: ['*'] }, { StringEquals: { 'aws:PrincipalOrgID': this.organizationId } });
  }

  public override toString(): string { return `OrganizationPrincipal(${this.organizationId})`; }

  public dedupeString(): string | undefined { return `OrganizationPrincipal:${this.organizationId}`; }
}

/** An Amazon S3 canonical user. */
export class CanonicalUserPrincipal extends PrincipalBase {
  constructor(public readonly canonicalUserId: string) {
    super();
  }

  public get policyFragment(): PrincipalPolicyFragment {
    return new PrincipalPolicyFragment({ CanonicalUser: [this.canonicalUserId] });
  }

  public override toString(): string { return `CanonicalUserPrincipal(${this.canonicalUserId})`; }

  public dedupeString(): string | undefined { return `CanonicalUserPrincipal:${this.canonicalUserId}`; }
}

/** A federated identity provider. */
export class FederatedPrincipal extends PrincipalBase {
  public override readonly assumeRoleAction: string;

  constructor(public readonly federated: string, public readonly conditions: Conditions = {}, assumeRoleAction = 'sts:AssumeRole') {
    super();
    this.assumeRoleAction = assumeRoleAction;
  }

  public get policyFragment(): PrincipalPolicyFragment {
    return new PrincipalPolicyFragment({ Federated: [this.federated] }, this.conditions);
  }

  public override toString(): string { return `FederatedPrincipal(${this.federated})`; }

  public dedupeString(): string | undefined {
    return `FederatedPrincipal:${this.federated}:${this.assumeRoleAction}:${JSON.stringify(this.conditions)}`;
  }
}

/** Several principals in one: each is added to a trust policy as its own statement. */
export class CompositePrincipal extends PrincipalBase {
  public override readonly assumeRoleAction: string;
  private readonly _principals = new Array<IPrincipal>();

  constructor(...principals: IPrincipal[]) {
    super();
    if (principals.length === 0) {
      throw new UnscopedValidationError('CompositePrincipalsConstructedLeastPrincipal',
        'CompositePrincipals must be constructed with at least 1 Principal but none were passed.');
    }
    this.assumeRoleAction = principals[0].assumeRoleAction;
    this.addPrincipals(...principals);
  }

  public addPrincipals(...principals: IPrincipal[]): this {
    this._principals.push(...principals);
    return this;
  }

  public override addToAssumeRolePolicy(doc: PolicyDocument): void {
    for (const p of this._principals) addPrincipalToAssumeRole(p, doc);
  }

  public get policyFragment(): PrincipalPolicyFragment {
    for (const p of this._principals) {
      const fragment = p.policyFragment;
      if (fragment.conditions && Object.keys(fragment.conditions).length > 0) {
        throw new UnscopedValidationError('CompositePrincipalComponentsCannotHaveConditions',
          `Components of a CompositePrincipal must not have conditions. Tried to add the following fragment: ${JSON.stringify(fragment)}`);
      }
    }
    const principalJson: Record<string, unknown[]> = {};
    for (const p of this._principals) mergePrincipal(principalJson, p.policyFragment.principalJson);
    return new PrincipalPolicyFragment(principalJson as { [key: string]: string[] });
  }

  public override toString(): string { return `CompositePrincipal(${this._principals.map(String).join(',')})`; }

  public dedupeString(): string | undefined {
    const inner = this._principals.map(ComparablePrincipal.dedupeStringFor);
    return inner.some((x) => x === undefined) ? undefined : `CompositePrincipal[${inner.join(',')}]`;
  }

  /** The principals this one is made of. */
  public get principals(): IPrincipal[] { return this._principals; }
}

/** Fails unless `x` is a condition object (a map of operator to values). */
export function validateConditionObject(x: unknown): asserts x is Record<string, unknown> {
  if (!x || typeof x !== 'object' || Array.isArray(x)) {
    throw new UnscopedValidationError('ShouldBeConditionShouldRepresented', 'A Condition should be represented as a map of operator to value');
  }
}

/** Adds `principal` to a trust policy: its own way if it has one, else an `sts:AssumeRole` statement. */
export function addPrincipalToAssumeRole(principal: IPrincipal, doc: PolicyDocument): void {
  const withOwnWay = principal as Partial<IAssumeRolePrincipal>;
  if (typeof withOwnWay.addToAssumeRolePolicy === 'function') {
    withOwnWay.addToAssumeRolePolicy(doc);
  } else {
    doc.addStatements(new PolicyStatement({ actions: [principal.assumeRoleAction], principals: [principal] }));
  }
}

/** A document whose `addStatements` passes each statement through `mutator` into `wrapped`. */
function mutatingDocument(wrapped: PolicyDocument, mutator: (s: PolicyStatement) => PolicyStatement): PolicyDocument {
  return {
    addStatements: (...statements: PolicyStatement[]) => {
      for (const s of statements) wrapped.addStatements(mutator(s));
    },
  } as unknown as PolicyDocument;
}

/** A principal parsed from policy JSON (`PolicyStatement.fromJson`). @internal */
export class JsonPrincipal extends PrincipalBase {
  public readonly policyFragment: PrincipalPolicyFragment;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed principal is untyped JSON
  constructor(json: any = {}) {
    super();
    if (typeof json === 'string') json = { [LITERAL_STRING_KEY]: [json] };
    if (typeof json !== 'object') {
      throw new UnscopedValidationError('ExpectedPrincipalObject', `JSON IAM principal should be an object, got ${JSON.stringify(json)}`);
    }
    this.policyFragment = new PrincipalPolicyFragment(json, {});
  }

  public dedupeString(): string | undefined {
    return JSON.stringify(this.policyFragment);
  }
}
