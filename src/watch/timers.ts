import type { Policy } from '../policy/schema.js';
import type { SlaEngine } from '../sla/sla-engine.js';
import type { PlannedTimer, Ticket, TimerKind } from '../store/ticket-store.js';
import { levelsOf } from '../tickets/resources.js';

const HOUR_MS = 3_600_000;

/** A ticket's SLA no longer runs: drafts are not handled yet, resolved and closed ones are done. */
export function isWatched(ticket: Ticket): boolean {
  return ticket.contract && !['draft', 'resolved', 'closed'].includes(ticket.status);
}

/**
 * Whether someone has taken the ticket: a first response is recorded, or a technician moved it
 * past its initial status ("Statut : 1 - Assigné" is where the procedure opens every ticket).
 */
export function isTaken(ticket: Ticket): boolean {
  return ticket.firstRespondedAt !== null || ticket.status === 'in_progress' || ticket.status === 'waiting_customer';
}

/** The levels of each queue, per policy: read for every timer of every pass. */
const levelsCache = new WeakMap<Policy, Map<string, number[]>>();

function levels(policy: Policy, queue: string): number[] {
  const byQueue = levelsCache.get(policy) ?? new Map<string, number[]>();
  levelsCache.set(policy, byQueue);
  const found = byQueue.get(queue) ?? levelsOf(policy, queue);
  byQueue.set(queue, found);
  return found;
}

/** `wanted` brought down to the highest level the ticket's queue has (as `startLevel` does). */
function reachableLevel(policy: Policy, queue: string, wanted: number): number {
  const all = levels(policy, queue);
  const reachable = all.filter((l) => l <= wanted);
  return reachable[reachable.length - 1] ?? all[0] ?? wanted;
}

/**
 * The timers a ticket should have now, from its priority, its opening instant and the policy
 * (`slaWatch`), in business time with the SLA engine, so they agree with the ticket's SLA dates:
 * - `first_response_warning` at `warnAt` of the first-response target, while nobody has answered;
 * - `take_charge` at take-charge time + the grace hour (its `escalationAt`), while nobody has
 *   taken it and it is below `takeCharge.toLevel`;
 * - `resolution` at its resolution deadline, while it is not resolved and is below
 *   `resolution.toLevel` or managers are to be warned.
 * No contract, no SLA: no timers (the sheet's "Sans contrat" column says N/A).
 */
export function plannedTimers(policy: Policy, sla: SlaEngine, ticket: Ticket): PlannedTimer[] {
  if (!isWatched(ticket)) return [];
  const openedAt = new Date(ticket.createdAt);
  const deadlines = sla.deadlines(openedAt, ticket.priority, true);
  if (!deadlines) return [];
  const watch = policy.slaWatch;
  const timers: PlannedTimer[] = [];
  const plan = (kind: TimerKind, level: number, due: Date) => timers.push({ kind, level, dueAt: due.toISOString() });
  if (ticket.firstRespondedAt === null && !isTaken(ticket)) {
    const target = policy.priorities[ticket.priority].firstResponseHours * HOUR_MS;
    const due = sla.calendar.addBusinessMs(openedAt.getTime(), Math.round(target * watch.warnAt[ticket.priority]));
    // Keyed by the level the ticket starts at, not the one it is at: an escalation does not
    // make a second warning.
    plan(
      'first_response_warning',
      reachableLevel(policy, ticket.queue, policy.resources.startLevel[ticket.priority]),
      new Date(due),
    );
  }
  const takeChargeLevel = reachableLevel(policy, ticket.queue, watch.takeCharge.toLevel);
  if (!isTaken(ticket) && ticket.level < takeChargeLevel) plan('take_charge', takeChargeLevel, deadlines.escalationAt);
  const resolutionLevel = reachableLevel(policy, ticket.queue, watch.resolution.toLevel);
  if (ticket.resolvedAt === null && (ticket.level < resolutionLevel || watch.resolution.warn.length > 0)) {
    plan('resolution', resolutionLevel, deadlines.resolutionDue);
  }
  return timers;
}
