/**
 * The gateway model: what the gateway serves, read from CloudFormation once and then immutable.
 * Only `src/model` reads templates; the gateway sees these types and nothing else, so it serves
 * what wsgate synthesizes, what aws-cdk-lib synthesizes and hand-written templates alike.
 */

/** Everything one gateway serves. */
export interface GatewayModel {
  /** The WebSocket APIs, in template order (stacks in assembly order). */
  readonly apis: readonly WebSocketApiModel[];
  /** Functions by key (`<stack>/<logicalId>`), for the integrations and authorizers that use them. */
  readonly functions: ReadonlyMap<string, FunctionModel>;
  /** Every `AWS::IAM::Role` of the templates by key (`<stack>/<logicalId>`), with the statements that apply to it. */
  readonly roles: ReadonlyMap<string, RoleModel>;
  /** Every `AWS::DynamoDB::Table` of the templates by key (`<stack>/<logicalId>`). */
  readonly tables: ReadonlyMap<string, TableModel>;
  /** API keys and usage plans (`AWS::ApiGateway::ApiKey`, `UsagePlan`, `UsagePlanKey`) of the templates. */
  readonly usagePlans: UsagePlansModel;
  /** The environment the templates were evaluated in. */
  readonly environment: ModelEnvironment;
}

/** Region, account and partition that pseudo parameters resolve to. */
export interface ModelEnvironment {
  readonly region: string;
  readonly account: string;
  readonly partition: string;
  readonly urlSuffix: string;
}

/** One `AWS::ApiGatewayV2::Api` with ProtocolType WEBSOCKET. */
export interface WebSocketApiModel {
  /** `<stack>/<logicalId>`. */
  readonly key: string;
  readonly stackName: string;
  readonly logicalId: string;
  /** The API id the gateway uses (10 lowercase letters and digits, stable for a given stack and logical ID). */
  readonly apiId: string;
  readonly name: string;
  readonly routeSelectionExpression: string;
  readonly apiKeySelectionExpression?: string;
  /** Routes by route key. */
  readonly routes: ReadonlyMap<string, RouteModel>;
  /** Stages by stage name. */
  readonly stages: ReadonlyMap<string, StageModel>;
  /** Authorizers by their id. */
  readonly authorizers: ReadonlyMap<string, AuthorizerModel>;
}

export type AuthorizationType = 'NONE' | 'AWS_IAM' | 'CUSTOM';

/** One `AWS::ApiGatewayV2::Route`. */
export interface RouteModel {
  readonly logicalId: string;
  readonly routeId: string;
  readonly routeKey: string;
  readonly authorizationType: AuthorizationType;
  readonly authorizerId?: string;
  readonly apiKeyRequired: boolean;
  /** True when the route sends the integration's answer back (RouteResponse `$default`). */
  readonly twoWay: boolean;
  /** The route's integration; undefined when the route has no target. */
  readonly integration?: IntegrationModel;
}

export type IntegrationType = 'AWS_PROXY' | 'MOCK' | 'AWS' | 'HTTP' | 'HTTP_PROXY';

/** One `AWS::ApiGatewayV2::Integration`. */
export interface IntegrationModel {
  readonly logicalId: string;
  readonly integrationId: string;
  readonly type: IntegrationType;
  readonly uri: string;
  readonly method?: string;
  /** For AWS_PROXY: the key of the function in {@link GatewayModel.functions}. */
  readonly functionKey?: string;
  /** 50 to 29 000 ms; 29 000 when the template sets none. */
  readonly timeoutMs: number;
  readonly requestTemplates: Readonly<Record<string, string>>;
  readonly templateSelectionExpression?: string;
  readonly passthroughBehavior?: string;
  readonly contentHandlingStrategy?: string;
}

/** One `AWS::ApiGatewayV2::Authorizer`. */
export interface AuthorizerModel {
  readonly logicalId: string;
  readonly authorizerId: string;
  readonly name: string;
  readonly type: 'REQUEST' | 'JWT';
  readonly identitySource: readonly string[];
  /** For Lambda authorizers: the key of the function. */
  readonly functionKey?: string;
}

/** Throttling and metrics settings of a route on a stage. */
export interface RouteSettingsModel {
  readonly throttlingBurstLimit?: number;
  readonly throttlingRateLimit?: number;
  readonly detailedMetricsEnabled?: boolean;
}

