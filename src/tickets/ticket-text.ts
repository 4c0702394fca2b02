import { DateTime } from 'luxon';
import type { Ticket, TicketEvent } from '../store/ticket-store.js';
import { textTable } from './text-table.js';

const TITLE_WIDTH = 50;

function local(iso: string | null, timezone: string): string {
  if (iso === null) return '';
  const at = DateTime.fromISO(iso, { zone: timezone });
  return at.isValid ? at.toFormat('yyyy-MM-dd HH:mm') : iso;
}

function shorten(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** The table of `guichet tickets list`: one ticket a line, most recent first. */
export function ticketListText(tickets: readonly Ticket[], timezone: string): string {
  if (tickets.length === 0) return 'No ticket matches.\n';
  const rows = tickets.map((t) => [
    t.number,
    local(t.createdAt, timezone),
    t.priority,
    t.type,
    t.status,
    t.queue,
    t.account ?? '',
    shorten(t.title, TITLE_WIDTH),
  ]);
  return `${textTable(['number', 'created', 'priority', 'type', 'status', 'queue', 'account', 'title'], rows)}\n`;
}

/** The page of `guichet tickets show`: every field, then the event log in order. */
export function ticketShowText(ticket: Ticket, events: readonly TicketEvent[], timezone: string): string {
  const fields: [string, string | number | boolean | null][] = [
    ['number', ticket.number],
    ['created', local(ticket.createdAt, timezone)],
    ['status', ticket.status],
    ['type', ticket.type],
    ['priority', ticket.priority],
    ['domain', ticket.domain],
    ['category', ticket.category],
    ['subcategory', ticket.subcategory],
    ['queue', ticket.queue],
    ['level', ticket.level],
    ['primary resource', ticket.primaryResource],
    ['taken by', ticket.assignee],
    ['taken', local(ticket.takenAt, timezone)],
    ['work type', ticket.workType],
    ['account', ticket.account],
    ['contact', ticket.contact],
    ['contact e-mail', ticket.contactEmail],
    ['contact phone', ticket.contactPhone],
    ['source', ticket.source],
    ['language', ticket.language],
    ['contract', ticket.contract ? 'yes' : 'no (no SLA dates)'],
    ['first response due', local(ticket.firstResponseDue, timezone)],
    ['resolution due', local(ticket.resolutionDue, timezone)],
    ['escalation from', local(ticket.escalationAt, timezone)],
    ['first responded', local(ticket.firstRespondedAt, timezone)],
    ['resolved', local(ticket.resolvedAt, timezone)],
    ['appointment', local(ticket.appointmentAt, timezone)],
    ['classification', ticket.classificationReason],
    ['conversation', ticket.conversationRef],
    ['idempotency key', ticket.idempotencyKey],
    ['title', ticket.title],
    ['description', ticket.description],
  ];
  const width = Math.max(...fields.map(([name]) => name.length));
  const lines = fields.map(([name, value]) =>
    `${`${name}:`.padEnd(width + 2)}${value === null ? '' : String(value)}`.trimEnd(),
  );
  const log = events.map((e) => [
    local(e.at, timezone),
    e.kind,
    e.by,
    e.data === undefined ? '' : JSON.stringify(e.data),
  ]);
  return [
    ...lines,
    '',
    `events (${events.length}):`,
    events.length === 0 ? '(none)' : textTable(['at', 'kind', 'by', 'data'], log),
    '',
  ].join('\n');
}
