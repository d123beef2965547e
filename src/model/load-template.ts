/**
 * Template → GatewayModel: finds each WebSocket API of each stack with its routes, integrations,
 * route responses, authorizers and stages, and the Lambda functions they use with their code.
 * Everything the gateway cannot serve is reported here, before any socket opens.
 */
import { resolve } from 'node:path';
import type {
  AuthorizationType, AuthorizerModel, FunctionCode, FunctionModel, GatewayModel, IntegrationModel, IntegrationType,
  ModelEnvironment, RouteModel, RouteSettingsModel, StageModel, WebSocketApiModel,
} from './gateway-model.js';
import { readDynamoDbTables } from './dynamodb-tables.js';
import { readIamRoles } from './iam-roles.js';
import { ModelError } from './model-error.js';
import { TemplateEvaluator, type CfnResourceEntry, type CfnTemplate } from './template-evaluator.js';
import { readUsagePlans } from './usage-plans.js';

/** One stack's template, and where its assets are. */
export interface TemplateSource {
  readonly stackName: string;
  readonly template: CfnTemplate;
  /** The directory of the cloud assembly (for `aws:asset:path` metadata). */
  readonly assemblyDir?: string;
  /** Staged asset paths (absolute) by S3 object key, from the assets manifest. */
  readonly assetsByObjectKey?: ReadonlyMap<string, string>;
  /** Values of template parameters. @default - their defaults */
  readonly parameters?: Readonly<Record<string, string>>;
}

export interface LoadOptions {
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '123456789012' */
  readonly account?: string;
}

const SUPPORTED_INTEGRATIONS: readonly IntegrationType[] = ['AWS_PROXY', 'MOCK'];
const DEFAULT_TIMEOUT_MS = 29_000;
const LAMBDA_URI = /:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

/** Reads every WebSocket API of the given stacks. */
export function loadGatewayModel(sources: readonly TemplateSource[], options: LoadOptions = {}): GatewayModel {
  const region = options.region ?? 'us-east-1';
  const environment: ModelEnvironment = {
    region,
    account: options.account ?? '123456789012',
    partition: region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws',
    urlSuffix: region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com',
  };
  const apis: WebSocketApiModel[] = [];
  const functions = new Map<string, FunctionModel>();
  for (const source of sources) {
    const loader = new StackLoader(source, environment);
    apis.push(...loader.apis());
    for (const fn of loader.usedFunctions()) functions.set(fn.key, fn);
  }
  const ids = new Map<string, string>();
  for (const api of apis) {
    const clash = ids.get(api.apiId);
    if (clash) throw new ModelError(api.stackName, api.logicalId, undefined, `its API id ${api.apiId} clashes with ${clash}`);
    ids.set(api.apiId, api.key);
  }
  return { apis, functions, roles: readIamRoles(sources, environment), tables: readDynamoDbTables(sources, environment),
    usagePlans: readUsagePlans(sources, environment), environment };
}

class StackLoader {
  private readonly ev: TemplateEvaluator;
  private readonly resources: Array<[string, CfnResourceEntry]>;
  private readonly functions = new Map<string, FunctionModel>();
  private readonly used = new Set<string>();

  constructor(private readonly source: TemplateSource, env: ModelEnvironment) {
    this.ev = new TemplateEvaluator(source.template, source.stackName, env, source.parameters);
    this.resources = this.ev.activeResources();
  }

  public usedFunctions(): FunctionModel[] {
    return [...this.used].map((k) => this.functions.get(k)!);
  }

  public apis(): WebSocketApiModel[] {
    const out: WebSocketApiModel[] = [];
    for (const [logicalId, r] of this.ofType('AWS::ApiGatewayV2::Api')) {
      const props = r.Properties ?? {};
      if (this.ev.evaluate(props.ProtocolType, { logicalId, property: 'ProtocolType' }) !== 'WEBSOCKET') continue;
      const apiId = this.ev.physicalId(logicalId);
      out.push({
        key: `${this.source.stackName}/${logicalId}`,
        stackName: this.source.stackName,
        logicalId,
        apiId,
        name: String(this.ev.evaluate(props.Name, { logicalId, property: 'Name' }) ?? logicalId),
        routeSelectionExpression: this.ev.evaluateString(props.RouteSelectionExpression ?? this.missing(logicalId, 'RouteSelectionExpression'), { logicalId, property: 'RouteSelectionExpression' }),
        apiKeySelectionExpression: props.ApiKeySelectionExpression === undefined ? undefined
          : this.ev.evaluateString(props.ApiKeySelectionExpression, { logicalId, property: 'ApiKeySelectionExpression' }),
        routes: this.routes(apiId),
        stages: this.stages(apiId),
        authorizers: this.authorizers(apiId),
      });
    }
    return out;
  }

