/**
 * A policy document: a list of statements that resolves to IAM JSON (`{Statement, Version}`) in
 * whatever template property holds it.
 */
import type { IConstruct } from 'constructs';
import { Token, UnscopedValidationError, type IResolvable, type IResolveContext } from '../core/index.js';
import { PolicyStatement, deriveEstimateSizeOptions, type ResourcePolicyValidationOptions } from './policy-statement.js';
import { mergeStatements } from './private/merge-statements.js';
import { PostProcessPolicyDocument } from './private/postprocess-policy-document.js';

/** The context key of the feature flag that merges combinable statements. */
const MINIMIZE_POLICIES_FLAG = '@aws-cdk/aws-iam:minimizePolicies';

/** Properties of a PolicyDocument. */
export interface PolicyDocumentProps {
  /** Give every statement a sid (its index) if it has none. @default false */
  readonly assignSids?: boolean;
  /** The initial statements. @default - none */
  readonly statements?: PolicyStatement[];
  /**
   * Merge statements that differ in only one of actions, resources or principals.
   * @default - the `@aws-cdk/aws-iam:minimizePolicies` feature flag, which is off unless set
   */
  readonly minimize?: boolean;
}

/** An IAM policy document. */
export class PolicyDocument implements IResolvable {
  /** A document from its JSON form. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed policy document is untyped JSON
  public static fromJson(obj: any): PolicyDocument {
    const doc = new PolicyDocument();
    const statement = obj.Statement ?? [];
    if (statement && !Array.isArray(statement)) {
      throw new UnscopedValidationError('StatementMustBeArray', 'Statement must be an array');
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON statements
    doc.addStatements(...obj.Statement.map((s: any) => PolicyStatement.fromJson(s)));
    return doc;
  }

  public readonly creationStack: string[] = [];
  private readonly statements = new Array<PolicyStatement>();
  private readonly autoAssignSids: boolean;
  private readonly minimize?: boolean;

  constructor(props: PolicyDocumentProps = {}) {
    this.autoAssignSids = !!props.assignSids;
    this.minimize = props.minimize;
    this.addStatements(...props.statements || []);
  }

  /** The document as IAM JSON; freezes its statements. */
  public resolve(context: IResolveContext): unknown {
    this.freezeStatements();
    this._maybeMergeStatements(context.scope);
    context.registerPostProcessor(new PostProcessPolicyDocument(this.autoAssignSids, this.shouldMerge(context.scope)));
    return this.render();
  }

  /** Whether the document has no statements. */
  public get isEmpty(): boolean {
    return this.statements.length === 0;
  }

  /** The number of statements (before any merging). */
  public get statementCount(): number {
    return this.statements.length;
  }

  public addStatements(...statement: PolicyStatement[]): void {
    this.statements.push(...statement);
  }

  public toString(): string {
    return Token.asString(this, { displayHint: 'PolicyDocument' });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- IAM JSON is free-form
  public toJSON(): any {
    return this.render();
  }

  public validateForAnyPolicy(): string[] {
    return this.statements.flatMap((s) => s.validateForAnyPolicy());
  }

  public validateForResourcePolicy(options?: ResourcePolicyValidationOptions): string[] {
    return this.statements.flatMap((s) => s.validateForResourcePolicy(options));
  }

  public validateForTrustPolicy(): string[] {
    return this.statements.flatMap((s) => s.validateForTrustPolicy());
  }

  public validateForIdentityPolicy(): string[] {
    return this.statements.flatMap((s) => s.validateForIdentityPolicy());
  }

  /** Merges combinable statements when minimisation is on. @internal */
  public _maybeMergeStatements(scope: IConstruct): void {
    if (this.shouldMerge(scope)) {
      const result = mergeStatements(this.statements, { scope });
      this.statements.splice(0, this.statements.length, ...result.mergedStatements);
    }
  }

  /**
   * Merges equal statements (or combinable ones, when minimising), and moves statements beyond
   * `selfMaximumSize` into new documents of at most `splitMaximumSize`. Returns each document with
   * the original statements it holds. @internal
   */
  public _splitDocument(scope: IConstruct, selfMaximumSize: number, splitMaximumSize: number): Map<PolicyDocument, PolicyStatement[]> {
    this.freezeStatements();
    const result = mergeStatements(this.statements, { scope, limitSize: true, mergeIfCombinable: this.shouldMerge(scope) });
    this.statements.splice(0, this.statements.length, ...result.mergedStatements);
    const origins = result.originsMap;

    const sizeOptions = deriveEstimateSizeOptions(scope);
    const sizes = new Map(this.statements.map((s) => [s, s._estimateSize(sizeOptions)]));
    const newDocs: PolicyDocument[] = [];
    const docSizes = new Map<PolicyDocument, number>();
    const findDocWithSpace = (size: number): PolicyDocument => {
      const found = newDocs.find((d) => (docSizes.get(d) ?? 0) + size <= splitMaximumSize);
      if (found) return found;
      const doc = new PolicyDocument({ assignSids: this.autoAssignSids, minimize: this.minimize });
      newDocs.push(doc);
      return doc;
    };

    let selfSize = 0;
    let i = 0;
    while (i < this.statements.length) {
      const statement = this.statements[i];
      const size = sizes.get(statement) ?? 0;
      if (selfSize + size < selfMaximumSize) {
        selfSize += size;
        i++;
        continue;
      }
      const target = findDocWithSpace(size);
      target.addStatements(statement);
      docSizes.set(target, (docSizes.get(target) ?? 0) + size);
      this.statements.splice(i, 1);
    }

    const out = new Map<PolicyDocument, PolicyStatement[]>();
    out.set(this, this.statements.flatMap((s) => origins.get(s) ?? [s]));
    for (const doc of newDocs) out.set(doc, doc.statements.flatMap((s) => origins.get(s) ?? [s]));
    return out;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- IAM JSON is free-form
  private render(): any {
    if (this.isEmpty) return undefined;
    return { Statement: this.statements.map((s) => s.toStatementJson()), Version: '2012-10-17' };
  }

  private shouldMerge(scope: IConstruct): boolean {
    const flag = scope.node.tryGetContext(MINIMIZE_POLICIES_FLAG) as unknown;
    return this.minimize ?? (flag === true || flag === 'true');
  }

  private freezeStatements(): void {
    for (const statement of this.statements) statement.freeze();
  }
}
