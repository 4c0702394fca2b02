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

/** How long a turn waits for the lock of its conversation before giving up, in milliseconds. */
export const CONVERSATION_LOCK_WAIT_MS = 10_000;

/** How long an inbound delivery's claim is remembered: platforms retry within minutes, a day is ample. */
export const INBOUND_KEPT_MS = 24 * 60 * 60 * 1000;

/** The error of a conversation whose lock another turn held for longer than the wait allowed. */
export function conversationLockTimeout(channel: string, conversationId: string, where: string): GuichetError {
  return new GuichetError(
    ErrorCode.StoreFailed,
    `waiting for the conversation ${channel}/${conversationId} in ${where} failed: another turn of it has held its lock for more than ${CONVERSATION_LOCK_WAIT_MS / 1000} s. Retry; if it lasts, look for a stuck instance.`,
  );
}

/**
 * How long the health probe's write waits for a lock held elsewhere, in milliseconds: within the
 * probe's 2 s budget, and far longer than any write of a turn holds it.
 */
export const HEALTH_WRITE_WAIT_MS = 1_000;
