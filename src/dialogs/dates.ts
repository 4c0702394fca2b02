import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import type { Language } from '../domain.js';
import type { CalendarPolicy, OpeningWindow } from '../policy/schema.js';

/** What stands between the day and the time in an instant `formatInstant` writes. */
export const DAY_TIME_SEPARATOR: Readonly<Record<Language, string>> = { fr: ' à ', en: ' at ' };

/**
 * Dates as a person says them, and dates a person says. Deadlines are announced in the
 * helpdesk's time zone ("lundi 23 novembre à 9 h 30"); the date agreed for a basse request
 * (seed 000: "Pour toute demande de priorité BASSE une date doit être définie avec le client")
 * is read from French or English with chrono-node.
 */

/** "9 h 30", "14 h" in French; "9:30 am", "2:00 pm" in English. */
export function formatTime(hour: number, minute: number, language: Language): string {
  if (language === 'en') {
    const h12 = hour % 12 === 0 ? 12 : hour % 12;
    return `${h12}:${String(minute).padStart(2, '0')} ${hour < 12 ? 'am' : 'pm'}`;
  }
  return minute === 0 ? `${hour} h` : `${hour} h ${String(minute).padStart(2, '0')}`;
}

const WEEKDAYS: Record<Language, string[]> = {
  fr: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
const MONTHS: Record<Language, string[]> = {
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

const wallClocks = new Map<string, Intl.DateTimeFormat>();
const recentWallClocks = new Map<string, WallClock>();

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

/** The wall-clock parts of an instant in a zone; one cached formatter per zone (announcements are hot). */
export function wallClock(
  at: Date,
  zone: string,
): { year: number; month: number; day: number; hour: number; minute: number; weekday: number } {
  let format = wallClocks.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    wallClocks.set(zone, format);
  }
  const key = `${zone} ${at.getTime()}`;
  const known = recentWallClocks.get(key);
  if (known) return known;
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const year = parts.year ?? 1970;
  const month = parts.month ?? 1;
  const day = parts.day ?? 1;
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const result = { year, month, day, hour: (parts.hour ?? 0) % 24, minute: parts.minute ?? 0, weekday };
  // The same deadlines are said again and again (cards, status): keep the last few hundred.
  if (recentWallClocks.size >= 500) recentWallClocks.clear();
  recentWallClocks.set(key, result);
  return result;
}

/**
 * An instant as a person says it, in the given zone: "lundi 23 novembre à 9 h 30",
 * "Monday 23 November at 9:30 am"; the year is added when it is not the current one.
 */
export function formatInstant(at: Date | string, language: Language, zone: string, now?: Date): string {
  const instant = typeof at === 'string' ? new Date(at) : at;
  const w = wallClock(instant, zone);
  const sameYear = now ? wallClock(now, zone).year === w.year : true;
  // French writes the first of the month as an ordinal: "mardi 1er décembre".
  const dayOfMonth = language === 'fr' && w.day === 1 ? '1er' : String(w.day);
  const day = `${WEEKDAYS[language][w.weekday]} ${dayOfMonth} ${MONTHS[language][w.month - 1]}${sameYear ? '' : ` ${w.year}`}`;
  const time = formatTime(w.hour, w.minute, language);
  return `${day}${DAY_TIME_SEPARATOR[language]}${time}`;
}

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const DAY_NAMES: Record<Language, string[]> = {
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

function windowsText(windows: OpeningWindow[], language: Language): string {
  const t = (m: number) => formatTime(Math.floor(m / 60), m % 60, language);
  const parts = windows.map((w) =>
    language === 'en' ? `${t(w.start)} to ${t(w.end)}` : `de ${t(w.start)} à ${t(w.end)}`,
  );
  return parts.join(language === 'en' ? ' and ' : ' et ');
}

/** How far a near instant is from now, in days of the calendar of the zone. */
export type Nearness = 'today' | 'this_week' | 'later';

/**
 * An instant said as briefly as it stays clear, counted from `now` in the zone: its time alone
 * today ("11 h", "11:00 am"), its weekday and time within the next six days ("lundi à 9 h",
 * "Monday at 9:00 am"), in full otherwise (as `formatInstant`).
 */
export function formatNearInstant(
  at: Date | string,
  language: Language,
  zone: string,
  now: Date,
): { nearness: Nearness; text: string } {
  const instant = typeof at === 'string' ? new Date(at) : at;
  const w = wallClock(instant, zone);
  const today = wallClock(now, zone);
  const days = (Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(today.year, today.month - 1, today.day)) / 86_400_000;
  const time = formatTime(w.hour, w.minute, language);
  if (days === 0) return { nearness: 'today', text: time };
  if (days > 0 && days < 7) {
    return { nearness: 'this_week', text: `${WEEKDAYS[language][w.weekday]}${DAY_TIME_SEPARATOR[language]}${time}` };
  }
  return { nearness: 'later', text: formatInstant(instant, language, zone, now) };
}

/**
 * The business hours of the policy as a sentence: "du lundi au vendredi, de 9 h à 12 h 30 et de
 * 14 h à 18 h" (SLA sheet, 004). Consecutive days with the same windows are grouped.
 */
export function businessHoursText(calendar: CalendarPolicy, language: Language): string {
  const groups: { from: number; to: number; windows: OpeningWindow[] }[] = [];
  DAYS.forEach((day, i) => {
    const windows = calendar.week[day];
    if (windows.length === 0) return;
    const last = groups[groups.length - 1];
    if (last && last.to === i - 1 && JSON.stringify(last.windows) === JSON.stringify(windows)) last.to = i;
    else groups.push({ from: i, to: i, windows });
  });
  const names = DAY_NAMES[language];
  return groups
    .map((g) => {
      const from = names[g.from] ?? '';
      const to = names[g.to] ?? '';
      const days =
        g.from === g.to
          ? language === 'en'
            ? `on ${from}`
            : `le ${from}`
          : language === 'en'
            ? `${from} to ${to}`
            : `du ${from} au ${to}`;
      return `${days}, ${windowsText(g.windows, language)}`;
    })
    .join('; ');
}

/** What a date answer meant. */
export type DateAnswer = { kind: 'date'; at: Date } | { kind: 'past'; at: Date } | { kind: 'none' };

/**
 * Reads a date said in French or English ("mardi prochain", "le 3 décembre à 14h", "next
 * Tuesday") relative to `now`, in the helpdesk's zone. A date without a time means the opening
 * of the day (9 h). A date before now is returned as `past`, for a polite refusal.
 */
export function parseAgreedDate(text: string, now: Date, zone: string, openingMinute = 9 * 60): DateAnswer {
  // chrono reads implied parts (today, the hour) in the process's zone: hand it the helpdesk's
  // wall-clock time as a local date, and rebuild the instant in the helpdesk's zone from the parts.
  const wall = DateTime.fromJSDate(now).setZone(zone);
  const reference = new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const options = { forwardDate: true };
  const results = [...chrono.fr.parse(text, reference, options), ...chrono.en.parse(text, reference, options)];
  const result = results.sort((a, b) => b.text.length - a.text.length)[0];
  if (!result) return { kind: 'none' };
  const start = result.start;
  const hourCertain = start.isCertain('hour');
  const at = DateTime.fromObject(
    {
      year: start.get('year') ?? wall.year,
      month: start.get('month') ?? wall.month,
      day: start.get('day') ?? wall.day,
      hour: hourCertain ? (start.get('hour') ?? 0) : Math.floor(openingMinute / 60),
      minute: hourCertain ? (start.get('minute') ?? 0) : openingMinute % 60,
    },
    { zone },
  );
  if (!at.isValid) return { kind: 'none' };
  const date = at.toJSDate();
  // A day without a time is still to come as long as that day is today or later.
  const past = hourCertain ? date.getTime() < now.getTime() : at.startOf('day') < wall.startOf('day');
  return past ? { kind: 'past', at: date } : { kind: 'date', at: date };
}
