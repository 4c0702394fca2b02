import { shippedDialogs } from '../dialogs/load.js';
import type { Dialogs } from '../dialogs/messages.js';
import type { Policy } from '../policy/schema.js';
import type { SlaEngine } from '../sla/sla-engine.js';
import type { OutboxEntry, SlaTimer, Ticket, TicketChanges, TicketStep } from '../store/ticket-store.js';
import { levelUpText, notificationText, slaWatchText } from '../tickets/notification-text.js';
import { techniciansAt } from '../tickets/resources.js';
import { plannedTimers } from './timers.js';

/** Who the event log names for what the watch does. */
export const SLA_WATCH = 'sla-watch';

/** The rules the steps apply, as the event log cites them. */
export const WATCH_RULES = {
  first_response_warning: 'Part du délai de première réponse écoulée sans réponse (slaWatch.warnAt)',
  take_charge:
    "Une escalade peut être déclenchée si la demande initiale n'a pas été traitée dans les délais impartis + 1 heure (matrice d'escalade)",
  resolution: 'Délai de résolution dépassé (engagement de niveau de service)',
} as const;

/** The outbox key of a message: one per ticket, step, level and audience, ever. */
export function outboxKey(ticket: string, step: string, level: number, audience: string): string {
  return `${ticket}/${step}/${level}/${audience}`;
}

/** A message to technicians, as the outbox keeps it until delivery. */
export function technicianMessage(
  key: string,
  ticket: Ticket,
  kind: 'ticket_escalated' | 'sla_warning',
  recipients: string[],
  text: string,
  detail?: { by: string; fromLevel: number; reason?: string },
): OutboxEntry {
  return {
    key,
    ticketNumber: ticket.number,
    audience: 'technicians',
    // The ticket as the step left it travels with the message: delivering it reads nothing more.
    payload: { kind, recipients, urgent: ticket.priority === 'critique', text, ticket, ...(detail ? { detail } : {}) },
  };
}

/**
 * Moves a ticket up to `toLevel` and makes the first technician there its primary resource: the
 * change, the `escalated` event citing the rule, and the messages to the new level's technicians
 * (and to the person, when the watch did it and the ticket knows their conversation). Both the
 * watch and a person's own escalation request go through here.
 */
export function escalationStep(
  policy: Policy,
  ticket: Ticket,
  escalation: {
    toLevel: number;
    by: string;
    at: Date;
    step: string;
    rule: string;
    reached: boolean;
    tellPerson: boolean;
    /** Why, when a person or a technician gave a reason. */
    reason?: string;
  },
  dialogs: Dialogs = shippedDialogs(),
): TicketStep {
  const { toLevel, by, step, reason } = escalation;
  const primaryResource = techniciansAt(policy, ticket.queue, toLevel)[0]?.id ?? ticket.primaryResource;
  const after: Ticket = { ...ticket, level: toLevel, primaryResource };
  const recipients = techniciansAt(policy, ticket.queue, toLevel).map((t) => t.id);
  const text =
    by === SLA_WATCH && (step === 'take_charge' || step === 'resolution')
      ? slaWatchText(policy, after, { step, action: 'escalated', fromLevel: ticket.level }, dialogs)
      : notificationText(policy, dialogs, 'ticket_escalated', after, {
          by,
          fromLevel: ticket.level,
          ...(reason === undefined ? {} : { reason }),
        });
  const outbox = [
    technicianMessage(
      outboxKey(ticket.number, step, toLevel, 'technicians'),
      after,
      'ticket_escalated',
      recipients,
      text,
      { by, fromLevel: ticket.level, ...(reason === undefined ? {} : { reason }) },
    ),
  ];
  if (escalation.tellPerson && ticket.conversationRef !== null && (step === 'take_charge' || step === 'resolution')) {
    outbox.push({
      key: outboxKey(ticket.number, step, toLevel, 'person'),
      ticketNumber: ticket.number,
      audience: 'person',
      payload: {
        text: levelUpText(after, step, dialogs),
        source: ticket.source,
        conversationRef: ticket.conversationRef,
      },
    });
  }
  const changes: TicketChanges = { level: toLevel, primaryResource };
  // A ticket handed to another level is no longer the taker's: the new level takes it again.
  if (toLevel !== ticket.level && ticket.assignee !== null) {
    changes.assignee = null;
    if (ticket.status === 'in_progress') changes.status = 'assigned';
  }
  return {
    changes,
    events: [
      {
        at: escalation.at.toISOString(),
        kind: 'escalated',
        by,
        data: {
          fromLevel: ticket.level,
          toLevel,
          reached: escalation.reached,
          step,
          rule: escalation.rule,
          ...(reason === undefined ? {} : { reason }),
        },
      },
    ],
    outbox,
  };
}

