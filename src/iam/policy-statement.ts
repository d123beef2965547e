/**
 * One statement of an IAM policy: effect, actions, resources, principals and conditions, rendered
 * the way IAM shows them (single values as scalars, no empty elements).
 */
import type { IConstruct } from 'constructs';
import { Lazy, Token, UnscopedValidationError } from '../core/index.js';
import {
  AccountPrincipal, AccountRootPrincipal, AnyPrincipal, ArnPrincipal, CanonicalUserPrincipal, FederatedPrincipal,
  JsonPrincipal, ServicePrincipal, validateConditionObject,
  type IPrincipal, type ServicePrincipalOpts,
} from './principals.js';
import { normalizeStatement } from './private/postprocess-policy-document.js';
import { mergePrincipal, sum } from './private/util.js';

/** Whether a statement allows or denies. */
export enum Effect {
  ALLOW = 'Allow',
  DENY = 'Deny',
}

/** A condition value: usually a map of condition key to value(s). */
export type Condition = unknown;

/** Conditions: a map of operator (`StringEquals`) to condition. */
export type Conditions = Record<string, Condition>;

/** Properties of a PolicyStatement. */
export interface PolicyStatementProps {
  /** The statement id. @default - none */
  readonly sid?: string;
  /** Actions, as `service:Action` (wildcards allowed). @default - none */
  readonly actions?: string[];
  /** Actions the statement does not apply to. @default - none */
  readonly notActions?: string[];
  /** Principals the statement applies to. @default - none */
  readonly principals?: IPrincipal[];
  /** Principals the statement does not apply to. @default - none */
  readonly notPrincipals?: IPrincipal[];
  /** Resource ARNs. @default - none */
  readonly resources?: string[];
  /** Resources the statement does not apply to. @default - none */
  readonly notResources?: string[];
  /** Conditions, as a map of operator to condition. @default - none */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form IAM condition values
  readonly conditions?: { [key: string]: any };
  /** Allow or deny. @default Effect.ALLOW */
  readonly effect?: Effect;
}

/** Options of the validation of a resource-based policy. */
export interface ResourcePolicyValidationOptions {
  /** Skip the check that a resource is named. @default false */
  readonly skipResourceValidation?: boolean;
}

/** Size estimates used when a large policy is split. */
export interface EstimateSizeOptions {
  readonly arnEstimate: number;
  readonly actionEstimate: number;
}

/** A statement in an IAM policy document. */
export class PolicyStatement {
  /** A statement from its JSON form. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed policy document is untyped JSON
  public static fromJson(obj: any): PolicyStatement {
    const statement = new PolicyStatement({
      sid: obj.Sid,
      actions: ensureArrayOrUndefined(obj.Action),
      resources: ensureArrayOrUndefined(obj.Resource),
      conditions: obj.Condition,
      effect: obj.Effect,
      notActions: ensureArrayOrUndefined(obj.NotAction),
      notResources: ensureArrayOrUndefined(obj.NotResource),
      principals: obj.Principal ? [new JsonPrincipal(obj.Principal)] : undefined,
      notPrincipals: obj.NotPrincipal ? [new JsonPrincipal(obj.NotPrincipal)] : undefined,
    });
    const errors = statement.validateForAnyPolicy();
    if (errors.length > 0) {
      throw new UnscopedValidationError('IncorrectPolicyStatement', 'Incorrect Policy Statement: ' + errors.join('\n'));
    }
    return statement;
  }

  private readonly _action = new OrderedSet<string>();
  private readonly _notAction = new OrderedSet<string>();
  private readonly _principal: Record<string, unknown[]> = {};
  private readonly _notPrincipal: Record<string, unknown[]> = {};
  private readonly _resource = new OrderedSet<string>();
  private readonly _notResource = new OrderedSet<string>();
  private readonly _condition: Record<string, unknown> = {};
  private readonly _principals = new OrderedSet<IPrincipal>();
  private readonly _notPrincipals = new OrderedSet<IPrincipal>();
  private _sid?: string;
  private _effect: Effect;
  private principalConditionsJson?: string;
  private _frozen = false;

  constructor(props: PolicyStatementProps = {}) {
    this._sid = props.sid;
    this._effect = props.effect || Effect.ALLOW;
    this.addActions(...props.actions || []);
    this.addNotActions(...props.notActions || []);
    this.addPrincipals(...props.principals || []);
    this.addNotPrincipals(...props.notPrincipals || []);
    this.addResources(...props.resources || []);
    this.addNotResources(...props.notResources || []);
    if (props.conditions !== undefined) this.addConditions(props.conditions);
  }

  /** The statement id. */
  public get sid(): string | undefined { return this._sid; }
  public set sid(sid: string | undefined) {
    this.assertNotFrozen('sid');
    this._sid = sid;
  }

