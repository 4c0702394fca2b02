import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { easterSunday, frenchPublicHolidays } from '../../src/sla/holidays.js';
import { isoDateOf } from '../../src/sla/local-date.js';

describe('Easter Sunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('%i: %s', (year, iso) => {
    expect(isoDateOf(easterSunday(year))).toBe(iso);
  });
});

describe('the French public holidays', () => {
  it.each([
    [
      2026,
      {
        '2026-01-01': 'Jour de l’an',
        '2026-04-06': 'Lundi de Pâques',
        '2026-05-01': 'Fête du Travail',
        '2026-05-08': 'Victoire 1945',
        '2026-05-14': 'Ascension',
        '2026-05-25': 'Lundi de Pentecôte',
        '2026-07-14': 'Fête nationale',
        '2026-08-15': 'Assomption',
        '2026-11-01': 'Toussaint',
        '2026-11-11': 'Armistice 1918',
        '2026-12-25': 'Noël',
      },
    ],
    [
      2027,
      {
        '2027-01-01': 'Jour de l’an',
        '2027-03-29': 'Lundi de Pâques',
        '2027-05-01': 'Fête du Travail',
        '2027-05-06': 'Ascension',
        '2027-05-08': 'Victoire 1945',
        '2027-05-17': 'Lundi de Pentecôte',
        '2027-07-14': 'Fête nationale',
        '2027-08-15': 'Assomption',
        '2027-11-01': 'Toussaint',
        '2027-11-11': 'Armistice 1918',
        '2027-12-25': 'Noël',
      },
    ],
  ])('%i: the 11 legal days', (year, expected) => {
    expect(Object.fromEntries(frenchPublicHolidays(year, { whitMonday: true }))).toEqual(expected);
  });

  it('names both holidays when they fall on the same date', () => {
    expect(frenchPublicHolidays(2008, { whitMonday: true }).get('2008-05-01')).toBe('Fête du Travail et Ascension');
    expect(frenchPublicHolidays(1997, { whitMonday: true }).get('1997-05-08')).toBe('Victoire 1945 et Ascension');
  });

  it('leaves out Whit Monday when the policy switches it off', () => {
    const holidays = frenchPublicHolidays(2026, { whitMonday: false });
    expect(holidays.size).toBe(10);
    expect(holidays.has('2026-05-25')).toBe(false);
  });

  it('matches the public holidays of date-holidays for FR, 1990 to 2100', () => {
    const reference = new Holidays('FR');
    for (let year = 1990; year <= 2100; year++) {
      const theirs = reference
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10));
      const theirDates = [...new Set(theirs)].sort();
      const ours = [...frenchPublicHolidays(year, { whitMonday: true }).keys()].sort();
      expect(ours, String(year)).toEqual(theirDates);
    }
  });
});
