/**
 * IAM `Condition` blocks, the small part the gateway can decide: the String, Arn, Bool, IpAddress
 * and Null operators (each also with `IfExists`), over the context keys the caller supplies (e.g.
 * `aws:SourceIp`, `aws:PrincipalArn`). Anything else (Numeric and Date operators, the
 * `ForAnyValue:`/`ForAllValues:` set operators, policy variables such as `${aws:username}`) is
 * `unknown`: the evaluator then lets a Deny apply and an Allow not apply (fail closed).
 */
import { BlockList, isIP } from 'node:net';
import { wildcardMatch } from './wildcard.js';

/** Values of condition keys for one request; names are matched case-insensitively. */
export type ConditionContext = Readonly<Record<string, string | readonly string[] | boolean | undefined>>;

/** Whether a condition block holds: `unknown` when it uses something the gateway cannot decide. */
export type ConditionResult = 'match' | 'no-match' | 'unknown';

type Test = (policyValue: string, contextValue: string) => boolean;

/** Each operator: its test, whether it is negated, and which policy values it can read. */
const OPERATORS: Readonly<Record<string, { test: Test; negated: boolean; valid?: (policyValue: string) => boolean }>> = {
  StringEquals: { test: (p, c) => p === c, negated: false },
  StringNotEquals: { test: (p, c) => p === c, negated: true },
  StringEqualsIgnoreCase: { test: (p, c) => p.toLowerCase() === c.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { test: (p, c) => p.toLowerCase() === c.toLowerCase(), negated: true },
  StringLike: { test: (p, c) => wildcardMatch(p, c, false), negated: false },
  StringNotLike: { test: (p, c) => wildcardMatch(p, c, false), negated: true },
  ArnEquals: { test: (p, c) => wildcardMatch(p, c, false), negated: false },
  ArnLike: { test: (p, c) => wildcardMatch(p, c, false), negated: false },
  ArnNotEquals: { test: (p, c) => wildcardMatch(p, c, false), negated: true },
  ArnNotLike: { test: (p, c) => wildcardMatch(p, c, false), negated: true },
  Bool: { test: (p, c) => p.toLowerCase() === c.toLowerCase(), negated: false },
  IpAddress: { test: ipInRange, negated: false, valid: isRange },
  NotIpAddress: { test: ipInRange, negated: true, valid: isRange },
};

/** Evaluates a `Condition` block: every operator and every key must hold (three-valued AND). */
export function evaluateCondition(block: Readonly<Record<string, unknown>>, context: ConditionContext): ConditionResult {
  const lowered = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));
  let result: ConditionResult = 'match';
  for (const [operator, keys] of Object.entries(block)) {
    if (keys === null || typeof keys !== 'object' || Array.isArray(keys)) return 'unknown';
    for (const [key, raw] of Object.entries(keys as Record<string, unknown>)) {
      const one = evaluateOne(operator, raw, lowered.get(key.toLowerCase()));
      if (one === 'no-match') return 'no-match';
      if (one === 'unknown') result = 'unknown';
    }
  }
  return result;
}

function evaluateOne(operator: string, raw: unknown, contextValue: ConditionContext[string]): ConditionResult {
  const values = policyValues(raw);
  if (!values || values.some((v) => v.includes('${'))) return 'unknown';
  const present = contextValue !== undefined;
  if (operator === 'Null') {
    if (values.length !== 1 || !['true', 'false'].includes(values[0].toLowerCase())) return 'unknown';
    return (values[0].toLowerCase() === 'true') === !present ? 'match' : 'no-match';
  }
  const ifExists = operator.endsWith('IfExists');
  const kind = OPERATORS[ifExists ? operator.slice(0, -'IfExists'.length) : operator];
  if (!kind || (kind.valid && !values.every(kind.valid))) return 'unknown';
  if (!present) return ifExists || kind.negated ? 'match' : 'no-match';
  const actual = (Array.isArray(contextValue) ? contextValue : [contextValue]).map(String);
  const any = values.some((p) => actual.some((c) => kind.test(p, c)));
  return any !== kind.negated ? 'match' : 'no-match';
}

/** A condition's value(s) as strings; undefined for a shape IAM does not allow. */
function policyValues(raw: unknown): string[] | undefined {
  const list = Array.isArray(raw) ? raw : [raw];
  if (!list.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) return undefined;
  return list.map(String);
}

/** An address, or an IPv4 or IPv6 range `address/bits`, as its parts; undefined when it is neither. */
function rangeOf(cidr: string): { address: string; prefix: number; type: 'ipv4' | 'ipv6' } | undefined {
  const [address, bits, extra] = cidr.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return undefined;
  const max = family === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!/^\d+$/.test(bits ?? String(max)) || prefix > max) return undefined;
  return { address, prefix, type: family === 4 ? 'ipv4' : 'ipv6' };
}

function isRange(cidr: string): boolean {
  return rangeOf(cidr) !== undefined;
}

/** Whether `ip` is in the range `cidr`. */
function ipInRange(cidr: string, ip: string): boolean {
  const range = rangeOf(cidr);
  const family = isIP(ip);
  if (!range || family === 0) return false;
  const list = new BlockList();
  list.addSubnet(range.address, range.prefix, range.type);
  return list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}
