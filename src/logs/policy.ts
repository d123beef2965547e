/**
 * `ResourcePolicy`: the CloudWatch Logs resource policy a log group creates when a grant must be
 * written on the resource side (service principals, other accounts).
 */
import type { Construct } from 'constructs';
import { Lazy, Names, Resource } from '../core/index.js';
import { PolicyDocument, type PolicyStatement } from '../iam/index.js';
import { CfnResourcePolicy } from './cfn-resource-policy.js';

/** Properties of a `ResourcePolicy`. */
export interface ResourcePolicyProps {
  /** The policy's name. @default - a name unique to the construct path */
  readonly resourcePolicyName?: string;
  /** Statements to start with. @default - none */
  readonly policyStatements?: PolicyStatement[];
}

/**
 * A CloudWatch Logs resource policy; statements added to `document` before synthesis are written.
 *
 * @resource AWS::Logs::ResourcePolicy
 */
export class ResourcePolicy extends Resource {
  /** Identifies this class for property injection. */
  public static readonly PROPERTY_INJECTION_ID: string = 'aws-cdk-lib.aws-logs.ResourcePolicy';

  /** The policy's statements. */
  public readonly document = new PolicyDocument();

  constructor(scope: Construct, id: string, props?: ResourcePolicyProps) {
    super(scope, id, { physicalName: props?.resourcePolicyName });
    const resource = new CfnResourcePolicy(this, 'ResourcePolicy', {
      policyName: Lazy.string({ produce: () => props?.resourcePolicyName ?? Names.uniqueId(this) }),
      policyDocument: Lazy.string({ produce: () => JSON.stringify(this.document) }),
    });
    this.node.defaultChild = resource;
    if (props?.policyStatements) this.document.addStatements(...props.policyStatements);
  }
}
