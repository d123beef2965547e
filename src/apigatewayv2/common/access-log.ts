/** Where a stage writes its access logs. */
import type { IStage } from './stage.js';

/** A destination for access logs. */
export interface IAccessLogDestination {
  /** Binds the destination to a stage. */
  bind(stage: IStage): AccessLogDestinationConfig;
}

/** What a destination gives the stage. */
export interface AccessLogDestinationConfig {
  /** The ARN of the destination. */
  readonly destinationArn: string;
}

/** The parts of a log group an access-log destination needs. */
export interface ILogGroupRef {
  readonly logGroupArn?: string;
  readonly logGroupRef?: { readonly logGroupArn: string };
}

/** Access logs to a CloudWatch Logs log group. */
export class LogGroupLogDestination implements IAccessLogDestination {
  constructor(private readonly logGroup: ILogGroupRef) {}

  public bind(_stage: IStage): AccessLogDestinationConfig {
    const arn = this.logGroup.logGroupRef?.logGroupArn ?? this.logGroup.logGroupArn;
    if (arn === undefined) throw new Error('LogGroupLogDestination needs a log group with a logGroupArn');
    return { destinationArn: arn };
  }
}