/** One `AWS::ApiGatewayV2::Stage`. */
export interface StageModel {
  readonly logicalId: string;
  readonly name: string;
  readonly variables: Readonly<Record<string, string>>;
  readonly defaultRouteSettings: RouteSettingsModel;
  /** Per route key. */
  readonly routeSettings: ReadonlyMap<string, RouteSettingsModel>;
}

/** Where a function's code comes from. */
export type FunctionCode =
  /** `Code.ZipFile`: the source of `index.js` (CommonJS), or `index.mjs`/`index.py` by runtime. */
  | { readonly kind: 'inline'; readonly source: string }
  /** A staged asset directory of the cloud assembly. */
  | { readonly kind: 'directory'; readonly path: string }
  /** A source entry file recorded by NodejsFunction (`wsgate:entry` metadata), run as is. */
  | { readonly kind: 'entry'; readonly path: string; readonly handlerExport: string };

/** One `AWS::Lambda::Function`. */
export interface FunctionModel {
  /** `<stack>/<logicalId>`. */
  readonly key: string;
  readonly logicalId: string;
  readonly functionName: string;
  readonly functionArn: string;
  readonly runtime: string;
  /** `file.export`, as Lambda's Handler property. */
  readonly handler: string;
  readonly code: FunctionCode;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number;
  /** Logical ID of the execution role, when the role is in the template. */
  readonly roleLogicalId?: string;
  /** The key of the execution role in {@link GatewayModel.roles}, when the role is in the template. */
  readonly roleKey?: string;
}

/** One `AWS::IAM::Role` and the identity-based statements that apply to it. */
export interface RoleModel {
  /** `<stack>/<logicalId>`. */
  readonly key: string;
  readonly stackName: string;
  readonly logicalId: string;
  /** The role name (`RoleName`, or the name CloudFormation would generate). */
  readonly roleName: string;
  /** `arn:{partition}:iam::{account}:role/{roleName}`, as `Fn::GetAtt [role, Arn]` evaluates. */
  readonly arn: string;
  /**
   * Inline `Policies`, every `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` naming the role, and
   * the managed policies of `ManagedPolicyArns` (the template's own, or AWS managed ones wsgate knows).
   */
  readonly statements: readonly PolicyStatementModel[];
  /**
   * What could not be read, so the statements may be incomplete: AWS managed policies wsgate does
   * not know, policies outside the templates, values that cannot be evaluated (e.g. `Fn::ImportValue`).
   */
  readonly unreadable: readonly string[];
}

/** One IAM policy statement, its values evaluated and every list element normalized to an array. */
export interface PolicyStatementModel {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  /** The `Condition` block as data: operator -> condition key -> value(s). */
  readonly condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Where the statement comes from, for messages (e.g. `Stack/FnServiceRoleDefaultPolicy`, a managed policy ARN). */
  readonly source: string;
}

/** One `AWS::DynamoDB::Table`: what the gateway's local table store creates. */
export interface TableModel {
  /** `<stack>/<logicalId>`. */
  readonly key: string;
  readonly stackName: string;
  readonly logicalId: string;
  /** `TableName`, or the name CloudFormation would generate: what `Ref` of the table evaluates to. */
  readonly tableName: string;
  /** `arn:{partition}:dynamodb:{region}:{account}:table/{tableName}`, as `Fn::GetAtt [table, Arn]` evaluates. */
  readonly arn: string;
  /** The partition key, then the sort key if any. */
  readonly keySchema: readonly KeySchemaElementModel[];
  /** Every attribute a key schema of the table or of an index uses. */
  readonly attributeDefinitions: readonly AttributeDefinitionModel[];
  readonly globalSecondaryIndexes: readonly SecondaryIndexModel[];
  readonly localSecondaryIndexes: readonly SecondaryIndexModel[];
  readonly billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  /** Set for PROVISIONED tables. */
  readonly provisionedThroughput?: ThroughputModel;
  /** The attribute of `TimeToLiveSpecification`, when it is enabled. */
  readonly timeToLiveAttribute?: string;
  /** `StreamSpecification`: the view type, and the stream ARN as `Fn::GetAtt [table, StreamArn]` evaluates. */
  readonly stream?: { readonly viewType: string; readonly arn: string };
}

