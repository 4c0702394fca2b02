import type { Ticket, TicketEvent, TicketExpectation } from './ticket-store.js';

/**
 * The columns of the `tickets` table, shared by the SQLite and PostgreSQL stores, with the Ticket
 * field each one holds. Order matters: inserts list them in this order.
 */
export const TICKET_COLUMNS = [
  ['number', 'number'],
  ['created_at', 'createdAt'],
  ['account', 'account'],
  ['contact', 'contact'],
  ['contact_email', 'contactEmail'],
  ['contact_phone', 'contactPhone'],
  ['source', 'source'],
  ['title', 'title'],
  ['description', 'description'],
  ['type', 'type'],
  ['priority', 'priority'],
  ['domain', 'domain'],
  ['category', 'category'],
  ['subcategory', 'subcategory'],
  ['queue', 'queue'],
  ['primary_resource', 'primaryResource'],
  ['level', 'level'],
  ['status', 'status'],
  ['work_type', 'workType'],
  ['contract', 'contract'],
  ['first_response_due', 'firstResponseDue'],
  ['resolution_due', 'resolutionDue'],
  ['escalation_at', 'escalationAt'],
  ['first_responded_at', 'firstRespondedAt'],
  ['resolved_at', 'resolvedAt'],
  ['assignee', 'assignee'],
  ['taken_at', 'takenAt'],
  ['appointment_at', 'appointmentAt'],
  ['classification_reason', 'classificationReason'],
  ['conversation_ref', 'conversationRef'],
  ['idempotency_key', 'idempotencyKey'],
  ['language', 'language'],
] as const satisfies readonly (readonly [string, keyof Ticket])[];

/** The fields `updateTicket` may change, with their column. */
export const MUTABLE_COLUMNS = {
  status: 'status',
  firstRespondedAt: 'first_responded_at',
  resolvedAt: 'resolved_at',
  level: 'level',
  primaryResource: 'primary_resource',
  appointmentAt: 'appointment_at',
  assignee: 'assignee',
  takenAt: 'taken_at',
} as const;

/** Whether a ticket holds every field `expected` names (`updateTicketIf`). */
export function holds(ticket: Ticket, expected: TicketExpectation): boolean {
  return Object.entries(expected).every(([field, value]) => ticket[field as keyof TicketExpectation] === value);
}

/** An instant read back from a column: ISO text (SQLite) or a Date (PostgreSQL timestamptz). */
function instant(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** A database row of `tickets` as a Ticket. */
export function rowToTicket(row: Record<string, unknown>): Ticket {
  const ticket: Record<string, unknown> = {};
  for (const [column, field] of TICKET_COLUMNS) ticket[field] = row[column] ?? null;
  ticket.createdAt = instant(row.created_at);
  ticket.contract = Boolean(row.contract);
  ticket.level = Number(row.level);
  return ticket as unknown as Ticket;
}

/** A database row of `ticket_events` as a TicketEvent. */
export function rowToEvent(row: Record<string, unknown>): TicketEvent {
  const event: TicketEvent = {
    id: Number(row.id),
    ticketNumber: String(row.ticket_number),
    at: instant(row.at),
    kind: row.kind as TicketEvent['kind'],
    by: String(row.actor),
  };
  const data = typeof row.data === 'string' ? (JSON.parse(row.data) as unknown) : row.data;
  if (data !== null && data !== undefined) event.data = data as Record<string, unknown>;
  return event;
}
