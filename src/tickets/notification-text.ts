import { DateTime } from 'luxon';
import type { Dialogs } from '../dialogs/messages.js';
import type { Language } from '../domain.js';
import type { NotificationKind } from '../notifier/notifier.js';
import type { Policy } from '../policy/schema.js';
import type { Ticket } from '../store/ticket-store.js';

/** Technicians read French: the ticket's fields and the seed's vocabulary are French (004). */
export const TECHNICIAN_LANGUAGE: Language = 'fr';

/** "23/11/2026 09:30" from an ISO instant, in the offset it was written with (Europe/Paris). */
export function shortDate(iso: string): string {
  const at = DateTime.fromISO(iso, { setZone: true });
  return at.isValid ? at.toFormat('dd/MM/yyyy HH:mm') : iso;
}

/**
 * The message technicians read in their chat about a ticket: what, for whom, how urgent, and the
 * SLA dates they must meet (or "sans contrat" when the SLA does not apply). Its lines are the
 * `notification` sentences of dialogs/.
 */
export function notificationText(
  policy: Policy,
  dialogs: Dialogs,
  kind: NotificationKind,
  ticket: Ticket,
  detail?: { by?: string; fromLevel?: number },
): string {
  const m = dialogs.messages(TECHNICIAN_LANGUAGE);
  const l = m.notification;
  const priority = policy.priorities[ticket.priority].label[TECHNICIAN_LANGUAGE];
  const headline = ticket.priority === 'critique' ? l.headlineUrgent : l.headline;
  const who = [ticket.account ?? l.unknownAccount, ticket.contact ?? l.unknownContact, ticket.contactPhone].filter(
    (part): part is string => part !== null && part !== '',
  );
  const lines = [
    headline(l[kind], ticket.number, priority),
    ticket.primaryResource
      ? l.queueWithResource(ticket.queue, ticket.level, ticket.primaryResource)
      : l.queue(ticket.queue, ticket.level),
    who.join(' · '),
    l.subject(m.typeLabels[ticket.type], ticket.title),
  ];
  if (kind === 'ticket_escalated' && detail?.fromLevel !== undefined) {
    lines.push(
      detail.by
        ? l.escalatedBy(detail.fromLevel, ticket.level, detail.by)
        : l.escalated(detail.fromLevel, ticket.level),
    );
  }
  if (ticket.contract && ticket.firstResponseDue && ticket.resolutionDue) {
    lines.push(l.deadlines(shortDate(ticket.firstResponseDue), shortDate(ticket.resolutionDue)));
  } else {
    lines.push(l.noContract());
  }
  return lines.join('\n');
}
