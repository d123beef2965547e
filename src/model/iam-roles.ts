/**
 * IAM roles of the templates → RoleModel: each role's name and ARN, and every identity-based
 * statement that applies to it: its inline `Policies`, each `AWS::IAM::Policy`, `AWS::IAM::RolePolicy`
 * and `AWS::IAM::ManagedPolicy` that names it, and the managed policies of its `ManagedPolicyArns`
 * (the templates' own, or the AWS managed policies of {@link AWS_MANAGED_POLICIES}).
 *
 * Roles are matched by name and managed policies by ARN across all stacks, as IAM does (both are
 * account-wide). A value that cannot be evaluated (e.g. `Fn::ImportValue`) does not fail the load:
 * it is recorded in `RoleModel.unreadable`, and the statement it belongs to is read fail-closed (an
 * Allow is dropped; a Deny keeps applying, to every action or resource it could not read).
 */
import type { ModelEnvironment, PolicyStatementModel, RoleModel } from './gateway-model.js';
import type { TemplateSource } from './load-template.js';
import { ModelError } from './model-error.js';
import { TemplateEvaluator, type CfnResourceEntry } from './template-evaluator.js';

type Statement = Omit<PolicyStatementModel, 'source'>;

/**
 * The AWS managed policies wsgate knows, by the part of their ARN after `policy/`. Only the
 * statements that matter to what the gateway serves (execute-api, DynamoDB) are kept verbatim;
 * statements for other services are kept where they are short (so a role with
 * AWSLambdaBasicExecutionRole is known to have it, and it grants nothing the gateway checks).
 * Sources: the AWS Managed Policy reference (docs.aws.amazon.com/aws-managed-policy/latest/reference/).
 */
export const AWS_MANAGED_POLICIES: Readonly<Record<string, readonly Statement[]>> = {
  AdministratorAccess: [{ effect: 'Allow', action: ['*'], resource: ['*'] }],
  PowerUserAccess: [
    { effect: 'Allow', notAction: ['iam:*', 'organizations:*', 'account:*'], resource: ['*'] },
    {
      effect: 'Allow',
      action: ['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization', 'account:ListRegions', 'account:GetAccountInformation'],
      resource: ['*'],
    },
  ],
  AmazonAPIGatewayInvokeFullAccess: [{ effect: 'Allow', action: ['execute-api:Invoke', 'execute-api:ManageConnections'], resource: ['arn:aws:execute-api:*:*:*'] }],
  AmazonAPIGatewayAdministrator: [{ effect: 'Allow', action: ['apigateway:*'], resource: ['arn:aws:apigateway:*::/*'] }],
  /** Its statements for other services (autoscaling, CloudWatch, IAM, ...) are left out. */
  AmazonDynamoDBFullAccess: [{ effect: 'Allow', action: ['dynamodb:*', 'dax:*'], resource: ['*'] }],
  /** Its statements for other services are left out. */
  AmazonDynamoDBReadOnlyAccess: [{
    effect: 'Allow',
    action: [
      'dynamodb:BatchGetItem', 'dynamodb:Describe*', 'dynamodb:List*', 'dynamodb:GetAbacStatus', 'dynamodb:GetItem',
      'dynamodb:GetResourcePolicy', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:PartiQLSelect',
      'dax:Describe*', 'dax:List*', 'dax:GetItem', 'dax:BatchGetItem', 'dax:Query', 'dax:Scan',
    ],
    resource: ['*'],
  }],
  'service-role/AWSLambdaBasicExecutionRole': [{ effect: 'Allow', action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], resource: ['*'] }],
  'service-role/AWSLambdaDynamoDBExecutionRole': [{
    effect: 'Allow',
    action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams', 'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
    resource: ['*'],
  }],
  'service-role/AWSLambdaVPCAccessExecutionRole': [{
    effect: 'Allow',
    action: [
      'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses',
    ],
    resource: ['*'],
  }],
};

const AWS_MANAGED_ARN = /^arn:[^:]+:iam::aws:policy\/(.+)$/;
const LIST_FIELDS = [['Action', 'action'], ['NotAction', 'notAction'], ['Resource', 'resource'], ['NotResource', 'notResource']] as const;

