import { PRIORITIES, type Priority } from '../domain.js';
import type { Policy } from '../policy/schema.js';
import type { Ticket } from '../store/ticket-store.js';
import { levelsOf, startLevel } from './resources.js';

/** How one target (first response or resolution) fared on a set of tickets. */
export interface TargetCompliance {
  /** Done by the due date. */
  met: number;
  /** Done late, or still not done with the due date past. */
  missed: number;
  /** Still not done, due date not yet reached: shown apart, counted neither way. */
  pending: number;
  /** met / (met + missed) in percent; null when nothing was decided yet. */
  percent: number | null;
  /** The objective in percent (policy `goal`, or `globalGoal` on the global line). */
  goal: number;
  /** Whether `percent` reaches the objective; null when `percent` is null. */
  goalMet: boolean | null;
}

/** One line of the sheet: a priority, or the "Résultat Global". */
export interface ComplianceLine {
  priority: Priority | 'global';
  label: string;
  tickets: number;
  firstResponse: TargetCompliance;
  resolution: TargetCompliance;
}

/** The tickets of one priority moved above the level they started at, by the level they reached. */
export interface EscalationLine {
  priority: Priority;
  label: string;
  /** Tickets above their start level (by the SLA watch or on request). */
  escalated: number;
  /** How many reached each level, "2" and "3" in the seed's resources table. */
  byLevel: Record<string, number>;
}

/** The SLA compliance sheet ("Résultats engagement de niveau de service", seed 004). */
export interface SlaReport {
  /** The period, createdAt in [from, to), as ISO instants; null when open-ended. */
  from: string | null;
  to: string | null;
  /** The instant open tickets are judged at. */
  now: string;
  account: string | null;
  lines: ComplianceLine[];
  global: ComplianceLine;
  /** Tickets outside the SLA: no maintenance contract (the sheet's "N/A"), or no SLA dates. */
  notApplicable: number;
  /** Interrupted intakes, not counted: nobody asked for them to be handled yet. */
  drafts: number;
  /** Per priority, the tickets escalated and the level they reached (levels only go up). */
  escalations: EscalationLine[];
  /** The levels above the first one of the policy's queues, the columns of `escalations`. */
  escalationLevels: number[];
}

type Outcome = 'met' | 'missed' | 'pending';

/**
 * A target is met when it was done by its due date; a ticket not done yet misses it once the due
 * date is past `now`, and is pending before.
 */
export function targetOutcome(doneAt: string | null, due: string, now: Date): Outcome {
  const dueMs = Date.parse(due);
  if (doneAt !== null) return Date.parse(doneAt) <= dueMs ? 'met' : 'missed';
  return now.getTime() > dueMs ? 'missed' : 'pending';
}

function tally(outcomes: Outcome[], goal: number): TargetCompliance {
  const count = (o: Outcome) => outcomes.filter((x) => x === o).length;
  const met = count('met');
  const missed = count('missed');
  const decided = met + missed;
  const percent = decided === 0 ? null : (met / decided) * 100;
  return { met, missed, pending: count('pending'), percent, goal, goalMet: percent === null ? null : percent >= goal };
}

/**
 * Computes the SLA compliance sheet of `tickets` judged at `now`: per priority the number of
 * tickets and how many met their first-response and resolution targets, then the global line,
 * with the objectives of the policy. Tickets without contract are counted apart (N/A).
 */
export function slaReport(
  policy: Policy,
  tickets: readonly Ticket[],
  options: { now: Date; from?: string | null; to?: string | null; account?: string | null },
): SlaReport {
  const { now } = options;
  const drafts = tickets.filter((t) => t.status === 'draft');
  const live = tickets.filter((t) => t.status !== 'draft');
  const inScope = live.filter((t) => t.contract && t.firstResponseDue !== null && t.resolutionDue !== null);
  const line = (priority: Priority | 'global', label: string, set: Ticket[], goals: Policy['globalGoal']) => ({
    priority,
    label,
    tickets: set.length,
    firstResponse: tally(
      set.map((t) => targetOutcome(t.firstRespondedAt, t.firstResponseDue as string, now)),
      goals.firstResponse,
    ),
    resolution: tally(
      set.map((t) => targetOutcome(t.resolvedAt, t.resolutionDue as string, now)),
      goals.resolution,
    ),
  });
  return {
    from: options.from ?? null,
    to: options.to ?? null,
    now: now.toISOString(),
    account: options.account ?? null,
    lines: PRIORITIES.map((p) =>
      line(
        p,
        policy.priorities[p].label.fr,
        inScope.filter((t) => t.priority === p),
        policy.priorities[p].goal,
      ),
    ),
    global: line('global', 'Résultat Global', inScope, policy.globalGoal),
    notApplicable: live.length - inScope.length,
    drafts: drafts.length,
    ...escalations(policy, live),
  };
}

/** Per priority, the tickets above their start level, by the level they are at. */
function escalations(policy: Policy, tickets: readonly Ticket[]): Pick<SlaReport, 'escalations' | 'escalationLevels'> {
  const levels = [...new Set(policy.queues.flatMap((q) => levelsOf(policy, q.id)))].sort((a, b) => a - b).slice(1);
  return {
    escalationLevels: levels,
    escalations: PRIORITIES.map((priority) => {
      const up = tickets.filter((t) => t.priority === priority && t.level > startLevel(policy, t.queue, priority));
      const byLevel = Object.fromEntries(levels.map((l) => [String(l), up.filter((t) => t.level === l).length]));
      return { priority, label: policy.priorities[priority].label.fr, escalated: up.length, byLevel };
    }),
  };
}
