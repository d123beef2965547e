/**
 * The error catalogue of the gateway's local AWS surroundings (the DynamoDB table store, its IAM
 * proxy, the endpoint for services wsgate does not serve): what stops them from starting, and
 * what they answer handlers on their own, in the shape each AWS protocol uses so the SDK raises
 * an error of the right name with the message.
 */

/** The local surroundings could not start; the gateway does not start either. */
export class LocalAwsError extends Error {
  constructor(public readonly code: LocalAwsErrorCode, message: string) {
    super(message);
    this.name = 'LocalAwsError';
  }
}

export const LOCAL_AWS_ERROR_CODES = {
  /** dynalite (or the LevelDB binding it loads) cannot be loaded on this platform. */
  STORE_UNAVAILABLE: 'WSGATE_ERR_DYNAMODB_UNAVAILABLE',
  /** The directory of the kept tables is in use by another gateway, or unreadable. */
  STATE_IN_USE: 'WSGATE_ERR_DYNAMODB_STATE',
  /** The store refused to create a table of the template. */
  TABLE_SETUP: 'WSGATE_ERR_DYNAMODB_TABLE',
} as const;

export type LocalAwsErrorCode = (typeof LOCAL_AWS_ERROR_CODES)[keyof typeof LOCAL_AWS_ERROR_CODES];

/** One error DynamoDB's JSON protocol answers: HTTP 400 and `{"__type": ..., "message"|"Message": ...}`. */
export interface DynamoDbErrorKind {
  readonly status: number;
  /** The `__type`: the namespace, `#`, and the name the SDK gives the error. */
  readonly type: string;
  /** The member the message is in: DynamoDB writes `Message` for AccessDeniedException, `message` otherwise. */
  readonly messageField: 'message' | 'Message';
}

export const DYNAMODB_ERRORS = {
  /** No identity-based statement allows the action on the resource, or one denies it. */
  ACCESS_DENIED: { status: 400, type: 'com.amazon.coral.service#AccessDeniedException', messageField: 'Message' },
  /** An operation AWS has and the local store does not implement (wsgate's message names it). */
  UNKNOWN_OPERATION: { status: 400, type: 'com.amazon.coral.service#UnknownOperationException', messageField: 'message' },
  /** A request body over DynamoDB's 16 MB (wsgate's type and wording; dynalite answers 413 with no body). */
  REQUEST_TOO_LARGE: { status: 413, type: 'com.amazon.coral.service#RequestEntityTooLargeException', messageField: 'message' },
} as const satisfies Record<string, DynamoDbErrorKind>;

/** A DynamoDB error of a SigV4 refusal: the error type the verifier names (UnrecognizedClientException, …), in DynamoDB's namespace. */
export function signatureErrorKind(errorType: string): DynamoDbErrorKind {
  return { status: 400, type: `com.amazon.coral.service#${errorType}`, messageField: 'message' };
}

/** DynamoDB's wording when a request carries no signature at all. */
export const DYNAMODB_MISSING_TOKEN_MESSAGE = 'Request is missing Authentication Token';

/** The response of a DynamoDB error. */
export function dynamoDbErrorResponse(kind: DynamoDbErrorKind, message: string, requestId: string): { status: number; headers: Record<string, string>; body: string } {
  return {
    status: kind.status,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': requestId },
    body: JSON.stringify({ __type: kind.type, [kind.messageField]: message }),
  };
}

/**
 * The error the endpoint for unserved services answers every call with. 400 because the SDK's
 * standard retry strategy retries 5xx answers, and a call that cannot succeed should fail at once.
 */
export const UNSERVED_SERVICE_ERROR = { status: 400, code: 'WsgateUnservedServiceException' } as const;
