import { DateTime } from 'luxon';
import type { NotificationKind } from '../notifier/notifier.js';
import type { Policy } from '../policy/schema.js';
import type { Ticket } from '../store/ticket-store.js';

/** "23/11/2026 09:30" from an ISO instant, in the offset it was written with (Europe/Paris). */
export function shortDate(iso: string): string {
  const at = DateTime.fromISO(iso, { setZone: true });
  return at.isValid ? at.toFormat('dd/MM/yyyy HH:mm') : iso;
}

const HEADLINE: Record<NotificationKind, string> = {
  ticket_opened: 'Nouveau ticket',
  ticket_escalated: 'Escalade du ticket',
  draft_ticket: 'Brouillon de ticket (appel interrompu avant la fin)',
  technician_requested: 'Un technicien est demandé pour le ticket',
  ticket_updated: 'Ticket',
};

/**
 * The French message technicians read in their chat about a ticket: what, for whom, how urgent,
 * and the SLA dates they must meet (or "sans contrat" when the SLA does not apply).
 */
export function notificationText(
  policy: Policy,
  kind: NotificationKind,
  ticket: Ticket,
  detail?: { by?: string; fromLevel?: number; reason?: string },
): string {
  const priority = policy.priorities[ticket.priority];
  const urgent = ticket.priority === 'critique' ? ' — URGENT : production à l’arrêt' : '';
  const lines = [
    `${HEADLINE[kind]} ${ticket.number} — priorité ${priority.label.fr}${urgent}`,
    `${ticket.queue}, niveau ${ticket.level}${ticket.primaryResource ? `, ressource principale ${ticket.primaryResource}` : ''}`,
    `${ticket.account ?? 'Compte non identifié'} · ${ticket.contact ?? 'contact non identifié'}${
      ticket.contactPhone ? ` · ${ticket.contactPhone}` : ''
    }`,
    `${ticket.type === 'incident' ? 'Incident' : 'Demande de service'} : ${ticket.title}`,
  ];
  if (kind === 'ticket_escalated' && detail?.fromLevel !== undefined) {
    lines.push(
      `Escaladé du niveau ${detail.fromLevel} au niveau ${ticket.level}${detail.by ? ` par ${detail.by}` : ''}.`,
    );
    if (detail.reason) lines.push(`Motif : ${detail.reason}`);
  }
  if (ticket.contract && ticket.firstResponseDue && ticket.resolutionDue) {
    lines.push(
      `Première réponse avant le ${shortDate(ticket.firstResponseDue)}, résolution avant le ${shortDate(ticket.resolutionDue)}.`,
    );
  } else {
    lines.push('Sans contrat de maintenance : pas d’engagement de délai.');
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
