/**
 * CloudFormation's intrinsic functions as tokens. Literal inputs are computed at once, so
 * `Fn.join('-', ['a', 'b'])` is just `'a-b'`; inputs with tokens become the intrinsic.
 */
import { Intrinsic, Token } from './token.js';
import type { IResolvable, IResolveContext } from './resolvable.js';
import { ResolutionTypeHint } from './resolvable.js';
import { minimalJoin } from './private/cloudformation-lang.js';
import { UnscopedValidationError } from './errors.js';
import type { ICfnConditionExpression, ICfnRuleConditionExpression } from './cfn-condition.js';

class FnJoin implements IResolvable {
  public readonly creationStack: string[] = [];
  public readonly typeHint = ResolutionTypeHint.STRING;

  constructor(private readonly delimiter: string, private readonly values: unknown[]) {}

  public resolve(context: IResolveContext): unknown {
    if (Token.isUnresolved(this.values)) return { 'Fn::Join': [this.delimiter, this.values] };
    const resolved = minimalJoin(this.delimiter, (context.resolve(this.values) as unknown[]).slice());
    if (resolved.length === 1) return resolved[0];
    return { 'Fn::Join': [this.delimiter, resolved] };
  }

  public toString(): string { return Token.asString(this); }
  public toJSON(): string { return '<Fn::Join>'; }
}

class ConditionExpression extends Intrinsic implements ICfnRuleConditionExpression {
  public readonly disambiguator = true;
}

function intrinsic(name: string, value: unknown, typeHint = ResolutionTypeHint.STRING): Intrinsic {
  return new Intrinsic({ [name]: value }, { stackTrace: false, typeHint });
}

export class Fn {
  /** `{ Ref }` of a logical ID or pseudo parameter. */
  public static ref(logicalName: string): string {
    return Token.asString(intrinsic('Ref', logicalName));
  }

  /** `Fn::GetAtt` of a resource attribute. */
  public static getAtt(logicalNameOfResource: string, attributeName: string): IResolvable {
    return intrinsic('Fn::GetAtt', [logicalNameOfResource, attributeName]);
  }

  /** Joins values with a delimiter; resolves to a plain string when every value is literal. */
  public static join(delimiter: string, listOfValues: string[]): string {
    if (listOfValues.length === 0) {
      throw new UnscopedValidationError('FnJoinRequiresAtLeastOneValue', 'FnJoin requires at least one value to be provided');
    }
    return Token.asString(new FnJoin(delimiter, listOfValues));
  }

  /** Splits a string; a literal one is split at once. */
  public static split(delimiter: string, source: string, assumedLength?: number): string[] {
    if (!Token.isUnresolved(source)) return source.split(delimiter);
    const split = intrinsic('Fn::Split', [delimiter, source], ResolutionTypeHint.STRING_LIST);
    if (assumedLength === undefined) return Token.asList(split);
    return Array.from({ length: assumedLength }, (_, i) => Fn.select(i, Token.asList(split)));
  }

  /** One element of a list; a literal list is indexed at once. */
  public static select(index: number, array: string[]): string {
    if (!Token.isUnresolved(index) && !Token.isUnresolved(array) && !array.some((v) => Token.isUnresolved(v))) {
      return array[index];
    }
    return Token.asString(intrinsic('Fn::Select', [index, array]));
  }

  /** `Fn::Sub` with optional variables. */
  public static sub(body: string, variables?: Record<string, string>): string {
    return Token.asString(intrinsic('Fn::Sub', variables ? [body, variables] : body));
  }

  public static base64(data: string): string {
    return Token.asString(intrinsic('Fn::Base64', data));
  }

  public static importValue(sharedValueToImport: string): string {
    return Token.asString(intrinsic('Fn::ImportValue', sharedValueToImport));
  }

  public static importListValue(sharedValueToImport: string, assumedLength: number, delimiter = ','): string[] {
    return Fn.split(delimiter, Fn.importValue(sharedValueToImport), assumedLength);
  }

