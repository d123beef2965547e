/**
 * What every function offers, created here or imported: resource-policy permissions, invoke
 * grants, role policy statements and metrics.
 */
import { createHash } from 'node:crypto';
import type { Node } from 'constructs';
import { Annotations, ArnFormat, Resource, Stack, Token, ValidationError, type IResource } from '../core/index.js';
import { Metric, type MetricOptions } from '../cloudwatch/index.js';
import { Grant, Policy, type CompositePrincipal, type IGrantable, type IPrincipal, type IRole, type PolicyStatement } from '../iam/index.js';
import type { Architecture } from './architecture.js';
import { CfnPermission, type FunctionReference, type IFunctionRef } from './cfn.js';
import type { Permission } from './permission.js';

/** The context key of the feature flag that gives each `addToRolePolicy` its own policy. */
const CREATE_NEW_POLICIES_FLAG = '@aws-cdk/aws-lambda:createNewPoliciesWithAddToRolePolicy';

/** A Lambda function. */
export interface IFunction extends IResource, IGrantable, IFunctionRef {
  /** The name of the function. @attribute */
  readonly functionName: string;
  /** The ARN of the function. @attribute */
  readonly functionArn: string;
  /** The execution role, if known. */
  readonly role?: IRole;
  /** Whether the function is in a VPC. */
  readonly isBoundToVpc: boolean;
  /** The construct node under which permissions are created. */
  readonly permissionsNode: Node;
  /** The architecture of the function. */
  readonly architecture: Architecture;
  /** The ARNs an invoke grant covers (the function and its versions). */
  readonly resourceArnsForGrantInvoke: string[];
  /** Adds a statement to the function's resource policy. */
  addPermission(id: string, permission: Permission): void;
  /** Adds a statement to the execution role's policy. */
  addToRolePolicy(statement: PolicyStatement): void;
  /** Grants `lambda:InvokeFunction` to an identity or service. */
  grantInvoke(identity: IGrantable): Grant;
  /** Grants invoke to each principal of a composite principal. */
  grantInvokeCompositePrincipal(compositePrincipal: CompositePrincipal): Grant[];
  /** A metric of this function. */
  metric(metricName: string, props?: MetricOptions): Metric;
  /** How long invocations take (average). */
  metricDuration(props?: MetricOptions): Metric;
  /** How often the function is invoked (sum). */
  metricInvocations(props?: MetricOptions): Metric;
  /** How often invocations are throttled (sum). */
  metricThrottles(props?: MetricOptions): Metric;
}

/** Attributes of a function defined outside the app. */
export interface FunctionAttributes {
  /** The ARN of the function (an unqualified ARN, or one with a version or alias). */
  readonly functionArn: string;
  /** The execution role, if statements should be added to it. @default - statements are reported as warnings */
  readonly role?: IRole;
  /** Whether the function is in this stack's account and region. @default - known only if the ARN and the stack's account are literal and equal */
  readonly sameEnvironment?: boolean;
  /** Never add permissions to the function's resource policy. @default false */
  readonly skipPermissions?: boolean;
  /** @default Architecture.X86_64 */
  readonly architecture?: Architecture;
}

/** The base of functions created in the app and imported ones. */
export abstract class FunctionBase extends Resource implements IFunction {
  public abstract readonly grantPrincipal: IPrincipal;
  public abstract readonly functionName: string;
  public abstract readonly functionArn: string;
  public abstract readonly role?: IRole;
  public abstract readonly permissionsNode: Node;
  public abstract readonly architecture: Architecture;
  public abstract readonly resourceArnsForGrantInvoke: string[];

  /** Whether `addPermission` creates anything. */
  protected abstract readonly canCreatePermissions: boolean;
  /** Whether permissions are silently skipped (imports with `skipPermissions`). */
  protected readonly _skipPermissions?: boolean;

  private readonly invocationGrants: Record<string, Grant> = {};
  private policyCounter = 0;
  private hasAddedLiteralStatements = false;
  private hasAddedArrayTokenStatements = false;

  public get functionRef(): FunctionReference {
    return { functionName: this.functionName, functionArn: this.functionArn };
  }

  /** Functions created by this library are never in a VPC. */
  public get isBoundToVpc(): boolean {
    return false;
  }

