/**
 * Tokens: values that are only known at synthesis (a logical ID, a Ref, a lazily produced value),
 * carried through ordinary strings, numbers and lists until the template is resolved.
 */
import type { IConstruct } from 'constructs';
import type { IPostProcessor, IResolvable, IResolveContext } from './resolvable.js';
import { isResolvableObject, ResolutionTypeHint } from './resolvable.js';
import * as tokenMap from './private/token-map.js';
import { resolveValue } from './private/resolve.js';

/** Options of the `Token.as*` encoders. */
export interface EncodingOptions {
  /** A short hint placed inside the encoded string, for people reading it. @default - none */
  readonly displayHint?: string;
}

function captureStack(): string[] {
  const lines = (new Error().stack ?? '').split('\n').slice(3, 8);
  return lines.map((l) => l.trim());
}

/**
 * A token that resolves to a literal CloudFormation value, such as `{ Ref: 'X' }`.
 */
export class Intrinsic implements IResolvable {
  public readonly creationStack: string[];
  public readonly typeHint?: ResolutionTypeHint;
  private readonly value: unknown;

  constructor(value: unknown, options: { readonly stackTrace?: boolean; readonly typeHint?: ResolutionTypeHint } = {}) {
    if (isFunction(value)) throw new Error(`Argument to Intrinsic must be a plain value object, got ${String(value)}`);
    this.creationStack = options.stackTrace === false ? [] : captureStack();
    this.value = value;
    this.typeHint = options.typeHint ?? ResolutionTypeHint.STRING;
  }

  public resolve(_context: IResolveContext): unknown {
    return this.value;
  }

  public toString(): string {
    return Token.asString(this);
  }

  /** Tokens are not JSON: serialising one by accident gives a marker instead of an encoded string. */
  public toJSON(): string {
    return '<unresolved-token>';
  }
}

function isFunction(x: unknown): boolean {
  return typeof x === 'function';
}

/** Encodes and recognises tokens. */
export class Token {
  /** True if `obj` is a token or holds one (an encoded string, number or list, or a token object). */
  public static isUnresolved(obj: unknown): boolean {
    if (typeof obj === 'string') return tokenMap.stringContainsToken(obj);
    if (typeof obj === 'number') return tokenMap.lookupNumber(obj) !== undefined;
    // As in aws-cdk-lib, a one-element array is unresolved only when it is an encoded list token:
    // `[fn.functionArn]` is a resolved list holding a token.
    if (Array.isArray(obj) && obj.length === 1) {
      return typeof obj[0] === 'string' && obj[0].includes('#{Token[');
    }
    return isResolvableObject(obj);
  }

  /** A string that stands for `value` until it resolves. */
  public static asString(value: unknown, options: EncodingOptions = {}): string {
    if (typeof value === 'string') return value;
    return tokenMap.registerString(Token.asAny(value), options.displayHint);
  }

  /** A number that stands for `value` until it resolves. */
  public static asNumber(value: unknown): number {
    if (typeof value === 'number') return value;
    return tokenMap.registerNumber(Token.asAny(value));
  }

  /** A string list that stands for `value` until it resolves. */
  public static asList(value: unknown, options: EncodingOptions = {}): string[] {
    if (Array.isArray(value) && value.every((x) => typeof x === 'string')) return value as string[];
    return tokenMap.registerList(Token.asAny(value), options.displayHint);
  }

  /** `value` as a token object. */
  public static asAny(value: unknown): IResolvable {
    return isResolvableObject(value) ? value : new Intrinsic(value);
  }

  private constructor() {}
}

/** Options of {@link Tokenization.resolve}. */
export interface ResolveOptions {
  /** The construct the value is resolved for. */
  readonly scope: IConstruct;
  /** Whether this is the preparation phase. @default false */
  readonly preparing?: boolean;
  /** Whether empty objects and arrays are removed. @default true */
  readonly removeEmpty?: boolean;
}

/** A piece of a string holding tokens. */
export type TokenizedStringFragment = tokenMap.Fragment;

/** Lower-level functions on tokens. */
export class Tokenization {
  /** Resolves every token in `obj` into CloudFormation. */
  public static resolve(obj: unknown, options: ResolveOptions): unknown {
    return resolveValue(obj, { scope: options.scope, preparing: options.preparing ?? false, removeEmpty: options.removeEmpty ?? true });
  }

  /** The literal and token pieces of a string. */
  public static reverseString(s: string): TokenizedStringFragment[] {
    return tokenMap.splitString(s);
  }

  /** The token a value stands for, if it is exactly one token. */
  public static reverse(x: unknown): IResolvable | undefined {
    if (isResolvableObject(x)) return x;
    if (typeof x === 'string') return tokenMap.wholeStringToken(x);
    if (typeof x === 'number') return tokenMap.lookupNumber(x);
    if (Array.isArray(x)) return tokenMap.lookupList(x);
    return undefined;
  }

  public static reverseNumber(n: number): IResolvable | undefined {
    return tokenMap.lookupNumber(n);
  }

  public static reverseList(l: string[]): IResolvable | undefined {
    return tokenMap.lookupList(l);
  }

  public static isResolvable(obj: unknown): obj is IResolvable {
    return isResolvableObject(obj);
  }

  /** A number as a string, keeping it a token if it is one. */
  public static stringifyNumber(x: number): string {
    const token = tokenMap.lookupNumber(x);
    return token ? Token.asString(token) : String(x);
  }

  private constructor() {}
}

/** A token whose resolved value is passed through a function before use. */
export class PostResolveToken extends Intrinsic implements IPostProcessor {
  constructor(value: unknown, private readonly processor: (x: unknown) => unknown) {
    super(value, { stackTrace: false });
  }

  public override resolve(context: IResolveContext): unknown {
    context.registerPostProcessor(this);
    return super.resolve(context);
  }

  public postProcess(input: unknown, _context: IResolveContext): unknown {
    return this.processor(input);
  }
}