/**
 * What a due timer does to the ticket as it stands now (under its lock): null when the step has
 * become pointless (taken, answered, resolved, already at that level: cancelled, planned again if
 * the ticket reopens), an empty step for a warning that comes too late, otherwise a warning, an
 * automatic or proposed escalation, and the managers warned of a missed resolution.
 */
export function watchStep(
  policy: Policy,
  sla: SlaEngine,
  timer: SlaTimer,
  ticket: Ticket,
  now: Date,
  dialogs: Dialogs = shippedDialogs(),
): TicketStep | null {
  const stillPlanned = plannedTimers(policy, sla, ticket).some((t) => t.kind === timer.kind && t.level === timer.level);
  if (!stillPlanned) return null;
  const at = now.toISOString();
  const rule = WATCH_RULES[timer.kind];
  const here = () => techniciansAt(policy, ticket.queue, ticket.level).map((t) => t.id);
  if (timer.kind === 'first_response_warning') {
    // A warning comes before the deadline: once it has passed (a downtime), the take-charge
    // escalation is what is left to do. The step is done without a word, never to come back.
    const deadline = sla.deadlines(new Date(ticket.createdAt), ticket.priority, true)?.firstResponseDue;
    if (deadline && now.getTime() >= deadline.getTime()) return { events: [], outbox: [] };
    const share = policy.slaWatch.warnAt[ticket.priority];
    return {
      events: [{ at, kind: 'sla_warning', by: SLA_WATCH, data: { step: timer.kind, rule, share } }],
      outbox: [
        technicianMessage(
          outboxKey(ticket.number, timer.kind, timer.level, 'technicians'),
          ticket,
          'sla_warning',
          here(),
          slaWatchText(policy, ticket, { step: timer.kind, share }, dialogs),
        ),
      ],
    };
  }
  const settings = timer.kind === 'take_charge' ? policy.slaWatch.takeCharge : policy.slaWatch.resolution;
  const managers = timer.kind === 'resolution' ? policy.slaWatch.resolution.warn : [];
  let step: TicketStep;
  if (ticket.level >= timer.level) {
    step = { events: [{ at, kind: 'sla_warning', by: SLA_WATCH, data: { step: timer.kind, rule } }], outbox: [] };
  } else if (settings.escalation === 'automatic') {
    step = escalationStep(
      policy,
      ticket,
      {
        toLevel: timer.level,
        by: SLA_WATCH,
        at: now,
        step: timer.kind,
        rule,
        reached: true,
        tellPerson: true,
      },
      dialogs,
    );
  } else {
    step = {
      events: [
        { at, kind: 'sla_warning', by: SLA_WATCH, data: { step: timer.kind, rule, proposedLevel: timer.level } },
      ],
      outbox: [
        technicianMessage(
          outboxKey(ticket.number, timer.kind, timer.level, 'technicians'),
          ticket,
          'sla_warning',
          here(),
          slaWatchText(policy, ticket, { step: timer.kind, action: 'proposed', toLevel: timer.level }, dialogs),
        ),
      ],
    };
  }
  if (managers.length > 0) {
    const after: Ticket = step.changes?.level === undefined ? ticket : { ...ticket, ...step.changes };
    step.outbox.push(
      technicianMessage(
        outboxKey(ticket.number, timer.kind, timer.level, 'managers'),
        after,
        'sla_warning',
        managers,
        slaWatchText(policy, after, { step: 'resolution', action: 'manager' }, dialogs),
      ),
    );
  }
  return step;
}
