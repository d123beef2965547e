/** `LogGroupGrants`: the permissions a log group can give (write, read, any actions). */
import { Arn, ArnFormat, Stack, Token } from '../core/index.js';
import { Grant, type IGrantable, type IResourceWithPolicyV2 } from '../iam/index.js';
import { CfnLogGroup, type ILogGroupRef } from './cfn-log-group.js';

/** Options of a grant (aws-cdk-lib's `PermissionsOptions`). */
export interface LogGroupPermissionsOptions {
  /** The ARNs the actions are granted on. @default - the log group's ARN, with and without `:*` */
  readonly resourceArns?: string[];
}

/**
 * Grants on a log group: in the grantee's policy, and in the log group's resource policy when
 * the grantee is not known to be in the log group's account.
 */
export class LogGroupGrants {
  /** The grants of `resource`. */
  public static fromLogGroup(resource: ILogGroupRef): LogGroupGrants {
    return new LogGroupGrants(resource, isResourceWithPolicy(resource) ? resource : undefined);
  }

  private constructor(
    protected readonly resource: ILogGroupRef,
    protected readonly policyResource?: IResourceWithPolicyV2,
  ) {}

  /** Gives `grantee` these actions on the log group. */
  public actions(grantee: IGrantable, actions: string[], options: LogGroupPermissionsOptions = {}): Grant {
    const resourceArns = options.resourceArns ?? [arnWithoutStreamSuffix(this.resource), CfnLogGroup.arnForLogGroup(this.resource)];
    return this.policyResource
      ? Grant.addToPrincipalOrResource({ actions, grantee, resourceArns, resource: this.policyResource })
      : Grant.addToPrincipal({ actions, grantee, resourceArns });
  }

  /** Gives `grantee` permission to create log streams and put log events. */
  public write(grantee: IGrantable): Grant {
    return this.actions(grantee, ['logs:CreateLogStream', 'logs:PutLogEvents'], {
      resourceArns: [CfnLogGroup.arnForLogGroup(this.resource)],
    });
  }

  /** Gives `grantee` permission to read log events and describe the log group and its streams. */
  public read(grantee: IGrantable): Grant {
    return this.actions(grantee, [
      'logs:FilterLogEvents',
      'logs:GetLogEvents',
      'logs:GetLogGroupFields',
      'logs:DescribeLogGroups',
      'logs:DescribeLogStreams',
    ]);
  }
}

function isResourceWithPolicy(x: unknown): x is IResourceWithPolicyV2 {
  return typeof (x as { addToResourcePolicy?: unknown }).addToResourcePolicy === 'function';
}

/** The log group's ARN without the `:*` that CloudFormation's `Arn` attribute ends in. */
function arnWithoutStreamSuffix(logGroup: ILogGroupRef): string {
  const arn = logGroup.logGroupRef.logGroupArn;
  if (!Token.isUnresolved(arn)) return arn.replace(/:\*$/, '');
  return Arn.format({
    service: 'logs',
    resource: 'log-group',
    resourceName: logGroup.logGroupRef.logGroupName,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    account: logGroup.env.account,
    region: logGroup.env.region,
  }, Stack.of(logGroup));
}
