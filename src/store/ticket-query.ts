import { storableText } from './storable.js';
import { toUtcIso } from './ticket-number.js';
import { MUTABLE_COLUMNS } from './ticket-row.js';
import type { TicketChanges, TicketFilter } from './ticket-store.js';

/** A parameterised SELECT of tickets; `null` when the filter can match nothing (no status). */
export type TicketQuery = { sql: string; params: unknown[] } | null;

/**
 * Builds the SELECT of `listTickets` for both stores: `placeholder(i)` writes the i-th parameter
 * (`?` in SQLite, `$i` in PostgreSQL). Most recent tickets come first.
 */
export function buildTicketQuery(filter: TicketFilter, placeholder: (index: number) => string): TicketQuery {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    // The same text the stores wrote (see storable.ts), so a lookup never fails on PostgreSQL only.
    params.push(typeof value === 'string' ? storableText(value) : value);
    return placeholder(params.length);
  };
  if (filter.status !== undefined) {
    if (filter.status.length === 0) return null;
    where.push(`status IN (${filter.status.map((s) => param(s)).join(', ')})`);
  }
  if (filter.account !== undefined) where.push(`account = ${param(filter.account)}`);
  if (filter.contactEmail !== undefined) where.push(`lower(contact_email) = lower(${param(filter.contactEmail)})`);
  if (filter.contactPhone !== undefined) where.push(`contact_phone = ${param(filter.contactPhone)}`);
  if (filter.keyPrefix !== undefined) {
    // substr and length count characters in both stores, where LIKE would read '_' and '%' in the key.
    const prefix = param(filter.keyPrefix);
    where.push(`substr(idempotency_key, 1, length(${prefix})) = ${param(filter.keyPrefix)}`);
  }
  if (filter.from !== undefined) where.push(`created_at >= ${param(toUtcIso(filter.from, 'from'))}`);
  if (filter.to !== undefined) where.push(`created_at < ${param(toUtcIso(filter.to, 'to'))}`);
  let sql = 'SELECT * FROM tickets';
  if (where.length > 0) sql += ` WHERE ${where.join(' AND ')}`;
  sql += ' ORDER BY created_at DESC, day DESC, seq DESC';
  // The limit is written in the statement, not bound: SQLite prepares a statement again at each
  // run whose LIMIT is a parameter (its plan depends on the value), about 20 µs where the query
  // itself takes 1. A whole number of its own making, it cannot carry SQL.
  const limit = filter.limit === undefined ? Number.NaN : Math.max(0, Math.floor(filter.limit));
  if (Number.isFinite(limit)) sql += ` LIMIT ${limit}`;
  return { sql, params };
}

/**
 * Builds the UPDATE of `updateTicket` for both stores, with the ticket number as the last
 * parameter; `null` when no field changes (only the event is written then).
 */
export function buildTicketUpdate(
  number: string,
  changes: TicketChanges,
  placeholder: (index: number) => string,
): { sql: string; params: unknown[] } | null {
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const [field, column] of Object.entries(MUTABLE_COLUMNS)) {
    const value = changes[field as keyof typeof MUTABLE_COLUMNS];
    if (value === undefined) continue;
    params.push(value);
    sets.push(`${column} = ${placeholder(params.length)}`);
  }
  if (sets.length === 0) return null;
  params.push(number);
  return { sql: `UPDATE tickets SET ${sets.join(', ')} WHERE number = ${placeholder(params.length)}`, params };
}
