/** `AWS::ApiGatewayV2::Integration`: the L1 of a route's backend (Lambda, HTTP, AWS service, mock). */
import type { Construct } from 'constructs';
import { CfnResource, ResolutionTypeHint, Token, type IResolvable } from '../../core/index.js';
import { renderCfnProperties } from '../../core/private/cfn-props.js';
import type { IApiRef, IIntegrationRef, IntegrationReference } from './references.js';
import { idFromRef, requireProperty, type CfnJson, type IFunctionRefLike } from './private/l1.js';

/** Properties of a CfnIntegration. */
export interface CfnIntegrationProps {
  /** The API, or its id. */
  readonly apiId: IApiRef | string;
  /** The VPC link of a private integration. @default - none */
  readonly connectionId?: string;
  /** `INTERNET` or `VPC_LINK`. @default - INTERNET */
  readonly connectionType?: string;
  /** How binary payloads are converted (`CONVERT_TO_BINARY`, `CONVERT_TO_TEXT`; WebSocket APIs). @default - passed through */
  readonly contentHandlingStrategy?: string;
  /** A role API Gateway assumes to call the backend. @default - none */
  readonly credentialsArn?: string;
  /** A description of the integration. @default - none */
  readonly description?: string;
  /** The HTTP method used to call the backend. @default - none */
  readonly integrationMethod?: string;
  /** The AWS service action of an HTTP API's AWS_PROXY integration. @default - none */
  readonly integrationSubtype?: string;
  /** `AWS`, `AWS_PROXY`, `HTTP`, `HTTP_PROXY` or `MOCK`. */
  readonly integrationType: string;
  /** The backend's URI, or a Lambda function. @default - none */
  readonly integrationUri?: IFunctionRefLike | string;
  /** What happens to requests no template matches (WebSocket APIs). @default - none */
  readonly passthroughBehavior?: string;
  /** The payload format sent to a Lambda proxy (`1.0` or `2.0`; HTTP APIs). @default - none */
  readonly payloadFormatVersion?: string;
  /** Request parameter mappings, as a map of JSON. @default - none */
  readonly requestParameters?: CfnJson | IResolvable;
  /** Request templates by content type or template key, as a map of JSON. @default - none */
  readonly requestTemplates?: CfnJson | IResolvable;
  /** Response parameter mappings by status code (HTTP APIs), as JSON. @default - none */
  readonly responseParameters?: CfnJson | IResolvable;
  /** How a request template is chosen (WebSocket APIs). @default - none */
  readonly templateSelectionExpression?: string;
  /** How long the backend may take, in milliseconds. @default - 29000 for WebSocket APIs */
  readonly timeoutInMillis?: number;
  /** TLS settings of a private integration. @default - none */
  readonly tlsConfig?: IResolvable | CfnIntegration.TlsConfigProperty;
}

/**
 * An integration of an API Gateway v2 API, exactly as CloudFormation takes it.
 * @resource AWS::ApiGatewayV2::Integration
 */
export class CfnIntegration extends CfnResource implements IIntegrationRef {
  /** The CloudFormation resource type. */
  public static readonly CFN_RESOURCE_TYPE_NAME = 'AWS::ApiGatewayV2::Integration';

  /** True if `x` is a CfnIntegration. */
  public static isCfnIntegration(x: unknown): x is CfnIntegration {
    return CfnResource.isCfnResource(x) && x.cfnResourceType === CfnIntegration.CFN_RESOURCE_TYPE_NAME;
  }

  public apiId: string;
  public connectionId?: string;
  public connectionType?: string;
  public contentHandlingStrategy?: string;
  public credentialsArn?: string;
  public description?: string;
  public integrationMethod?: string;
  public integrationSubtype?: string;
  public integrationType: string;
  public integrationUri?: string;
  public passthroughBehavior?: string;
  public payloadFormatVersion?: string;
  public requestParameters?: CfnJson | IResolvable;
  public requestTemplates?: CfnJson | IResolvable;
  public responseParameters?: CfnJson | IResolvable;
  public templateSelectionExpression?: string;
  public timeoutInMillis?: number;
  public tlsConfig?: IResolvable | CfnIntegration.TlsConfigProperty;