/** One element of a key schema. */
export interface KeySchemaElementModel {
  readonly attributeName: string;
  readonly keyType: 'HASH' | 'RANGE';
}

/** One attribute definition: a key attribute's scalar type. */
export interface AttributeDefinitionModel {
  readonly attributeName: string;
  readonly attributeType: 'S' | 'N' | 'B';
}

/** A global or local secondary index. */
export interface SecondaryIndexModel {
  readonly indexName: string;
  readonly keySchema: readonly KeySchemaElementModel[];
  readonly projection: { readonly projectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; readonly nonKeyAttributes?: readonly string[] };
  /** Set for the global indexes of PROVISIONED tables. */
  readonly provisionedThroughput?: ThroughputModel;
}

/** Provisioned read and write capacity. */
export interface ThroughputModel {
  readonly readCapacityUnits: number;
  readonly writeCapacityUnits: number;
}

/**
 * API keys and usage plans: API Gateway's v1 resources, which WebSocket stages use for API keys,
 * per-key throttling and quotas (aws-websocket-behaviour.md §4).
 */
export interface UsagePlansModel {
  /** Every `AWS::ApiGateway::ApiKey` by key (`<stack>/<logicalId>`). */
  readonly apiKeys: ReadonlyMap<string, ApiKeyModel>;
  /** Every `AWS::ApiGateway::UsagePlan` by key (`<stack>/<logicalId>`). */
  readonly plans: ReadonlyMap<string, UsagePlanModel>;
  /**
   * What could not be read (values that cannot be evaluated, such as `Fn::ImportValue`; usage plan
   * keys naming a key or plan outside the templates). Those parts do not apply, so a key may be refused.
   */
  readonly unreadable: readonly string[];
}

/** One `AWS::ApiGateway::ApiKey`. */
export interface ApiKeyModel {
  /** `<stack>/<logicalId>`. */
  readonly key: string;
  readonly stackName: string;
  readonly logicalId: string;
  /** The key's id, as `Ref` evaluates (`requestContext.identity.apiKeyId`). */
  readonly keyId: string;
  /** `Name`, or the name CloudFormation would generate. */
  readonly name: string;
  /** `Value`; undefined when API Gateway would generate the value (the gateway then takes it from its options). */
  readonly value?: string;
  /** `Enabled`; CloudFormation's default is false (the construct library's ApiKey writes true). */
  readonly enabled: boolean;
  /** The keys (`<stack>/<logicalId>`) of the usage plans the key is added to (`AWS::ApiGateway::UsagePlanKey`). */
  readonly usagePlanKeys: readonly string[];
}

/** One `AWS::ApiGateway::UsagePlan`. */
export interface UsagePlanModel {
  /** `<stack>/<logicalId>`. */
  readonly key: string;
  readonly stackName: string;
  readonly logicalId: string;
  /** The plan's id, as `Ref` evaluates. */
  readonly usagePlanId: string;
  readonly name?: string;
  /** The API stages the plan applies to. */
  readonly apiStages: readonly UsagePlanApiStageModel[];
  /** Rate and burst for each key of the plan; undefined for none. */
  readonly throttle?: ThrottleSettingsModel;
  /** Requests each key of the plan may make per period; undefined for none. */
  readonly quota?: QuotaModel;
}

/** One entry of a usage plan's `ApiStages`. */
export interface UsagePlanApiStageModel {
  readonly apiId: string;
  readonly stage: string;
  /**
   * `Throttle`: per-method limits, which replace the plan's throttle for that method. A WebSocket
   * API has no methods; the gateway reads the map's keys as route keys.
   */
  readonly routeThrottle: ReadonlyMap<string, ThrottleSettingsModel>;
}

/** A usage plan's `ThrottleSettings`, as the template sets them. */
export interface ThrottleSettingsModel {
  /** Steady-state requests per second. */
  readonly rateLimit?: number;
  /** Bucket size: the most requests at once. */
  readonly burstLimit?: number;
}

/** The period of a quota; calendar periods in UTC. */
export type QuotaPeriod = 'DAY' | 'WEEK' | 'MONTH';

/** A usage plan's `QuotaSettings`. */
export interface QuotaModel {
  /** Requests allowed per period. */
  readonly limit: number;
  readonly period: QuotaPeriod;
  /** Requests taken off the limit of the initial period (the one the plan starts in). */
  readonly offset: number;
}
