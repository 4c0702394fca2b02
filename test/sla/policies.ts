import { loadPolicy } from '../../src/policy/load.js';
import type { CalendarPolicy, Policy } from '../../src/policy/schema.js';

/** The shipped policy, with its calendar changed as a test needs. */
export function policyWith(calendar: Partial<CalendarPolicy> = {}): Policy {
  const policy = loadPolicy();
  return { ...policy, calendar: { ...policy.calendar, ...calendar } };
}

/** The shipped calendar, with Whit Monday worked or extra closing days. */
export function calendarWith(changes: { whitMonday?: boolean; closedDays?: string[] } = {}): CalendarPolicy {
  const { calendar } = loadPolicy();
  return {
    ...calendar,
    holidays: { ...calendar.holidays, whitMonday: changes.whitMonday ?? calendar.holidays.whitMonday },
    closedDays: changes.closedDays ?? calendar.closedDays,
  };
}