  /**
   * Adds an `AWS::Lambda::Permission` under `permission.scope` (default: this function). Does
   * nothing, with a warning, for an imported function whose account cannot be known.
   */
  public addPermission(id: string, permission: Permission): void {
    if (!this.canCreatePermissions) {
      if (!this._skipPermissions) {
        Annotations.of(this).addWarningV2('UnclearLambdaEnvironment',
          `addPermission() has no effect on a Lambda Function with region=${this.env.region}, account=${this.env.account}, in a Stack with region=${Stack.of(this).region}, account=${Stack.of(this).account}. Suppress this warning if this is intentional, or pass sameEnvironment=true to fromFunctionAttributes() if you would like to add the permissions.`);
      }
      return;
    }
    const principal = this.parsePermissionPrincipal(permission.principal);
    const { sourceArn, sourceAccount, principalOrgID } = this.validateConditionCombinations(permission.principal) ?? {};
    const action = permission.action ?? 'lambda:InvokeFunction';
    const scope = permission.scope ?? this;
    new CfnPermission(scope, id, {
      action,
      principal,
      functionName: this.functionArn,
      eventSourceToken: permission.eventSourceToken,
      sourceAccount: permission.sourceAccount ?? sourceAccount,
      sourceArn: permission.sourceArn ?? sourceArn,
      principalOrgId: permission.organizationId ?? principalOrgID,
      functionUrlAuthType: permission.functionUrlAuthType,
      invokedViaFunctionUrl: permission.invokedViaFunctionUrl,
    });
  }

  /** Adds a statement to the execution role's default policy (nothing without a role). */
  public addToRolePolicy(statement: PolicyStatement): void {
    if (!this.role) return;
    const flag = this.node.tryGetContext(CREATE_NEW_POLICIES_FLAG) as unknown;
    const hasArrayTokens = statement.resources ? Token.isUnresolved(statement.resources) : false;
    const wouldConflict = (hasArrayTokens && this.hasAddedLiteralStatements) || (!hasArrayTokens && this.hasAddedArrayTokenStatements);
    if (flag === true || flag === 'true' || wouldConflict) {
      const policy = new Policy(this, `inlinePolicyAddedToExecutionRole-${this.policyCounter++}`, { statements: [statement] });
      this.role.attachInlinePolicy(policy);
    } else {
      this.role.addToPrincipalPolicy(statement);
      if (hasArrayTokens) this.hasAddedArrayTokenStatements = true;
      else this.hasAddedLiteralStatements = true;
    }
  }

  /**
   * Grants `lambda:InvokeFunction`: in the grantee's policy when it is an identity of this
   * account, else as a permission on the function (id `Invoke<hash of the grantee>`).
   */
  public grantInvoke(grantee: IGrantable): Grant {
    const hash = createHash('sha256')
      .update(JSON.stringify({ principal: grantee.grantPrincipal.toString(), conditions: grantee.grantPrincipal.policyFragment.conditions }), 'utf8')
      .digest('base64');
    const identifier = `Invoke${hash}`;
    let grant = this.invocationGrants[identifier];
    if (!grant) {
      grant = this.grant(grantee, identifier, 'lambda:InvokeFunction', this.resourceArnsForGrantInvoke);
      this.invocationGrants[identifier] = grant;
    }
    return grant;
  }

  public grantInvokeCompositePrincipal(compositePrincipal: CompositePrincipal): Grant[] {
    return compositePrincipal.principals.map((principal) => this.grantInvoke(principal));
  }

  public metric(metricName: string, props?: MetricOptions): Metric {
    return new Metric({ namespace: 'AWS/Lambda', metricName, dimensionsMap: { FunctionName: this.functionName }, ...props }).attachTo(this);
  }

  public metricDuration(props?: MetricOptions): Metric {
    return this.metric('Duration', { statistic: 'Average', ...props });
  }

  public metricInvocations(props?: MetricOptions): Metric {
    return this.metric('Invocations', { statistic: 'Sum', ...props });
  }

  public metricThrottles(props?: MetricOptions): Metric {
    return this.metric('Throttles', { statistic: 'Sum', ...props });
  }

  public metricErrors(props?: MetricOptions): Metric {
    return this.metric('Errors', { statistic: 'Sum', ...props });
  }

  /** Whether the function's ARN names this stack's (literal) account. */
  protected _isStackAccount(): boolean {
    if (Token.isUnresolved(this.stack.account) || Token.isUnresolved(this.functionArn)) return false;
    return this.stack.splitArn(this.functionArn, ArnFormat.SLASH_RESOURCE_NAME).account === this.stack.account;
  }

