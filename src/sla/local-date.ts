/**
 * Calendar dates as whole day numbers (days since 1970-01-01 in the local calendar), so the SLA
 * engine walks from one business day to the next with integer arithmetic instead of a date library.
 */

/** A calendar date without a time zone. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** Day number of a calendar date (1970-01-01 is 0), proleptic Gregorian calendar. */
export function dayNumberOf({ year, month, day }: LocalDate): number {
  // "days_from_civil" (H. Hinnant): exact for every Gregorian date, no Date object involved.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Calendar date of a day number; the inverse of `dayNumberOf`. */
export function localDateOf(dayNumber: number): LocalDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Day of the week of a day number: 0 is Sunday, 6 is Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "2026-11-23" for a calendar date. */
export function isoDateOf({ year, month, day }: LocalDate): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Parses "2026-11-23" into a calendar date, or undefined when it is not a real date. */
export function parseIsoDate(text: string): LocalDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const roundTrip = localDateOf(dayNumberOf(date));
  return roundTrip.month === date.month && roundTrip.day === date.day ? date : undefined;
}
