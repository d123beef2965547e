/** What an alarm notifies: anything that can give an ARN for CloudWatch to call. */
import type { Construct } from 'constructs';
import type { IAlarm } from './alarm-base.js';

/** A target of alarm actions (an SNS topic, a scaling policy...). */
export interface IAlarmAction {
  /**
   * Called once when the action is added to `alarm`; may create supporting constructs under
   * `scope`.
   */
  bind(scope: Construct, alarm: IAlarm): AlarmActionConfig;
}

/** What an action gives the alarm. */
export interface AlarmActionConfig {
  /** The ARN CloudWatch invokes. */
  readonly alarmActionArn: string;
}
