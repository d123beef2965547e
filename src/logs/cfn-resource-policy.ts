/** `AWS::Logs::ResourcePolicy` as a plain CloudFormation resource (L1). */
import type { Construct, IConstruct } from 'constructs';
import { CfnResource } from '../core/index.js';
import { renderCfnProperties } from '../core/private/cfn-props.js';

/** A reference to a CloudWatch Logs resource policy. */
export interface ResourcePolicyReference {
  /** The policy's name. */
  readonly policyName: string;
}

/** Something that can be referenced as a CloudWatch Logs resource policy. */
export interface IResourcePolicyRef extends IConstruct {
  /** A reference to the policy. */
  readonly resourcePolicyRef: ResourcePolicyReference;
}

/** Properties of a `CfnResourcePolicy`. */
export interface CfnResourcePolicyProps {
  /** The policy document, as a JSON string. */
  readonly policyDocument: string;
  /** The policy's name, unique in the account and region. */
  readonly policyName: string;
}

/**
 * A resource policy of CloudWatch Logs: which principals may write to (or read) log groups.
 *
 * @resource AWS::Logs::ResourcePolicy
 */
export class CfnResourcePolicy extends CfnResource implements IResourcePolicyRef {
  /** The CloudFormation type. */
  public static readonly CFN_RESOURCE_TYPE_NAME = 'AWS::Logs::ResourcePolicy';

  /** True if `x` is a CfnResourcePolicy. */
  public static isCfnResourcePolicy(x: unknown): x is CfnResourcePolicy {
    return CfnResource.isCfnResource(x) && x.cfnResourceType === CfnResourcePolicy.CFN_RESOURCE_TYPE_NAME;
  }

  public policyDocument: string;
  public policyName: string;

  constructor(scope: Construct, id: string, props: CfnResourcePolicyProps) {
    super(scope, id, { type: CfnResourcePolicy.CFN_RESOURCE_TYPE_NAME });
    this.policyDocument = props.policyDocument;
    this.policyName = props.policyName;
  }

  /** A reference to this policy (its name, the `Ref`). */
  public get resourcePolicyRef(): ResourcePolicyReference {
    return { policyName: this.ref };
  }

  protected override get cfnProperties(): Record<string, unknown> {
    return { policyDocument: this.policyDocument, policyName: this.policyName };
  }

  protected override renderProperties(props: Record<string, unknown>): Record<string, unknown> {
    return renderCfnProperties(props, { verbatim: ['policyDocument'] });
  }
}