  private missing(logicalId: string, property: string): never {
    throw new ModelError(this.source.stackName, logicalId, property, 'is required for a WebSocket API');
  }

  private ofType(type: string): Array<[string, CfnResourceEntry]> {
    return this.resources.filter(([, r]) => r.Type === type);
  }

  private belongsTo(logicalId: string, r: CfnResourceEntry, apiId: string): boolean {
    return this.ev.evaluate(r.Properties?.ApiId, { logicalId, property: 'ApiId' }) === apiId;
  }

  private routes(apiId: string): Map<string, RouteModel> {
    const integrations = new Map<string, IntegrationModel>();
    for (const [logicalId, r] of this.ofType('AWS::ApiGatewayV2::Integration')) {
      if (this.belongsTo(logicalId, r, apiId)) integrations.set(this.ev.physicalId(logicalId), this.integration(logicalId, r));
    }
    const responses = new Set<string>();
    for (const [logicalId, r] of this.ofType('AWS::ApiGatewayV2::RouteResponse')) {
      if (!this.belongsTo(logicalId, r, apiId)) continue;
      const key = this.ev.evaluate(r.Properties?.RouteResponseKey, { logicalId, property: 'RouteResponseKey' });
      if (key === '$default') responses.add(String(this.ev.evaluate(r.Properties?.RouteId, { logicalId, property: 'RouteId' })));
    }
    const routes = new Map<string, RouteModel>();
    for (const [logicalId, r] of this.ofType('AWS::ApiGatewayV2::Route')) {
      if (!this.belongsTo(logicalId, r, apiId)) continue;
      const p = r.Properties ?? {};
      const where = (property: string) => ({ logicalId, property });
      const routeKey = this.ev.evaluateString(p.RouteKey, where('RouteKey'));
      if (routes.has(routeKey)) throw new ModelError(this.source.stackName, logicalId, 'RouteKey', `route key '${routeKey}' is defined twice on the API`);
      const routeId = this.ev.physicalId(logicalId);
      const target = p.Target === undefined ? undefined : this.ev.evaluateString(p.Target, where('Target'));
      let integration: IntegrationModel | undefined;
      if (target !== undefined) {
        const m = /^integrations\/(.+)$/.exec(target);
        integration = m ? integrations.get(m[1]) : undefined;
        if (!integration) throw new ModelError(this.source.stackName, logicalId, 'Target', `'${target}' names no integration of this API`);
      }
      const authorizationType = String(this.ev.evaluate(p.AuthorizationType, where('AuthorizationType')) ?? 'NONE') as AuthorizationType;
      if (!['NONE', 'AWS_IAM', 'CUSTOM'].includes(authorizationType)) {
        throw new ModelError(this.source.stackName, logicalId, 'AuthorizationType', `'${authorizationType}' is not one of NONE, AWS_IAM, CUSTOM`);
      }
      routes.set(routeKey, {
        logicalId,
        routeId,
        routeKey,
        authorizationType,
        authorizerId: p.AuthorizerId === undefined ? undefined : this.ev.evaluateString(p.AuthorizerId, where('AuthorizerId')),
        apiKeyRequired: this.ev.evaluate(p.ApiKeyRequired, where('ApiKeyRequired')) === true,
        twoWay: this.ev.evaluate(p.RouteResponseSelectionExpression, where('RouteResponseSelectionExpression')) !== undefined && responses.has(routeId),
        integration,
      });
    }
    return routes;
  }

