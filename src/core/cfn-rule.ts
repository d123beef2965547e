/** An entry of the template's `Rules` section: assertions checked before a deployment. */
import type { Construct } from 'constructs';
import { CfnRefElement } from './cfn-element.js';
import type { ICfnConditionExpression } from './cfn-condition.js';

export interface CfnRuleAssertion {
  readonly assert: ICfnConditionExpression;
  readonly assertDescription: string;
}

export interface CfnRuleProps {
  /** When the rule applies. @default - always */
  readonly ruleCondition?: ICfnConditionExpression;
  readonly assertions?: CfnRuleAssertion[];
}

export class CfnRule extends CfnRefElement {
  private readonly ruleCondition?: ICfnConditionExpression;
  private readonly assertions: CfnRuleAssertion[];

  constructor(scope: Construct, id: string, props: CfnRuleProps = {}) {
    super(scope, id);
    this.ruleCondition = props.ruleCondition;
    this.assertions = [...(props.assertions ?? [])];
  }

  public addAssertion(condition: ICfnConditionExpression, description: string): void {
    this.assertions.push({ assert: condition, assertDescription: description });
  }

  /** @internal */
  public _toCloudFormation(): object {
    return {
      Rules: {
        [this.logicalId]: {
          RuleCondition: this.ruleCondition,
          Assertions: this.assertions.length > 0
            ? this.assertions.map((a) => ({ Assert: a.assert, AssertDescription: a.assertDescription }))
            : undefined,
        },
      },
    };
  }
}
