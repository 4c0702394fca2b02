import type { Ticket } from '../store/ticket-store.js';

/**
 * What the ticket service tells the SLA watch: a ticket was opened, or its status, first
 * response, resolution, level or priority changed. SlaWatch implements it; the technician actions
 * call it through the ticket service, so taking, answering or resolving cancels the timers it
 * makes pointless, and reopening or a new priority plans them again.
 */
export interface TicketWatchHook {
  ticketChanged(ticket: Ticket): Promise<void>;
}
