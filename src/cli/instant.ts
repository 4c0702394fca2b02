import { DateTime } from 'luxon';

/**
 * A four-digit year, a date, a time and the UTC offset ("Z", "+01:00", "+0530", "+01"): without the
 * time, or without the offset, an instant would depend on the time zone of the machine running the
 * command; a signed, extended year (+275760) is past the dates a business calendar can walk.
 */
const WITH_TIME_AND_OFFSET = /^\d{4}[^T]*T\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * Reads an ISO-8601 instant written with its time and UTC offset, such as
 * "2026-11-20T17:30:00+01:00"; undefined for anything else ("2026-11-20", "2026-11-20T17:30").
 */
export function parseOffsetInstant(text: string): Date | undefined {
  if (!WITH_TIME_AND_OFFSET.test(text)) return undefined;
  const at = DateTime.fromISO(text, { setZone: true });
  return at.isValid ? at.toJSDate() : undefined;
}
