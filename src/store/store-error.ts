import { ErrorCode, GuichetError } from '../errors.js';

/**
 * Wraps a database failure into a StoreFailed error whose message says what Guichet was doing,
 * why the database refused, and what to check. A GuichetError passes through unchanged.
 */
export function storeFailed(action: string, error: unknown, hint: string): GuichetError {
  if (error instanceof GuichetError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new GuichetError(ErrorCode.StoreFailed, `${action} failed: ${reason}. ${hint}`, { cause: error });
}

/** The error of a ticket number the store does not hold. */
export function unknownTicket(number: string): GuichetError {
  return new GuichetError(
    ErrorCode.NotFound,
    `no ticket numbered "${number}"; list the tickets with \`guichet tickets list\``,
  );
}
