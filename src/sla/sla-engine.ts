import { PRIORITIES, type Priority } from '../domain.js';
import { ErrorCode, GuichetError } from '../errors.js';
import type { Policy } from '../policy/schema.js';
import { BusinessCalendar } from './business-calendar.js';
import type { DeadlineTrace } from './trace.js';

/** The three SLA dates of a ticket (docs/architecture.md, "The SLA contract"). */
export interface SlaDeadlines {
  firstResponseDue: Date;
  resolutionDue: Date;
  /** When an escalation may be asked: take-charge time + the grace hour, in business hours. */
  escalationAt: Date;
}

/** One deadline with the business hours it stands for and how it was reached. */
export interface DeadlineExplanation {
  businessHours: number;
  due: Date;
  trace: DeadlineTrace;
}

/** Every deadline of a ticket, each with its trace. */
export interface SlaExplanation {
  firstResponse: DeadlineExplanation;
  resolution: DeadlineExplanation;
  escalation: DeadlineExplanation;
}

const HOUR_MS = 3_600_000;

/** The targets of one priority, in business hours and in whole milliseconds (computed once). */
interface Targets {
  hours: { firstResponse: number; resolution: number; escalation: number };
  ms: { firstResponse: number; resolution: number; escalation: number };
}

/**
 * Computes a ticket's SLA dates from the policy: the targets per priority of the SLA sheet (seed
 * 004, "Fiche de satisfaction client" and "Fiche d'accord de niveau de services"), counted in the
 * business hours of `policy.calendar`.
 */
export class SlaEngine {
  readonly calendar: BusinessCalendar;
  private readonly targets: ReadonlyMap<Priority, Targets>;

  constructor(policy: Policy) {
    this.calendar = new BusinessCalendar(policy.calendar);
    const targetsOf = (p: Priority): Targets => {
      const { firstResponseHours, resolutionHours, takeChargeHours } = policy.priorities[p];
      // Matrice d'escalade (004): "non traitée dans les délais impartis + 1 heure".
      const hours = {
        firstResponse: firstResponseHours,
        resolution: resolutionHours,
        escalation: takeChargeHours + policy.escalation.graceHours,
      };
      const ms = {
        firstResponse: Math.round(hours.firstResponse * HOUR_MS),
        resolution: Math.round(hours.resolution * HOUR_MS),
        escalation: Math.round(hours.escalation * HOUR_MS),
      };
      return { hours, ms };
    };
    this.targets = new Map(PRIORITIES.map((p) => [p, targetsOf(p)]));
  }

  /**
   * The SLA dates of a ticket opened at `openedAt`. Null when the account has no maintenance
   * contract: the SLA sheet says N/A in its "Sans contrat" column.
   */
  deadlines(openedAt: Date, priority: Priority, contract: boolean): SlaDeadlines | null {
    if (!contract) return null;
    const { ms } = this.targetsOf(priority);
    const opened = openedMs(openedAt);
    const calendar = this.calendar;
    return {
      firstResponseDue: new Date(calendar.addBusinessMs(opened, ms.firstResponse)),
      resolutionDue: new Date(calendar.addBusinessMs(opened, ms.resolution)),
      escalationAt: new Date(calendar.addBusinessMs(opened, ms.escalation)),
    };
  }

  /** Each deadline of a ticket with contract, with the windows it consumed and the days it skipped. */
  explain(openedAt: Date, priority: Priority): SlaExplanation {
    const { hours, ms } = this.targetsOf(priority);
    openedMs(openedAt);
    const one = (businessHours: number, amount: number): DeadlineExplanation => ({
      businessHours,
      due: this.calendar.addBusinessSeconds(openedAt, amount / 1000),
      trace: this.calendar.explainAdd(openedAt, amount / 1000),
    });
    return {
      firstResponse: one(hours.firstResponse, ms.firstResponse),
      resolution: one(hours.resolution, ms.resolution),
      escalation: one(hours.escalation, ms.escalation),
    };
  }

  /** ISO-8601 in the policy time zone with offset, to the second: "2026-11-23T09:30:00+01:00". */
  formatInstant(at: Date): string {
    return this.calendar.format(at);
  }

  private targetsOf(priority: Priority): Targets {
    const targets = this.targets.get(priority);
    if (!targets) {
      throw new GuichetError(
        ErrorCode.InvalidInput,
        `unknown priority "${String(priority)}": expected one of ${PRIORITIES.join(', ')}`,
      );
    }
    return targets;
  }
}

function openedMs(openedAt: Date): number {
  const ms = openedAt instanceof Date ? openedAt.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new GuichetError(ErrorCode.InvalidInput, 'openedAt: expected a valid instant');
  return ms;
}
