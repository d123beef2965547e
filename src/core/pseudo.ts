/** CloudFormation's pseudo parameters as string tokens. */
import { Intrinsic, Token } from './token.js';

function pseudo(name: string): string {
  return Token.asString(new Intrinsic({ Ref: name }, { stackTrace: false }), { displayHint: name.replace('::', '.') });
}

export class Aws {
  public static readonly ACCOUNT_ID = pseudo('AWS::AccountId');
  public static readonly URL_SUFFIX = pseudo('AWS::URLSuffix');
  public static readonly NOTIFICATION_ARNS = Token.asList(new Intrinsic({ Ref: 'AWS::NotificationARNs' }, { stackTrace: false }));
  public static readonly PARTITION = pseudo('AWS::Partition');
  public static readonly REGION = pseudo('AWS::Region');
  public static readonly STACK_ID = pseudo('AWS::StackId');
  public static readonly STACK_NAME = pseudo('AWS::StackName');
  public static readonly NO_VALUE = pseudo('AWS::NoValue');

  private constructor() {}
}
