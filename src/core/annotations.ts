/**
 * Messages attached to constructs: warnings, errors and infos are recorded in the cloud assembly
 * and printed at synthesis; deprecations print a warning when the deprecated API is used.
 */
import type { IConstruct } from 'constructs';

export const ANNOTATION_TYPES = {
  info: 'aws:cdk:info',
  warning: 'aws:cdk:warning',
  error: 'aws:cdk:error',
} as const;

export class Annotations {
  public static of(scope: IConstruct): Annotations {
    return new Annotations(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  /** A warning with an id the user can acknowledge. */
  public addWarningV2(id: string, message: string): void {
    if (this.acknowledged().includes(id)) return;
    this.add(ANNOTATION_TYPES.warning, `${message} [ack: ${id}]`);
  }

  public addWarning(message: string): void {
    this.add(ANNOTATION_TYPES.warning, message);
  }

  /** Silences a warning added with addWarningV2 on this scope and below. */
  public acknowledgeWarning(id: string, _message?: string): void {
    const list = this.acknowledged();
    if (!list.includes(id)) this.scope.node.addMetadata('aws:cdk:acknowledge', id);
  }

  public addInfo(message: string): void {
    this.add(ANNOTATION_TYPES.info, message);
  }

  /** An error: synthesis of the app fails. */
  public addError(message: string): void {
    this.add(ANNOTATION_TYPES.error, message);
  }

  /** Records that a deprecated API was used, and prints a warning. */
  public addDeprecation(api: string, message: string): void {
    const text = `The API ${api} is deprecated: ${message}. This API will be removed in the next major release`;
    this.add(ANNOTATION_TYPES.warning, text);
    printDeprecation(api, message);
  }

  private add(type: string, message: string): void {
    this.scope.node.addMetadata(type, message);
  }

  private acknowledged(): string[] {
    const out: string[] = [];
    for (const s of this.scope.node.scopes) {
      for (const m of s.node.metadata) if (m.type === 'aws:cdk:acknowledge') out.push(String(m.data));
    }
    return out;
  }
}

const printedDeprecations = new Set<string>();

/**
 * Prints the deprecation warning of a deprecated member in the words aws-cdk-lib uses, once per
 * member per process (as aws-cdk-lib does), so users see the same message in both.
 * `JSII_DEPRECATED=quiet` silences it and `fail` makes it throw, as in aws-cdk-lib.
 */
export function printDeprecation(api: string, advice: string): void {
  const mode = process.env.JSII_DEPRECATED;
  if (mode === 'quiet') return;
  const text = `${api} is deprecated, and will be removed in the next major release.\n  ${advice}`;
  if (mode === 'fail') throw new Error(text);
  if (printedDeprecations.has(api)) return;
  printedDeprecations.add(api);
  console.warn(`[WARNING] ${text}`);
}
