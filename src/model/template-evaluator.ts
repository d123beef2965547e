/**
 * Evaluates a CloudFormation template's intrinsic functions the way CloudFormation does at deploy
 * time: Ref (resources, parameters, pseudo parameters), Fn::GetAtt, Fn::Join, Fn::Sub,
 * Fn::Select, Fn::Split, Fn::If with conditions, Fn::FindInMap, Fn::Base64, Fn::GetAZs.
 */
import type { ModelEnvironment } from './gateway-model.js';
import { ModelError } from './model-error.js';
import { attributeOf, refOf } from './physical-ids.js';

export interface CfnTemplate {
  readonly Resources?: Record<string, CfnResourceEntry>;
  readonly Parameters?: Record<string, { Type?: string; Default?: unknown }>;
  readonly Conditions?: Record<string, unknown>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  readonly Outputs?: Record<string, unknown>;
}

export interface CfnResourceEntry {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Condition?: string;
  readonly Metadata?: Record<string, unknown>;
  readonly DependsOn?: unknown;
}

/** Marks a value removed by `Ref: AWS::NoValue`. */
const NO_VALUE = Symbol('AWS::NoValue');

export class TemplateEvaluator {
  private readonly conditionCache = new Map<string, boolean>();
  private readonly resources: Record<string, CfnResourceEntry>;

  constructor(
    private readonly template: CfnTemplate,
    public readonly stackName: string,
    public readonly env: ModelEnvironment,
    private readonly parameterValues: Readonly<Record<string, string>> = {},
  ) {
    this.resources = template.Resources ?? {};
  }

  /** The resources whose condition (if any) holds, in template order. */
  public activeResources(): Array<[string, CfnResourceEntry]> {
    return Object.entries(this.resources).filter(([, r]) => r.Condition === undefined || this.condition(r.Condition));
  }

  /** The physical ID (`Ref`) of a resource. */
  public physicalId(logicalId: string): string {
    const r = this.resources[logicalId];
    if (!r) throw new ModelError(this.stackName, logicalId, undefined, 'is referenced but is not a resource of the template');
    return refOf(r.Type, logicalId, this.literalProps(logicalId), this.stackName, this.env);
  }

  /** Evaluates every intrinsic in `value`; `where` names the place for error messages. */
  public evaluate(value: unknown, where: { logicalId?: string; property?: string } = {}): unknown {
    const out = this.eval(value, where);
    return out === NO_VALUE ? undefined : out;
  }

  /** Evaluates a value that must be a string. */
  public evaluateString(value: unknown, where: { logicalId?: string; property?: string }): string {
    const out = this.evaluate(value, where);
    if (typeof out !== 'string' && typeof out !== 'number') {
      throw new ModelError(this.stackName, where.logicalId, where.property, `must evaluate to a string, got ${JSON.stringify(out)}`);
    }
    return String(out);
  }

  /** Whether a named condition holds. */
  public condition(name: string): boolean {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    const expr = this.template.Conditions?.[name];
    if (expr === undefined) throw new ModelError(this.stackName, undefined, `Conditions.${name}`, 'is used but not defined');
    const result = Boolean(this.eval(expr, { property: `Conditions.${name}` }));
    this.conditionCache.set(name, result);
    return result;
  }

  private fail(where: { logicalId?: string; property?: string }, reason: string): never {
    throw new ModelError(this.stackName, where.logicalId, where.property, reason);
  }

  /** Properties with only literal values (used to read physical names such as FunctionName). */
  private literalProps(logicalId: string): Record<string, unknown> {
    const props = this.resources[logicalId].Properties ?? {};
    const out: Record<string, unknown> = {};
    for (const key of ['StageName', 'FunctionName', 'RoleName', 'UserName', 'TableName', 'LogGroupName', 'ManagedPolicyName']) {
      if (props[key] === undefined) continue;
      try {
        out[key] = this.evaluate(props[key], { logicalId, property: key });
      } catch {
        // A name that cannot be evaluated yet falls back to a generated one.
      }
    }
    return out;
  }

  private eval(value: unknown, where: { logicalId?: string; property?: string }): unknown {
    if (Array.isArray(value)) return value.map((v) => this.eval(v, where)).filter((v) => v !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::') || keys[0] === 'Condition')) {
      return this.intrinsic(keys[0], obj[keys[0]], where);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      const e = this.eval(v, where);
      if (e !== NO_VALUE) out[k] = e;
    }
    return out;
  }

