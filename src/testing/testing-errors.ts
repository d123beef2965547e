/**
 * The errors of `wsgate/testing`: one class, told apart by `code`, so a test can
 * `assert.rejects(client.next(), { code: 'WSGATE_ERR_TEST_TIMEOUT' })`.
 */

/** The error codes of `wsgate/testing`. */
export const TESTING_ERRORS = {
  /** Nothing matching came before the timeout. */
  TIMEOUT: 'WSGATE_ERR_TEST_TIMEOUT',
  /** The connection closed while a wait was pending. */
  CLOSED: 'WSGATE_ERR_TEST_CLOSED',
  /** The gateway refused the handshake (`status` and `body` say how). */
  HANDSHAKE_REFUSED: 'WSGATE_ERR_TEST_HANDSHAKE_REFUSED',
  /** A message was not the JSON the test asked for. */
  NOT_JSON: 'WSGATE_ERR_TEST_NOT_JSON',
  /** The helper was used wrongly (an unknown stage, a stopped gateway). */
  USAGE: 'WSGATE_ERR_TEST_USAGE',
} as const;

export type TestingErrorCode = (typeof TESTING_ERRORS)[keyof typeof TESTING_ERRORS];

/** An error of `wsgate/testing`. */
export class TestingError extends Error {
  constructor(
    public readonly code: TestingErrorCode,
    message: string,
    /** For HANDSHAKE_REFUSED: the HTTP status and body the gateway answered. */
    public readonly status?: number,
    public readonly body?: string,
  ) {
    super(message);
    this.name = 'TestingError';
  }
}