  /** Allow or deny. */
  public get effect(): Effect { return this._effect; }
  public set effect(effect: Effect) {
    this.assertNotFrozen('effect');
    this._effect = effect;
  }

  public addActions(...actions: string[]): void {
    this.assertNotFrozen('addActions');
    if (actions.length > 0 && this._notAction.length > 0) {
      throw new UnscopedValidationError('CannotAddActionsPolicyStatement', "Cannot add 'Actions' to policy statement if 'NotActions' have been added");
    }
    validateActions(actions);
    this._action.push(...actions);
  }

  public addNotActions(...notActions: string[]): void {
    this.assertNotFrozen('addNotActions');
    if (notActions.length > 0 && this._action.length > 0) {
      throw new UnscopedValidationError('CannotAddActionsPolicyStatement', "Cannot add 'NotActions' to policy statement if 'Actions' have been added");
    }
    validateActions(notActions);
    this._notAction.push(...notActions);
  }

  /** Whether the statement names any principal. */
  public get hasPrincipal(): boolean {
    return this._principals.length + this._notPrincipals.length > 0;
  }

  public addPrincipals(...principals: IPrincipal[]): void {
    this.assertNotFrozen('addPrincipals');
    if (principals.length > 0 && this._notPrincipals.length > 0) {
      throw new UnscopedValidationError('CannotAddPrincipalsPolicyStatement', "Cannot add 'Principals' to policy statement if 'NotPrincipals' have been added");
    }
    for (const principal of this._principals.push(...principals)) {
      const fragment = principal.policyFragment;
      mergePrincipal(this._principal, fragment.principalJson);
      this.addPrincipalConditions(fragment.conditions);
    }
  }

  public addNotPrincipals(...notPrincipals: IPrincipal[]): void {
    this.assertNotFrozen('addNotPrincipals');
    if (notPrincipals.length > 0 && this._principals.length > 0) {
      throw new UnscopedValidationError('CannotAddPrincipalsPolicyStatement', "Cannot add 'NotPrincipals' to policy statement if 'Principals' have been added");
    }
    for (const principal of this._notPrincipals.push(...notPrincipals)) {
      const fragment = principal.policyFragment;
      mergePrincipal(this._notPrincipal, fragment.principalJson);
      this.addPrincipalConditions(fragment.conditions);
    }
  }

  public addAwsAccountPrincipal(accountId: string): void { this.addPrincipals(new AccountPrincipal(accountId)); }
  public addArnPrincipal(arn: string): void { this.addPrincipals(new ArnPrincipal(arn)); }
  public addServicePrincipal(service: string, opts?: ServicePrincipalOpts): void { this.addPrincipals(new ServicePrincipal(service, opts)); }
  public addFederatedPrincipal(federated: string, conditions: Conditions): void { this.addPrincipals(new FederatedPrincipal(federated, conditions)); }
  public addAccountRootPrincipal(): void { this.addPrincipals(new AccountRootPrincipal()); }
  public addCanonicalUserPrincipal(canonicalUserId: string): void { this.addPrincipals(new CanonicalUserPrincipal(canonicalUserId)); }
  public addAnyPrincipal(): void { this.addPrincipals(new AnyPrincipal()); }

  public addResources(...arns: string[]): void {
    this.assertNotFrozen('addResources');
    if (arns.length > 0 && this._notResource.length > 0) {
      throw new UnscopedValidationError('CannotAddResourcesPolicyStatement', "Cannot add 'Resources' to policy statement if 'NotResources' have been added");
    }
    this._resource.push(...arns);
  }

  public addNotResources(...arns: string[]): void {
    this.assertNotFrozen('addNotResources');
    if (arns.length > 0 && this._resource.length > 0) {
      throw new UnscopedValidationError('CannotAddResourcesPolicyStatement', "Cannot add 'NotResources' to policy statement if 'Resources' have been added");
    }
    this._notResource.push(...arns);
  }

  /** Makes the statement apply to every resource (`*`). */
  public addAllResources(): void { this.addResources('*'); }