  private integration(logicalId: string, r: CfnResourceEntry): IntegrationModel {
    const p = r.Properties ?? {};
    const where = (property: string) => ({ logicalId, property });
    const type = this.ev.evaluateString(p.IntegrationType, where('IntegrationType')) as IntegrationType;
    if (!SUPPORTED_INTEGRATIONS.includes(type)) {
      throw new ModelError(this.source.stackName, logicalId, 'IntegrationType',
        `integration type ${type} is not served by the gateway yet (it serves ${SUPPORTED_INTEGRATIONS.join(' and ')})`);
    }
    const uri = String(this.ev.evaluate(p.IntegrationUri, where('IntegrationUri')) ?? '');
    const timeout = this.ev.evaluate(p.TimeoutInMillis, where('TimeoutInMillis'));
    const timeoutMs = timeout === undefined ? DEFAULT_TIMEOUT_MS : Number(timeout);
    if (!(timeoutMs >= 50 && timeoutMs <= 29_000)) {
      throw new ModelError(this.source.stackName, logicalId, 'TimeoutInMillis', `${String(timeout)} is outside 50 to 29000 milliseconds`);
    }
    return {
      logicalId,
      integrationId: this.ev.physicalId(logicalId),
      type,
      uri,
      method: p.IntegrationMethod === undefined ? undefined : String(this.ev.evaluate(p.IntegrationMethod, where('IntegrationMethod'))),
      functionKey: type === 'AWS_PROXY' ? this.functionForUri(uri, logicalId, 'IntegrationUri') : undefined,
      timeoutMs,
      requestTemplates: (this.ev.evaluate(p.RequestTemplates, where('RequestTemplates')) ?? {}) as Record<string, string>,
      templateSelectionExpression: p.TemplateSelectionExpression === undefined ? undefined
        : String(this.ev.evaluate(p.TemplateSelectionExpression, where('TemplateSelectionExpression'))),
      passthroughBehavior: p.PassthroughBehavior === undefined ? undefined : String(this.ev.evaluate(p.PassthroughBehavior, where('PassthroughBehavior'))),
      contentHandlingStrategy: p.ContentHandlingStrategy === undefined ? undefined : String(this.ev.evaluate(p.ContentHandlingStrategy, where('ContentHandlingStrategy'))),
    };
  }

  private authorizers(apiId: string): Map<string, AuthorizerModel> {
    const out = new Map<string, AuthorizerModel>();
    for (const [logicalId, r] of this.ofType('AWS::ApiGatewayV2::Authorizer')) {
      if (!this.belongsTo(logicalId, r, apiId)) continue;
      const p = r.Properties ?? {};
      const where = (property: string) => ({ logicalId, property });
      const type = this.ev.evaluateString(p.AuthorizerType, where('AuthorizerType')) as AuthorizerModel['type'];
      const authorizerId = this.ev.physicalId(logicalId);
      const uri = p.AuthorizerUri === undefined ? undefined : this.ev.evaluateString(p.AuthorizerUri, where('AuthorizerUri'));
      out.set(authorizerId, {
        logicalId,
        authorizerId,
        name: String(this.ev.evaluate(p.Name, where('Name')) ?? logicalId),
        type,
        identitySource: ((this.ev.evaluate(p.IdentitySource, where('IdentitySource')) ?? []) as unknown[]).map(String),
        functionKey: type === 'REQUEST' && uri ? this.functionForUri(uri, logicalId, 'AuthorizerUri') : undefined,
      });
    }
    return out;
  }

