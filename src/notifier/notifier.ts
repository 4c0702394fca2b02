import type { Technician } from '../policy/schema.js';
import type { Ticket } from '../store/ticket-store.js';
import type { TechnicianNotice } from '../tickets/technician-notice.js';

/** Why technicians are told about a ticket. */
export type NotificationKind =
  | 'ticket_opened'
  | 'ticket_escalated'
  | 'draft_ticket'
  | 'technician_requested'
  /** A technician acted on the ticket: each copy of its message is updated to this. */
  | 'ticket_updated'
  /** A message added to an open ticket: the same person again, or another of a site-wide outage. */
  | 'ticket_note'
  /** The person said, in their conversation, that the problem of their resolved ticket persists. */
  | 'ticket_reopened'
  /** The person answered a ticket waiting for them (en attente client). */
  | 'person_replied'
  /** The SLA watch: a deadline is near or passed, or an escalation is proposed. */
  | 'sla_warning';

/** A message to the technicians of a ticket's queue and level, in their own chat. */
export interface TechnicianNotification {
  kind: NotificationKind;
  ticket: Ticket;
  recipients: Technician[];
  /** A critique ticket: "La production de l'entreprise est à l'arrêt" (seed 004), page at once. */
  urgent: boolean;
  /** The message, in French, ready to post. */
  text: string;
  /** The same, described for a chat's renderer: facts, deadlines and the action buttons. */
  notice?: TechnicianNotice;
}

/**
 * The notifier port: how technicians hear of tickets (Slack, Teams, a log). A notifier may fail;
 * the ticket service saves the ticket first and records a failed notification as an event, so a
 * chat outage never loses a ticket.
 */
export interface Notifier {
  notify(notification: TechnicianNotification): Promise<void>;
}
