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

// --- The words of a technician notice (src/tickets/technician-notice.ts), in French as ---------
// technicians read it; the Slack and Teams renderers only lay them out.

/** The labels of the buttons of a notification, the same in Slack and Teams. */
export const ACTION_LABELS = {
  take: 'Je prends',
  reply: 'Répondre',
  escalate: 'Escalader',
  wait: 'En attente client',
  resolve: 'Résolu',
  reopen: 'Rouvrir',
  call_back: 'Rappeler',
} as const;

/** What the text asked with a button is for (Slack modal, Teams Input.Text). */
export const ACTION_INPUTS = {
  reply: { label: 'Votre message à la personne', required: true },
  escalate: { label: "Motif de l'escalade", required: true },
  wait: { label: 'Ce que vous attendez de la personne (facultatif)', required: false },
  resolve: { label: 'Note de résolution, lue par la personne', required: true },
} as const;

/** The labels of the facts of a notice. */
export const NOTICE_LABELS = {
  priority: 'Priorité',
  reason: 'Pourquoi',
  type: 'Type',
  person: 'Demandeur',
  company: 'Société',
  contract: 'Contrat',
  queue: "File d'attente",
  status: 'Statut',
  assignee: 'Pris par',
  firstResponse: 'Première réponse',
  resolution: 'Résolution',
  callerPhone: "Numéro de l'appelant",
  escalatedBy: 'Escaladé par',
  escalationReason: "Motif de l'escalade",
  urgent: 'URGENT : production à l’arrêt',
} as const;

/** A ticket's status as technicians read it. */
export const STATUS_LABELS = {
  draft: 'brouillon (appel interrompu)',
  new: 'nouveau',
  assigned: 'assigné',
  in_progress: 'en cours',
  waiting_customer: 'en attente client',
  resolved: 'résolu',
  closed: 'clos',
} as const;

/** "dans 2 h 15", "en retard de 40 min", "respectée" and the like. */
export const TIME_LEFT = {
  left: (span: string) => `dans ${span}`,
  late: (span: string) => `en retard de ${span}`,
  met: 'tenue',
  missed: 'manquée',
  span: (hours: number, minutes: number) =>
    hours === 0 ? `${minutes} min` : minutes === 0 ? `${hours} h` : `${hours} h ${String(minutes).padStart(2, '0')}`,
} as const;

// --- SLA watch (src/watch/): what technicians, managers and the person read when a timer fires.

/** Why the SLA watch writes about a ticket. */
export type SlaWatchNotice =
  | { step: 'first_response_warning'; share: number }
  | { step: 'take_charge' | 'resolution'; action: 'escalated'; fromLevel: number }
  | { step: 'take_charge' | 'resolution'; action: 'proposed'; toLevel: number }
  | { step: 'resolution'; action: 'manager' };

/** The line that says what the SLA watch saw and did, under the ticket's usual lines. */
function slaWatchLine(ticket: Ticket, notice: SlaWatchNotice): string {
  const firstResponse = ticket.firstResponseDue ? shortDate(ticket.firstResponseDue) : '—';
  const resolution = ticket.resolutionDue ? shortDate(ticket.resolutionDue) : '—';
  // Matrice d'escalade (004): "non traitée dans les délais impartis + 1 heure".
  const why =
    notice.step === 'take_charge'
      ? 'pas de prise en charge dans les délais impartis + 1 heure (matrice d’escalade)'
      : notice.step === 'resolution'
        ? `délai de résolution dépassé (${resolution})`
        : '';
  if (notice.step === 'first_response_warning') {
    return `${Math.round(notice.share * 100)} % du délai de première réponse est écoulé sans réponse : première réponse attendue avant le ${firstResponse}.`;
  }
  if (notice.action === 'escalated') {
    return `Escaladé automatiquement du niveau ${notice.fromLevel} au niveau ${ticket.level} : ${why}.`;
  }
  if (notice.action === 'proposed') {
    return `Escalade proposée au niveau ${notice.toLevel} : ${why}. Escaladez le ticket si c’est justifié.`;
  }
  return `Pour information du responsable : ${why}, le ticket est au niveau ${ticket.level}.`;
}

/** The technicians' (or the managers') message of an SLA watch step, in French like every notification. */
export function slaWatchText(policy: Policy, ticket: Ticket, notice: SlaWatchNotice): string {
  const kind: NotificationKind =
    notice.step !== 'first_response_warning' && notice.action === 'escalated' ? 'ticket_escalated' : 'sla_warning';
  const lines = notificationText(policy, shippedDialogs(), kind, ticket).split('\n');
  lines.splice(4, 0, slaWatchLine(ticket, notice));
  return lines.join('\n');
}

/** What the person reads when the SLA watch moves their ticket up: "votre ticket T… est passé au niveau 2". */
export function levelUpText(ticket: Ticket, step: 'take_charge' | 'resolution'): string {
  if (ticket.language === 'en') {
    return step === 'take_charge'
      ? `Your ticket ${ticket.number} has moved up to level ${ticket.level}: nobody had taken it within the agreed time, so a level-${ticket.level} technician will handle it.`
      : `Your ticket ${ticket.number} has moved up to level ${ticket.level}: its resolution deadline has passed, so a level-${ticket.level} technician will handle it.`;
  }
  return step === 'take_charge'
    ? `Votre ticket ${ticket.number} est passé au niveau ${ticket.level} : il n'avait pas été pris en charge dans les délais, un technicien de niveau ${ticket.level} s'en occupe.`
    : `Votre ticket ${ticket.number} est passé au niveau ${ticket.level} : le délai de résolution est dépassé, un technicien de niveau ${ticket.level} s'en occupe.`;
}
// --- end of the SLA watch block.