  public static findInMap(mapName: string, topLevelKey: string, secondLevelKey: string): string {
    return Token.asString(intrinsic('Fn::FindInMap', [mapName, topLevelKey, secondLevelKey]));
  }

  public static getAzs(region?: string): string[] {
    return Token.asList(intrinsic('Fn::GetAZs', region ?? '', ResolutionTypeHint.STRING_LIST));
  }

  public static cidr(ipBlock: string, count: number, sizeMask?: string): string[] {
    return Token.asList(intrinsic('Fn::Cidr', [ipBlock, count, sizeMask], ResolutionTypeHint.STRING_LIST));
  }

  public static len(array: unknown): number {
    if (!Token.isUnresolved(array) && Array.isArray(array)) return array.length;
    return Token.asNumber(intrinsic('Fn::Length', array, ResolutionTypeHint.NUMBER));
  }

  public static toJsonString(object: unknown): string {
    if (!Token.isUnresolved(object) && typeof object !== 'object') return JSON.stringify(object);
    return Token.asString(intrinsic('Fn::ToJsonString', object));
  }

  public static conditionIf(conditionId: string, valueIfTrue: unknown, valueIfFalse: unknown): ICfnRuleConditionExpression {
    return new ConditionExpression({ 'Fn::If': [conditionId, valueIfTrue, valueIfFalse] });
  }

  public static conditionEquals(lhs: unknown, rhs: unknown): ICfnRuleConditionExpression {
    return new ConditionExpression({ 'Fn::Equals': [lhs, rhs] });
  }

  public static conditionNot(condition: ICfnConditionExpression): ICfnRuleConditionExpression {
    return new ConditionExpression({ 'Fn::Not': [condition] });
  }

  public static conditionAnd(...conditions: ICfnConditionExpression[]): ICfnRuleConditionExpression {
    if (conditions.length === 0) throw new UnscopedValidationError('FnAndRequiresOneCondition', 'Fn.conditionAnd() needs at least one argument');
    if (conditions.length === 1) return conditions[0] as ICfnRuleConditionExpression;
    return new ConditionExpression({ 'Fn::And': conditions });
  }

  public static conditionOr(...conditions: ICfnConditionExpression[]): ICfnRuleConditionExpression {
    if (conditions.length === 0) throw new UnscopedValidationError('FnOrRequiresOneCondition', 'Fn.conditionOr() needs at least one argument');
    if (conditions.length === 1) return conditions[0] as ICfnRuleConditionExpression;
    return new ConditionExpression({ 'Fn::Or': conditions });
  }

  public static conditionContains(listOfStrings: string[], value: string): ICfnRuleConditionExpression {
    return new ConditionExpression({ 'Fn::Contains': [listOfStrings, value] });
  }

  public static conditionEachMemberEquals(listOfStrings: string[], value: string): ICfnRuleConditionExpression {
    return new ConditionExpression({ 'Fn::EachMemberEquals': [listOfStrings, value] });
  }

  public static conditionEachMemberIn(stringsToCheck: string[], stringsToMatch: string[]): ICfnRuleConditionExpression {
    return new ConditionExpression({ 'Fn::EachMemberIn': [stringsToCheck, stringsToMatch] });
  }

  public static refAll(parameterType: string): string[] {
    return Token.asList(intrinsic('Fn::RefAll', parameterType, ResolutionTypeHint.STRING_LIST));
  }

  public static valueOf(parameterOrLogicalId: string, attribute: string): string {
    return Token.asString(intrinsic('Fn::ValueOf', [parameterOrLogicalId, attribute]));
  }

  public static valueOfAll(parameterType: string, attribute: string): string[] {
    return Token.asList(intrinsic('Fn::ValueOfAll', [parameterType, attribute], ResolutionTypeHint.STRING_LIST));
  }

  private constructor() {}
}
