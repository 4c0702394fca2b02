import { DateTime } from 'luxon';
import { ErrorCode, GuichetError } from '../errors.js';
import type { CalendarPolicy } from '../policy/schema.js';
import { frenchPublicHolidays } from './holidays.js';
import { dayNumberOf, isoDateOf, type LocalDate, localDateOf, parseIsoDate, weekdayOf } from './local-date.js';
import type { Closure, ConsumedWindow, DeadlineTrace, SkippedDay } from './trace.js';

const DAY_MS = 86_400_000;
/** A calendar that stays closed this long cannot meet any target; stop instead of looping forever. */
const MAX_CLOSED_DAYS = 3660;
/** Enough for decades of distinct dates; past it the cache starts afresh rather than growing. */
const MAX_CACHED_DAYS = 50_000;

const WEEKDAY_KEYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const WEEKDAY_NAMES_FR = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'] as const;

/** One local day, resolved once to epoch milliseconds so the hot loop never touches a date library. */
interface Day {
  /** Day number (days since 1970-01-01, local calendar). */
  n: number;
  date: LocalDate;
  /** Local midnight that starts the day, and the next one, as epoch ms. */
  startMs: number;
  endMs: number;
  /** Opening windows as flat [start0, end0, start1, end1, …] epoch ms, in order. */
  windows: number[];
  closure: Closure | null;
}

/**
 * The helpdesk's business hours (policy `calendar`): opening windows per weekday in local wall-clock
 * time, French public holidays and extra closing days. Business time is real elapsed time inside
 * the windows; window edges are resolved in the policy time zone, so a DST change moves them with
 * the local clock (09:00 stays 09:00) and each window keeps its wall-clock length.
 */
export class BusinessCalendar {
  readonly timezone: string;
  private readonly policy: CalendarPolicy;
  private readonly closedDays: ReadonlySet<string>;
  private readonly days = new Map<number, Day>();
  private readonly holidaysByYear = new Map<number, Map<string, string>>();
  private lastDay: Day | undefined;

  constructor(policy: CalendarPolicy) {
    this.policy = policy;
    this.timezone = policy.timezone;
    this.closedDays = new Set(policy.closedDays);
    if (!DateTime.fromMillis(0, { zone: policy.timezone }).isValid) {
      throw new GuichetError(ErrorCode.PolicyInvalid, `calendar.timezone: unknown time zone "${policy.timezone}"`);
    }
    if (WEEKDAY_KEYS.every((key) => policy.week[key].length === 0)) {
      throw new GuichetError(
        ErrorCode.PolicyInvalid,
        'calendar.week: expected at least one opening window in the week, or no deadline could ever be met',
      );
    }
  }

  /** Whether the helpdesk is open at this instant (a window is open from its start, closed at its end). */
  isOpen(at: Date): boolean {
    const ms = instantMs(at);
    const windows = this.dayAt(ms).windows;
    for (let i = 0; i < windows.length; i += 2) {
      if (ms >= (windows[i] as number) && ms < (windows[i + 1] as number)) return true;
    }
    return false;
  }

  /** The instant itself when open, otherwise the start of the next opening window. */
  nextOpening(at: Date): Date {
    const ms = instantMs(at);
    let day = this.dayAt(ms);
    for (let closed = 0; closed <= MAX_CLOSED_DAYS; closed++) {
      const windows = day.windows;
      for (let i = 0; i < windows.length; i += 2) {
        const end = windows[i + 1] as number;
        if (ms < end) return new Date(Math.max(ms, windows[i] as number));
      }
      day = this.day(day.n + 1);
    }
    throw neverOpen(at);
  }

  /**
   * The earliest instant at which `seconds` of business time have elapsed since `start`
   * (docs/architecture.md, "The SLA contract"): a target that ends exactly at 12:30 is due at 12:30, not 14:00, and a start
   * outside business hours counts from the next opening. Zero seconds returns `start` unchanged.
   */
  addBusinessSeconds(start: Date, seconds: number): Date {
    return new Date(this.addBusinessMs(instantMs(start), businessMs(seconds)));
  }

