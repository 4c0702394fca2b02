import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import type { CalendarPolicy } from '../../src/policy/schema.js';
import { BusinessCalendar } from '../../src/sla/business-calendar.js';
import { calendarWith } from './policies.js';

const shipped = loadPolicy().calendar;
const w = (start: string, end: string) => {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return { start: minutes(start), end: minutes(end) };
};
/** Odd hours on purpose: night windows across the DST changes, a Saturday, a window to 23:59. */
const nightShift: CalendarPolicy = {
  ...shipped,
  timezone: 'America/New_York',
  week: {
    ...shipped.week,
    sunday: [w('01:30', '03:30')],
    wednesday: [w('00:00', '02:30'), w('22:00', '23:59')],
    saturday: [w('10:00', '10:05')],
  },
};

const calendars: [string, CalendarPolicy][] = [
  ['the shipped calendar', shipped],
  [
    'Whit Monday worked, bridge days closed',
    calendarWith({ whitMonday: false, closedDays: ['2026-05-15', '2027-11-12'] }),
  ],
  ['night windows in New York', nightShift],
];

const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2029, 0, 1) }).map((ms) => new Date(ms));
/** Business seconds, up to a few weeks' worth. */
const seconds = fc.integer({ min: 0, max: 300 * 3600 });
const positiveSeconds = fc.integer({ min: 1, max: 300 * 3600 });
const runs = { numRuns: 400 };

describe.each(calendars)('%s', (_name, policy) => {
  const calendar = new BusinessCalendar(policy);
  const add = (t: Date, s: number) => calendar.addBusinessSeconds(t, s);

  it('add(add(t, a), b) = add(t, a + b)', () => {
    fc.assert(
      fc.property(instant, seconds, seconds, (t, a, b) => {
        expect(add(add(t, a), b).getTime()).toBe(add(t, a + b).getTime());
      }),
      runs,
    );
  });

  it('between(t, add(t, n)) = n', () => {
    fc.assert(
      fc.property(instant, seconds, (t, n) => {
        expect(calendar.businessSecondsBetween(t, add(t, n))).toBe(n);
      }),
      runs,
    );
  });

  it('is monotonic in the amount and in the start', () => {
    fc.assert(
      fc.property(instant, instant, seconds, seconds, (t1, t2, a, b) => {
        const [early, late] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const [less, more] = a <= b ? [a, b] : [b, a];
        expect(add(early, less).getTime()).toBeLessThanOrEqual(add(early, more).getTime());
        expect(add(early, less).getTime()).toBeLessThanOrEqual(add(late, less).getTime());
      }),
      runs,
    );
  });

  it('never lands in a closed period (it may equal the end of a window)', () => {
    fc.assert(
      fc.property(instant, positiveSeconds, (t, n) => {
        const due = add(t, n);
        expect(due.getTime()).toBeGreaterThan(t.getTime());
        // The deadline lies in (window start, window end]: the millisecond before it is open.
        expect(calendar.isOpen(new Date(due.getTime() - 1))).toBe(true);
      }),
      runs,
    );
  });

  it('counts business time additively and opens where it says', () => {
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        const between = (p: Date, q: Date) => calendar.businessSecondsBetween(p, q);
        expect(between(a, c)).toBeCloseTo(between(a, b) + between(b, c), 6);
        const next = calendar.nextOpening(a);
        expect(calendar.isOpen(next)).toBe(true);
        expect(between(a, next)).toBe(0);
      }),
      runs,
    );
  });

  it('explains exactly what it adds', () => {
    fc.assert(
      fc.property(instant, positiveSeconds, (t, n) => {
        const trace = calendar.explainAdd(t, n);
        expect(trace.due).toBe(calendar.format(add(t, n)));
        expect(trace.windows.reduce((sum, window) => sum + window.seconds, 0)).toBeCloseTo(n, 6);
      }),
      { numRuns: 100 },
    );
  });
});
