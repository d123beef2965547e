/**
 * Interfaces of values that are not known until synthesis: what a token is and what it is given
 * when it resolves.
 */
import type { IConstruct } from 'constructs';

/** What the value of a token will be, when it is known. */
export enum ResolutionTypeHint {
  STRING = 'string',
  NUMBER = 'number',
  STRING_LIST = 'string-list',
}

/** Handed to a token when it resolves. */
export interface IResolveContext {
  /** The construct whose template is being resolved. */
  readonly scope: IConstruct;
  /** True while the app is being prepared (before the template is final). */
  readonly preparing: boolean;
  /** Path of the value in the document being resolved. */
  readonly documentPath: string[];
  /** Resolves a nested value in the same context. */
  resolve(x: unknown, options?: ResolveChangeContextOptions): unknown;
  /** Runs a function on the result of this token's resolution. */
  registerPostProcessor(postProcessor: IPostProcessor): void;
}

export interface ResolveChangeContextOptions {
  /** Whether empty objects and arrays are removed. @default true */
  readonly removeEmpty?: boolean;
}

/** A function applied to a value after it resolves. */
export interface IPostProcessor {
  postProcess(input: unknown, context: IResolveContext): unknown;
}

/** A value that can be resolved to a template value. */
export interface IResolvable {
  /** Where the token was made, for error messages. */
  readonly creationStack: string[];
  /** The type the token resolves to, when known. */
  readonly typeHint?: ResolutionTypeHint;
  /** Produces the value. It may return another token, which is resolved in turn. */
  resolve(context: IResolveContext): unknown;
  /** A string representation: the encoded token. */
  toString(): string;
}

/** Turns a token into its text form where one is needed (a string concatenated with tokens). */
export interface ITokenResolver {
  resolveToken(token: IResolvable, context: IResolveContext, postProcessor: IPostProcessor): unknown;
  resolveString(fragments: readonly unknown[], context: IResolveContext): unknown;
  resolveList(list: readonly string[], context: IResolveContext): unknown;
}

/** Is `x` a token object (as opposed to an encoded string, number or list)? */
export function isResolvableObject(x: unknown): x is IResolvable {
  return typeof x === 'object' && x !== null && typeof (x as { resolve?: unknown }).resolve === 'function';
}
