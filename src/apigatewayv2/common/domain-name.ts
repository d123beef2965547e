/**
 * DomainName: a custom domain name for API Gateway v2 APIs (`AWS::ApiGatewayV2::DomainName`), with
 * one endpoint per endpoint type, optional mutual TLS, and imports from attributes.
 */
import type { Construct } from 'constructs';
import { ArnFormat, Lazy, Resource, Stack, Token, ValidationError, type IResource } from '../../core/index.js';
import { CfnDomainName } from '../cfn/cfn-domain-name.js';
import type { DomainNameReference, IDomainNameRef } from '../cfn/references.js';
import type { IpAddressType } from './api.js';

/** The TLS version and cipher suite of a domain name's endpoint. */
export enum SecurityPolicy {
  /** TLS 1.0 and up. */
  TLS_1_0 = 'TLS_1_0',
  /** TLS 1.2 and up. */
  TLS_1_2 = 'TLS_1_2',
}

/** Where a domain name's endpoint is served from. */
export enum EndpointType {
  /** Through CloudFront's edge locations. */
  EDGE = 'EDGE',
  /** From the API's region. */
  REGIONAL = 'REGIONAL',
}

/** The identifiers of an ACM certificate. */
export interface CertificateReference {
  /** The ARN of the certificate. */
  readonly certificateArn: string;
}

/**
 * An ACM certificate with a `certificateRef` (the shape of aws-certificatemanager's
 * `ICertificateRef`, which every imported or created certificate has).
 */
export interface ICertificateRef {
  /** The certificate's identifiers. */
  readonly certificateRef: CertificateReference;
}

/** An ACM certificate known by its ARN, e.g. `{ certificateArn: 'arn:aws:acm:...' }`. */
export interface ICertificateArn {
  /** The ARN of the certificate. */
  readonly certificateArn: string;
}

/** The bucket of a mutual-TLS truststore (the part of aws-s3's `IBucket` that is used). */
export interface ITruststoreBucket {
  /** The `s3://bucket/key` URL of an object in the bucket. */
  s3UrlForObject(key?: string): string;
}

/** A custom domain name, created here or imported. */
export interface IDomainName extends IResource, IDomainNameRef {
  /**
   * The custom domain name.
   * @attribute
   */
  readonly name: string;

  /**
   * The domain name of the regional endpoint: the target of a DNS alias or CNAME.
   * @attribute
   */
  readonly regionalDomainName: string;

  /**
   * The Route 53 hosted zone of the regional endpoint.
   * @attribute
   */
  readonly regionalHostedZoneId: string;
}

/** What an imported domain name is made of. */
export interface DomainNameAttributes {
  /** The custom domain name. */
  readonly name: string;
  /** The domain name of the regional endpoint. */
  readonly regionalDomainName: string;
  /** The Route 53 hosted zone of the regional endpoint. */
  readonly regionalHostedZoneId: string;
}

/** One endpoint of a domain name. */
export interface EndpointOptions {
  /** The ACM certificate of the endpoint (issued by ACM or imported into it). */
  readonly certificate: ICertificateRef | ICertificateArn;

  /**
   * A friendly name of the certificate.
   * @default - none
   */
  readonly certificateName?: string;

  /**
   * Where the endpoint is served from.
   * @default EndpointType.REGIONAL
   */
  readonly endpointType?: EndpointType;

  /**
   * The TLS version and cipher suite.
   * @default SecurityPolicy.TLS_1_2
   */
  readonly securityPolicy?: SecurityPolicy;

  /**
   * A public ACM certificate proving that you own the domain; needed for mutual TLS when
   * `certificate` is imported or private.
   * @default - none (only used with mutual TLS)
   */
  readonly ownershipCertificate?: ICertificateRef | ICertificateArn;

  /**
   * Which IP versions can call the endpoint.
   * @default - none set (API Gateway uses IPv4)
   */
  readonly ipAddressType?: IpAddressType;
}

/** Mutual TLS settings of a domain name. */
export interface MTLSConfig {
  /** The bucket holding the truststore. */
  readonly bucket: ITruststoreBucket;
  /** The key of the truststore object. */
  readonly key: string;
  /**
   * The version of the truststore object (the bucket must be versioned).
   * @default - the latest version
   */
  readonly version?: string;
}

