import { DateTime } from 'luxon';
import { ErrorCode, GuichetError } from '../errors.js';

/** The time zone of the ticket numbers' day, as the helpdesk's tool (Autotask) numbers them. */
export const DEFAULT_TICKET_TIMEZONE = 'Europe/Paris';

/**
 * Normalizes an ISO-8601 instant to the UTC form `toISOString()` writes, so every store keeps
 * instants in one shape that sorts as text. An unreadable instant throws an InvalidInput error.
 */
export function toUtcIso(instant: string | Date, field: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) {
    throw new GuichetError(
      ErrorCode.InvalidInput,
      `${field} expects an ISO-8601 instant such as 2026-11-22T09:15:00+01:00, not "${String(instant)}"`,
    );
  }
  return date.toISOString();
}

/** Every UTC offset in use is a multiple of 15 minutes, so the local day is constant within such a slice. */
const SLICE_MS = 15 * 60_000;
let lastDay = { timezone: '', slice: Number.NaN, day: '' };

/** The creation day of a ticket, `yyyyMMdd` in the helpdesk's time zone. */
export function ticketDay(createdAt: string, timezone: string = DEFAULT_TICKET_TIMEZONE): string {
  const ms = Date.parse(createdAt);
  const slice = Math.floor(ms / SLICE_MS);
  // Tickets come in bursts on the same day: remember the last answer, time-zone arithmetic is slow.
  if (slice === lastDay.slice && timezone === lastDay.timezone) return lastDay.day;
  const day = DateTime.fromMillis(ms, { zone: timezone }).toFormat('yyyyMMdd');
  lastDay = { timezone, slice, day };
  return day;
}

/**
 * The ticket number in the Autotask style of the phone procedure (seed 004): "T", the creation
 * day, ".", and the day's sequence on four digits, e.g. T20261122.0001.
 */
export function formatTicketNumber(day: string, sequence: number): string {
  return `T${day}.${String(sequence).padStart(4, '0')}`;
}
