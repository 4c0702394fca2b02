import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import { BusinessCalendar } from '../../src/sla/business-calendar.js';
import { calendarWith } from './policies.js';

const HOUR = 3600;
const calendar = new BusinessCalendar(loadPolicy().calendar);
const add = (cal: BusinessCalendar, openedAt: string, hours: number) =>
  cal.format(cal.addBusinessSeconds(new Date(openedAt), hours * HOUR));

describe('the boundaries of a business day (Monday 2026-11-23, 09:00–12:30 and 14:00–18:00)', () => {
  it.each([
    ['night before, 03:00', '2026-11-23T03:00:00+01:00', 1, '2026-11-23T10:00:00+01:00'],
    ['one second before opening', '2026-11-23T08:59:59+01:00', 1, '2026-11-23T10:00:00+01:00'],
    ['09:00 opening', '2026-11-23T09:00:00+01:00', 1, '2026-11-23T10:00:00+01:00'],
    ['target ending exactly at 12:30', '2026-11-23T11:30:00+01:00', 1, '2026-11-23T12:30:00+01:00'],
    ['one second past 12:30 spills to 14:00', '2026-11-23T11:30:01+01:00', 1, '2026-11-23T14:00:01+01:00'],
    ['opened at 12:30: lunch, the clock starts at 14:00', '2026-11-23T12:30:00+01:00', 1, '2026-11-23T15:00:00+01:00'],
    ['opened during lunch', '2026-11-23T13:15:00+01:00', 1, '2026-11-23T15:00:00+01:00'],
    ['14:00 reopening', '2026-11-23T14:00:00+01:00', 1, '2026-11-23T15:00:00+01:00'],
    ['target ending exactly at 18:00', '2026-11-23T17:00:00+01:00', 1, '2026-11-23T18:00:00+01:00'],
    ['one second past 18:00 spills to the next morning', '2026-11-23T17:00:01+01:00', 1, '2026-11-24T09:00:01+01:00'],
    ['opened at 18:00', '2026-11-23T18:00:00+01:00', 1, '2026-11-24T10:00:00+01:00'],
    ['opened at night', '2026-11-23T23:45:00+01:00', 1, '2026-11-24T10:00:00+01:00'],
    ['a full business day', '2026-11-23T09:00:00+01:00', 7.5, '2026-11-23T18:00:00+01:00'],
    ['a full day from lunch', '2026-11-23T12:45:00+01:00', 7.5, '2026-11-24T12:30:00+01:00'],
    ['Friday evening to Monday', '2026-11-20T18:00:00+01:00', 1, '2026-11-23T10:00:00+01:00'],
    ['Saturday', '2026-11-21T10:00:00+01:00', 1, '2026-11-23T10:00:00+01:00'],
    ['Sunday night', '2026-11-22T23:59:59+01:00', 2, '2026-11-23T11:00:00+01:00'],
    ['Friday afternoon across the weekend', '2026-11-20T16:00:00+01:00', 4, '2026-11-23T11:00:00+01:00'],
    ['to the second', '2026-11-23T09:00:00+01:00', 1 + 1 / HOUR, '2026-11-23T10:00:01+01:00'],
  ])('%s: %s + %s h → %s', (_name, openedAt, hours, due) => {
    expect(add(calendar, openedAt, hours)).toBe(due);
  });
});

describe('inputs written with other UTC offsets', () => {
  it.each([
    ['2026-11-20T16:30:00Z', 1, '2026-11-23T09:30:00+01:00'],
    ['2026-11-20T22:00:00+05:30', 1, '2026-11-23T09:30:00+01:00'],
    ['2026-11-23T03:30:00-05:00', 1, '2026-11-23T10:30:00+01:00'],
    ['2026-11-23T08:00:00Z', 1, '2026-11-23T10:00:00+01:00'],
    ['2026-07-15T06:59:00Z', 1, '2026-07-15T10:00:00+02:00'],
    ['2026-07-15T07:00:00Z', 1, '2026-07-15T10:00:00+02:00'],
    ['2026-07-15T16:00:00+09:00', 0.5, '2026-07-15T09:30:00+02:00'],
  ])('%s + %s h → %s', (openedAt, hours, due) => {
    expect(add(calendar, openedAt, hours)).toBe(due);
  });
});