  private intrinsic(name: string, arg: unknown, where: { logicalId?: string; property?: string }): unknown {
    switch (name) {
      case 'Ref': return this.ref(String(arg), where);
      case 'Condition': return this.condition(String(arg));
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(arg) ? arg.map(String) : String(arg).split(/\.(.*)/s);
        return this.getAtt(logicalId, this.evaluateString(attribute, where), where);
      }
      case 'Fn::Join': {
        const [delimiter, list] = arg as [string, unknown];
        const values = this.eval(list, where);
        if (!Array.isArray(values)) this.fail(where, 'Fn::Join needs a list');
        return values.map((v) => String(v)).join(delimiter);
      }
      case 'Fn::Select': {
        const [index, list] = arg as [unknown, unknown];
        const values = this.eval(list, where) as unknown[];
        const i = Number(this.eval(index, where));
        if (!Array.isArray(values) || i < 0 || i >= values.length) this.fail(where, `Fn::Select index ${i} is out of range`);
        return values[i];
      }
      case 'Fn::Split': {
        const [delimiter, source] = arg as [string, unknown];
        return String(this.eval(source, where)).split(delimiter);
      }
      case 'Fn::Sub': return this.sub(arg, where);
      case 'Fn::If': {
        const [cond, whenTrue, whenFalse] = arg as [string, unknown, unknown];
        return this.condition(cond) ? this.eval(whenTrue, where) : this.eval(whenFalse, where);
      }
      case 'Fn::Equals': {
        const [a, b] = (arg as unknown[]).map((x) => this.eval(x, where));
        return JSON.stringify(a) === JSON.stringify(b);
      }
      case 'Fn::And': return (arg as unknown[]).every((x) => Boolean(this.eval(x, where)));
      case 'Fn::Or': return (arg as unknown[]).some((x) => Boolean(this.eval(x, where)));
      case 'Fn::Not': return !this.eval((arg as unknown[])[0], where);
      case 'Fn::Contains': {
        const [list, v] = (arg as unknown[]).map((x) => this.eval(x, where));
        return Array.isArray(list) && list.includes(v);
      }
      case 'Fn::Base64': return Buffer.from(String(this.eval(arg, where))).toString('base64');
      case 'Fn::GetAZs': return ['a', 'b', 'c'].map((z) => `${this.env.region}${z}`);
      case 'Fn::FindInMap': {
        const [map, top, second] = (arg as unknown[]).map((x) => String(this.eval(x, where)));
        const found = this.template.Mappings?.[map]?.[top]?.[second];
        if (found === undefined) this.fail(where, `Fn::FindInMap found nothing at ${map}.${top}.${second}`);
        return found;
      }
      case 'Fn::ImportValue':
        return this.fail(where, `Fn::ImportValue (${JSON.stringify(arg)}) needs another stack's exports, which the gateway does not read; pass the value as a parameter instead`);
      default:
        return this.fail(where, `the intrinsic function ${name} is not supported by the gateway`);
    }
  }

  private ref(name: string, where: { logicalId?: string; property?: string }): unknown {
    switch (name) {
      case 'AWS::Region': return this.env.region;
      case 'AWS::AccountId': return this.env.account;
      case 'AWS::Partition': return this.env.partition;
      case 'AWS::URLSuffix': return this.env.urlSuffix;
      case 'AWS::StackName': return this.stackName;
      case 'AWS::StackId': return `arn:${this.env.partition}:cloudformation:${this.env.region}:${this.env.account}:stack/${this.stackName}/00000000-0000-0000-0000-000000000000`;
      case 'AWS::NotificationARNs': return [];
      case 'AWS::NoValue': return NO_VALUE;
    }
    const param = this.template.Parameters?.[name];
    if (param) {
      const value = this.parameterValues[name] ?? param.Default;
      if (value === undefined) this.fail(where, `parameter ${name} has no default and no value was given`);
      return String(param.Type ?? '').startsWith('List<') || param.Type === 'CommaDelimitedList' ? String(value).split(',') : value;
    }
    if (this.resources[name]) return this.physicalId(name);
    return this.fail(where, `Ref to '${name}', which is neither a parameter nor a resource`);
  }

  private getAtt(logicalId: string, attribute: string, where: { logicalId?: string; property?: string }): unknown {
    const r = this.resources[logicalId];
    if (!r) this.fail(where, `Fn::GetAtt of '${logicalId}', which is not a resource`);
    const value = attributeOf(r.Type, attribute, this.physicalId(logicalId), this.env);
    if (value === undefined) this.fail(where, `Fn::GetAtt ${logicalId}.${attribute}: the gateway does not know this attribute of ${r.Type}`);
    return value;
  }

  private sub(arg: unknown, where: { logicalId?: string; property?: string }): string {
    const [body, vars] = Array.isArray(arg) ? (arg as [string, Record<string, unknown>]) : [arg as string, {}];
    const variables = (this.eval(vars ?? {}, where) ?? {}) as Record<string, unknown>;
    return String(body).replace(/\$\{(!?)([^}]*)\}/g, (_m, literal: string, expr: string) => {
      if (literal) return `\${${expr}}`;
      if (expr in variables) return String(variables[expr]);
      const dot = expr.indexOf('.');
      if (dot > 0 && this.resources[expr.slice(0, dot)]) return String(this.getAtt(expr.slice(0, dot), expr.slice(dot + 1), where));
      return String(this.ref(expr, where));
    });
  }
}
