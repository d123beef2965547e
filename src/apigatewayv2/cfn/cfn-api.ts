/** `AWS::ApiGatewayV2::Api`: the L1 of an HTTP or WebSocket API. */
import type { Construct } from 'constructs';
import {
  CfnResource, ResolutionTypeHint, Stack, TagManager, TagType, Token,
  type IResolvable, type ITaggable,
} from '../../core/index.js';
import { renderCfnProperties } from '../../core/private/cfn-props.js';
import type { ApiReference, IApiRef } from './references.js';
import { idFromRef, importReference, type CfnJson, type IFunctionRefLike } from './private/l1.js';

/** Properties of a CfnApi. */
export interface CfnApiProps {
  /** Where a request's API key is read from (WebSocket APIs). @default - none */
  readonly apiKeySelectionExpression?: string;
  /** How the paths of an imported OpenAPI document are treated (HTTP APIs). @default - none */
  readonly basePath?: string;
  /** An OpenAPI definition of the API, as JSON (HTTP APIs). @default - none */
  readonly body?: CfnJson | IResolvable;
  /** An S3 object holding an OpenAPI definition (HTTP APIs). @default - none */
  readonly bodyS3Location?: CfnApi.BodyS3LocationProperty | IResolvable;
  /** CORS settings (HTTP APIs). @default - none */
  readonly corsConfiguration?: CfnApi.CorsProperty | IResolvable;
  /** A role for quick-create integrations (HTTP APIs). @default - none */
  readonly credentialsArn?: string;
  /** A description of the API. @default - none */
  readonly description?: string;
  /** Turn off the default `execute-api` endpoint. @default - the endpoint is on */
  readonly disableExecuteApiEndpoint?: boolean | IResolvable;
  /** Skip validation of request bodies against models (WebSocket APIs). @default - validation is on */
  readonly disableSchemaValidation?: boolean | IResolvable;
  /** Fail instead of warn when the imported definition has problems. @default - warnings only */
  readonly failOnWarnings?: boolean | IResolvable;
  /** Which IP versions the endpoint accepts (`ipv4` or `dualstack`). @default - ipv4 */
  readonly ipAddressType?: string;
  /** The name of the API. @default - none (required unless a body is given) */
  readonly name?: string;
  /** `HTTP` or `WEBSOCKET`. @default - none */
  readonly protocolType?: string;
  /** The route key of a quick-create API (HTTP APIs). @default - none */
  readonly routeKey?: string;
  /** How the route of a request or message is chosen. @default - none */
  readonly routeSelectionExpression?: string;
  /** Tags of the API, as a key-value map. @default - none */
  readonly tags?: Record<string, string>;
  /** The target of a quick-create API: a Lambda function or a URL (HTTP APIs). @default - none */
  readonly target?: IFunctionRefLike | string;
  /** A version string of the API. @default - none */
  readonly version?: string;
}

/**
 * An API Gateway v2 API, exactly as CloudFormation takes it.
 * @resource AWS::ApiGatewayV2::Api
 */
export class CfnApi extends CfnResource implements IApiRef, ITaggable {
  /** The CloudFormation resource type. */
  public static readonly CFN_RESOURCE_TYPE_NAME = 'AWS::ApiGatewayV2::Api';

  /** True if `x` is a CfnApi. */
  public static isCfnApi(x: unknown): x is CfnApi {
    return CfnResource.isCfnResource(x) && x.cfnResourceType === CfnApi.CFN_RESOURCE_TYPE_NAME;
  }

  /** A reference to an existing API, from its id. */
  public static fromApiId(scope: Construct, id: string, apiId: string): IApiRef {
    return importReference<{ apiRef: ApiReference }>(scope, id, { apiRef: { apiId } });
  }

  /** The ARN of an API (`arn:<partition>:apigateway:<region>::/apis/<id>`). */
  public static arnForApi(resource: IApiRef): string {
    return `arn:${Stack.of(resource).partition}:apigateway:${resource.env.region}::/apis/${resource.apiRef.apiId}`;
  }

  public apiKeySelectionExpression?: string;
  public basePath?: string;
  public body?: CfnJson | IResolvable;
  public bodyS3Location?: CfnApi.BodyS3LocationProperty | IResolvable;
  public corsConfiguration?: CfnApi.CorsProperty | IResolvable;
  public credentialsArn?: string;
  public description?: string;
  public disableExecuteApiEndpoint?: boolean | IResolvable;
  public disableSchemaValidation?: boolean | IResolvable;
  public failOnWarnings?: boolean | IResolvable;
  public ipAddressType?: string;
  public name?: string;
  public protocolType?: string;
  public routeKey?: string;
  public routeSelectionExpression?: string;
  /** The tags of the API; `Tags.of()` writes here. */
  public readonly tags: TagManager;
  /** The tags as given in the props. */
  public tagsRaw?: Record<string, string>;
  public target?: string;
  public version?: string;

