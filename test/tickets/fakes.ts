import { DateTime } from 'luxon';
import type { Clock } from '../../src/domain.js';
import type { DeadlineCalculator } from '../../src/tickets/ticket-service.js';

const HOUR = 3_600_000;

/**
 * A deadline calculator with fixed, easy offsets (first response +1 h, escalation +3 h,
 * resolution +4 h, in wall-clock time) so the service's tests do not depend on the calendar.
 */
export const fakeDeadlines: DeadlineCalculator = {
  deadlines(openedAt, _priority, contract) {
    if (!contract) return null;
    const at = (hours: number) => new Date(openedAt.getTime() + hours * HOUR);
    return { firstResponseDue: at(1), resolutionDue: at(4), escalationAt: at(3) };
  },
  formatInstant(at) {
    return DateTime.fromJSDate(at, { zone: 'Europe/Paris' }).toISO() ?? '';
  },
};

/** A clock the test moves by hand. */
export function handClock(start: string): Clock & { set(at: string): void; advance(hours: number): void } {
  let now = new Date(start);
  return {
    now: () => new Date(now.getTime()),
    set: (at: string) => {
      now = new Date(at);
    },
    advance: (hours: number) => {
      now = new Date(now.getTime() + hours * HOUR);
    },
  };
}
