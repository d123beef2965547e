/**
 * A CloudFormation resource: type, properties, DependsOn, policies, metadata and raw overrides.
 * L1 classes extend it and render their camelCase properties into CloudFormation's names.
 */
import { Construct } from 'constructs';
import { CfnRefElement } from './cfn-element.js';
import { CfnReference, type Reference } from './cfn-reference.js';
import { PostResolveToken } from './token.js';
import { RemovalPolicy, type RemovalPolicyOptions } from './removal-policy.js';
import type { ResolutionTypeHint } from './resolvable.js';
import { ValidationError } from './errors.js';
import type { CfnCondition } from './cfn-condition.js';
import { printDeprecation } from './annotations.js';
import type { ResourceEnvironment } from './resource.js';

export interface CfnResourceProps {
  /** The CloudFormation type, for example `AWS::ApiGatewayV2::Api`. */
  readonly type: string;
  /** Properties, already in CloudFormation's names. @default - none */
  readonly properties?: Record<string, unknown>;
}

/** The per-resource options of a template entry. */
export interface ICfnResourceOptions {
  condition?: CfnCondition;
  creationPolicy?: Record<string, unknown>;
  deletionPolicy?: CfnDeletionPolicy;
  updatePolicy?: Record<string, unknown>;
  updateReplacePolicy?: CfnDeletionPolicy;
  version?: string;
  description?: string;
  metadata?: Record<string, unknown>;
}

export enum CfnDeletionPolicy {
  DELETE = 'Delete',
  RETAIN = 'Retain',
  RETAIN_EXCEPT_ON_CREATE = 'RetainExceptOnCreate',
  SNAPSHOT = 'Snapshot',
}

const CFN_RESOURCE = Symbol.for('wsgate/core.CfnResource');

export class CfnResource extends CfnRefElement {
  /** True if `x` is a CfnResource. */
  public static isCfnResource(x: unknown): x is CfnResource {
    return typeof x === 'object' && x !== null && CFN_RESOURCE in x;
  }

  public readonly cfnResourceType: string;
  public readonly cfnOptions: ICfnResourceOptions = {};
  protected readonly _cfnProperties: Record<string, unknown>;

  private readonly rawOverrides: Record<string, unknown> = {};
  private readonly dependsOn = new Set<CfnResource>();

  constructor(scope: Construct, id: string, props: CfnResourceProps) {
    super(scope, id);
    Object.defineProperty(this, CFN_RESOURCE, { value: true });
    if (!props.type) throw new ValidationError('TypeRequired', 'The `type` property is required', this);
    this.cfnResourceType = props.type;
    this._cfnProperties = props.properties ?? {};
  }

  /** The account and region of this resource: those of its stack. */
  public get env(): ResourceEnvironment {
    return { account: this.stack.account, region: this.stack.region };
  }

  /** The properties as set on the construct (L1s: camelCase). */
  protected get cfnProperties(): Record<string, unknown> {
    return this._cfnProperties;
  }

  /** Turns resolved `cfnProperties` into CloudFormation's property names (identity here). */
  protected renderProperties(props: Record<string, unknown>): Record<string, unknown> {
    return props;
  }

  /** The properties with raw property overrides applied, for inspection. */
  public get updatedProperties(): Record<string, unknown> {
    const overrides = (this.rawOverrides.Properties ?? {}) as Record<string, unknown>;
    return deepMerge({ ...this.cfnProperties }, overrides);
  }