  /**
   * Business time between two instants, in seconds (for the compliance report). Negative when `to`
   * is before `from`, so that between(a, b) = −between(b, a).
   */
  businessSecondsBetween(from: Date, to: Date): number {
    const a = instantMs(from);
    const b = instantMs(to);
    if (b < a) return -this.businessMsBetween(b, a) / 1000;
    return this.businessMsBetween(a, b) / 1000;
  }

  /** `addBusinessSeconds` with its account: the windows consumed and the days skipped, and why. */
  explainAdd(start: Date, seconds: number): DeadlineTrace {
    const startMs = instantMs(start);
    let remaining = businessMs(seconds);
    const windowsUsed: ConsumedWindow[] = [];
    const skipped: SkippedDay[] = [];
    let clockStartsAt = remaining === 0 ? startMs : undefined;
    let due = remaining === 0 ? startMs : undefined;
    let day = this.dayAt(startMs);
    for (let idle = 0; due === undefined; ) {
      let consumed = false;
      const windows = day.windows;
      for (let i = 0; i < windows.length && due === undefined; i += 2) {
        const end = windows[i + 1] as number;
        if (startMs >= end) continue;
        const from = Math.max(startMs, windows[i] as number);
        clockStartsAt ??= from;
        const used = Math.min(remaining, end - from);
        remaining -= used;
        consumed = true;
        windowsUsed.push({
          date: isoDateOf(day.date),
          from: this.format(from),
          to: this.format(from + used),
          seconds: used / 1000,
        });
        if (remaining === 0) due = from + used;
      }
      if (due !== undefined) break;
      if (!consumed) {
        skipped.push(this.skipOf(day));
        if (++idle > MAX_CLOSED_DAYS) throw neverOpen(start);
      } else {
        idle = 0;
      }
      day = this.day(day.n + 1);
    }
    return {
      start: this.format(startMs),
      clockStartsAt: this.format(clockStartsAt ?? due),
      businessSeconds: businessMs(seconds) / 1000,
      due: this.format(due),
      windows: windowsUsed,
      skipped,
    };
  }

  /** Why the whole local day ("2026-12-25") is closed, or null when it has opening windows. */
  closure(localIsoDate: string): Closure | null {
    const date = parseIsoDate(localIsoDate);
    if (!date) {
      throw new GuichetError(
        ErrorCode.InvalidInput,
        `expected a local date such as "2026-12-25", not "${localIsoDate}"`,
      );
    }
    return this.day(dayNumberOf(date)).closure;
  }

  /** ISO-8601 in the policy time zone with its offset, to the second: "2026-11-23T09:30:00+01:00". */
  format(at: Date | number): string {
    const ms = typeof at === 'number' ? at : instantMs(at);
    return DateTime.fromMillis(ms, { zone: this.timezone }).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
  }

  /**
   * `addBusinessSeconds` on epoch milliseconds: the hot loop of every deadline, walking cached days
   * without allocating.
   */
  addBusinessMs(startMs: number, amount: number): number {
    if (Number.isNaN(startMs) || !Number.isFinite(amount) || amount < 0) {
      throw new GuichetError(
        ErrorCode.InvalidInput,
        `expected a valid instant and a finite, non-negative amount of business time, not ${startMs} + ${amount} ms`,
      );
    }
    if (amount === 0) return startMs;
    let remaining = amount;
    let day = this.dayAt(startMs);
    for (let idle = 0; ; ) {
      const windows = day.windows;
      let consumed = false;
      for (let i = 0; i < windows.length; i += 2) {
        const end = windows[i + 1] as number;
        if (startMs >= end) continue;
        const from = Math.max(startMs, windows[i] as number);
        const available = end - from;
        if (remaining <= available) return from + remaining;
        remaining -= available;
        consumed = true;
      }
      if (consumed) idle = 0;
      else if (++idle > MAX_CLOSED_DAYS) throw neverOpen(new Date(startMs));
      day = this.day(day.n + 1);
    }
  }

