import { toUtcIso } from './ticket-number.js';
import type { OutboxMessage, PlannedTimer, SlaTimer, TimerKind } from './ticket-store.js';

/** An instant read back from a column: ISO text (SQLite) or a Date (PostgreSQL timestamptz). */
function instant(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** A row of `sla_timers` as an SlaTimer. */
export function rowToTimer(row: Record<string, unknown>): SlaTimer {
  return {
    id: Number(row.id),
    ticketNumber: String(row.ticket_number),
    kind: row.kind as TimerKind,
    level: Number(row.level),
    dueAt: instant(row.due_at),
    state: row.state as SlaTimer['state'],
    firedAt: row.fired_at === null || row.fired_at === undefined ? null : instant(row.fired_at),
  };
}

/** A row of `outbox` as an OutboxMessage. */
export function rowToOutbox(row: Record<string, unknown>): OutboxMessage {
  const payload = typeof row.payload === 'string' ? (JSON.parse(row.payload) as unknown) : row.payload;
  return {
    id: Number(row.id),
    key: String(row.key),
    ticketNumber: String(row.ticket_number),
    audience: row.audience as OutboxMessage['audience'],
    payload: payload as Record<string, unknown>,
    attempts: Number(row.attempts),
    createdAt: instant(row.created_at),
  };
}

/** What `syncTimers` writes: timers to add, and existing ones to move, cancel or make pending again. */
export interface TimerSync {
  insert: PlannedTimer[];
  /** Pending again (or still pending) with this due instant. */
  reschedule: { id: number; dueAt: string }[];
  cancel: number[];
}

/**
 * The writes that make a ticket's timers match `planned` (see WatchStore.syncTimers): both stores
 * share it, so they agree on what a fired, cancelled or pending timer becomes. Due instants are
 * compared as UTC ISO text.
 */
export function timerSync(existing: readonly SlaTimer[], planned: readonly PlannedTimer[]): TimerSync {
  const key = (t: { kind: string; level: number }) => `${t.kind}/${t.level}`;
  const byKey = new Map(existing.map((t) => [key(t), t]));
  const wanted = new Set(planned.map(key));
  const sync: TimerSync = { insert: [], reschedule: [], cancel: [] };
  for (const timer of planned) {
    const dueAt = toUtcIso(timer.dueAt, 'dueAt');
    const found = byKey.get(key(timer));
    if (!found) sync.insert.push({ ...timer, dueAt });
    else if (found.state === 'cancelled' || (found.state === 'pending' && toUtcIso(found.dueAt, 'dueAt') !== dueAt)) {
      sync.reschedule.push({ id: found.id, dueAt });
    }
  }
  for (const timer of existing) if (timer.state === 'pending' && !wanted.has(key(timer))) sync.cancel.push(timer.id);
  return sync;
}
