/**
 * A CloudFormation stack: the unit of deployment, the owner of logical IDs and the place where
 * tokens are resolved into a template.
 */
import { Construct, type IConstruct } from 'constructs';
import { CfnElement } from './cfn-element.js';
import { Aws } from './pseudo.js';
import { Token, Tokenization } from './token.js';
import { Arn, type ArnComponents, type ArnFormat } from './arn.js';
import { makeUniqueId, makeUniqueResourceName } from './private/uniqueid.js';
import { minimalJoin } from './private/cloudformation-lang.js';
import { toJsonParts } from './private/to-json.js';
import { Lazy } from './lazy.js';
import { TagManager, TagType, type ITaggable } from './tag-manager.js';
import { ValidationError } from './errors.js';
import { printDeprecation } from './annotations.js';
import { DefaultStackSynthesizer, type IStackSynthesizer } from './stack-synthesizer.js';

/** Where a stack is deployed. */
export interface Environment {
  /** @default - resolved at deploy time (`AWS::AccountId`) */
  readonly account?: string;
  /** @default - resolved at deploy time (`AWS::Region`) */
  readonly region?: string;
}

export interface StackProps {
  /** A description of the stack. @default - none */
  readonly description?: string;
  /** The environment. @default - environment-agnostic */
  readonly env?: Environment;
  /** The CloudFormation stack name. @default - derived from the construct path */
  readonly stackName?: string;
  /** Tags for the stack and every taggable resource in it. @default - none */
  readonly tags?: Record<string, string>;
  /** How the stack's template and assets are written. @default DefaultStackSynthesizer */
  readonly synthesizer?: IStackSynthesizer;
  /** @default false */
  readonly terminationProtection?: boolean;
  /** @default - the app's setting */
  readonly analyticsReporting?: boolean;
  /** @default false */
  readonly crossRegionReferences?: boolean;
  /** @default false */
  readonly suppressTemplateIndentation?: boolean;
  /** SNS topics notified of stack events. @default - none */
  readonly notificationArns?: string[];
}

/** Template-level options: description, transforms, metadata, format version. */
export interface ITemplateOptions {
  description?: string;
  templateFormatVersion?: string;
  transforms?: string[];
  metadata?: Record<string, unknown>;
}

const STACK_SYMBOL = Symbol.for('wsgate/core.Stack');
const VALID_STACK_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;

export class Stack extends Construct implements ITaggable {
  /** True if `x` is a Stack. */
  public static isStack(x: unknown): x is Stack {
    return typeof x === 'object' && x !== null && STACK_SYMBOL in x;
  }

  /** The stack a construct belongs to. */
  public static of(construct: IConstruct): Stack {
    for (const scope of [...construct.node.scopes].reverse()) {
      if (Stack.isStack(scope)) return scope;
    }
    throw new ValidationError('NoStackFound',
      `${construct.constructor?.name ?? 'Construct'} at '${construct.node.path}' should be created in the scope of a Stack, but no Stack found`, construct);
  }

  public readonly tags: TagManager;
  public readonly templateOptions: ITemplateOptions = {};
  public readonly account: string;
  public readonly region: string;
  public readonly partition: string;
  public readonly urlSuffix: string;
  public readonly environment: string;
  public readonly stackName: string;
  public readonly artifactId: string;
  public readonly templateFile: string;
  public readonly synthesizer: IStackSynthesizer;
  public readonly notificationArns?: string[];
  public readonly nested = false;
  public terminationProtection: boolean;

  private readonly renames = new Map<string, string>();
  private readonly usedRenames = new Set<string>();
  private readonly dependencies = new Set<Stack>();

  constructor(scope?: Construct, id?: string, props: StackProps = {}) {
    // A stack with no scope gets a root of its own (aws-cdk-lib does the same, for unit tests).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- constructs' root takes an undefined scope
    super(scope ?? new Construct(undefined as any, ''), id ?? 'Default');
    Object.defineProperty(this, STACK_SYMBOL, { value: true });

    const env = props.env ?? {};
    this.account = env.account ?? Aws.ACCOUNT_ID;
    this.region = env.region ?? Aws.REGION;
    this.partition = Aws.PARTITION;
    this.urlSuffix = Aws.URL_SUFFIX;
    const envAccount = !Token.isUnresolved(this.account) ? this.account : 'unknown-account';
    const envRegion = !Token.isUnresolved(this.region) ? this.region : 'unknown-region';
    this.environment = `aws://${envAccount}/${envRegion}`;

    this.stackName = props.stackName ?? this.generateStackName();
    if (!Token.isUnresolved(this.stackName)) {
      if (this.stackName.length > 128) {
        throw new ValidationError('StackNameMust128Characters', `Stack name must be <= 128 characters. Stack name: '${this.stackName}'`, this);
      }
      if (!VALID_STACK_NAME.test(this.stackName)) {
        throw new ValidationError('StackNameMustMatchRegularExpression',
          `Stack name must match the regular expression: ${VALID_STACK_NAME.toString()}, got '${this.stackName}'`, this);
      }
    }
    this.artifactId = this.generateStackName();
    this.templateFile = `${this.artifactId}.template.json`;
    this.templateOptions.description = props.description;
    this.terminationProtection = props.terminationProtection ?? false;
    this.notificationArns = props.notificationArns;
    this.tags = new TagManager(TagType.KEY_VALUE, 'aws:cdk:stack', props.tags);
    this.synthesizer = props.synthesizer ?? new DefaultStackSynthesizer();
    this.synthesizer.bind(this);
  }