interface RoleDraft {
  readonly model: Omit<RoleModel, 'statements' | 'unreadable'>;
  readonly statements: PolicyStatementModel[];
  readonly unreadable: string[];
  readonly managedPolicyArns: string[];
}

/** A policy resource of a template, with the role names it attaches to. */
interface AttachedPolicy {
  readonly source: string;
  readonly statements: readonly PolicyStatementModel[];
  readonly unreadable: readonly string[];
  readonly roleNames: readonly string[];
}

/** Reads every `AWS::IAM::Role` of the given stacks, keyed `<stack>/<logicalId>`. */
export function readIamRoles(sources: readonly TemplateSource[], env: ModelEnvironment): Map<string, RoleModel> {
  const roles: RoleDraft[] = [];
  const policies: AttachedPolicy[] = [];
  const managed = new Map<string, AttachedPolicy>();
  for (const source of sources) {
    const reader = new StackIamReader(source, env);
    roles.push(...reader.roles());
    policies.push(...reader.policies());
    for (const [arn, policy] of reader.managedPolicies()) managed.set(arn, policy);
  }
  const byName = new Map<string, RoleDraft[]>();
  for (const role of roles) byName.set(role.model.roleName, [...(byName.get(role.model.roleName) ?? []), role]);
  const attach = (role: RoleDraft, policy: AttachedPolicy) => {
    role.statements.push(...policy.statements);
    role.unreadable.push(...policy.unreadable);
  };
  for (const policy of policies) {
    for (const name of policy.roleNames) for (const role of byName.get(name) ?? []) attach(role, policy);
  }
  for (const [arn, policy] of managed) {
    for (const role of roles) {
      if (policy.roleNames.includes(role.model.roleName) || role.managedPolicyArns.includes(arn)) attach(role, policy);
    }
  }
  for (const role of roles) {
    for (const arn of new Set(role.managedPolicyArns)) {
      if (managed.has(arn)) continue;
      const known = AWS_MANAGED_ARN.exec(arn)?.[1];
      const statements = known === undefined ? undefined : AWS_MANAGED_POLICIES[known];
      // The table's ARNs are written for the aws partition; other partitions' copies use their own.
      const inPartition = (list?: readonly string[]) => list?.map((r) => r.replace(/^arn:aws:/, `arn:${env.partition}:`));
      if (statements) role.statements.push(...statements.map((s) => ({ ...s, resource: inPartition(s.resource), source: arn })));
      else role.unreadable.push(`managed policy ${arn} is neither in the templates nor an AWS managed policy wsgate knows; its statements are not applied`);
    }
  }
  return new Map(roles.map((r) => [r.model.key, { ...r.model, statements: r.statements, unreadable: r.unreadable }]));
}

/** The IAM resources of one stack. */
class StackIamReader {
  private readonly ev: TemplateEvaluator;
  private readonly resources: Array<[string, CfnResourceEntry]>;

  constructor(private readonly source: TemplateSource, env: ModelEnvironment) {
    this.ev = new TemplateEvaluator(source.template, source.stackName, env, source.parameters);
    this.resources = this.ev.activeResources();
  }

  public roles(): RoleDraft[] {
    return this.ofType('AWS::IAM::Role').map(([logicalId, r]) => {
      const where = (property: string) => ({ logicalId, property });
      const unreadable: string[] = [];
      const statements: PolicyStatementModel[] = [];
      const rawPolicies = r.Properties?.Policies;
      const inline = Array.isArray(rawPolicies) ? rawPolicies : this.tolerant(rawPolicies, where('Policies'), unreadable);
      for (const [i, p] of (Array.isArray(inline) ? inline : []).entries()) {
        const policy = (isIntrinsic(p) ? this.tolerant(p, where(`Policies[${i}]`), unreadable) ?? {} : p ?? {}) as Record<string, unknown>;
        const name = this.tolerant(policy.PolicyName, where(`Policies[${i}].PolicyName`), []) ?? i;
        statements.push(...this.document(policy.PolicyDocument, `${this.source.stackName}/${logicalId} (inline policy ${String(name)})`, logicalId, `Policies[${i}].PolicyDocument`, unreadable));
      }
      return {
        model: {
          key: `${this.source.stackName}/${logicalId}`,
          stackName: this.source.stackName,
          logicalId,
          roleName: this.ev.physicalId(logicalId),
          arn: String(this.ev.evaluate({ 'Fn::GetAtt': [logicalId, 'Arn'] })),
        },
        statements,
        unreadable,
        managedPolicyArns: this.names(r.Properties?.ManagedPolicyArns, logicalId, 'ManagedPolicyArns', unreadable),
      };
    });
  }

