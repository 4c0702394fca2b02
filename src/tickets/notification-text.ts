import { DateTime } from 'luxon';
import { shippedDialogs } from '../dialogs/load.js';
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
  detail?: { by?: string; fromLevel?: number; reason?: string },
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
    if (detail.reason) lines.push(l.reason(detail.reason));
  }
  if (ticket.contract && ticket.firstResponseDue && ticket.resolutionDue) {
    lines.push(l.deadlines(shortDate(ticket.firstResponseDue), shortDate(ticket.resolutionDue)));
  } else {
    lines.push(l.noContract());
  }
  return lines.join('\n');
}

// --- SLA watch (src/watch/): what technicians, managers and the person read when a timer fires.
// The words are the `slaWatch` sentences of dialogs/.

/** Why the SLA watch writes about a ticket. */
export type SlaWatchNotice =
  | { step: 'first_response_warning'; share: number }
  | { step: 'take_charge' | 'resolution'; action: 'escalated'; fromLevel: number }
  | { step: 'take_charge' | 'resolution'; action: 'proposed'; toLevel: number }
  | { step: 'resolution'; action: 'manager' };

/** The line that says what the SLA watch saw and did, under the ticket's usual lines. */
function slaWatchLine(dialogs: Dialogs, ticket: Ticket, notice: SlaWatchNotice): string {
  const l = dialogs.messages(TECHNICIAN_LANGUAGE).slaWatch;
  const firstResponse = ticket.firstResponseDue ? shortDate(ticket.firstResponseDue) : '—';
  const resolution = ticket.resolutionDue ? shortDate(ticket.resolutionDue) : '—';
  // Matrice d'escalade (004): "non traitée dans les délais impartis + 1 heure".
  const why =
    notice.step === 'take_charge' ? l.whyTakeCharge() : notice.step === 'resolution' ? l.whyResolution(resolution) : '';
  if (notice.step === 'first_response_warning') {
    return l.firstResponseWarning(Math.round(notice.share * 100), firstResponse);
  }
  if (notice.action === 'escalated') return l.escalated(notice.fromLevel, ticket.level, why);
  if (notice.action === 'proposed') return l.proposed(notice.toLevel, why);
  return l.manager(why, ticket.level);
}

/** The technicians' (or the managers') message of an SLA watch step, in French like every notification. */
export function slaWatchText(
  policy: Policy,
  ticket: Ticket,
  notice: SlaWatchNotice,
  dialogs: Dialogs = shippedDialogs(),
): string {
  const kind: NotificationKind =
    notice.step !== 'first_response_warning' && notice.action === 'escalated' ? 'ticket_escalated' : 'sla_warning';
  const lines = notificationText(policy, dialogs, kind, ticket).split('\n');
  lines.splice(4, 0, slaWatchLine(dialogs, ticket, notice));
  return lines.join('\n');
}

/** What the person reads when the SLA watch moves their ticket up: "votre ticket T… est passé au niveau 2". */
export function levelUpText(
  ticket: Ticket,
  step: 'take_charge' | 'resolution',
  dialogs: Dialogs = shippedDialogs(),
): string {
  const l = dialogs.messages(ticket.language).slaWatch;
  return step === 'take_charge'
    ? l.levelUpTakeCharge(ticket.number, ticket.level)
    : l.levelUpResolution(ticket.number, ticket.level);
}
// --- end of the SLA watch block.
