/**
 * The construct library's errors, with aws-cdk-lib's codes and messages: `error.name` is the code
 * and `String(error)` is `"<Code>: <message>"`. Errors are recognised by a brand, not `instanceof`,
 * so two copies of the library still agree.
 */
import type { IConstruct } from 'constructs';

const CONSTRUCT_ERROR = Symbol.for('wsgate/core.ConstructError');
const VALIDATION_ERROR = Symbol.for('wsgate/core.ValidationError');

abstract class ConstructError extends Error {
  readonly #time = new Date().toISOString();
  readonly #constructPath?: string;

  protected constructor(code: string, message: string, scope?: IConstruct) {
    super(message);
    Object.defineProperty(this, CONSTRUCT_ERROR, { value: true });
    this.name = code;
    this.#constructPath = scope?.node.path;
  }

  /** When the error was made. */
  public get time(): string { return this.#time; }
  /** Always 'error'. */
  public get level(): string { return 'error'; }
  /** The path of the construct the error is about, if any. */
  public get constructPath(): string | undefined { return this.#constructPath; }
  /** The kind of error. */
  public abstract get type(): string;
}

/** A rule about a construct's input was broken. */
export class ValidationError extends ConstructError {
  constructor(code: string, message: string, scope: IConstruct) {
    super(code, message, scope);
    Object.setPrototypeOf(this, ValidationError.prototype);
    Object.defineProperty(this, VALIDATION_ERROR, { value: true });
  }

  public get type(): string { return 'validation'; }
}

/** A rule about a value was broken, with no construct to name. */
export class UnscopedValidationError extends ConstructError {
  constructor(code: string, message: string) {
    super(code, message);
    Object.setPrototypeOf(this, UnscopedValidationError.prototype);
    Object.defineProperty(this, VALIDATION_ERROR, { value: true });
  }

  public get type(): string { return 'validation'; }
}

/** Recognises the library's errors. */
export class Errors {
  public static isConstructError(x: unknown): boolean {
    return x !== null && typeof x === 'object' && CONSTRUCT_ERROR in x;
  }

  public static isValidationError(x: unknown): boolean {
    return x !== null && typeof x === 'object' && VALIDATION_ERROR in x;
  }

  private constructor() {}
}