  /** `AWS::IAM::Policy` (Roles: names) and `AWS::IAM::RolePolicy` (RoleName). */
  public policies(): AttachedPolicy[] {
    const out: AttachedPolicy[] = [];
    for (const [logicalId, r] of this.ofType('AWS::IAM::Policy')) out.push(this.attached(logicalId, r, r.Properties?.Roles));
    for (const [logicalId, r] of this.ofType('AWS::IAM::RolePolicy')) out.push(this.attached(logicalId, r, [r.Properties?.RoleName]));
    return out;
  }

  /** `AWS::IAM::ManagedPolicy` by ARN (its `Ref`). */
  public managedPolicies(): Array<[string, AttachedPolicy]> {
    return this.ofType('AWS::IAM::ManagedPolicy').map(([logicalId, r]) => [this.ev.physicalId(logicalId), this.attached(logicalId, r, r.Properties?.Roles)]);
  }

  private attached(logicalId: string, r: CfnResourceEntry, roles: unknown): AttachedPolicy {
    const unreadable: string[] = [];
    const source = `${this.source.stackName}/${logicalId}`;
    return {
      source,
      statements: this.document(r.Properties?.PolicyDocument, source, logicalId, 'PolicyDocument', unreadable),
      unreadable,
      roleNames: this.names(roles, logicalId, 'Roles', []),
    };
  }

  private ofType(type: string): Array<[string, CfnResourceEntry]> {
    return this.resources.filter(([, r]) => r.Type === type);
  }

  /** A list of names or ARNs; elements that cannot be evaluated are noted and skipped. */
  private names(value: unknown, logicalId: string, property: string, unreadable: string[]): string[] {
    const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return list.flatMap((item, i) => {
      const v = this.tolerant(item, { logicalId, property: `${property}[${i}]` }, unreadable);
      return typeof v === 'string' ? [v] : [];
    });
  }

  /** Evaluates a value; a ModelError (an intrinsic the gateway cannot evaluate) is noted and gives undefined. */
  private tolerant(value: unknown, where: { logicalId: string; property: string }, unreadable: string[]): unknown {
    try {
      return this.ev.evaluate(value, where);
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      unreadable.push(e.message);
      return undefined;
    }
  }

  /**
   * The statements of a policy document. When the document does not evaluate as a whole, each
   * statement, then each field of a statement, is evaluated on its own, so one unreadable value
   * loses nothing else.
   */
  private document(raw: unknown, source: string, logicalId: string, property: string, unreadable: string[]): PolicyStatementModel[] {
    const stackName = this.source.stackName;
    const whole = this.tolerant(raw, { logicalId, property }, []);
    if (whole !== undefined) {
      const list = (whole as { Statement?: unknown }).Statement;
      if (list === undefined) throw new ModelError(stackName, logicalId, property, 'a policy document needs a Statement');
      return (Array.isArray(list) ? list : [list]).map((st, i) => statementOf(st, source, stackName, logicalId, `${property}.Statement[${i}]`));
    }
    const rawStatements = isIntrinsic(raw) ? undefined : (raw as { Statement?: unknown } | undefined)?.Statement;
    if (!Array.isArray(rawStatements)) {
      this.tolerant(raw, { logicalId, property }, unreadable);
      return [];
    }
    return rawStatements.flatMap((st, i) => {
      const path = `${property}.Statement[${i}]`;
      const evaluated = this.tolerant(st, { logicalId, property: path }, []);
      if (evaluated !== undefined) return [statementOf(evaluated, source, stackName, logicalId, path)];
      if (isIntrinsic(st) || st === null || typeof st !== 'object') {
        // Not even its Effect can be read: the statement is dropped (and noted).
        this.tolerant(st, { logicalId, property: path }, unreadable);
        return [];
      }
      const fields: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(st as Record<string, unknown>)) {
        const before = unreadable.length;
        const v = this.tolerant(value, { logicalId, property: `${path}.${key}` }, unreadable);
        if (unreadable.length > before) fields[key] = UNREADABLE;
        else if (v !== undefined) fields[key] = v;
      }
      return failClosed(fields, source, stackName, logicalId, path);
    });
  }
}