  /** Sets DeletionPolicy and UpdateReplacePolicy from a RemovalPolicy. */
  public applyRemovalPolicy(policy: RemovalPolicy | undefined, options: RemovalPolicyOptions = {}): void {
    policy = policy ?? options.default ?? RemovalPolicy.RETAIN;
    let deletion: CfnDeletionPolicy;
    let updateReplace: CfnDeletionPolicy;
    switch (policy) {
      case RemovalPolicy.DESTROY:
        deletion = updateReplace = CfnDeletionPolicy.DELETE;
        break;
      case RemovalPolicy.RETAIN:
        deletion = updateReplace = CfnDeletionPolicy.RETAIN;
        break;
      case RemovalPolicy.SNAPSHOT:
        deletion = updateReplace = CfnDeletionPolicy.SNAPSHOT;
        break;
      case RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE:
        deletion = CfnDeletionPolicy.RETAIN_EXCEPT_ON_CREATE;
        updateReplace = CfnDeletionPolicy.RETAIN;
        break;
      default:
        throw new ValidationError('InvalidRemovalPolicy', `Invalid removal policy: ${String(policy)}`, this);
    }
    this.cfnOptions.deletionPolicy = deletion;
    if (options.applyToUpdateReplacePolicy !== false) this.cfnOptions.updateReplacePolicy = updateReplace;
  }

  /** `Fn::GetAtt` of an attribute of this resource. */
  public getAtt(attributeName: string, typeHint?: ResolutionTypeHint): Reference {
    return CfnReference.for(this, attributeName, typeHint);
  }

