/**
 * Authenticates a SigV4-signed request against the credential store, then authorizes its
 * principal for one action on one resource. Used by the management API (`execute-api:ManageConnections`)
 * and by `$connect` routes with AWS_IAM authorization (`execute-api:Invoke`).
 *
 * Resource ARNs: AWS documents management API grants as
 * `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/POST/@connections/*`, and its denials name
 * the resource with the HTTP verb and the connection id (`.../{stage}/DELETE/@connections/{id}`).
 * {@link managementApiResourceArn} builds that form, with the connection id as the client meant it
 * (percent-decoded), so grants ending in `/*` (wsgate's and aws-cdk-lib's `grantManageConnections`,
 * `grantManagementApiAccess`) allow it. Route ARNs are `.../{stage}/{routeKey}` (§3: `$connect`, no verb).
 */
import type { ModelEnvironment, PolicyStatementModel } from '../../model/gateway-model.js';
import { AUTH_ERRORS, type AuthFailure } from './auth-errors.js';
import type { CredentialStore, Principal, StoredCredentials } from './credential-store.js';
import { evaluatePolicy } from './policy-evaluator.js';
import { SigV4Verifier, type SignedHttpRequest } from './sigv4-verifier.js';

type Environment = Pick<ModelEnvironment, 'region' | 'account' | 'partition'>;

export interface RequestAuthorizerOptions {
  readonly environment: Environment;
  readonly credentials: CredentialStore;
  /** @default () => new Date() */
  readonly clock?: () => Date;
  /** @default 300_000 (see SigV4VerifierOptions.maxClockSkewMs) */
  readonly maxClockSkewMs?: number;
}

/** A request to authorize, as received. */
export interface AuthorizationRequest extends SignedHttpRequest {
  /** The client's address, the `aws:SourceIp` condition key. */
  readonly sourceIp?: string;
}

/** The grant a refused principal would need, for a warn-mode log line. */
export interface RequiredGrant {
  readonly action: string;
  readonly resource: string;
}

export type AuthorizationResult =
  | { readonly allowed: true; readonly principal: Principal; readonly accessKeyId: string; readonly statement: PolicyStatementModel }
  | {
    readonly allowed: false;
    readonly status: number;
    readonly errorType: string;
    readonly code: string;
    readonly message: string;
    /** Set once the request is authenticated (the refusal is IAM's, not the signature's). */
    readonly principal?: Principal;
    /** Set when no statement allows the request or one denies it. */
    readonly requiredGrant?: RequiredGrant;
    /** The statement that denied the request explicitly. */
    readonly deniedBy?: PolicyStatementModel;
  };

/** SigV4 authentication plus IAM authorization for one gateway. */
export class RequestAuthorizer {
  private readonly verifier: SigV4Verifier<StoredCredentials>;

  constructor(private readonly options: RequestAuthorizerOptions) {
    this.verifier = new SigV4Verifier<StoredCredentials>({
      region: options.environment.region,
      service: 'execute-api',
      lookup: (accessKeyId) => options.credentials.lookup(accessKeyId),
      clock: options.clock,
      maxClockSkewMs: options.maxClockSkewMs,
    });
  }

  /** Whether the request is signed by known credentials whose principal may do `action` on `resourceArn`. */
  public async authorize(request: AuthorizationRequest, action: string, resourceArn: string): Promise<AuthorizationResult> {
    const verified = await this.verifier.verify(request);
    if (!verified.ok) return refused(verified.failure);
    const principal = verified.credentials.principal;
    const { account } = this.options.environment;
    const decision = evaluatePolicy(principal.statements, {
      action,
      resource: resourceArn,
      context: {
        'aws:SourceIp': request.sourceIp,
        'aws:PrincipalArn': principalArn(principal),
        'aws:PrincipalAccount': account,
      },
    });
    if (decision.effect === 'Allow') return { allowed: true, principal, accessKeyId: verified.accessKeyId, statement: decision.statement };
    const explicit = decision.effect === 'ExplicitDeny';
    return {
      ...refused({
        ...AUTH_ERRORS.ACCESS_DENIED,
        message: `User: ${principal.arn} is not authorized to perform: ${action} on resource: ${resourceArn}${explicit ? ' with an explicit deny' : ''}`,
      }),
      principal,
      requiredGrant: { action, resource: resourceArn },
      deniedBy: explicit ? decision.statement : undefined,
    };
  }
}

function refused(failure: AuthFailure): Extract<AuthorizationResult, { allowed: false }> {
  return { allowed: false, status: failure.status, errorType: failure.errorType, code: failure.code, message: failure.message };
}

/** `aws:PrincipalArn`: for an assumed role, the role's ARN (not the session's). */
export function principalArn(principal: Principal): string {
  const m = /^arn:([^:]+):sts::(\d+):assumed-role\/([^/]+)\/.*$/.exec(principal.arn);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : principal.arn;
}

/**
 * The resource of a management API call:
 * `arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/{VERB}/@connections/{connectionId}`.
 */
export function managementApiResourceArn(environment: Environment, call: { apiId: string; stage: string; method: string; connectionId: string }): string {
  const { partition, region, account } = environment;
  return `arn:${partition}:execute-api:${region}:${account}:${call.apiId}/${call.stage}/${call.method.toUpperCase()}/@connections/${call.connectionId}`;
}

/** The resource of a route: `arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/{routeKey}` (a `$connect` methodArn). */
export function routeResourceArn(environment: Environment, route: { apiId: string; stage: string; routeKey: string }): string {
  const { partition, region, account } = environment;
  return `arn:${partition}:execute-api:${region}:${account}:${route.apiId}/${route.stage}/${route.routeKey}`;
}
