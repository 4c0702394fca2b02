import { describe, expect, it } from 'vitest';
import { businessHoursText, formatInstant, formatNearInstant, parseAgreedDate } from '../../src/dialogs/dates.js';
import { loadPolicy } from '../../src/policy/load.js';

const zone = 'Europe/Paris';
// Friday 20 November 2026, 17:30 in Paris.
const now = new Date('2026-11-20T17:30:00+01:00');

describe('formatInstant', () => {
  const cases: [string, 'fr' | 'en', string][] = [
    ['2026-11-23T09:30:00+01:00', 'fr', 'lundi 23 novembre à 9 h 30'],
    ['2026-11-23T14:00:00+01:00', 'fr', 'lundi 23 novembre à 14 h'],
    ['2026-11-23T09:30:00+01:00', 'en', 'Monday 23 November at 9:30 am'],
    ['2026-11-23T16:00:00+01:00', 'en', 'Monday 23 November at 4:00 pm'],
    ['2027-01-04T09:00:00+01:00', 'fr', 'lundi 4 janvier 2027 à 9 h'],
    ['2026-12-01T09:00:00+01:00', 'fr', 'mardi 1er décembre à 9 h'],
    ['2026-12-01T09:00:00+01:00', 'en', 'Tuesday 1 December at 9:00 am'],
  ];
  it.each(cases)('%s in %s → %s', (iso, lang, said) => {
    expect(formatInstant(iso, lang, zone, now)).toBe(said);
  });
});

describe('formatNearInstant', () => {
  const cases: [string, 'fr' | 'en', string, string][] = [
    ['2026-11-20T18:00:00+01:00', 'fr', 'today', '18 h'],
    ['2026-11-20T18:30:00+01:00', 'en', 'today', '6:30 pm'],
    ['2026-11-23T09:30:00+01:00', 'fr', 'this_week', 'lundi à 9 h 30'],
    ['2026-11-23T09:00:00+01:00', 'en', 'this_week', 'Monday at 9:00 am'],
    ['2026-11-26T09:00:00+01:00', 'en', 'this_week', 'Thursday at 9:00 am'],
    // A week on, the weekday alone would be today's: the date is said.
    ['2026-11-27T09:00:00+01:00', 'en', 'later', 'Friday 27 November at 9:00 am'],
    ['2026-11-19T09:00:00+01:00', 'fr', 'later', 'jeudi 19 novembre à 9 h'],
  ];
  it.each(cases)('%s in %s from Friday 17:30 → %s, %s', (iso, lang, nearness, said) => {
    expect(formatNearInstant(iso, lang, zone, now)).toEqual({ nearness, text: said });
  });
});

describe('parseAgreedDate', () => {
  const cases: [string, 'date' | 'past' | 'none', string | null][] = [
    ['mardi prochain', 'date', '2026-11-24T08:00:00.000Z'],
    ['le 3 décembre à 14h', 'date', '2026-12-03T13:00:00.000Z'],
    ['next Tuesday', 'date', '2026-11-24T08:00:00.000Z'],
    ['demain à 10h', 'date', '2026-11-21T09:00:00.000Z'],
    ['hier', 'past', null],
    ['le 3 novembre à 10h', 'date', '2027-11-03T09:00:00.000Z'],
    ['quand vous voulez', 'none', null],
  ];
  it.each(cases)('"%s" → %s %s', (text, kind, iso) => {
    const answer = parseAgreedDate(text, now, zone);
    expect(answer.kind).toBe(kind);
    if (iso && answer.kind !== 'none') expect(answer.at.toISOString()).toBe(iso);
  });
});

describe('businessHoursText', () => {
  it('says the business hours of the policy', () => {
    const calendar = loadPolicy().calendar;
    expect(businessHoursText(calendar, 'fr')).toBe('du lundi au vendredi, de 9 h à 12 h 30 et de 14 h à 18 h');
    expect(businessHoursText(calendar, 'en')).toBe('Monday to Friday, 9:00 am to 12:30 pm and 2:00 pm to 6:00 pm');
  });
});
