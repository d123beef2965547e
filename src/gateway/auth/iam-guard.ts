/**
 * What the gateway does with IAM's answer, by mode:
 * - `enforce`: a request AWS would refuse is refused, with AWS's status and message;
 * - `warn`: everything is allowed, and each request AWS would refuse logs one warning line saying
 *   why and which grant it needs, so missing grants show up before deploying;
 * - `off`: nothing is checked (requests need not be signed).
 */
import { AUTH_ERRORS, type AuthFailure } from './auth-errors.js';
import type { Principal } from './credential-store.js';
import type { AuthorizationRequest, AuthorizationResult, RequestAuthorizer } from './request-authorizer.js';

/** Who made an allowed call, when the request was verified (not in `off` mode, nor when `warn` let a refusal through). */
export interface VerifiedCaller {
  readonly principal: Principal;
  readonly accessKeyId: string;
}

/** The guard's answer: go on (with the verified caller, when known), or the refusal to send. */
export type GuardResult =
  | { readonly allowed: true; readonly caller?: VerifiedCaller }
  | { readonly allowed: false; readonly failure: AuthFailure };

export type IamMode = 'enforce' | 'warn' | 'off';

export const IAM_MODES: readonly IamMode[] = ['enforce', 'warn', 'off'];

export class IamGuard {
  constructor(
    public readonly mode: IamMode,
    private readonly authorizer: RequestAuthorizer,
    private readonly warn: (message: string) => void,
  ) {}

  /**
   * Checks that the request is signed by credentials allowed to do `action` on `resource`; resolves
   * with the refusal to send, or undefined when the request may go on. `what` names the call in
   * warnings (for example `PostToConnection`).
   */
  public async check(request: AuthorizationRequest, action: string, resource: string, what: string): Promise<AuthFailure | undefined> {
    const result = await this.authorize(request, action, resource, what);
    return result.allowed ? undefined : result.failure;
  }

  /** As {@link check}, also naming the verified caller of an allowed request. */
  public async authorize(request: AuthorizationRequest, action: string, resource: string, what: string): Promise<GuardResult> {
    if (this.mode === 'off') return { allowed: true };
    const result = await this.authorizer.authorize(request, action, resource);
    if (result.allowed) return { allowed: true, caller: { principal: result.principal, accessKeyId: result.accessKeyId } };
    if (this.mode === 'warn') {
      this.warn(warning(result, what));
      return { allowed: true };
    }
    return { allowed: false, failure: { code: result.code, status: result.status, errorType: result.errorType, message: result.message } };
  }
}

/** The warn-mode line: what AWS would answer, and the grant that would change it. */
function warning(result: Extract<AuthorizationResult, { allowed: false }>, what: string): string {
  const head = `[wsgate] iam warn: AWS would refuse ${what} with ${result.status} ${result.errorType}: ${result.message}`;
  if (!result.principal || !result.requiredGrant) return head;
  const { action, resource } = result.requiredGrant;
  const who = result.principal.roleKey ? `role ${result.principal.roleKey}` : result.principal.arn;
  const fix = result.deniedBy
    ? `remove the explicit Deny of ${result.deniedBy.source}`
    : `grant ${action} on ${resource} to ${who}${action === 'execute-api:ManageConnections' ? ' (webSocketApi.grantManageConnections(fn) or stage.grantManagementApiAccess(fn))' : ''}`;
  const incomplete = result.principal.unreadable.length > 0 ? `; wsgate could not read: ${result.principal.unreadable.join(', ')}` : '';
  return `${head}; ${fix}${incomplete}`;
}

/**
 * The error type a refusal carries on the management API: its model declares ForbiddenException for
 * 403, so every 403 carries it (callers' `instanceof ForbiddenException` holds), except an expired
 * signature, which keeps `InvalidSignatureException`: that name is what makes the AWS SDK correct
 * its clock from the response's Date header and retry, as it does against AWS.
 */
export function asManagementFailure(failure: AuthFailure): AuthFailure {
  if (failure.status !== 403 || failure.code === AUTH_ERRORS.SIGNATURE_EXPIRED.code) return failure;
  return { ...failure, errorType: AUTH_ERRORS.ACCESS_DENIED.errorType };
}
