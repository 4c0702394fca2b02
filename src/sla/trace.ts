/**
 * How a deadline was reached, in words a helpdesk agent can check against a calendar: the opening
 * windows its business time consumed and the days it skipped, with why. Instants are ISO-8601 in
 * the policy time zone, to the second.
 */

/** Why a day, or the rest of a day, gave no business time. */
export type SkipReason = 'weekend' | 'holiday' | 'closed_day' | 'after_hours';

/** Why a whole day is closed: no opening window that weekday, a public holiday, or a closing day. */
export interface Closure {
  reason: 'weekend' | 'holiday' | 'closed_day';
  /** The holiday's or the weekday's name, in French (e.g. "Lundi de Pâques", "samedi"). */
  name?: string;
}

/** One opening window, or the part of it, that the deadline consumed. */
export interface ConsumedWindow {
  /** Local date of the window, e.g. "2026-11-23". */
  date: string;
  from: string;
  to: string;
  /** Business seconds taken from this window. */
  seconds: number;
}

/** A day passed over without consuming business time. */
export interface SkippedDay {
  date: string;
  reason: SkipReason;
  name?: string;
}

/** The full account of one `addBusinessSeconds`. */
export interface DeadlineTrace {
  /** The instant the count was asked from (e.g. when the ticket was opened). */
  start: string;
  /** When the clock really started: the start itself, or the next opening when it fell outside hours. */
  clockStartsAt: string;
  /** The business time added, in seconds. */
  businessSeconds: number;
  /** The resulting instant: the earliest at which that business time has elapsed. */
  due: string;
  windows: ConsumedWindow[];
  skipped: SkippedDay[];
}
