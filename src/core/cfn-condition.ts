/** Template conditions and the expressions they are made of. */
import type { Construct } from 'constructs';
import { CfnElement } from './cfn-element.js';
import type { IResolvable, IResolveContext } from './resolvable.js';

/** An expression usable as a condition (`Fn::Equals`, `Fn::And`, a `{ Condition }` reference, …). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a named type of aws-cdk-lib's public API
export interface ICfnConditionExpression extends IResolvable {}
/** An expression usable in a rule assertion. */
export interface ICfnRuleConditionExpression extends ICfnConditionExpression {
  /** Marks the type; never read. */
  readonly disambiguator: boolean;
}

export interface CfnConditionProps {
  /** The expression the condition evaluates. @default - none: set `expression` later */
  readonly expression?: ICfnConditionExpression;
}

/** An entry of the template's `Conditions` section. */
export class CfnCondition extends CfnElement implements ICfnConditionExpression, IResolvable {
  public expression?: ICfnConditionExpression;

  constructor(scope: Construct, id: string, props: CfnConditionProps = {}) {
    super(scope, id);
    this.expression = props.expression;
  }

  /** @internal */
  public _toCloudFormation(): object {
    if (!this.expression) return {};
    return { Conditions: { [this.logicalId]: this.expression } };
  }

  /** A condition used inside another expression is `{ Condition: logicalId }`. */
  public resolve(_context: IResolveContext): unknown {
    return { Condition: this.logicalId };
  }
}