  /** The stack's `AWS::StackId` (a token). */
  public get stackId(): string {
    return Aws.STACK_ID;
  }

  /** The stack's tags as a map, for the deployment. */
  public get tagsMap(): Record<string, string> {
    return this.tags.tagValues();
  }

  /** Resolves tokens in `obj` as this stack's template would hold them. */
  public resolve(obj: unknown): unknown {
    return Tokenization.resolve(obj, { scope: this, preparing: false });
  }

  /**
   * `obj` as a JSON string that may hold tokens: they become an `Fn::Join` that CloudFormation
   * assembles at deploy time.
   */
  public toJsonString(obj: unknown, space?: number): string {
    return Lazy.uncachedString({
      produce: (context) => {
        const parts = minimalJoin('', toJsonParts(obj, context, space));
        if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
        return { 'Fn::Join': ['', parts] } as unknown as string;
      },
    });
  }

  /** `obj` as YAML; tokens are not allowed in it. */
  public toYamlString(obj: unknown): string {
    return JSON.stringify(this.resolve(obj), undefined, 2);
  }

  /** The logical ID of an element: a rename if one applies, else the path-derived ID. */
  public getLogicalId(element: CfnElement): string {
    const scopes = element.node.scopes;
    const components = scopes.slice(scopes.indexOf(this) + 1).map((c) => c.node.id);
    const allocated = makeUniqueId(components);
    const renamed = this.renames.get(allocated);
    if (renamed !== undefined) this.usedRenames.add(allocated);
    const id = renamed ?? allocated;
    if (!/^[A-Za-z0-9]{1,255}$/.test(id)) {
      throw new ValidationError('LogicalAdhereRegularExpression', `Logical ID must adhere to the regular expression: /^[A-Za-z0-9]{1,255}$/, got '${id}'`, element);
    }
    return id;
  }

  /** Renames a logical ID after it is allocated. */
  public renameLogicalId(oldId: string, newId: string): void {
    this.renames.set(oldId, newId);
  }

  /** Fails when a rename was never applied (the old ID does not exist). @internal */
  public _assertRenamesApplied(): void {
    const unused = [...this.renames.keys()].filter((k) => !this.usedRenames.has(k));
    if (unused.length > 0) {
      throw new ValidationError('LogicalIdRenamesNotApplied', `The following LogicalID renames were not applied: ${unused.join(', ')}`, this);
    }
  }

  /** An ARN in this stack's partition, region and account unless the components say otherwise. */
  public formatArn(components: ArnComponents): string {
    return Arn.format(components, this);
  }

  /** Takes an ARN apart. */
  public splitArn(arn: string, arnFormat: ArnFormat): ArnComponents {
    return Arn.split(arn, arnFormat);
  }

  /** Deploys `target` before this stack. */
  public addStackDependency(target: Stack, _reason?: string): void {
    if (target === this) return;
    this.dependencies.add(target);
  }

  /** @deprecated Use `addStackDependency` instead. */
  public addDependency(target: Stack, reason?: string): void {
    printDeprecation('aws-cdk-lib.Stack#addDependency', 'Use `addStackDependency` instead.');
    this.addStackDependency(target, reason);
  }

  /** Stacks this one depends on. */
  public get dependenciesList(): Stack[] {
    return [...this.dependencies];
  }

  /** Adds a template transform such as `AWS::Serverless-2016-10-31`. */
  public addTransform(transform: string): void {
    this.templateOptions.transforms = [...(this.templateOptions.transforms ?? []), transform];
  }

  /** Adds a key to the template's Metadata section. */
  public addMetadata(key: string, value: unknown): void {
    this.templateOptions.metadata = { ...(this.templateOptions.metadata ?? {}), [key]: value };
  }

  /** The template elements of this stack, in tree order. */
  public get cfnElements(): CfnElement[] {
    return this.node.findAll().filter((c): c is CfnElement => CfnElement.isCfnElement(c) && c.stack === this);
  }

  /** The resolved template. @internal */
  public _toCloudFormation(): Record<string, unknown> {
    const t = this.templateOptions;
    const template: Record<string, unknown> = {};
    if (t.description !== undefined) template.Description = t.description;
    if (t.templateFormatVersion !== undefined) template.AWSTemplateFormatVersion = t.templateFormatVersion;
    if (t.transforms && t.transforms.length > 0) template.Transform = t.transforms.length === 1 ? t.transforms[0] : t.transforms;
    if (t.metadata) template.Metadata = t.metadata;
    for (const element of this.cfnElements) {
      const fragment = this.resolve(element._toCloudFormation()) as Record<string, Record<string, unknown>>;
      for (const [section, entries] of Object.entries(fragment ?? {})) {
        const target = (template[section] ??= {}) as Record<string, unknown>;
        for (const [key, value] of Object.entries(entries)) {
          if (key in target) {
            throw new ValidationError('SectionAlreadyContains', `section '${section}' already contains '${key}'`, element);
          }
          target[key] = value;
        }
      }
    }
    this._assertRenamesApplied();
    return this.resolve(template) as Record<string, unknown>;
  }

  private generateStackName(): string {
    const ids = this.node.scopes.slice(1).map((c) => c.node.id);
    if (ids.length === 1) return ids[0];
    return makeUniqueResourceName(ids, { maxLength: 128, separator: '' });
  }
}