/** Properties of a DomainName. */
export interface DomainNameProps extends EndpointOptions {
  /** The custom domain name, e.g. `chat.example.com`. */
  readonly domainName: string;

  /**
   * Mutual TLS settings.
   * @default - no mutual TLS
   */
  readonly mtls?: MTLSConfig;
}

/** The ARN of a certificate given in either accepted shape. */
function certificateArnOf(certificate: ICertificateRef | ICertificateArn): string {
  return 'certificateRef' in certificate && certificate.certificateRef
    ? certificate.certificateRef.certificateArn
    : (certificate as ICertificateArn).certificateArn;
}

/**
 * A custom domain name for API Gateway v2 APIs.
 * @resource AWS::ApiGatewayV2::DomainName
 */
export class DomainName extends Resource implements IDomainName {
  /** The id used for property injection. */
  public static readonly PROPERTY_INJECTION_ID = 'aws-cdk-lib.aws-apigatewayv2.DomainName';

  /** Imports an existing domain name from its attributes. */
  public static fromDomainNameAttributes(scope: Construct, id: string, attrs: DomainNameAttributes): IDomainName {
    class Import extends Resource implements IDomainName {
      public readonly regionalDomainName = attrs.regionalDomainName;
      public readonly regionalHostedZoneId = attrs.regionalHostedZoneId;
      public readonly name = attrs.name;
      public readonly domainNameRef: DomainNameReference = {
        domainName: attrs.name,
        domainNameArn: Stack.of(this).formatArn({
          service: 'apigateway',
          arnFormat: ArnFormat.SLASH_RESOURCE_SLASH_RESOURCE_NAME,
          resource: 'domainnames',
          resourceName: attrs.name,
        }),
      };
    }
    return new Import(scope, id);
  }

  /** The custom domain name (a `Ref` of the resource). */
  public readonly name: string;

  private readonly domainNameConfigurations: CfnDomainName.DomainNameConfigurationProperty[] = [];
  private readonly resource: CfnDomainName;

  constructor(scope: Construct, id: string, props: DomainNameProps) {
    super(scope, id);
    if (props.domainName === '') {
      throw new ValidationError('EmptyStringDomainNameAllowed', 'empty string for domainName not allowed', scope);
    }
    if (props.ownershipCertificate && !props.mtls) {
      throw new ValidationError('OwnershipCertificateMtlsDomains', 'ownership certificate can only be used with mtls domains', scope);
    }
    this.resource = new CfnDomainName(this, 'Resource', {
      domainName: props.domainName,
      // Read at synthesis so endpoints added later are included; rendered even when empty.
      domainNameConfigurations: Lazy.uncachedAny({ produce: () => this.domainNameConfigurations }),
      mutualTlsAuthentication: props.mtls
        ? { truststoreUri: props.mtls.bucket.s3UrlForObject(props.mtls.key), truststoreVersion: props.mtls.version }
        : undefined,
    });
    this.name = this.resource.ref;
    if (props.certificate) this.addEndpoint(props);
  }

  /** Adds an endpoint; there can be one per endpoint type. */
  public addEndpoint(options: EndpointOptions): void {
    const endpointType = options.endpointType ? options.endpointType.toString() : EndpointType.REGIONAL;
    if (this.domainNameConfigurations.some((config) => config.endpointType === endpointType)) {
      throw new ValidationError('EndpointType', `an endpoint with type ${endpointType} already exists`, this);
    }
    this.domainNameConfigurations.push({
      certificateArn: certificateArnOf(options.certificate),
      certificateName: options.certificateName,
      endpointType,
      ownershipVerificationCertificateArn: options.ownershipCertificate ? certificateArnOf(options.ownershipCertificate) : undefined,
      securityPolicy: options.securityPolicy?.toString(),
      ipAddressType: options.ipAddressType,
    });
  }

  public get regionalDomainName(): string {
    return Token.asString(this.resource.getAtt('RegionalDomainName'));
  }

  public get regionalHostedZoneId(): string {
    return Token.asString(this.resource.getAtt('RegionalHostedZoneId'));
  }

  /** This domain name's identifiers. */
  public get domainNameRef(): DomainNameReference {
    return { domainName: this.name, domainNameArn: Token.asString(this.resource.getAtt('DomainNameArn')) };
  }
}
