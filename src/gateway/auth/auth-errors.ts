/**
 * The authentication and authorization error catalogue: each refusal with its HTTP status and the
 * `x-amzn-ErrorType` API Gateway sends. Messages are API Gateway's where AWS's wording is known
 * (observed responses of execute-api endpoints); the few that are wsgate's own say so below.
 */

/** One kind of refusal. */
export interface AuthErrorKind {
  readonly code: string;
  readonly status: number;
  /** The `x-amzn-ErrorType` header (the SDK reads the error name from it). */
  readonly errorType: string;
}

/** A refusal of one request. */
export interface AuthFailure extends AuthErrorKind {
  readonly message: string;
}

export const AUTH_ERRORS = {
  /** No `Authorization` header and no `X-Amz-*` query parameters: "Missing Authentication Token". */
  MISSING_AUTHENTICATION_TOKEN: { code: 'WSGATE_ERR_AUTH_MISSING_TOKEN', status: 403, errorType: 'MissingAuthenticationTokenException' },
  /** The signature's parts are missing or malformed (Credential, SignedHeaders, Signature, date, expiry). */
  INCOMPLETE_SIGNATURE: { code: 'WSGATE_ERR_AUTH_INCOMPLETE_SIGNATURE', status: 403, errorType: 'IncompleteSignatureException' },
  /** The credential scope names another region, service or terminator, or another day than the request's date. */
  INVALID_SCOPE: { code: 'WSGATE_ERR_AUTH_INVALID_SCOPE', status: 403, errorType: 'InvalidSignatureException' },
  /** The request is dated outside the accepted window (clock skew, or X-Amz-Expires for presigned URLs). */
  SIGNATURE_EXPIRED: { code: 'WSGATE_ERR_AUTH_SIGNATURE_EXPIRED', status: 403, errorType: 'InvalidSignatureException' },
  /** The signature does not match the one computed with the secret of the access key. */
  SIGNATURE_MISMATCH: { code: 'WSGATE_ERR_AUTH_SIGNATURE_MISMATCH', status: 403, errorType: 'InvalidSignatureException' },
  /** Unknown access key id, or a session token that is missing, extra or not the issued one. */
  INVALID_SECURITY_TOKEN: { code: 'WSGATE_ERR_AUTH_INVALID_TOKEN', status: 403, errorType: 'UnrecognizedClientException' },
  /**
   * Authenticated, but no statement allows the action on the resource (or one denies it). The error
   * type is the management API's modeled `ForbiddenException`.
   */
  ACCESS_DENIED: { code: 'WSGATE_ERR_AUTH_ACCESS_DENIED', status: 403, errorType: 'ForbiddenException' },
} as const satisfies Record<string, AuthErrorKind>;

/** A refusal of the given kind. */
export function authFailure(kind: AuthErrorKind, message: string): AuthFailure {
  return { ...kind, message };
}

/** Messages of the catalogue. */
export const AUTH_MESSAGES = {
  MISSING_AUTHENTICATION_TOKEN: 'Missing Authentication Token',
  SIGNATURE_MISMATCH: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  INVALID_SECURITY_TOKEN: 'The security token included in the request is invalid.',
  HOST_NOT_SIGNED: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
} as const;

/** The HTTP response API Gateway gives for a refusal: the status, `x-amzn-ErrorType`, and `{"message": ...}`. */
export function authFailureResponse(failure: AuthFailure): { status: number; headers: Record<string, string>; body: string } {
  return {
    status: failure.status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': failure.errorType },
    body: JSON.stringify({ message: failure.message }),
  };
}
