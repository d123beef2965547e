/** `AWS::ApiGatewayV2::Authorizer`: the L1 of a Lambda, IAM or JWT authorizer. */
import type { Construct } from 'constructs';
import { CfnResource, ResolutionTypeHint, Token, type IResolvable } from '../../core/index.js';
import { renderCfnProperties } from '../../core/private/cfn-props.js';
import type { AuthorizerReference, IApiRef, IAuthorizerRef } from './references.js';
import { idFromRef, requireProperty } from './private/l1.js';

/** Properties of a CfnAuthorizer. */
export interface CfnAuthorizerProps {
  /** The API, or its id. */
  readonly apiId: IApiRef | string;
  /** A role API Gateway assumes to invoke the authorizer. @default - a resource-based permission is used */
  readonly authorizerCredentialsArn?: string;
  /** The payload format of a Lambda authorizer of an HTTP API (`1.0` or `2.0`). @default - none */
  readonly authorizerPayloadFormatVersion?: string;
  /** How long results are cached, in seconds (HTTP APIs). @default - none */
  readonly authorizerResultTtlInSeconds?: number;
  /** The kind of authorizer: `REQUEST` (Lambda), `JWT` (HTTP APIs) or `AWS_IAM`. */
  readonly authorizerType: string;
  /** The invocation URI of a Lambda authorizer. @default - none */
  readonly authorizerUri?: string;
  /** Whether a Lambda authorizer of an HTTP API returns a simple boolean response. @default - none */
  readonly enableSimpleResponses?: boolean | IResolvable;
  /** Where the identity is read from, e.g. `route.request.header.Authorization`. @default - none */
  readonly identitySource?: string[];
  /** A regular expression the identity must match. @default - none */
  readonly identityValidationExpression?: string;
  /** The issuer and audience of a JWT authorizer. @default - none */
  readonly jwtConfiguration?: IResolvable | CfnAuthorizer.JWTConfigurationProperty;
  /** The name of the authorizer. */
  readonly name: string;
}

/**
 * An authorizer of an API Gateway v2 API, exactly as CloudFormation takes it.
 * @resource AWS::ApiGatewayV2::Authorizer
 */
export class CfnAuthorizer extends CfnResource implements IAuthorizerRef {
  /** The CloudFormation resource type. */
  public static readonly CFN_RESOURCE_TYPE_NAME = 'AWS::ApiGatewayV2::Authorizer';

  /** True if `x` is a CfnAuthorizer. */
  public static isCfnAuthorizer(x: unknown): x is CfnAuthorizer {
    return CfnResource.isCfnResource(x) && x.cfnResourceType === CfnAuthorizer.CFN_RESOURCE_TYPE_NAME;
  }

  public apiId: string;
  public authorizerCredentialsArn?: string;
  public authorizerPayloadFormatVersion?: string;
  public authorizerResultTtlInSeconds?: number;
  public authorizerType: string;
  public authorizerUri?: string;
  public enableSimpleResponses?: boolean | IResolvable;
  public identitySource?: string[];
  public identityValidationExpression?: string;
  public jwtConfiguration?: IResolvable | CfnAuthorizer.JWTConfigurationProperty;
  public name: string;

  constructor(scope: Construct, id: string, props: CfnAuthorizerProps) {
    super(scope, id, { type: CfnAuthorizer.CFN_RESOURCE_TYPE_NAME, properties: { ...props } });
    requireProperty(props, 'apiId', this);
    requireProperty(props, 'authorizerType', this);
    requireProperty(props, 'name', this);
    this.apiId = idFromRef(props.apiId, ['apiRef', 'apiId'], 'apiId', 'apigatewayv2.IApiRef | string') as string;
    this.authorizerCredentialsArn = props.authorizerCredentialsArn;
    this.authorizerPayloadFormatVersion = props.authorizerPayloadFormatVersion;
    this.authorizerResultTtlInSeconds = props.authorizerResultTtlInSeconds;
    this.authorizerType = props.authorizerType;
    this.authorizerUri = props.authorizerUri;
    this.enableSimpleResponses = props.enableSimpleResponses;
    this.identitySource = props.identitySource;
    this.identityValidationExpression = props.identityValidationExpression;
    this.jwtConfiguration = props.jwtConfiguration;
    this.name = props.name;
  }

  /** This authorizer's identifiers. */
  public get authorizerRef(): AuthorizerReference {
    return { authorizerId: this.ref, apiId: this.apiId };
  }

  /** The id of the authorizer. @attribute */
  public get attrAuthorizerId(): string {
    return Token.asString(this.getAtt('AuthorizerId', ResolutionTypeHint.STRING));
  }

  protected override get cfnProperties(): Record<string, unknown> {
    return {
      apiId: this.apiId,
      authorizerCredentialsArn: this.authorizerCredentialsArn,
      authorizerPayloadFormatVersion: this.authorizerPayloadFormatVersion,
      authorizerResultTtlInSeconds: this.authorizerResultTtlInSeconds,
      authorizerType: this.authorizerType,
      authorizerUri: this.authorizerUri,
      enableSimpleResponses: this.enableSimpleResponses,
      identitySource: this.identitySource,
      identityValidationExpression: this.identityValidationExpression,
      jwtConfiguration: this.jwtConfiguration,
      name: this.name,
    };
  }

  protected override renderProperties(props: Record<string, unknown>): Record<string, unknown> {
    return renderCfnProperties(props);
  }
}

// eslint-disable-next-line @typescript-eslint/no-namespace -- struct types live under the class name, as in aws-cdk-lib
export namespace CfnAuthorizer {
  /** The issuer and audience a JWT authorizer checks. */
  export interface JWTConfigurationProperty {
    /** Accepted audiences. @default - none */
    readonly audience?: string[];
    /** The token issuer's URL. @default - none */
    readonly issuer?: string;
  }
}
