/** An entry of the template's `Parameters` section, and its value as a token. */
import type { Construct } from 'constructs';
import { CfnElement } from './cfn-element.js';
import { CfnReference } from './cfn-reference.js';
import { Token } from './token.js';
import type { IResolvable } from './resolvable.js';
import { ValidationError } from './errors.js';

export interface CfnParameterProps {
  /** @default 'String' */
  readonly type?: string;
  readonly default?: unknown;
  readonly allowedPattern?: string;
  readonly allowedValues?: string[];
  readonly constraintDescription?: string;
  readonly description?: string;
  readonly maxLength?: number;
  readonly maxValue?: number;
  readonly minLength?: number;
  readonly minValue?: number;
  /** @default false */
  readonly noEcho?: boolean;
}

const NUMBER_TYPES = ['Number', 'List<Number>'];

export class CfnParameter extends CfnElement {
  public type: string;
  public default?: unknown;
  public allowedPattern?: string;
  public allowedValues?: string[];
  public constraintDescription?: string;
  public description?: string;
  public maxLength?: number;
  public maxValue?: number;
  public minLength?: number;
  public minValue?: number;
  public noEcho: boolean;

  constructor(scope: Construct, id: string, props: CfnParameterProps = {}) {
    super(scope, id);
    this.type = props.type ?? 'String';
    this.default = props.default;
    this.allowedPattern = props.allowedPattern;
    this.allowedValues = props.allowedValues;
    this.constraintDescription = props.constraintDescription;
    this.description = props.description;
    this.maxLength = props.maxLength;
    this.maxValue = props.maxValue;
    this.minLength = props.minLength;
    this.minValue = props.minValue;
    this.noEcho = props.noEcho ?? false;
  }

  /** The parameter's `Ref` as a token object. */
  public get value(): IResolvable {
    return CfnReference.for(this, 'Ref');
  }

  public get valueAsString(): string {
    if (!isStringType(this.type) && !isNumberType(this.type)) {
      throw new ValidationError('ParameterTypeNotString', `Parameter type (${this.type}) is not a string or number type`, this);
    }
    return Token.asString(this.value);
  }

  public get valueAsNumber(): number {
    if (!isNumberType(this.type)) {
      throw new ValidationError('ParameterTypeNotNumber', `Parameter type (${this.type}) is not a number type`, this);
    }
    return Token.asNumber(this.value);
  }

  public get valueAsList(): string[] {
    if (!this.type.startsWith('List<') && !this.type.startsWith('CommaDelimitedList')) {
      throw new ValidationError('ParameterTypeNotList', `Parameter type (${this.type}) is not a string list type`, this);
    }
    return Token.asList(this.value);
  }

  /** @internal */
  public _toCloudFormation(): object {
    return {
      Parameters: {
        [this.logicalId]: {
          Type: this.type,
          Default: this.default,
          AllowedPattern: this.allowedPattern,
          AllowedValues: this.allowedValues,
          ConstraintDescription: this.constraintDescription,
          Description: this.description,
          MaxLength: this.maxLength,
          MaxValue: this.maxValue,
          MinLength: this.minLength,
          MinValue: this.minValue,
          NoEcho: this.noEcho ? true : undefined,
        },
      },
    };
  }
}

function isNumberType(t: string): boolean {
  return NUMBER_TYPES.includes(t);
}

function isStringType(t: string): boolean {
  return !t.startsWith('List<') && !t.startsWith('CommaDelimitedList') && !NUMBER_TYPES.includes(t);
}
