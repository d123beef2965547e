/**
 * The base of every L2 construct: a construct standing for one AWS resource (or an imported one),
 * with its stack, environment, physical name and removal policy.
 */
import { Construct, type IConstruct } from 'constructs';
import { Stack } from './stack.js';
import { CfnResource } from './cfn-resource.js';
import type { RemovalPolicy } from './removal-policy.js';
import { ValidationError } from './errors.js';
import { Token } from './token.js';

/** The account and region of a resource. */
export interface ResourceEnvironment {
  readonly account: string;
  readonly region: string;
}

export interface IResource extends IConstruct {
  readonly stack: Stack;
  readonly env: ResourceEnvironment;
  applyRemovalPolicy(policy: RemovalPolicy): void;
}

export interface ResourceProps {
  /** The physical name of the resource. @default - assigned by CloudFormation */
  readonly physicalName?: string;
  /** The account the resource is in. @default - the stack's */
  readonly account?: string;
  /** The region the resource is in. @default - the stack's */
  readonly region?: string;
  /** The ARN of the resource, for resources whose environment is read from it. @default - none */
  readonly environmentFromArn?: string;
}

const RESOURCE = Symbol.for('wsgate/core.Resource');

export abstract class Resource extends Construct implements IResource {
  /** True if `construct` is a Resource. */
  public static isResource(construct: IConstruct): construct is Resource {
    return typeof construct === 'object' && construct !== null && RESOURCE in construct;
  }

  /** True if the construct was created by this app (it has a CfnResource as its default child). */
  public static isOwnedResource(construct: IConstruct): boolean {
    return Resource.isResource(construct) && CfnResource.isCfnResource(construct.node.defaultChild);
  }

  public readonly stack: Stack;
  public readonly env: ResourceEnvironment;
  protected readonly physicalName: string;

  constructor(scope: Construct, id: string, props: ResourceProps = {}) {
    super(scope, id);
    Object.defineProperty(this, RESOURCE, { value: true });
    if ((props.account !== undefined || props.region !== undefined) && props.environmentFromArn !== undefined) {
      throw new ValidationError('SupplyEnvironmentFromArnOrAccountRegion',
        `Supply at most one of 'account'/'region' (${props.account}, ${props.region}) and 'environmentFromArn' (${props.environmentFromArn})`, this);
    }
    this.stack = Stack.of(this);
    let account = props.account ?? this.stack.account;
    let region = props.region ?? this.stack.region;
    if (props.environmentFromArn !== undefined && !Token.isUnresolved(props.environmentFromArn)) {
      const parts = props.environmentFromArn.split(':');
      account = parts[4] ?? account;
      region = parts[3] ?? region;
    }
    this.env = { account, region };
    // Undefined when not given, as in aws-cdk-lib, so optional names stay out of templates.
    this.physicalName = props.physicalName as string;
  }

  /** Sets the removal policy of this resource's CloudFormation resource (its default child). */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    const child = this.node.defaultChild;
    if (!child || !CfnResource.isCfnResource(child)) {
      throw new ValidationError('CannotApplyRemovalPolicy', 'Cannot apply RemovalPolicy: no child or not a CfnResource. Apply the removal policy on the CfnResource directly.', this);
    }
    child.applyRemovalPolicy(policy);
  }
}