describe('the DST changes of 2026 and 2027 (Europe/Paris)', () => {
  it.each([
    // 29 March 2026: 02:00 → 03:00, the offset goes from +01:00 to +02:00 over the weekend.
    ['2026 spring, Friday to Monday', '2026-03-27T17:00:00+01:00', 2, '2026-03-30T10:00:00+02:00'],
    ['2026 spring, opened during the change', '2026-03-29T03:30:00+02:00', 1, '2026-03-30T10:00:00+02:00'],
    ['2026 spring, a long target', '2026-03-27T09:00:00+01:00', 12, '2026-03-30T15:00:00+02:00'],
    // 25 October 2026: 03:00 → 02:00, back to +01:00.
    ['2026 autumn, Friday to Monday', '2026-10-23T17:00:00+02:00', 2, '2026-10-26T10:00:00+01:00'],
    ['2026 autumn, opened in the repeated hour', '2026-10-25T02:30:00+01:00', 1, '2026-10-26T10:00:00+01:00'],
    ['2026 autumn, a long target', '2026-10-23T09:00:00+02:00', 12, '2026-10-26T15:00:00+01:00'],
    // 28 March 2027 is Easter Sunday and the change; Easter Monday follows.
    ['2027 spring, over Easter', '2027-03-26T17:00:00+01:00', 2, '2027-03-30T10:00:00+02:00'],
    // 31 October 2027; Toussaint follows on Monday.
    ['2027 autumn, over Toussaint', '2027-10-29T17:00:00+02:00', 2, '2027-11-02T10:00:00+01:00'],
  ])('%s: %s + %s h → %s', (_name, openedAt, hours, due) => {
    expect(add(calendar, openedAt, hours)).toBe(due);
  });

  it.each([
    ['2026-03-27T17:00:00+01:00', '2026-03-30T10:00:00+02:00', 2 * HOUR],
    ['2026-10-23T17:00:00+02:00', '2026-10-26T10:00:00+01:00', 2 * HOUR],
    // Five business days: Easter Monday is closed.
    ['2027-03-26T09:00:00+01:00', '2027-04-02T18:00:00+02:00', 5 * 7.5 * HOUR],
    // Nine business days: Toussaint is closed.
    ['2027-10-25T09:00:00+02:00', '2027-11-05T18:00:00+01:00', 9 * 7.5 * HOUR],
  ])('business time between %s and %s is %i s', (from, to, seconds) => {
    expect(calendar.businessSecondsBetween(new Date(from), new Date(to))).toBe(seconds);
    expect(calendar.businessSecondsBetween(new Date(to), new Date(from))).toBe(-seconds);
  });

  it('counts real elapsed time in a window that spans the change itself', () => {
    // Only a night window can span 02:00–03:00; the shipped calendar has none. A deadline is an
    // instant, so business time is the time that really passes inside the window.
    const base = loadPolicy().calendar;
    const night = new BusinessCalendar({ ...base, week: { ...base.week, sunday: [{ start: 60, end: 300 }] } });
    const between = (from: string, to: string) => night.businessSecondsBetween(new Date(from), new Date(to));
    expect(between('2026-03-29T00:00:00+01:00', '2026-03-29T06:00:00+02:00')).toBe(3 * HOUR);
    expect(between('2026-10-25T00:00:00+02:00', '2026-10-25T06:00:00+01:00')).toBe(5 * HOUR);
    expect(add(night, '2026-03-29T01:30:00+01:00', 1)).toBe('2026-03-29T03:30:00+02:00');
    expect(add(night, '2026-10-25T02:30:00+02:00', 1)).toBe('2026-10-25T02:30:00+01:00');
  });

  it('keeps the windows at 09:00 local on both sides of the change', () => {
    expect(calendar.isOpen(new Date('2026-03-30T07:00:00Z'))).toBe(true); // 09:00+02:00
    expect(calendar.isOpen(new Date('2026-03-27T07:30:00Z'))).toBe(false); // 08:30+01:00
    expect(calendar.isOpen(new Date('2026-10-26T07:59:59Z'))).toBe(false); // 08:59:59+01:00
    expect(calendar.isOpen(new Date('2026-10-26T08:00:00Z'))).toBe(true); // 09:00+01:00
  });
});