  constructor(scope: Construct, id: string, props: CfnApiProps = {}) {
    super(scope, id, { type: CfnApi.CFN_RESOURCE_TYPE_NAME, properties: { ...props } });
    this.apiKeySelectionExpression = props.apiKeySelectionExpression;
    this.basePath = props.basePath;
    this.body = props.body;
    this.bodyS3Location = props.bodyS3Location;
    this.corsConfiguration = props.corsConfiguration;
    this.credentialsArn = props.credentialsArn;
    this.description = props.description;
    this.disableExecuteApiEndpoint = props.disableExecuteApiEndpoint;
    this.disableSchemaValidation = props.disableSchemaValidation;
    this.failOnWarnings = props.failOnWarnings;
    this.ipAddressType = props.ipAddressType;
    this.name = props.name;
    this.protocolType = props.protocolType;
    this.routeKey = props.routeKey;
    this.routeSelectionExpression = props.routeSelectionExpression;
    this.tags = new TagManager(TagType.MAP, CfnApi.CFN_RESOURCE_TYPE_NAME, props.tags, { tagPropertyName: 'tags' });
    this.tagsRaw = props.tags;
    this.target = idFromRef(props.target, ['functionRef', 'functionArn'], 'target', 'lambda.IFunctionRef | string');
    this.version = props.version;
  }

  /** This API's identifiers. */
  public get apiRef(): ApiReference {
    return { apiId: this.ref };
  }

  /** The default endpoint, for example `wss://abc123.execute-api.us-east-1.amazonaws.com`. @attribute */
  public get attrApiEndpoint(): string {
    return Token.asString(this.getAtt('ApiEndpoint', ResolutionTypeHint.STRING));
  }

  /** The id of the API. @attribute */
  public get attrApiId(): string {
    return Token.asString(this.getAtt('ApiId', ResolutionTypeHint.STRING));
  }

  /** The `execute-api` ARN of the API. @attribute */
  public get attrExecuteApiArn(): string {
    return Token.asString(this.getAtt('ExecuteApiArn', ResolutionTypeHint.STRING));
  }

  protected override get cfnProperties(): Record<string, unknown> {
    return {
      apiKeySelectionExpression: this.apiKeySelectionExpression,
      basePath: this.basePath,
      body: this.body,
      bodyS3Location: this.bodyS3Location,
      corsConfiguration: this.corsConfiguration,
      credentialsArn: this.credentialsArn,
      description: this.description,
      disableExecuteApiEndpoint: this.disableExecuteApiEndpoint,
      disableSchemaValidation: this.disableSchemaValidation,
      failOnWarnings: this.failOnWarnings,
      ipAddressType: this.ipAddressType,
      name: this.name,
      protocolType: this.protocolType,
      routeKey: this.routeKey,
      routeSelectionExpression: this.routeSelectionExpression,
      tags: this.tags.renderTags(),
      target: this.target,
      version: this.version,
    };
  }

  protected override renderProperties(props: Record<string, unknown>): Record<string, unknown> {
    return renderCfnProperties(props, { verbatim: ['body', 'tags'] });
  }
}

// eslint-disable-next-line @typescript-eslint/no-namespace -- struct types live under the class name, as in aws-cdk-lib (CfnApi.CorsProperty)
export namespace CfnApi {
  /** An S3 object holding an OpenAPI definition. */
  export interface BodyS3LocationProperty {
    /** The bucket. @default - none */
    readonly bucket?: string;
    /** The object's ETag. @default - none */
    readonly etag?: string;
    /** The object key. @default - none */
    readonly key?: string;
    /** The object version. @default - latest */
    readonly version?: string;
  }

  /** CORS settings of an HTTP API. */
  export interface CorsProperty {
    /** Whether credentials are allowed. @default - false */
    readonly allowCredentials?: boolean | IResolvable;
    /** Allowed request headers. @default - none */
    readonly allowHeaders?: string[];
    /** Allowed methods. @default - none */
    readonly allowMethods?: string[];
    /** Allowed origins. @default - none */
    readonly allowOrigins?: string[];
    /** Response headers exposed to the browser. @default - none */
    readonly exposeHeaders?: string[];
    /** How long a preflight result may be cached, in seconds. @default - none */
    readonly maxAge?: number;
  }
}
