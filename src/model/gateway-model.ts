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