describe('every public holiday of 2026 and 2027', () => {
  it.each([
    ['2026-01-01', 'Jour de l’an', '2026-01-02T10:00:00+01:00'],
    ['2026-04-06', 'Lundi de Pâques', '2026-04-07T10:00:00+02:00'],
    ['2026-05-01', 'Fête du Travail', '2026-05-04T10:00:00+02:00'],
    ['2026-05-08', 'Victoire 1945', '2026-05-11T10:00:00+02:00'],
    ['2026-05-14', 'Ascension', '2026-05-15T10:00:00+02:00'],
    ['2026-05-25', 'Lundi de Pentecôte', '2026-05-26T10:00:00+02:00'],
    ['2026-07-14', 'Fête nationale', '2026-07-15T10:00:00+02:00'],
    ['2026-08-15', 'Assomption', '2026-08-17T10:00:00+02:00'],
    ['2026-11-01', 'Toussaint', '2026-11-02T10:00:00+01:00'],
    ['2026-11-11', 'Armistice 1918', '2026-11-12T10:00:00+01:00'],
    ['2026-12-25', 'Noël', '2026-12-28T10:00:00+01:00'],
    ['2027-01-01', 'Jour de l’an', '2027-01-04T10:00:00+01:00'],
    ['2027-03-29', 'Lundi de Pâques', '2027-03-30T10:00:00+02:00'],
    ['2027-05-01', 'Fête du Travail', '2027-05-03T10:00:00+02:00'],
    ['2027-05-06', 'Ascension', '2027-05-07T10:00:00+02:00'],
    ['2027-05-08', 'Victoire 1945', '2027-05-10T10:00:00+02:00'],
    ['2027-05-17', 'Lundi de Pentecôte', '2027-05-18T10:00:00+02:00'],
    ['2027-07-14', 'Fête nationale', '2027-07-15T10:00:00+02:00'],
    ['2027-08-15', 'Assomption', '2027-08-16T10:00:00+02:00'],
    ['2027-11-01', 'Toussaint', '2027-11-02T10:00:00+01:00'],
    ['2027-11-11', 'Armistice 1918', '2027-11-12T10:00:00+01:00'],
    ['2027-12-25', 'Noël', '2027-12-27T10:00:00+01:00'],
  ])('%s (%s) is closed; opened at 10:00 that day, 1 h is due %s', (date, name, due) => {
    expect(calendar.closure(date)).toEqual({ reason: 'holiday', name });
    const openedAt = calendar.format(new Date(`${date}T09:00:00Z`)).replace(/T\d\d:\d\d:\d\d/, 'T10:00:00');
    expect(calendar.isOpen(new Date(openedAt))).toBe(false);
    expect(add(calendar, openedAt, 1)).toBe(due);
    const trace = calendar.explainAdd(new Date(openedAt), HOUR);
    expect(trace.skipped[0]).toEqual({ date, reason: 'holiday', name });
  });
});

describe('closures', () => {
  it.each([
    ['2026-11-21', { reason: 'weekend', name: 'samedi' }],
    ['2026-11-22', { reason: 'weekend', name: 'dimanche' }],
    ['2026-11-23', null],
    ['2026-12-24', null],
  ])('%s → %j', (date, closure) => {
    expect(calendar.closure(date)).toEqual(closure);
  });

  it('refuses a date that does not exist, saying what to write', () => {
    expect(() => calendar.closure('2026-02-30')).toThrow(/expected a local date such as "2026-12-25"/);
  });

  it('works on Whit Monday when the policy switches it off', () => {
    const worked = new BusinessCalendar(calendarWith({ whitMonday: false }));
    expect(worked.closure('2026-05-25')).toBeNull();
    expect(add(worked, '2026-05-25T10:00:00+02:00', 1)).toBe('2026-05-25T11:00:00+02:00');
    expect(worked.closure('2027-05-17')).toBeNull();
    expect(add(worked, '2027-05-17T08:00:00+02:00', 1)).toBe('2027-05-17T10:00:00+02:00');
    expect(add(calendar, '2026-05-25T10:00:00+02:00', 1)).toBe('2026-05-26T10:00:00+02:00');
  });

  it('skips the extra closing days of the policy', () => {
    const bridged = new BusinessCalendar(calendarWith({ closedDays: ['2026-05-15'] }));
    expect(bridged.closure('2026-05-15')).toEqual({ reason: 'closed_day' });
    // Wednesday 17:30: half an hour, Ascension, the bridge day, the weekend, then Monday morning.
    expect(add(bridged, '2026-05-13T17:30:00+02:00', 4)).toBe('2026-05-18T12:30:00+02:00');
    expect(bridged.explainAdd(new Date('2026-05-13T17:30:00+02:00'), 4 * HOUR).skipped).toEqual([
      { date: '2026-05-14', reason: 'holiday', name: 'Ascension' },
      { date: '2026-05-15', reason: 'closed_day' },
      { date: '2026-05-16', reason: 'weekend', name: 'samedi' },
      { date: '2026-05-17', reason: 'weekend', name: 'dimanche' },
    ]);
  });
});

