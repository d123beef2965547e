/** An entry of the template's `Outputs` section. */
import type { Construct } from 'constructs';
import { CfnElement } from './cfn-element.js';
import type { CfnCondition } from './cfn-condition.js';
import { ValidationError } from './errors.js';
import { Fn } from './fn.js';

export interface CfnOutputProps {
  /** The value of the output. */
  readonly value: string;
  /** A description of the output. @default - none */
  readonly description?: string;
  /** Export the output under this name for other stacks. @default - not exported */
  readonly exportName?: string;
  /** Only create the output when this condition holds. @default - always */
  readonly condition?: CfnCondition;
  /** The output's logical ID, instead of one derived from the construct id. @default - derived */
  readonly key?: string;
}

export class CfnOutput extends CfnElement {
  private _value: string;
  private _description?: string;
  private _exportName?: string;
  private _condition?: CfnCondition;

  constructor(scope: Construct, id: string, props: CfnOutputProps) {
    super(scope, id);
    if (props.value === undefined) {
      throw new ValidationError('MissingValueCfnOutput', `Missing value for CloudFormation output at path "${this.node.path}"`, this);
    }
    if (typeof props.value !== 'string' && typeof props.value !== 'number' && typeof props.value !== 'object') {
      throw new ValidationError('OutputValueMustBeString', `The value of CfnOutput "${this.node.path}" must be a string`, this);
    }
    this._value = props.value;
    this._description = props.description;
    this._exportName = props.exportName;
    this._condition = props.condition;
    if (props.key) this.overrideLogicalId(props.key);
  }

  public get value(): string { return this._value; }
  public set value(v: string) { this._value = v; }
  public get description(): string | undefined { return this._description; }
  public set description(v: string | undefined) { this._description = v; }
  public get condition(): CfnCondition | undefined { return this._condition; }
  public set condition(v: CfnCondition | undefined) { this._condition = v; }
  public get exportName(): string | undefined { return this._exportName; }
  public set exportName(v: string | undefined) { this._exportName = v; }

  /** `Fn::ImportValue` of this output's export, for use in another stack. */
  public get importValue(): string {
    if (!this._exportName) {
      throw new ValidationError('ExportNameImportValue', 'Add an exportName to the CfnOutput at \'' + this.node.path + '\' in order to use \'output.importValue\'', this);
    }
    return Fn.importValue(this._exportName);
  }

  /** @internal */
  public _toCloudFormation(): object {
    return {
      Outputs: {
        [this.logicalId]: {
          Description: this._description,
          Value: this._value,
          Export: this._exportName !== undefined ? { Name: this._exportName } : undefined,
          Condition: this._condition?.logicalId,
        },
      },
    };
  }
}