  /** Whether the statement names any resource. */
  public get hasResource(): boolean { return this._resource.length > 0; }

  /** Adds a condition; values for an operator that already has conditions are merged into them. */
  public addCondition(key: string, value: Condition): void {
    this.assertNotFrozen('addCondition');
    validateConditionObject(value);
    const existing = this._condition[key] as Record<string, unknown> | undefined;
    this._condition[key] = existing ? { ...existing, ...value } : value;
  }

  public addConditions(conditions: Conditions): void {
    for (const key of Object.keys(conditions)) this.addCondition(key, conditions[key]);
  }

  /** Requires the `sts:ExternalId` to be the given account id. */
  public addAccountCondition(accountId: string): void { this.addCondition('StringEquals', { 'sts:ExternalId': accountId }); }
  public addSourceAccountCondition(accountId: string): void { this.addCondition('StringEquals', { 'aws:SourceAccount': accountId }); }
  public addSourceArnCondition(arn: string): void { this.addCondition('ArnEquals', { 'aws:SourceArn': arn }); }

  /** A new statement with the same content, with some properties replaced. */
  public copy(overrides: PolicyStatementProps = {}): PolicyStatement {
    return new PolicyStatement({
      sid: overrides.sid ?? this.sid,
      effect: overrides.effect ?? this.effect,
      actions: overrides.actions ?? this.actions,
      notActions: overrides.notActions ?? this.notActions,
      principals: overrides.principals ?? this.principals,
      notPrincipals: overrides.notPrincipals ?? this.notPrincipals,
      resources: overrides.resources ?? this.resources,
      notResources: overrides.notResources ?? this.notResources,
      conditions: overrides.conditions ?? this.conditions,
    });
  }

  /** The statement as IAM JSON (tokens not yet resolved). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- IAM JSON is free-form
  public toStatementJson(): any {
    return normalizeStatement({
      Action: this._action.direct(),
      NotAction: this._notAction.direct(),
      Condition: this._condition,
      Effect: this.effect,
      Principal: this._principal,
      NotPrincipal: this._notPrincipal,
      Resource: this._resource.direct(),
      NotResource: this._notResource.direct(),
      Sid: this.sid,
    });
  }

  public toString(): string {
    return Token.asString(Lazy.uncachedAny({ produce: () => this.toStatementJson() }), { displayHint: 'PolicyStatement' });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- IAM JSON is free-form
  public toJSON(): any {
    return this.toStatementJson();
  }

  public validateForAnyPolicy(): string[] {
    const errors = new Array<string>();
    if (this._action.length === 0 && this._notAction.length === 0) {
      errors.push("A PolicyStatement must specify at least one 'action' or 'notAction'.");
    }
    return errors;
  }

  public validateForResourcePolicy(options?: ResourcePolicyValidationOptions): string[] {
    const errors = this.validateForAnyPolicy();
    if (this._principals.length === 0 && this._notPrincipals.length === 0) {
      errors.push('A PolicyStatement used in a resource-based policy must specify at least one IAM principal.');
    }
    if (!options?.skipResourceValidation && this._resource.length === 0 && this._notResource.length === 0) {
      errors.push('A PolicyStatement used in a resource-based policy must specify at least one resource.');
    }
    return errors;
  }

  public validateForTrustPolicy(): string[] {
    const errors = this.validateForAnyPolicy();
    if (this._principals.length === 0 && this._notPrincipals.length === 0) {
      errors.push('A PolicyStatement used in a trust policy must specify at least one IAM principal.');
    }
    return errors;
  }

  public validateForIdentityPolicy(): string[] {
    const errors = this.validateForAnyPolicy();
    if (this._principals.length > 0 || this._notPrincipals.length > 0) {
      errors.push('A PolicyStatement used in an identity-based policy cannot specify any IAM principals.');
    }
    if (this._resource.length === 0 && this._notResource.length === 0) {
      errors.push('A PolicyStatement used in an identity-based policy must specify at least one resource.');
    }
    if (this._sid !== undefined && !Token.isUnresolved(this._sid) && !/^[0-9A-Za-z]*$/.test(this._sid)) {
      errors.push(`Statement ID (sid) '${this._sid}' must be alphanumeric (A-Z, a-z, 0-9) when used in an identity-based policy. See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html`);
    }
    return errors;
  }

  public get actions(): string[] { return this._action.copy(); }
  public get notActions(): string[] { return this._notAction.copy(); }
  public get principals(): IPrincipal[] { return this._principals.copy(); }
  public get notPrincipals(): IPrincipal[] { return this._notPrincipals.copy(); }
  public get resources(): string[] { return this._resource.copy(); }
  public get notResources(): string[] { return this._notResource.copy(); }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- IAM conditions are free-form
  public get conditions(): any { return { ...this._condition }; }

  /** Makes the statement immutable; done when it is rendered into a document. */
  public freeze(): PolicyStatement {
    this._frozen = true;
    return this;
  }