describe('isOpen and nextOpening', () => {
  it.each([
    ['2026-11-23T08:59:59+01:00', false, '2026-11-23T09:00:00+01:00'],
    ['2026-11-23T09:00:00+01:00', true, '2026-11-23T09:00:00+01:00'],
    ['2026-11-23T12:29:59+01:00', true, '2026-11-23T12:29:59+01:00'],
    ['2026-11-23T12:30:00+01:00', false, '2026-11-23T14:00:00+01:00'],
    ['2026-11-23T18:00:00+01:00', false, '2026-11-24T09:00:00+01:00'],
    ['2026-12-24T18:00:00+01:00', false, '2026-12-28T09:00:00+01:00'],
  ])('%s: open %s, next opening %s', (at, open, next) => {
    expect(calendar.isOpen(new Date(at))).toBe(open);
    expect(calendar.format(calendar.nextOpening(new Date(at)))).toBe(next);
  });
});

describe('the trace of a deadline', () => {
  it('lists the windows consumed and the days skipped, with why', () => {
    expect(calendar.explainAdd(new Date('2026-11-20T19:00:00+01:00'), 4 * HOUR)).toEqual({
      start: '2026-11-20T19:00:00+01:00',
      clockStartsAt: '2026-11-23T09:00:00+01:00',
      businessSeconds: 4 * HOUR,
      due: '2026-11-23T14:30:00+01:00',
      windows: [
        { date: '2026-11-23', from: '2026-11-23T09:00:00+01:00', to: '2026-11-23T12:30:00+01:00', seconds: 12600 },
        { date: '2026-11-23', from: '2026-11-23T14:00:00+01:00', to: '2026-11-23T14:30:00+01:00', seconds: 1800 },
      ],
      skipped: [
        { date: '2026-11-20', reason: 'after_hours' },
        { date: '2026-11-21', reason: 'weekend', name: 'samedi' },
        { date: '2026-11-22', reason: 'weekend', name: 'dimanche' },
      ],
    });
  });

  it('adds up to the target and ends at the deadline', () => {
    const start = new Date('2026-12-23T17:30:00+01:00');
    const trace = calendar.explainAdd(start, 48 * HOUR);
    expect(trace.windows.reduce((sum, w) => sum + w.seconds, 0)).toBe(48 * HOUR);
    expect(trace.due).toBe(calendar.format(calendar.addBusinessSeconds(start, 48 * HOUR)));
    expect(trace.skipped.map((s) => s.date)).toEqual([
      '2026-12-25',
      '2026-12-26',
      '2026-12-27',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
  });
});

describe('invalid arguments', () => {
  it.each([
    ['a negative amount', new Date('2026-11-23T09:00:00Z'), -1],
    ['an infinite amount', new Date('2026-11-23T09:00:00Z'), Number.POSITIVE_INFINITY],
    ['an invalid date', new Date('nope'), 60],
  ])('%s is refused with a code', (_name, at, seconds) => {
    expect(() => calendar.addBusinessSeconds(at, seconds)).toThrow(
      expect.objectContaining({ code: 'guichet_invalid_input' }),
    );
  });

  it('refuses a week without any opening window', () => {
    const { calendar: policy } = loadPolicy();
    const week = Object.fromEntries(Object.keys(policy.week).map((d) => [d, []])) as unknown as typeof policy.week;
    expect(() => new BusinessCalendar({ ...policy, week })).toThrow(/at least one opening window/);
  });
});
