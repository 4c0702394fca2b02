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
