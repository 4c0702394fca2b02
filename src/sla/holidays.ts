import { dayNumberOf, isoDateOf, localDateOf } from './local-date.js';

/**
 * The French legal public holidays (Code du travail, art. L3133-1), computed per year: the policy
 * says `holidays.country: FR`, and a computed table needs no yearly update.
 */

/** Easter Sunday of a Gregorian year (anonymous Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): { year: number; month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

export interface HolidayOptions {
  /** Lundi de Pentecôte closes the helpdesk unless the policy switches it off (`holidays.whitMonday`). */
  whitMonday: boolean;
}

/** The public holidays of one year, keyed by ISO date ("2026-05-25"), with their French name. */
export function frenchPublicHolidays(year: number, options: HolidayOptions): Map<string, string> {
  const easter = dayNumberOf(easterSunday(year));
  const fromEaster = (days: number) => isoDateOf(localDateOf(easter + days));
  const fixed = (month: number, day: number) => isoDateOf({ year, month, day });
  const holidays: [string, string][] = [
    [fixed(1, 1), 'Jour de l’an'],
    [fromEaster(1), 'Lundi de Pâques'],
    [fixed(5, 1), 'Fête du Travail'],
    [fixed(5, 8), 'Victoire 1945'],
    [fromEaster(39), 'Ascension'],
    [fixed(7, 14), 'Fête nationale'],
    [fixed(8, 15), 'Assomption'],
    [fixed(11, 1), 'Toussaint'],
    [fixed(11, 11), 'Armistice 1918'],
    [fixed(12, 25), 'Noël'],
  ];
  if (options.whitMonday) holidays.push([fromEaster(50), 'Lundi de Pentecôte']);
  const byDate = new Map<string, string>();
  for (const [date, name] of holidays) {
    // Two holidays can share a date (Ascension fell on 8 May in 1997 and 2008): keep both names.
    const other = byDate.get(date);
    byDate.set(date, other === undefined ? name : `${other} et ${name}`);
  }
  return byDate;
}
