/**
 * Values produced on demand at synthesis time, so a construct can render state that is still
 * changing while the app is being built (stage variables added later, a policy's statements).
 */
import type { IResolvable, IResolveContext } from './resolvable.js';
import { ResolutionTypeHint } from './resolvable.js';
import { Token } from './token.js';

export interface IStringProducer { produce(context: IResolveContext): string | undefined }
export interface IStableStringProducer { produce(): string | undefined }
export interface INumberProducer { produce(context: IResolveContext): number | undefined }
export interface IStableNumberProducer { produce(): number | undefined }
export interface IListProducer { produce(context: IResolveContext): string[] | undefined }
export interface IStableListProducer { produce(): string[] | undefined }
export interface IAnyProducer { produce(context: IResolveContext): unknown }
export interface IStableAnyProducer { produce(): unknown }

export interface LazyStringValueOptions {
  /** A hint shown inside the encoded token. @default - none */
  readonly displayHint?: string;
}
export interface LazyListValueOptions extends LazyStringValueOptions {
  /** Resolve an empty list to undefined. @default false */
  readonly omitEmpty?: boolean;
}
export interface LazyAnyValueOptions extends LazyStringValueOptions {
  /** Resolve an empty array to undefined. @default false */
  readonly omitEmptyArray?: boolean;
}

class LazyValue implements IResolvable {
  public readonly creationStack: string[] = [];
  private cached = false;
  private value: unknown;

  constructor(
    private readonly producer: (context: IResolveContext) => unknown,
    private readonly cache: boolean,
    public readonly typeHint: ResolutionTypeHint | undefined,
    public readonly displayHint: string | undefined,
    private readonly omitEmptyArray = false,
  ) {}

  public resolve(context: IResolveContext): unknown {
    if (this.cache && this.cached) return this.value;
    let value = this.producer(context);
    if (this.omitEmptyArray && Array.isArray(value) && value.length === 0) value = undefined;
    if (this.cache && !context.preparing) {
      this.cached = true;
      this.value = value;
    }
    return value;
  }

  public toString(): string {
    return Token.asString(this);
  }

  public toJSON(): string {
    return '<unresolved-lazy>';
  }
}

/** Makes lazily produced values. Cached ones produce once (after preparation); uncached ones on every resolution. */
export class Lazy {
  public static string(producer: IStableStringProducer, options: LazyStringValueOptions = {}): string {
    return Token.asString(new LazyValue(() => producer.produce(), true, ResolutionTypeHint.STRING, options.displayHint));
  }

  public static uncachedString(producer: IStringProducer, options: LazyStringValueOptions = {}): string {
    return Token.asString(new LazyValue((c) => producer.produce(c), false, ResolutionTypeHint.STRING, options.displayHint));
  }

  public static number(producer: IStableNumberProducer): number {
    return Token.asNumber(new LazyValue(() => producer.produce(), true, ResolutionTypeHint.NUMBER, undefined));
  }

  public static uncachedNumber(producer: INumberProducer): number {
    return Token.asNumber(new LazyValue((c) => producer.produce(c), false, ResolutionTypeHint.NUMBER, undefined));
  }

  public static list(producer: IStableListProducer, options: LazyListValueOptions = {}): string[] {
    return Token.asList(new LazyValue(() => producer.produce(), true, ResolutionTypeHint.STRING_LIST, options.displayHint, options.omitEmpty));
  }

  public static uncachedList(producer: IListProducer, options: LazyListValueOptions = {}): string[] {
    return Token.asList(new LazyValue((c) => producer.produce(c), false, ResolutionTypeHint.STRING_LIST, options.displayHint, options.omitEmpty));
  }

  public static any(producer: IStableAnyProducer, options: LazyAnyValueOptions = {}): IResolvable {
    return new LazyValue(() => producer.produce(), true, undefined, options.displayHint, options.omitEmptyArray);
  }

  public static uncachedAny(producer: IAnyProducer, options: LazyAnyValueOptions = {}): IResolvable {
    return new LazyValue((c) => producer.produce(c), false, undefined, options.displayHint, options.omitEmptyArray);
  }

  private constructor() {}
}
