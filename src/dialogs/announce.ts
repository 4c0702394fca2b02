import type { Language } from '../domain.js';
import type { Reply, TicketCard } from '../engine/turn.js';
import type { ContactMethod, Policy } from '../policy/schema.js';
import type { Ticket } from '../store/ticket-store.js';
import type { EscalationPlan } from '../tickets/escalation-plan.js';
import { businessHoursText, formatInstant } from './dates.js';
import type { Dialogs } from './messages.js';
import { reply } from './reply.js';
import { reasonFor } from './summary.js';

/**
 * What the person is told about a ticket: the announcement when it is opened (number, type,
 * priority and why, queue, deadlines, business hours, escalation path of the matrices) and the
 * card every channel shows.
 */

/** A contact method of the matrices as a sentence, with its phone number when the label lacks it. */
export function contactMethodText(method: ContactMethod, language: Language): string {
  const label = method.label[language];
  const digits = (s: string) => s.replace(/\D/g, '');
  if (method.phone && !digits(label).includes(digits(method.phone))) return `${label} (${method.phone})`;
  return label;
}

/** "Écrivez à …" as it reads after a colon in the middle of a sentence: "… : écrivez à …". */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The card of a ticket, with its deadlines as ISO instants and as a person says them. */
export function ticketCard(
  ticket: Ticket,
  plan: EscalationPlan,
  policy: Policy,
  dialogs: Dialogs,
  language: Language,
  now: Date,
): TicketCard {
  const m = dialogs.messages(language);
  const zone = policy.calendar.timezone;
  const say = (iso: string | null) => (iso ? formatInstant(iso, language, zone, now) : null);
  const escalationAt = say(plan.escalationAt);
  return {
    number: ticket.number,
    type: ticket.type,
    typeLabel: m.typeLabels[ticket.type],
    priority: ticket.priority,
    priorityLabel: policy.priorities[ticket.priority].label[language],
    priorityReason: reasonFor(ticket.classificationReason, ticket.priority, policy, language),
    domain: ticket.domain,
    queue: ticket.queue,
    title: ticket.title,
    status: ticket.status,
    account: ticket.account,
    contact: ticket.contact,
    contract: ticket.contract,
    firstResponseDue: ticket.firstResponseDue,
    resolutionDue: ticket.resolutionDue,
    escalationAt: plan.escalationAt,
    firstResponseDueText: say(ticket.firstResponseDue),
    resolutionDueText: say(ticket.resolutionDue),
    escalationText: m.escalationFrom(contactMethodText(plan.escalation, language), escalationAt),
    appointmentAt: ticket.appointmentAt,
    appointmentText: say(ticket.appointmentAt),
  };
}

/**
 * The announcement of a new ticket (issue 4, item 3). Critique: the immediate trigger method
 * (on-call number) and that technicians were alerted. No contract: no SLA, the no-contract numbers.
 * `reason` is why this priority in the person's language, from the classification that opened it.
 */
export function announcement(
  ticket: Ticket,
  plan: EscalationPlan,
  policy: Policy,
  dialogs: Dialogs,
  language: Language,
  now: Date,
  reason: string = reasonFor(ticket.classificationReason, ticket.priority, policy, language),
): Reply {
  const card = ticketCard(ticket, plan, policy, dialogs, language, now);
  const zone = policy.calendar.timezone;
  const text = dialogs.messages(language).ticketOpened({
    number: ticket.number,
    type: ticket.type,
    priorityLabel: card.priorityLabel,
    reason,
    queue: ticket.queue,
    contract: ticket.contract,
    firstResponse: card.firstResponseDueText,
    resolution: card.resolutionDueText,
    businessHours: businessHoursText(policy.calendar, language),
    escalationLabel: lowerFirst(contactMethodText(plan.escalation, language)),
    escalationAt: plan.escalationAt ? formatInstant(plan.escalationAt, language, zone, now) : null,
    critique: ticket.priority === 'critique',
    triggerLabel: lowerFirst(contactMethodText(plan.trigger, language)),
    appointment: ticket.appointmentAt ? formatInstant(ticket.appointmentAt, language, zone, now) : null,
  });
  return reply(language, text, { card, expects: 'text' });
}

/** The status of a ticket, as asked with "où en est T…". */
export function statusReply(
  ticket: Ticket,
  plan: EscalationPlan,
  policy: Policy,
  dialogs: Dialogs,
  language: Language,
  now: Date,
): Reply {
  const card = ticketCard(ticket, plan, policy, dialogs, language, now);
  const m = dialogs.messages(language);
  const text = m.status({
    number: ticket.number,
    title: ticket.title,
    status: m.statuses[ticket.status],
    priorityLabel: card.priorityLabel,
    firstResponse: card.firstResponseDueText,
    resolution: card.resolutionDueText,
    responded: ticket.firstRespondedAt !== null,
  });
  return reply(language, text, { card, expects: 'text' });
}
