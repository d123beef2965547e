/** `AWS::ApiGatewayV2::VpcLink`: the L1 of a link from HTTP APIs into a VPC. */
import type { Construct } from 'constructs';
import { CfnResource, ResolutionTypeHint, Stack, TagManager, TagType, Token, type ITaggable } from '../../core/index.js';
import { renderCfnProperties } from '../../core/private/cfn-props.js';
import type { IVpcLinkRef, VpcLinkReference } from './references.js';
import { idFromRef, importReference, requireProperty, type ISecurityGroupRefLike, type ISubnetRefLike } from './private/l1.js';

/** Properties of a CfnVpcLink. */
export interface CfnVpcLinkProps {
  /** The name of the VPC link. */
  readonly name: string;
  /** Security groups of the link's network interfaces, or their ids. @default - the VPC's default group */
  readonly securityGroupIds?: Array<ISecurityGroupRefLike | string>;
  /** Subnets of the link's network interfaces, or their ids. */
  readonly subnetIds: Array<ISubnetRefLike | string>;
  /** Tags of the VPC link, as a key-value map. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A VPC link of API Gateway v2, exactly as CloudFormation takes it.
 * @resource AWS::ApiGatewayV2::VpcLink
 */
export class CfnVpcLink extends CfnResource implements IVpcLinkRef, ITaggable {
  /** The CloudFormation resource type. */
  public static readonly CFN_RESOURCE_TYPE_NAME = 'AWS::ApiGatewayV2::VpcLink';

  /** True if `x` is a CfnVpcLink. */
  public static isCfnVpcLink(x: unknown): x is CfnVpcLink {
    return CfnResource.isCfnResource(x) && x.cfnResourceType === CfnVpcLink.CFN_RESOURCE_TYPE_NAME;
  }

  /** A reference to an existing VPC link, from its id. */
  public static fromVpcLinkId(scope: Construct, id: string, vpcLinkId: string): IVpcLinkRef {
    return importReference<{ vpcLinkRef: VpcLinkReference }>(scope, id, { vpcLinkRef: { vpcLinkId } });
  }

  /** The ARN of a VPC link (`arn:<partition>:apigateway:<region>::/vpclinks/<id>`). */
  public static arnForVpcLink(resource: IVpcLinkRef): string {
    return `arn:${Stack.of(resource).partition}:apigateway:${resource.env.region}::/vpclinks/${resource.vpcLinkRef.vpcLinkId}`;
  }

  public name: string;
  public securityGroupIds?: string[];
  public subnetIds: string[];
  /** The tags of the VPC link; `Tags.of()` writes here. */
  public readonly tags: TagManager;
  /** The tags as given in the props. */
  public tagsRaw?: Record<string, string>;

  constructor(scope: Construct, id: string, props: CfnVpcLinkProps) {
    super(scope, id, { type: CfnVpcLink.CFN_RESOURCE_TYPE_NAME, properties: { ...props } });
    requireProperty(props, 'name', this);
    requireProperty(props, 'subnetIds', this);
    this.name = props.name;
    this.securityGroupIds = props.securityGroupIds?.map((item) =>
      idFromRef(item, ['securityGroupRef', 'securityGroupId'], 'securityGroupIds', 'ec2.ISecurityGroupRef | string') as string);
    this.subnetIds = props.subnetIds.map((item) =>
      idFromRef(item, ['subnetRef', 'subnetId'], 'subnetIds', 'ec2.ISubnetRef | string') as string);
    this.tags = new TagManager(TagType.MAP, CfnVpcLink.CFN_RESOURCE_TYPE_NAME, props.tags, { tagPropertyName: 'tags' });
    this.tagsRaw = props.tags;
  }

  /** This VPC link's identifiers. */
  public get vpcLinkRef(): VpcLinkReference {
    return { vpcLinkId: this.ref };
  }

  /** The id of the VPC link. @attribute */
  public get attrVpcLinkId(): string {
    return Token.asString(this.getAtt('VpcLinkId', ResolutionTypeHint.STRING));
  }

  protected override get cfnProperties(): Record<string, unknown> {
    return {
      name: this.name,
      securityGroupIds: this.securityGroupIds,
      subnetIds: this.subnetIds,
      tags: this.tags.renderTags(),
    };
  }

  protected override renderProperties(props: Record<string, unknown>): Record<string, unknown> {
    return renderCfnProperties(props, { verbatim: ['tags'] });
  }
}
