/**
 * References to template elements: `{ Ref }` and `{ Fn::GetAtt }`. A reference knows its target, so a
 * use in another stack is caught instead of producing a dangling template.
 */
import { Stack } from './stack.js';
import type { IResolveContext } from './resolvable.js';
import { ResolutionTypeHint } from './resolvable.js';
import { Intrinsic } from './token.js';
import type { CfnElement } from './cfn-element.js';
import { ValidationError } from './errors.js';

/** A reference to an attribute of a template element. */
export class Reference extends Intrinsic {
  public readonly displayName: string;

  constructor(value: unknown, public readonly target: CfnElement, displayName: string, typeHint?: ResolutionTypeHint) {
    super(value, { stackTrace: false, typeHint });
    this.displayName = displayName;
  }

  public get displayHint(): string {
    return `${this.target.node.path}.${this.displayName}`;
  }
}

const CACHE = new WeakMap<CfnElement, Map<string, CfnReference>>();

/** A `Ref` or `Fn::GetAtt` of a CfnElement; one instance per element and attribute. */
export class CfnReference extends Reference {
  /** The reference to `attribute` of `target` (`'Ref'` for the Ref). */
  public static for(target: CfnElement, attribute: string, typeHint?: ResolutionTypeHint): CfnReference {
    let byAttr = CACHE.get(target);
    if (!byAttr) {
      byAttr = new Map();
      CACHE.set(target, byAttr);
    }
    let ref = byAttr.get(attribute);
    if (!ref) {
      const value = attribute === 'Ref'
        ? { Ref: target.logicalId }
        : { 'Fn::GetAtt': [target.logicalId, attribute] };
      ref = new CfnReference(value, target, attribute, typeHint);
      byAttr.set(attribute, ref);
    }
    return ref;
  }

  public override resolve(context: IResolveContext): unknown {
    const consumer = Stack.of(context.scope);
    if (consumer !== this.target.stack) {
      throw new ValidationError('CrossStackReferenceUnsupported',
        `'${this.target.node.path}' (in stack '${this.target.stack.stackName}') is referenced from stack '${consumer.stackName}'; ` +
        'wsgate does not create cross-stack exports yet: pass the value through a CfnOutput and Fn.importValue.', context.scope);
    }
    return super.resolve(context);
  }
}
