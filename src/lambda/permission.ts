/** A statement to add to a function's resource policy (`addPermission`). */
import type { Construct } from 'constructs';
import type { IPrincipal } from '../iam/index.js';

/** How a function URL authenticates callers. */
export enum FunctionUrlAuthType {
  /** Callers must sign requests with IAM credentials. */
  AWS_IAM = 'AWS_IAM',
  /** Anyone may call the URL. */
  NONE = 'NONE',
}

/** A permission on a function. */
export interface Permission {
  /** The action allowed. @default 'lambda:InvokeFunction' */
  readonly action?: string;
  /** An Alexa skill's event source token. @default - none */
  readonly eventSourceToken?: string;
  /**
   * Who is allowed: an account, a service, an ARN, or an organization principal (with
   * `aws:SourceArn`, `aws:SourceAccount` or `aws:PrincipalOrgID` conditions).
   */
  readonly principal: IPrincipal;
  /** Where the AWS::Lambda::Permission is created. @default - the function */
  readonly scope?: Construct;
  /** The account the invocation must come from. @default - any */
  readonly sourceAccount?: string;
  /** The ARN the invocation must come from. @default - any */
  readonly sourceArn?: string;
  /** The AWS Organization the principal must belong to. @default - any */
  readonly organizationId?: string;
  /** The auth type of the function URL this permission is for. @default - none */
  readonly functionUrlAuthType?: FunctionUrlAuthType;
  /** Restricts the permission to invocations through the function URL. @default - none */
  readonly invokedViaFunctionUrl?: boolean;
}