  private grant(grantee: IGrantable, identifier: string, action: string, resourceArns: string[]): Grant {
    return Grant.addToPrincipalOrResource({
      grantee,
      actions: [action],
      resourceArns,
      resource: {
        env: this.env,
        addToResourcePolicy: (_statement) => {
          this.addPermission(identifier, { principal: grantee.grantPrincipal, action });
          const permissionNode = this.permissionsNode.tryFindChild(identifier);
          if (!permissionNode && !this._skipPermissions) {
            throw new ValidationError('CannotModifyLambdaPermission',
              'Cannot modify permission to lambda function. Function is either imported or $LATEST version.\n'
              + 'If the function is imported from the same account use `fromFunctionAttributes()` API with the `sameEnvironment` flag.\n'
              + 'If the function is imported from a different account and already has the correct permissions use `fromFunctionAttributes()` API with the `skipPermissions` flag.', this);
          }
          return { statementAdded: true, policyDependable: permissionNode };
        },
      },
    });
  }

  /** The Principal of a permission: an account id, a service name, an ARN, or `*` for an organization. */
  private parsePermissionPrincipal(principal: IPrincipal): string {
    // Duck-typed on the members of the principal classes, as a wrapped principal is unwrapped.
    const p = ('wrapped' in principal ? (principal as unknown as { wrapped: IPrincipal }).wrapped : principal) as IPrincipal & Record<string, unknown>;
    if ('accountId' in p) return p.accountId as string;
    if ('service' in p) return p.service as string;
    if ('arn' in p) return p.arn as string;
    const stringEquals = matchSingleKey('StringEquals', p.policyFragment.conditions);
    if (stringEquals && matchSingleKey('aws:PrincipalOrgID', stringEquals as Record<string, unknown>)) return '*';
    const json = p.policyFragment.principalJson as Record<string, unknown>;
    if (Object.keys(p.policyFragment.conditions).length === 0 && json.AWS) {
      if (typeof json.AWS === 'string') return json.AWS;
      if (Array.isArray(json.AWS) && json.AWS.length === 1 && typeof json.AWS[0] === 'string') return json.AWS[0];
    }
    throw new ValidationError('InvalidPrincipalTypeForLambdaPermission',
      `Invalid principal type for Lambda permission statement: ${p.constructor.name}. Supported: AccountPrincipal, ArnPrincipal, ServicePrincipal, OrganizationPrincipal`, this);
  }

  private validateConditionCombinations(principal: IPrincipal): { sourceArn?: string; sourceAccount?: string; principalOrgID?: string } | undefined {
    const conditions = principal.policyFragment.conditions as Record<string, Record<string, unknown>>;
    if (Object.keys(conditions).length === 0) return undefined;
    const pairs = Object.entries(conditions).flatMap(([operator, obj]) => Object.keys(obj).map((key) => ({ operator, key })));
    const supported = [
      { operator: 'ArnLike', key: 'aws:SourceArn' },
      { operator: 'StringEquals', key: 'aws:SourceAccount' },
      { operator: 'StringEquals', key: 'aws:PrincipalOrgID' },
    ];
    const unsupported = pairs.filter((c) => !supported.some((s) => s.operator === c.operator && s.key === c.key));
    if (unsupported.length > 0) {
      throw new ValidationError('UnsupportedConditionsForLambdaPermission',
        `PrincipalWithConditions had unsupported conditions for Lambda permission statement: ${JSON.stringify(unsupported)}. Supported operator/condition pairs: ${JSON.stringify(supported)}`, this);
    }
    const sourceArn = requireString(requireObject(conditions.ArnLike)?.['aws:SourceArn']);
    const sourceAccount = requireString(requireObject(conditions.StringEquals)?.['aws:SourceAccount']);
    const principalOrgID = requireString(requireObject(conditions.StringEquals)?.['aws:PrincipalOrgID']);
    if (principalOrgID && (sourceArn || sourceAccount)) {
      throw new ValidationError('PrincipalOrgIdCannotBeCombinedWithOtherConditions',
        'PrincipalWithConditions had unsupported condition combinations for Lambda permission statement: principalOrgID cannot be set with other conditions.', this);
    }
    return { sourceArn, sourceAccount, principalOrgID };
  }
}

function matchSingleKey(key: string, obj: Record<string, unknown>): unknown {
  return Object.keys(obj).length === 1 ? obj[key] : undefined;
}

function requireObject(x: unknown): Record<string, unknown> | undefined {
  return x && typeof x === 'object' && !Array.isArray(x) ? x as Record<string, unknown> : undefined;
}

function requireString(x: unknown): string | undefined {
  return x && typeof x === 'string' ? x : undefined;
}