/** Whether a template value is an intrinsic function call (`{ Ref: ... }`, `{ "Fn::If": ... }`). */
function isIntrinsic(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** Marks a statement field whose value could not be evaluated. */
const UNREADABLE = Symbol('unreadable');

/**
 * A statement with unreadable fields, read fail-closed: an Allow is dropped; a Deny applies to
 * every action (unreadable Action/NotAction) or resource (unreadable Resource/NotResource), and
 * without its Condition when that is unreadable.
 */
function failClosed(fields: Record<string, unknown>, source: string, stackName: string, logicalId: string, path: string): PolicyStatementModel[] {
  const unreadable = Object.keys(fields).filter((k) => fields[k] === UNREADABLE);
  if (unreadable.length === 0) return [statementOf(fields, source, stackName, logicalId, path)];
  if (fields.Effect !== 'Deny') return [];
  const out: Record<string, unknown> = { ...fields };
  if (out.Action === UNREADABLE || out.NotAction === UNREADABLE) { delete out.NotAction; out.Action = '*'; }
  if (out.Resource === UNREADABLE || out.NotResource === UNREADABLE) { delete out.NotResource; out.Resource = '*'; }
  if (out.Condition === UNREADABLE) delete out.Condition;
  for (const k of Object.keys(out)) if (out[k] === UNREADABLE) delete out[k];
  return [statementOf(out, source, stackName, logicalId, path)];
}

/** One evaluated statement → PolicyStatementModel; a statement IAM would refuse is a ModelError. */
function statementOf(raw: unknown, source: string, stackName: string, logicalId: string, path: string): PolicyStatementModel {
  return readPolicyStatement(raw, source, (reason) => { throw new ModelError(stackName, logicalId, path, reason); });
}

/**
 * One statement of a policy document (values already evaluated) → PolicyStatementModel. Accepts
 * both JSON shapes IAM does (`Action`/`Resource` and their Not forms a string or an array);
 * `fail` is called with the reason for a statement IAM would refuse. Shared with the gateway, which
 * reads the policy documents of Lambda authorizers the same way.
 */
export function readPolicyStatement(raw: unknown, source: string, fail: (reason: string) => never): PolicyStatementModel {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail('a policy statement must be an object');
  const s = raw as Record<string, unknown>;
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') fail(`Effect must be Allow or Deny, got ${JSON.stringify(s.Effect)}`);
  const out: { -readonly [K in keyof PolicyStatementModel]: PolicyStatementModel[K] } = { effect: s.Effect as 'Allow' | 'Deny', source };
  if (typeof s.Sid === 'string') out.sid = s.Sid;
  for (const [json, field] of LIST_FIELDS) {
    if (s[json] === undefined) continue;
    const list = Array.isArray(s[json]) ? (s[json] as unknown[]) : [s[json]];
    out[field] = list.map((v) => (typeof v === 'string' ? v : fail(`${json} must hold strings, got ${JSON.stringify(v)}`)));
  }
  if (!out.action === !out.notAction) fail('a statement needs exactly one of Action and NotAction');
  if (out.resource && out.notResource) fail('a statement cannot have both Resource and NotResource');
  if (s.Condition !== undefined) {
    if (s.Condition === null || typeof s.Condition !== 'object' || Array.isArray(s.Condition)) fail('Condition must be an object');
    out.condition = s.Condition as Record<string, Record<string, unknown>>;
  }
  return out;
}