  public get frozen(): boolean { return this._frozen; }

  /** A rough size of the rendered statement, for splitting large policies. */
  public _estimateSize(options: EstimateSizeOptions): number {
    const { actionEstimate, arnEstimate } = options;
    let size = `"Effect": "${this.effect}",`.length;
    const count = (key: string, values: string[], tokenSize: number): void => {
      if (values.length > 0) size += key.length + 5 + sum(values.map((v) => (Token.isUnresolved(v) ? tokenSize : v.length) + 3));
    };
    count('Action', this.actions, actionEstimate);
    count('NotAction', this.notActions, actionEstimate);
    count('Resource', this.resources, arnEstimate);
    count('NotResource', this.notResources, arnEstimate);
    size += this.principals.length * arnEstimate;
    size += this.notPrincipals.length * arnEstimate;
    size += JSON.stringify(this.conditions).length;
    return size;
  }

  private addPrincipalConditions(conditions: Conditions): void {
    const json = JSON.stringify(conditions);
    if (this.principalConditionsJson === undefined) {
      this.principalConditionsJson = json;
    } else if (this.principalConditionsJson !== json) {
      throw new UnscopedValidationError('PrincipalsPolicystatementSameConditions',
        `All principals in a PolicyStatement must have the same Conditions (got '${this.principalConditionsJson}' and '${json}'). Use multiple statements instead.`);
    }
    this.addConditions(conditions);
  }

  private assertNotFrozen(method: string): void {
    if (this._frozen) {
      throw new UnscopedValidationError('FreezeCalledPolicystatementPreviously',
        `${method}: freeze() has been called on this PolicyStatement previously, so it can no longer be modified`);
    }
  }
}

/** The size estimates to use below `scope` (context `@aws-cdk/aws-iam.arnSizeEstimate`). */
export function deriveEstimateSizeOptions(scope: IConstruct): EstimateSizeOptions {
  const arnEstimate = scope.node.tryGetContext('@aws-cdk/aws-iam.arnSizeEstimate') ?? 150;
  if (typeof arnEstimate !== 'number') {
    throw new UnscopedValidationError('ExpectedContextNumber',
      `Context value @aws-cdk/aws-iam.arnSizeEstimate should be a number, got ${JSON.stringify(arnEstimate)}`);
  }
  return { actionEstimate: 20, arnEstimate };
}

function validateActions(actions: string[]): void {
  if (Token.isUnresolved(actions)) return;
  for (const action of actions) {
    if (!Token.isUnresolved(action) && !/^(\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*]+)$/.test(action)) {
      throw new UnscopedValidationError('ActionInvalid',
        `Action '${action}' is invalid. An action string consists of a service namespace, a colon, and the name of an action. Action names can include wildcards.`);
    }
  }
}

function ensureArrayOrUndefined(field: unknown): string[] | undefined {
  if (field === undefined) return undefined;
  if ((typeof field !== 'string' && !Array.isArray(field)) || (Array.isArray(field) && field.some((f) => typeof f !== 'string'))) {
    throw new UnscopedValidationError('MustBeFieldsEitherString', 'Fields must be either a string or an array of strings');
  }
  return Array.isArray(field) ? field : [field];
}

/** An insertion-ordered set that reports what was new on each push. */
class OrderedSet<A> {
  private readonly set = new Set<A>();
  private readonly array = new Array<A>();

  /** Adds the elements not already present; returns those. */
  public push(...xs: A[]): A[] {
    const added = new Array<A>();
    for (const x of xs) {
      if (this.set.has(x)) continue;
      this.set.add(x);
      this.array.push(x);
      added.push(x);
    }
    return added;
  }

  public get length(): number { return this.array.length; }
  public copy(): A[] { return [...this.array]; }
  public direct(): A[] { return this.array; }
}
