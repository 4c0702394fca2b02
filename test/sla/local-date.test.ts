import { describe, expect, it } from 'vitest';
import { dayNumberOf, isoDateOf, localDateOf, parseIsoDate, weekdayOf } from '../../src/sla/local-date.js';

describe('day numbers', () => {
  it.each([
    ['1970-01-01', 0, 4],
    ['2000-02-29', 11016, 2],
    ['2026-11-23', 20780, 1],
    ['2027-12-25', 21177, 6],
    ['1969-12-31', -1, 3],
  ])('%s is day %i, weekday %i', (iso, n, weekday) => {
    const date = parseIsoDate(iso);
    expect(date).toBeDefined();
    if (!date) return;
    expect(dayNumberOf(date)).toBe(n);
    expect(isoDateOf(localDateOf(n))).toBe(iso);
    expect(weekdayOf(n)).toBe(weekday);
  });

  it('agrees with Date.UTC over four centuries', () => {
    for (let n = -36524; n < 109575; n += 37) {
      const utc = new Date(n * 86_400_000);
      expect(isoDateOf(localDateOf(n))).toBe(utc.toISOString().slice(0, 10));
      expect(weekdayOf(n)).toBe(utc.getUTCDay());
    }
  });

  it.each(['2026-02-29', '2026-13-01', '2026-1-01', 'lundi'])('refuses "%s"', (text) => {
    expect(parseIsoDate(text)).toBeUndefined();
  });
});
