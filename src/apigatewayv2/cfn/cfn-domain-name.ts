/** `AWS::ApiGatewayV2::DomainName`: the L1 of a custom domain name for API Gateway v2 APIs. */
import type { Construct } from 'constructs';
import {
  CfnResource, ResolutionTypeHint, Stack, TagManager, TagType, Token,
  type IResolvable, type ITaggable,
} from '../../core/index.js';
import { renderCfnProperties } from '../../core/private/cfn-props.js';
import type { DomainNameReference, IDomainNameRef } from './references.js';
import { importReference, parseTemplate, requireProperty } from './private/l1.js';

const DOMAIN_NAME_ARN = 'arn:${Partition}:apigateway:${Region}::/domainnames/${DomainName}';

/** Properties of a CfnDomainName. */
export interface CfnDomainNameProps {
  /** The custom domain name, e.g. `chat.example.com`. */
  readonly domainName: string;
  /** The endpoints of the domain: certificate, endpoint type, security policy. @default - none */
  readonly domainNameConfigurations?: Array<CfnDomainName.DomainNameConfigurationProperty | IResolvable> | IResolvable;
  /** Mutual TLS settings. @default - no mutual TLS */
  readonly mutualTlsAuthentication?: IResolvable | CfnDomainName.MutualTlsAuthenticationProperty;
  /** How requests are routed: through API mappings, routing rules, or both. @default - API mappings only */
  readonly routingMode?: string;
  /** Tags of the domain name, as a key-value map. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A custom domain name of API Gateway v2, exactly as CloudFormation takes it.
 * @resource AWS::ApiGatewayV2::DomainName
 */
export class CfnDomainName extends CfnResource implements IDomainNameRef, ITaggable {
  /** The CloudFormation resource type. */
  public static readonly CFN_RESOURCE_TYPE_NAME = 'AWS::ApiGatewayV2::DomainName';

  /** True if `x` is a CfnDomainName. */
  public static isCfnDomainName(x: unknown): x is CfnDomainName {
    return CfnResource.isCfnResource(x) && x.cfnResourceType === CfnDomainName.CFN_RESOURCE_TYPE_NAME;
  }

  /** A reference to an existing domain name, from its ARN (`arn:<partition>:apigateway:<region>::/domainnames/<name>`). */
  public static fromDomainNameArn(scope: Construct, id: string, arn: string): IDomainNameRef {
    const variables = parseTemplate(DOMAIN_NAME_ARN, arn);
    return importReference<{ domainNameRef: DomainNameReference }>(scope, id,
      { domainNameRef: { domainName: variables.DomainName, domainNameArn: arn } }, arn);
  }

  /** A reference to an existing domain name of this stack's region, from the name. */
  public static fromDomainName(scope: Construct, id: string, domainName: string): IDomainNameRef {
    const stack = Stack.of(scope);
    const arn = `arn:${stack.partition}:apigateway:${stack.region}::/domainnames/${domainName}`;
    return importReference<{ domainNameRef: DomainNameReference }>(scope, id,
      { domainNameRef: { domainName, domainNameArn: arn } }, arn);
  }

  /** The ARN of a domain name. */
  public static arnForDomainName(resource: IDomainNameRef): string {
    return resource.domainNameRef.domainNameArn;
  }

  public domainName: string;
  public domainNameConfigurations?: Array<CfnDomainName.DomainNameConfigurationProperty | IResolvable> | IResolvable;
  public mutualTlsAuthentication?: IResolvable | CfnDomainName.MutualTlsAuthenticationProperty;
  public routingMode?: string;
  /** The tags of the domain name; `Tags.of()` writes here. */
  public readonly tags: TagManager;
  /** The tags as given in the props. */
  public tagsRaw?: Record<string, string>;

  constructor(scope: Construct, id: string, props: CfnDomainNameProps) {
    super(scope, id, { type: CfnDomainName.CFN_RESOURCE_TYPE_NAME, properties: { ...props } });
    requireProperty(props, 'domainName', this);
    this.domainName = props.domainName;
    this.domainNameConfigurations = props.domainNameConfigurations;
    this.mutualTlsAuthentication = props.mutualTlsAuthentication;
    this.routingMode = props.routingMode;
    this.tags = new TagManager(TagType.MAP, CfnDomainName.CFN_RESOURCE_TYPE_NAME, props.tags, { tagPropertyName: 'tags' });
    this.tagsRaw = props.tags;
  }

  /** This domain name's identifiers. */
  public get domainNameRef(): DomainNameReference {
    return { domainName: this.ref, domainNameArn: this.attrDomainNameArn };
  }

  /** The ARN of the domain name. @attribute */
  public get attrDomainNameArn(): string {
    return Token.asString(this.getAtt('DomainNameArn', ResolutionTypeHint.STRING));
  }

  /** The domain name of the regional endpoint, the target of a DNS alias. @attribute */
  public get attrRegionalDomainName(): string {
    return Token.asString(this.getAtt('RegionalDomainName', ResolutionTypeHint.STRING));
  }

  /** The Route 53 hosted zone of the regional endpoint. @attribute */
  public get attrRegionalHostedZoneId(): string {
    return Token.asString(this.getAtt('RegionalHostedZoneId', ResolutionTypeHint.STRING));
  }

  protected override get cfnProperties(): Record<string, unknown> {
    return {
      domainName: this.domainName,
      domainNameConfigurations: this.domainNameConfigurations,
      mutualTlsAuthentication: this.mutualTlsAuthentication,
      routingMode: this.routingMode,
      tags: this.tags.renderTags(),
    };
  }

  protected override renderProperties(props: Record<string, unknown>): Record<string, unknown> {
    return renderCfnProperties(props, { verbatim: ['tags'] });
  }
}

// eslint-disable-next-line @typescript-eslint/no-namespace -- struct types live under the class name, as in aws-cdk-lib
export namespace CfnDomainName {
  /** Mutual TLS settings of a domain name. */
  export interface MutualTlsAuthenticationProperty {
    /** The S3 URI of the truststore, `s3://bucket/key`. @default - none */
    readonly truststoreUri?: string;
    /** The version of the truststore object. @default - latest */
    readonly truststoreVersion?: string;
  }

  /** One endpoint of a domain name. */
  export interface DomainNameConfigurationProperty {
    /** The ACM certificate of the endpoint. @default - none */
    readonly certificateArn?: string;
    /** A friendly name for the certificate. @default - none */
    readonly certificateName?: string;
    /** `REGIONAL` or `EDGE`. @default - REGIONAL */
    readonly endpointType?: string;
    /** Which IP versions the endpoint accepts. @default - ipv4 */
    readonly ipAddressType?: string;
    /** A public certificate proving ownership of the domain (for mutual TLS with private certificates). @default - none */
    readonly ownershipVerificationCertificateArn?: string;
    /** The TLS version and cipher suite, e.g. `TLS_1_2`. @default - none */
    readonly securityPolicy?: string;
  }
}
