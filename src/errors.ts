/**
 * Coded errors: every failure Guichet reports carries a code a program can test and a message a
 * person can act on. Expected failures are returned as values; these are thrown for the others.
 */
export const ErrorCode = {
  PolicyInvalid: 'guichet_policy_invalid',
  PolicyUnreadable: 'guichet_policy_unreadable',
  StoreFailed: 'guichet_store_failed',
  InvalidInput: 'guichet_invalid_input',
  NotFound: 'guichet_not_found',
  Unknown: 'guichet_unknown',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class GuichetError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GuichetError';
    this.code = code;
  }
}