  constructor(scope: Construct, id: string, props: CfnIntegrationProps) {
    super(scope, id, { type: CfnIntegration.CFN_RESOURCE_TYPE_NAME, properties: { ...props } });
    requireProperty(props, 'apiId', this);
    requireProperty(props, 'integrationType', this);
    this.apiId = idFromRef(props.apiId, ['apiRef', 'apiId'], 'apiId', 'apigatewayv2.IApiRef | string') as string;
    this.connectionId = props.connectionId;
    this.connectionType = props.connectionType;
    this.contentHandlingStrategy = props.contentHandlingStrategy;
    this.credentialsArn = props.credentialsArn;
    this.description = props.description;
    this.integrationMethod = props.integrationMethod;
    this.integrationSubtype = props.integrationSubtype;
    this.integrationType = props.integrationType;
    this.integrationUri = idFromRef(props.integrationUri, ['functionRef', 'functionArn'], 'integrationUri', 'lambda.IFunctionRef | string');
    this.passthroughBehavior = props.passthroughBehavior;
    this.payloadFormatVersion = props.payloadFormatVersion;
    this.requestParameters = props.requestParameters;
    this.requestTemplates = props.requestTemplates;
    this.responseParameters = props.responseParameters;
    this.templateSelectionExpression = props.templateSelectionExpression;
    this.timeoutInMillis = props.timeoutInMillis;
    this.tlsConfig = props.tlsConfig;
  }

  /** This integration's identifiers. */
  public get integrationRef(): IntegrationReference {
    return { apiId: this.apiId, integrationId: this.ref };
  }

  /** The id of the integration. @attribute */
  public get attrIntegrationId(): string {
    return Token.asString(this.getAtt('IntegrationId', ResolutionTypeHint.STRING));
  }

  protected override get cfnProperties(): Record<string, unknown> {
    return {
      apiId: this.apiId,
      connectionId: this.connectionId,
      connectionType: this.connectionType,
      contentHandlingStrategy: this.contentHandlingStrategy,
      credentialsArn: this.credentialsArn,
      description: this.description,
      integrationMethod: this.integrationMethod,
      integrationSubtype: this.integrationSubtype,
      integrationType: this.integrationType,
      integrationUri: this.integrationUri,
      passthroughBehavior: this.passthroughBehavior,
      payloadFormatVersion: this.payloadFormatVersion,
      requestParameters: this.requestParameters,
      requestTemplates: this.requestTemplates,
      responseParameters: this.responseParameters,
      templateSelectionExpression: this.templateSelectionExpression,
      timeoutInMillis: this.timeoutInMillis,
      tlsConfig: this.tlsConfig,
    };
  }

  protected override renderProperties(props: Record<string, unknown>): Record<string, unknown> {
    return renderCfnProperties(props, { verbatim: ['requestParameters', 'requestTemplates', 'responseParameters'] });
  }
}

// eslint-disable-next-line @typescript-eslint/no-namespace -- struct types live under the class name, as in aws-cdk-lib
export namespace CfnIntegration {
  /** Response parameter mappings of one status code. */
  export interface ResponseParameterMapProperty {
    /** The mappings. @default - none */
    readonly responseParameters?: Array<IResolvable | CfnIntegration.ResponseParameterProperty> | IResolvable;
  }

  /** One response parameter mapping. */
  export interface ResponseParameterProperty {
    /** What is changed, e.g. `append:header.x`. @default - none */
    readonly destination?: string;
    /** The value. @default - none */
    readonly source?: string;
  }

  /** TLS settings of a private integration. */
  export interface TlsConfigProperty {
    /** The server name checked against the backend's certificate. @default - none */
    readonly serverNameToVerify?: string;
  }

  /** A list of response parameter mappings. */
  export interface ResponseParameterListProperty {
    /** The mappings. @default - none */
    readonly responseParameters?: Array<IResolvable | CfnIntegration.ResponseParameterProperty> | IResolvable;
  }
}