  private stages(apiId: string): Map<string, StageModel> {
    const out = new Map<string, StageModel>();
    for (const [logicalId, r] of this.ofType('AWS::ApiGatewayV2::Stage')) {
      if (!this.belongsTo(logicalId, r, apiId)) continue;
      const p = r.Properties ?? {};
      const where = (property: string) => ({ logicalId, property });
      const name = this.ev.evaluateString(p.StageName, where('StageName'));
      if (out.has(name)) throw new ModelError(this.source.stackName, logicalId, 'StageName', `stage '${name}' is defined twice on the API`);
      const routeSettings = (this.ev.evaluate(p.RouteSettings, where('RouteSettings')) ?? {}) as Record<string, Record<string, unknown>>;
      out.set(name, {
        logicalId,
        name,
        variables: Object.fromEntries(Object.entries((this.ev.evaluate(p.StageVariables, where('StageVariables')) ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)])),
        defaultRouteSettings: routeSettingsOf((this.ev.evaluate(p.DefaultRouteSettings, where('DefaultRouteSettings')) ?? {}) as Record<string, unknown>),
        routeSettings: new Map(Object.entries(routeSettings).map(([k, v]) => [k, routeSettingsOf(v)])),
      });
    }
    return out;
  }

  /** The function an invocation URI targets, loaded and marked as used. */
  private functionForUri(uri: string, logicalId: string, property: string): string {
    const m = LAMBDA_URI.exec(uri);
    if (!m) throw new ModelError(this.source.stackName, logicalId, property, `'${uri}' is not a Lambda invocation URI`);
    const functionArn = m[1].replace(/^(arn:[^:]+:lambda:[^:]+:[^:]+:function:[^:]+):.*$/, '$1');
    for (const [fnId, r] of this.ofType('AWS::Lambda::Function')) {
      const fn = this.functionModel(fnId, r);
      if (fn.functionArn === functionArn) {
        this.used.add(fn.key);
        return fn.key;
      }
    }
    throw new ModelError(this.source.stackName, logicalId, property, `targets ${functionArn}, which is not a function of this template; the gateway runs only the template's own functions`);
  }

  private functionModel(logicalId: string, r: CfnResourceEntry): FunctionModel {
    const key = `${this.source.stackName}/${logicalId}`;
    const cached = this.functions.get(key);
    if (cached) return cached;
    const p = r.Properties ?? {};
    const where = (property: string) => ({ logicalId, property });
    const functionName = this.ev.physicalId(logicalId);
    const runtime = String(this.ev.evaluate(p.Runtime, where('Runtime')) ?? '');
    if (!runtime.startsWith('nodejs')) {
      throw new ModelError(this.source.stackName, logicalId, 'Runtime', `runtime '${runtime || '(none)'}' is not served: the gateway runs Node.js functions only`);
    }
    const env = (this.ev.evaluate((p.Environment as { Variables?: unknown } | undefined)?.Variables, where('Environment.Variables')) ?? {}) as Record<string, unknown>;
    const roleArn = p.Role;
    const roleLogicalId = roleArn && typeof roleArn === 'object' && 'Fn::GetAtt' in roleArn
      ? String((roleArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]) : undefined;
    const roleKey = roleLogicalId && this.source.template.Resources?.[roleLogicalId]?.Type === 'AWS::IAM::Role'
      ? `${this.source.stackName}/${roleLogicalId}` : undefined;
    const fn: FunctionModel = {
      key,
      logicalId,
      functionName,
      functionArn: String(this.ev.evaluate({ 'Fn::GetAtt': [logicalId, 'Arn'] })),
      runtime,
      handler: this.ev.evaluateString(p.Handler ?? 'index.handler', where('Handler')),
      code: this.code(logicalId, r),
      environment: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])),
      timeoutSeconds: Number(this.ev.evaluate(p.Timeout, where('Timeout')) ?? 3),
      memorySizeMb: Number(this.ev.evaluate(p.MemorySize, where('MemorySize')) ?? 128),
      roleLogicalId,
      roleKey,
    };
    this.functions.set(key, fn);
    return fn;
  }

  private code(logicalId: string, r: CfnResourceEntry): FunctionCode {
    const entry = r.Metadata?.['wsgate:entry'];
    if (typeof entry === 'string') {
      const handler = String(r.Properties?.Handler ?? 'index.handler');
      return { kind: 'entry', path: entry, handlerExport: handler.slice(handler.lastIndexOf('.') + 1) };
    }
    const code = (r.Properties?.Code ?? {}) as Record<string, unknown>;
    if (typeof code.ZipFile === 'string') return { kind: 'inline', source: code.ZipFile };
    const objectKey = code.S3Key === undefined ? undefined : String(this.ev.evaluate(code.S3Key, { logicalId, property: 'Code.S3Key' }));
    const staged = objectKey ? this.source.assetsByObjectKey?.get(objectKey) : undefined;
    if (staged) return { kind: 'directory', path: staged };
    const assetPath = r.Metadata?.['aws:asset:path'];
    if (typeof assetPath === 'string' && this.source.assemblyDir) return { kind: 'directory', path: resolve(this.source.assemblyDir, assetPath) };
    throw new ModelError(this.source.stackName, logicalId, 'Code',
      `the code is neither inline (ZipFile) nor a staged asset of the cloud assembly${objectKey ? ` (S3Key ${objectKey} is not in the assets manifest)` : ''}`);
  }
}

function routeSettingsOf(raw: Record<string, unknown>): RouteSettingsModel {
  const num = (x: unknown) => (x === undefined ? undefined : Number(x));
  return {
    throttlingBurstLimit: num(raw.ThrottlingBurstLimit),
    throttlingRateLimit: num(raw.ThrottlingRateLimit),
    detailedMetricsEnabled: raw.DetailedMetricsEnabled === undefined ? undefined : raw.DetailedMetricsEnabled === true,
  };
}

