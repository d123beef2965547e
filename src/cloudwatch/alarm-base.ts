/** What every alarm (created or imported) offers: its name and ARN, actions, and an alarm rule. */
import { Resource, type IResource } from '../core/index.js';
import type { IAlarmAction } from './alarm-action.js';
import type { AlarmReference, IAlarmRef } from './cfn-alarm.js';

/** Something that can be part of a composite alarm's rule. */
export interface IAlarmRule {
  /** The rule as the text of a composite alarm's `AlarmRule`. */
  renderAlarmRule(): string;
}

/** A CloudWatch alarm. */
export interface IAlarm extends IAlarmRule, IResource, IAlarmRef {
  /**
   * The alarm's ARN (`arn:aws:cloudwatch:<region>:<account>:alarm:<name>`).
   *
   * @attribute
   */
  readonly alarmArn: string;

  /**
   * The alarm's name.
   *
   * @attribute
   */
  readonly alarmName: string;
}

/** The base of `Alarm` and of imported alarms: action lists and the alarm rule. */
export abstract class AlarmBase extends Resource implements IAlarm {
  /** @attribute */
  public abstract readonly alarmArn: string;
  public abstract readonly alarmName: string;

  /** @internal */
  protected readonly _alarmActionArns: string[] = [];
  /** @internal */
  protected readonly _insufficientDataActionArns: string[] = [];
  /** @internal */
  protected readonly _okActionArns: string[] = [];

  /** The ARNs notified on ALARM, or undefined when there are none. */
  protected get alarmActionArns(): string[] | undefined {
    return nonEmpty(this._alarmActionArns);
  }

  protected set alarmActionArns(value: string[] | undefined) {
    this._alarmActionArns.splice(0, this._alarmActionArns.length, ...(value ?? []));
  }

  /** The ARNs notified on INSUFFICIENT_DATA, or undefined when there are none. */
  protected get insufficientDataActionArns(): string[] | undefined {
    return nonEmpty(this._insufficientDataActionArns);
  }

  protected set insufficientDataActionArns(value: string[] | undefined) {
    this._insufficientDataActionArns.splice(0, this._insufficientDataActionArns.length, ...(value ?? []));
  }

  /** The ARNs notified on OK, or undefined when there are none. */
  protected get okActionArns(): string[] | undefined {
    return nonEmpty(this._okActionArns);
  }

  protected set okActionArns(value: string[] | undefined) {
    this._okActionArns.splice(0, this._okActionArns.length, ...(value ?? []));
  }

  /** A reference to this alarm. */
  public get alarmRef(): AlarmReference {
    return { alarmName: this.alarmName, alarmArn: this.alarmArn };
  }

  /** The rule "this alarm is in ALARM state", for composite alarms. */
  public renderAlarmRule(): string {
    return `ALARM("${this.alarmArn}")`;
  }

  /** Runs these actions when the alarm goes into ALARM state (typically SNS topics). */
  public addAlarmAction(...actions: IAlarmAction[]): void {
    this._alarmActionArns.push(...actions.map((a) => a.bind(this, this).alarmActionArn));
  }

  /** Runs these actions when there is not enough data to evaluate the alarm. */
  public addInsufficientDataAction(...actions: IAlarmAction[]): void {
    this._insufficientDataActionArns.push(...actions.map((a) => a.bind(this, this).alarmActionArn));
  }

  /** Runs these actions when the alarm goes back from ALARM to OK. */
  public addOkAction(...actions: IAlarmAction[]): void {
    this._okActionArns.push(...actions.map((a) => a.bind(this, this).alarmActionArn));
  }
}

function nonEmpty(list: string[]): string[] | undefined {
  return list.length > 0 ? [...list] : undefined;
}