  /** Sets a value at a dotted path of the resource's template entry (`Properties.Foo.Bar`). */
  public addOverride(path: string, value: unknown): void {
    const parts = splitOverridePath(path);
    let node = this.rawOverrides;
    while (parts.length > 1) {
      const key = parts.shift()!;
      const next = node[key];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[parts[0]] = value;
  }

  /** Removes a value from the rendered template entry. */
  public addDeletionOverride(path: string): void {
    this.addOverride(path, undefined);
  }

  /** Sets a property at a dotted path below `Properties`. */
  public addPropertyOverride(propertyPath: string, value: unknown): void {
    this.addOverride(`Properties.${propertyPath}`, value);
  }

  /** Removes a property at a dotted path below `Properties`. */
  public addPropertyDeletionOverride(propertyPath: string): void {
    this.addOverride(`Properties.${propertyPath}`, undefined);
  }

  /** Makes this resource depend on `target`: it is listed in this resource's DependsOn. */
  public addResourceDependency(target: CfnResource, _reason?: string): void {
    if (target === this) return;
    if (target.stack !== this.stack) {
      throw new ValidationError('CrossStackDependencyUnsupported',
        `'${this.node.path}' cannot depend on '${target.node.path}' in another stack; wsgate does not order stacks by resource dependencies yet.`, this);
    }
    this.dependsOn.add(target);
  }

  /** Removes a dependency added with `addResourceDependency`. */
  public removeResourceDependency(target: CfnResource): void {
    this.dependsOn.delete(target);
  }

  /** @deprecated Use `addResourceDependency` instead. */
  public addDependency(target: CfnResource): void {
    printDeprecation('aws-cdk-lib.CfnResource#addDependency', 'Use `addResourceDependency` instead.');
    this.addResourceDependency(target);
  }

  /** @deprecated Use `addResourceDependency` instead. */
  public addDependsOn(target: CfnResource): void {
    printDeprecation('aws-cdk-lib.CfnResource#addDependsOn', 'Use `addResourceDependency` instead.');
    this.addResourceDependency(target);
  }

  /** @deprecated Use `removeResourceDependency` instead */
  public removeDependency(target: CfnResource): void {
    printDeprecation('aws-cdk-lib.CfnResource#removeDependency', 'Use `removeResourceDependency` instead');
    this.removeResourceDependency(target);
  }

  public obtainDependencies(): CfnResource[] {
    return [...this.dependsOn];
  }

  public replaceDependency(target: CfnResource, newTarget: CfnResource): void {
    if (!this.dependsOn.has(target)) {
      throw new ValidationError('DependencyNotFound', `"${this.node.path}" does not depend on "${target.node.path}"`, this);
    }
    this.dependsOn.delete(target);
    this.addResourceDependency(newTarget);
  }

  /** Adds a key to the resource's Metadata. */
  public addMetadata(key: string, value: unknown): void {
    this.cfnOptions.metadata = { ...(this.cfnOptions.metadata ?? {}), [key]: value };
  }

  public getMetadata(key: string): unknown {
    return this.cfnOptions.metadata?.[key];
  }

  /**
   * Whether this resource is written to the template. Subclasses return false to leave it out (a
   * Policy without statements); DependsOn entries that point at it are left out too.
   */
  protected shouldSynthesize(): boolean {
    return true;
  }

  /** @internal */
  public _toCloudFormation(): object {
    if (!this.shouldSynthesize()) return {};
    const dependsOn = [...this.dependsOn]
      .filter((r) => r.shouldSynthesize())
      .sort((a, b) => a.node.path.localeCompare(b.node.path))
      .map((r) => r.logicalId);
    const o = this.cfnOptions;
    const entry = {
      Type: this.cfnResourceType,
      Properties: this.cfnProperties,
      DependsOn: dependsOn.length > 0 ? dependsOn : undefined,
      CreationPolicy: o.creationPolicy,
      UpdatePolicy: o.updatePolicy,
      UpdateReplacePolicy: o.updateReplacePolicy,
      DeletionPolicy: o.deletionPolicy,
      Version: o.version,
      Description: o.description,
      Metadata: o.metadata && Object.keys(o.metadata).length > 0 ? o.metadata : undefined,
      Condition: o.condition?.logicalId,
    };
    return {
      Resources: {
        [this.logicalId]: new PostResolveToken(entry, (resolved) => {
          const def = { ...(resolved as Record<string, unknown>) };
          const props = (def.Properties ?? {}) as Record<string, unknown>;
          const rendered = this.renderProperties(props);
          def.Properties = rendered && Object.values(rendered).some((v) => v !== undefined) ? stripUndefined(rendered) : undefined;
          if (def.Properties === undefined) delete def.Properties;
          const overrides = this.stack.resolve(this.rawOverrides) as Record<string, unknown>;
          return deepMerge(def, this.rawOverridesWithDeletions(overrides));
        }),
      },
    };
  }

  /** Re-inserts the `undefined` markers of deletion overrides, which resolution drops. */
  private rawOverridesWithDeletions(resolved: Record<string, unknown>): Record<string, unknown> {
    const walk = (raw: Record<string, unknown>, res: Record<string, unknown>): Record<string, unknown> => {
      const out: Record<string, unknown> = { ...res };
      for (const [k, v] of Object.entries(raw)) {
        if (v === undefined) out[k] = DELETE;
        else if (isPlainObject(v) && isPlainObject(res[k])) out[k] = walk(v, res[k] as Record<string, unknown>);
      }
      return out;
    };
    return walk(this.rawOverrides, resolved ?? {});
  }
}

const DELETE = Symbol('delete');

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;
}

function stripUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** Merges `source` into `target`; objects merge key by key, anything else replaces; DELETE removes. */
function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(source)) {
    if ((value as unknown) === DELETE) {
      delete target[key];
    } else if (isPlainObject(value) && isPlainObject(target[key])) {
      target[key] = deepMerge({ ...(target[key] as Record<string, unknown>) }, value);
      if (Object.keys(target[key] as object).length === 0 && hasOnlyDeletions(value)) delete target[key];
    } else if (isPlainObject(value)) {
      target[key] = deepMerge({}, value);
    } else {
      target[key] = value;
    }
  }
  return target;
}

function hasOnlyDeletions(o: Record<string, unknown>): boolean {
  return Object.values(o).every((v) => (v as unknown) === DELETE || (isPlainObject(v) && hasOnlyDeletions(v)));
}

/** Splits `a.b\.c.d` into `['a', 'b.c', 'd']` (a backslash escapes a dot). */
function splitOverridePath(path: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '\\' && path[i + 1] === '.') {
      current += '.';
      i++;
    } else if (c === '.') {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}
