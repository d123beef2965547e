/**
 * The base of everything that becomes part of a template: resources, outputs, parameters,
 * conditions and rules. Each element has a logical ID allocated by its stack at synthesis.
 */
import { Construct } from 'constructs';
import { Lazy } from './lazy.js';
import { Stack } from './stack.js';
import { CfnReference } from './cfn-reference.js';
import { Token } from './token.js';
import { ResolutionTypeHint } from './resolvable.js';
import { ValidationError } from './errors.js';

const CFN_ELEMENT = Symbol.for('wsgate/core.CfnElement');

export abstract class CfnElement extends Construct {
  /** True if `x` is a CfnElement (brand check, safe across library copies). */
  public static isCfnElement(x: unknown): x is CfnElement {
    return typeof x === 'object' && x !== null && CFN_ELEMENT in x;
  }

  /** The logical ID in the template; a token until the stack allocates it. */
  public readonly logicalId: string;
  /** The stack this element belongs to. */
  public readonly stack: Stack;
  /** Where the element was created. */
  public readonly creationStack: string[] = [];

  private logicalIdOverride?: string;
  private logicalIdLocked = false;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    Object.defineProperty(this, CFN_ELEMENT, { value: true });
    this.stack = Stack.of(this);
    this.logicalId = Lazy.uncachedString({ produce: () => this.synthesizeLogicalId() }, { displayHint: `${this.node.path}.LogicalID` });
  }

  /** Replaces the allocated logical ID. */
  public overrideLogicalId(newLogicalId: string): void {
    if (this.logicalIdLocked) {
      throw new ValidationError('LogicalIdLocked',
        `The logicalId for resource at path ${this.node.path} has been locked and cannot be overridden\n` +
        'Make sure you are calling "overrideLogicalId" before Stack.exportValue', this);
    }
    this.logicalIdOverride = newLogicalId;
  }

  /** Prevents further overrides (done when the ID has been exported). */
  public _lockLogicalId(): void {
    this.logicalIdLocked = true;
  }

  /** The construct path below the stack. */
  public get stackRelativePath(): string {
    return this.node.scopes.slice(this.node.scopes.indexOf(this.stack) + 1).map((c) => c.node.id).join('/');
  }

  /** The template fragment of this element, unresolved. @internal */
  public abstract _toCloudFormation(): object;

  private synthesizeLogicalId(): string {
    return this.logicalIdOverride ?? this.stack.getLogicalId(this);
  }
}

/** An element that can be referenced with `Ref`. */
export abstract class CfnRefElement extends CfnElement {
  /** `{ Ref }` of this element, as a string token. */
  public get ref(): string {
    return Token.asString(CfnReference.for(this, 'Ref', ResolutionTypeHint.STRING));
  }
}