  private businessMsBetween(a: number, b: number): number {
    let total = 0;
    for (let day = this.dayAt(a); day.startMs < b; day = this.day(day.n + 1)) {
      const windows = day.windows;
      for (let i = 0; i < windows.length; i += 2) {
        const from = Math.max(a, windows[i] as number);
        const to = Math.min(b, windows[i + 1] as number);
        if (to > from) total += to - from;
      }
    }
    return total;
  }

  private skipOf(day: Day): SkippedDay {
    const date = isoDateOf(day.date);
    if (!day.closure) return { date, reason: 'after_hours' };
    const { reason, name } = day.closure;
    return name === undefined ? { date, reason } : { date, reason, name };
  }

  /** The local day containing an instant. */
  private dayAt(ms: number): Day {
    const last = this.lastDay;
    if (last && ms >= last.startMs && ms < last.endMs) return last;
    // The UTC date is at most one day off the local one (offsets stay within ±14 h).
    let day = this.day(Math.floor(ms / DAY_MS));
    while (ms < day.startMs) day = this.day(day.n - 1);
    while (ms >= day.endMs) day = this.day(day.n + 1);
    this.lastDay = day;
    return day;
  }

  private day(n: number): Day {
    const cached = this.days.get(n);
    if (cached) return cached;
    if (this.days.size >= MAX_CACHED_DAYS) this.days.clear();
    const day = this.resolveDay(n);
    this.days.set(n, day);
    return day;
  }

  /** The only place luxon runs for business time: once per local date. */
  private resolveDay(n: number): Day {
    const date = localDateOf(n);
    const zone = this.timezone;
    const at = (d: LocalDate, minutes: number) =>
      DateTime.fromObject(
        { year: d.year, month: d.month, day: d.day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
        { zone },
      ).toMillis();
    const startMs = at(date, 0);
    const endMs = at(localDateOf(n + 1), 0);
    const closure = this.closureOf(n, date);
    const windows: number[] = [];
    if (!closure) {
      for (const window of this.policy.week[WEEKDAY_KEYS[weekdayOf(n)] ?? 'sunday']) {
        const from = at(date, window.start);
        const to = at(date, window.end);
        // A window edge in a DST gap moves forward with the local clock; drop what that empties.
        if (to > from) windows.push(from, to);
      }
    }
    return { n, date, startMs, endMs, windows, closure };
  }

  private closureOf(n: number, date: LocalDate): Closure | null {
    const iso = isoDateOf(date);
    const holiday = this.holidaysOf(date.year).get(iso);
    if (holiday !== undefined) return { reason: 'holiday', name: holiday };
    if (this.closedDays.has(iso)) return { reason: 'closed_day' };
    const weekday = weekdayOf(n);
    if (this.policy.week[WEEKDAY_KEYS[weekday] ?? 'sunday'].length === 0) {
      return { reason: 'weekend', name: WEEKDAY_NAMES_FR[weekday] ?? '' };
    }
    return null;
  }

  private holidaysOf(year: number): Map<string, string> {
    let holidays = this.holidaysByYear.get(year);
    if (!holidays) {
      holidays = frenchPublicHolidays(year, { whitMonday: this.policy.holidays.whitMonday });
      this.holidaysByYear.set(year, holidays);
    }
    return holidays;
  }
}

function instantMs(at: Date): number {
  const ms = at instanceof Date ? at.getTime() : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new GuichetError(ErrorCode.InvalidInput, 'expected a valid instant (a Date), got an invalid date');
  }
  return ms;
}

/** Business seconds as whole milliseconds: exact arithmetic, no drift from fractional hours. */
function businessMs(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new GuichetError(
      ErrorCode.InvalidInput,
      `expected a non-negative number of business seconds, not ${seconds}`,
    );
  }
  return Math.round(seconds * 1000);
}

function neverOpen(at: Date): GuichetError {
  return new GuichetError(
    ErrorCode.PolicyInvalid,
    `the business calendar stays closed for more than ${MAX_CLOSED_DAYS} days after ${at.toISOString()}: check calendar.week and calendar.closedDays`,
  );
}
