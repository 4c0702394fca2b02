import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { ErrorCode, GuichetError } from '../../errors.js';
import { conversationKey, KeyedQueue } from '../keyed-queue.js';
import { type AppliedMigration, type Migration, pendingMigrations } from '../migration.js';
import { storableEventData, storableFields, storableJson, storableText } from '../storable.js';
import {
  CONVERSATION_LOCK_WAIT_MS,
  conversationLockTimeout,
  HEALTH_WRITE_WAIT_MS,
  INBOUND_KEPT_MS,
  storeFailed,
  unknownTicket,
} from '../store-error.js';
import { DEFAULT_TICKET_TIMEZONE, formatTicketNumber, ticketDay, toUtcIso } from '../ticket-number.js';
import { buildTicketQuery, buildTicketUpdate } from '../ticket-query.js';
import { holds, MUTABLE_COLUMNS, rowToEvent, rowToTicket, TICKET_COLUMNS } from '../ticket-row.js';
import type {
  CreateResult,
  FireOutcome,
  NewTicket,
  OutboxEntry,
  OutboxMessage,
  OutboxSettlement,
  PlannedTimer,
  SlaTimer,
  Store,
  Ticket,
  TicketChanges,
  TicketEvent,
  TicketExpectation,
  TicketFilter,
  TicketStep,
} from '../ticket-store.js';
import { rowToOutbox, rowToTimer, timerSync } from '../watch-rows.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';

/** Options of the PostgreSQL store. */
export interface PostgresStoreOptions {
  /** The time zone of the ticket numbers' day; Europe/Paris by default. */
  timezone?: string;
  /** A schema to work in (sets `search_path`); the database's default otherwise. Tests use one each. */
  schema?: string;
  /**
   * The pool's maximum number of connections (10 by default). Conversation locks are held on a
   * pool of their own of the same size, so an instance opens at most twice this number.
   */
  maxConnections?: number;
  /** The migrations to apply; the shipped schema by default. */
  migrations?: readonly Migration[];
}

/**
 * Every instance starting against the same database takes this advisory lock while migrating, so
 * several instances started together apply each migration once.
 */
const MIGRATION_LOCK_KEY = 7_301_266_840;

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
const LOCK_NOT_AVAILABLE = '55P03';

/** A conversation lock held: the connection whose transaction holds it, while its work runs. */
interface HeldLock {
  client: pg.PoolClient;
  active: boolean;
}

type Row = Record<string, unknown>;

/** What a transaction's work returns to be rolled back instead of committed. */
const ROLLBACK = Symbol('rollback');
type Rollback = typeof ROLLBACK;

/**
 * The scaled store: PostgreSQL through a connection pool, shared safely by several Guichet
 * instances. Ticket numbers come from a per-day counter row incremented in the creating
 * transaction; the idempotency key is a unique column, so a retried creation returns the first
 * ticket even when both attempts race.
 */
export class PostgresStore implements Store {
  private readonly pool: pg.Pool;
  /**
   * The connections holding conversation locks, apart from `pool`: a lock's work loads and saves
   * through `pool`, so however many locks are held, that work always finds a connection there
   * and never waits for one a lock holder keeps.
   */
  private readonly lockPool: pg.Pool;
  private readonly timezone: string;
  private readonly where: string;
  /** Turns of one conversation in this instance queue here, so each holds one connection at most. */
  private readonly conversationQueue = new KeyedQueue();
  /** The lock whose work is running, seen by the locks that work takes in turn. */
  private readonly heldLock = new AsyncLocalStorage<HeldLock>();
  private closed = false;

  private constructor(pool: pg.Pool, lockPool: pg.Pool, timezone: string, where: string) {
    this.pool = pool;
    this.lockPool = lockPool;
    this.timezone = timezone;
    this.where = where;
  }

  /** Connects to `url` (postgres://…), migrates, and returns the store. Failures throw StoreFailed. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const where = describe(url);
    const config: pg.PoolConfig = { connectionString: url, max: options.maxConnections ?? 10 };
    if (options.schema !== undefined) {
      if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
        throw new GuichetError(
          ErrorCode.InvalidInput,
          `the schema "${options.schema}" must be a lower-case identifier`,
        );
      }
      config.options = `-c search_path=${options.schema}`;
    }
    const pool = new pg.Pool(config);
    const lockPool = new pg.Pool({ ...config, connectionTimeoutMillis: CONVERSATION_LOCK_WAIT_MS });
    // An idle connection dropped by the server is replaced on next use; without a listener the
    // pool's 'error' event would stop the process.
    pool.on('error', () => {});
    lockPool.on('error', () => {});
    const store = new PostgresStore(pool, lockPool, options.timezone ?? DEFAULT_TICKET_TIMEZONE, where);
    try {
      await store.transaction('migrating the schema', async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
        await client.query(
          'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
        );
        const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
        const applied = new Set(rows.map((r) => r.version));
        for (const migration of pendingMigrations(options.migrations ?? POSTGRES_MIGRATIONS, applied)) {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
            migration.version,
            migration.name,
          ]);
        }
      });
    } catch (error) {
      await pool.end().catch(() => {});
      await lockPool.end().catch(() => {});
      throw error;
    }
    return store;
  }

  async createTicket(asked: NewTicket): Promise<CreateResult> {
    const ticket = storableFields(asked);
    const createdAt = toUtcIso(ticket.createdAt, 'createdAt');
    const day = ticketDay(createdAt, this.timezone);
    const key = ticket.idempotencyKey;
    const result = await this.transaction('creating a ticket', async (client): Promise<CreateResult | Rollback> => {
      if (key !== null) {
        const existing = await client.query<Row>('SELECT * FROM tickets WHERE idempotency_key = $1', [key]);
        if (existing.rows[0]) return { ticket: rowToTicket(existing.rows[0]), created: false };
      }
      const counter = await client.query<{ n: number }>(
        `INSERT INTO ticket_counters (day, n) VALUES ($1, 1)
         ON CONFLICT (day) DO UPDATE SET n = ticket_counters.n + 1 RETURNING n`,
        [day],
      );
      const n = Number(counter.rows[0]?.n);
      const saved: Ticket = {
        ...ticket,
        createdAt,
        number: formatTicketNumber(day, n),
        firstRespondedAt: null,
        resolvedAt: null,
        assignee: null,
        takenAt: null,
      };
      const values: unknown[] = [day, n, ...TICKET_COLUMNS.map(([, field]) => saved[field])];
      const inserted = await client.query(
        `INSERT INTO tickets (day, seq, ${TICKET_COLUMNS.map(([c]) => c).join(', ')})
         VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING number`,
        values,
      );
      // Another instance committed the same key meanwhile: roll back (the counter increment with
      // it, so no number is skipped) and answer with that ticket.
      if (inserted.rowCount === 0) return ROLLBACK;
      await client.query('INSERT INTO ticket_events (ticket_number, at, kind, actor) VALUES ($1, $2, $3, $4)', [
        saved.number,
        createdAt,
        'created',
        'bot',
      ]);
      return { ticket: saved, created: true };
    });
    if (result !== ROLLBACK) return result;
    const winner = await this.query('creating a ticket', 'SELECT * FROM tickets WHERE idempotency_key = $1', [key]);
    if (!winner[0]) throw storeFailed('creating a ticket', new Error('the concurrent ticket vanished'), 'Retry.');
    return { ticket: rowToTicket(winner[0]), created: false };
  }

  async getTicket(number: string): Promise<Ticket | null> {
    const rows = await this.query('reading a ticket', 'SELECT * FROM tickets WHERE number = $1', [
      storableText(number),
    ]);
    return rows[0] ? rowToTicket(rows[0]) : null;
  }

  async listTickets(filter: TicketFilter = {}): Promise<Ticket[]> {
    const query = buildTicketQuery(filter, (i) => `$${i}`);
    if (query === null) return [];
    return (await this.query('listing tickets', query.sql, query.params)).map(rowToTicket);
  }

  async updateTicket(
    number: string,
    changes: TicketChanges,
    event: Omit<TicketEvent, 'ticketNumber' | 'id'>,
  ): Promise<Ticket> {
    return (await this.updateTicketIf(number, {}, changes, event)).ticket;
  }

  async updateTicketIf(
    asked: string,
    asExpected: TicketExpectation,
    asChanged: TicketChanges,
    event: Omit<TicketEvent, 'ticketNumber' | 'id'>,
  ): Promise<{ ticket: Ticket; updated: boolean }> {
    const at = toUtcIso(event.at, 'event.at');
    const number = storableText(asked);
    const expected = storableFields(asExpected);
    const changes = storableFields(asChanged);
    return this.transaction('updating a ticket', async (client) => {
      // FOR UPDATE: two technicians changing one ticket apply their changes one after the other,
      // and the second sees the first one's before it compares.
      const found = await client.query<Row>('SELECT * FROM tickets WHERE number = $1 FOR UPDATE', [number]);
      if (found.rowCount === 0) throw unknownTicket(number);
      const current = rowToTicket(found.rows[0] as Row);
      if (!holds(current, expected)) return { ticket: current, updated: false };
      const update = buildTicketUpdate(number, changes, (i) => `$${i}`);
      if (update) await client.query(update.sql, update.params);
      await client.query(
        'INSERT INTO ticket_events (ticket_number, at, kind, actor, data) VALUES ($1, $2, $3, $4, $5)',
        [number, at, event.kind, storableText(event.by), storableEventData(event.data)],
      );
      const { rows } = await client.query<Row>('SELECT * FROM tickets WHERE number = $1', [number]);
      return { ticket: rowToTicket(rows[0] as Row), updated: true };
    });
  }

  async appendEvent(event: TicketEvent): Promise<void> {
    const at = toUtcIso(event.at, 'event.at');
    try {
      await this.query(
        'appending a ticket event',
        'INSERT INTO ticket_events (ticket_number, at, kind, actor, data) VALUES ($1, $2, $3, $4, $5)',
        [storableText(event.ticketNumber), at, event.kind, storableText(event.by), storableEventData(event.data)],
      );
    } catch (error) {
      if ((error as { cause?: { code?: string } }).cause?.code === FOREIGN_KEY_VIOLATION) {
        throw unknownTicket(event.ticketNumber);
      }
      throw error;
    }
  }

  async listEvents(number: string): Promise<TicketEvent[]> {
    const rows = await this.query(
      'reading ticket events',
      'SELECT * FROM ticket_events WHERE ticket_number = $1 ORDER BY id',
      [storableText(number)],
    );
    return rows.map(rowToEvent);
  }

  async loadConversation(channel: string, conversationId: string, now: Date): Promise<unknown | null> {
    const rows = await this.query(
      'loading a conversation',
      'SELECT state FROM conversations WHERE channel = $1 AND conversation_id = $2 AND expires_at > $3',
      [storableText(channel), storableText(conversationId), toUtcIso(now, 'now')],
    );
    return rows[0] ? (rows[0].state as unknown) : null;
  }

  async saveConversation(channel: string, conversationId: string, state: unknown, expiresAt: Date): Promise<void> {
    await this.query(
      'saving a conversation',
      `INSERT INTO conversations (channel, conversation_id, state, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (channel, conversation_id) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at`,
      [
        storableText(channel),
        storableText(conversationId),
        storableJson(state ?? null),
        toUtcIso(expiresAt, 'expiresAt'),
      ],
    );
  }

  async deleteConversation(channel: string, conversationId: string): Promise<void> {
    await this.query(
      'deleting a conversation',
      'DELETE FROM conversations WHERE channel = $1 AND conversation_id = $2',
      [storableText(channel), storableText(conversationId)],
    );
  }

  async purgeExpired(now: Date): Promise<number> {
    const dayBefore = toUtcIso(new Date(now.getTime() - INBOUND_KEPT_MS), 'now');
    await this.query('purging old inbound deliveries', 'DELETE FROM inbound_deliveries WHERE received_at <= $1', [
      dayBefore,
    ]);
    const result = await this.run('purging expired conversations', () =>
      this.pool.query('DELETE FROM conversations WHERE expires_at <= $1', [toUtcIso(now, 'now')]),
    );
    return result.rowCount ?? 0;
  }

  async claimInbound(channel: string, key: string, at: Date): Promise<boolean> {
    const result = await this.run('recording an inbound delivery', () =>
      this.pool.query(
        'INSERT INTO inbound_deliveries (channel, key, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [storableText(channel), storableText(key), toUtcIso(at, 'at')],
      ),
    );
    return result.rowCount === 1;
  }

  /**
   * Holds a conversation's lock while `work` runs: a transaction-scoped advisory lock
   * (`pg_advisory_xact_lock`) on a 64-bit hash of the channel and id, taken in a transaction
   * opened on a connection of the lock pool and ended once `work` settles; a connection lost
   * meanwhile ends the transaction and frees the lock with it. Within this instance the turns of
   * one conversation queue in memory first. A lock taken inside `work` (the phone line's call,
   * then the engine's conversation) is taken in the same transaction, on the same connection, and
   * held until that transaction ends, so nested locks never wait for a second lock connection. Getting a connection and the lock is
   * bounded by CONVERSATION_LOCK_WAIT_MS (`lock_timeout`), then StoreFailed is thrown.
   */
  async withConversationLock<T>(channel: string, conversationId: string, work: () => Promise<T>): Promise<T> {
    const lockId = advisoryLockId(channel, conversationId);
    const waitUntil = performance.now() + CONVERSATION_LOCK_WAIT_MS;
    const late = () => conversationLockTimeout(channel, conversationId, `PostgreSQL (${this.where})`);
    return this.conversationQueue.run(
      conversationKey(channel, conversationId),
      async () => {
        const outer = this.heldLock.getStore();
        if (outer?.active) {
          await this.lockOn(outer.client, `SELECT pg_advisory_xact_lock(${lockId})`, late);
          return work();
        }
        const client = await this.run('locking a conversation', () => this.lockPool.connect());
        const left = Math.max(1, Math.ceil(waitUntil - performance.now()));
        // One round trip: the lock id is a number computed here, never text from outside.
        await this.lockOn(
          client,
          `BEGIN; SET LOCAL lock_timeout = ${left}; SELECT pg_advisory_xact_lock(${lockId})`,
          late,
        ).catch(async (error: unknown) => {
          await client.query('ROLLBACK').catch(() => {});
          client.release();
          throw error;
        });
        const held: HeldLock = { client, active: true };
        let broken: Error | undefined;
        try {
          return await this.heldLock.run(held, work);
        } finally {
          held.active = false;
          // Nothing was written in this transaction: ending it only frees the lock. A connection
          // that cannot end it is dropped, which frees the lock on the server as well.
          await client.query('ROLLBACK').catch((error: Error) => {
            broken = error;
          });
          client.release(broken);
        }
      },
      waitUntil,
      late,
    );
  }

  /** Runs the statement taking a lock; `lock_timeout` running out throws `late()`. */
  private async lockOn(client: pg.PoolClient, sql: string, late: () => Error): Promise<void> {
    try {
      await this.run('locking a conversation', () => client.query(sql));
    } catch (error) {
      if ((error as { cause?: { code?: string } }).cause?.code === LOCK_NOT_AVAILABLE) throw late();
      throw error;
    }
  }

  /**
   * The health probe's write check, in one transaction: the lock an INSERT takes on each table a
   * turn writes (so a table locked elsewhere fails it), then an update of the probe's row,
   * committed. Waiting for a lock stops after HEALTH_WRITE_WAIT_MS, any statement after half as
   * much again, within the probe's 2 s.
   */
  async checkWritable(now: Date): Promise<void> {
    const checkedAt = toUtcIso(now, 'now');
    await this.transaction('checking that the store can write', async (client) => {
      await client.query(
        `SET LOCAL lock_timeout = ${HEALTH_WRITE_WAIT_MS}; SET LOCAL statement_timeout = ${HEALTH_WRITE_WAIT_MS * 1.5}`,
      );
      await client.query('LOCK TABLE tickets, ticket_counters, ticket_events, conversations IN ROW EXCLUSIVE MODE');
      await client.query(
        'INSERT INTO health_probe (id, checked_at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
        [checkedAt],
      );
    });
  }

  async syncTimers(ticketNumber: string, planned: readonly PlannedTimer[]): Promise<void> {
    const number = storableText(ticketNumber);
    await this.transaction('updating the SLA timers of a ticket', async (client) => {
      const { rows } = await client.query<Row>(
        'SELECT * FROM sla_timers WHERE ticket_number = $1 ORDER BY due_at, id FOR UPDATE',
        [number],
      );
      const writes = timerSync(rows.map(rowToTimer), planned);
      for (const t of writes.insert) {
        // Another instance may plan the same timer at once: the first one stands.
        await client.query(
          `INSERT INTO sla_timers (ticket_number, kind, level, due_at, state) VALUES ($1, $2, $3, $4, 'pending')
           ON CONFLICT (ticket_number, kind, level) DO NOTHING`,
          [number, t.kind, t.level, t.dueAt],
        );
      }
      for (const t of writes.reschedule) {
        await client.query(
          "UPDATE sla_timers SET due_at = $1, state = 'pending', lease_owner = NULL, lease_until = NULL WHERE id = $2 AND state <> 'fired'",
          [t.dueAt, t.id],
        );
      }
      if (writes.cancel.length > 0) {
        await client.query(
          "UPDATE sla_timers SET state = 'cancelled', lease_owner = NULL, lease_until = NULL WHERE id = ANY($1) AND state = 'pending'",
          [writes.cancel],
        );
      }
    });
  }

  async listTimers(ticketNumber: string): Promise<SlaTimer[]> {
    const rows = await this.query(
      'reading the SLA timers of a ticket',
      'SELECT * FROM sla_timers WHERE ticket_number = $1 ORDER BY due_at, id',
      [storableText(ticketNumber)],
    );
    return rows.map(rowToTimer);
  }

  /**
   * One statement: the due timers are locked with FOR UPDATE SKIP LOCKED and leased, so watchers
   * of several instances claiming at once each get other timers, and none waits for another.
   */
  async claimDueTimers(
    now: Date,
    owner: string,
    wallMs: number,
    leaseUntilMs: number,
    limit: number,
  ): Promise<SlaTimer[]> {
    const rows = await this.query(
      'claiming due SLA timers',
      `UPDATE sla_timers SET lease_owner = $1, lease_until = $2
       WHERE id IN (
         SELECT id FROM sla_timers
         WHERE state = 'pending' AND due_at <= $3 AND (lease_until IS NULL OR lease_until <= $4)
         ORDER BY due_at, id LIMIT $5
         FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [owner, leaseUntilMs, toUtcIso(now, 'now'), wallMs, limit],
    );
    return rows.map(rowToTimer).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.id - b.id);
  }

  /**
   * Fires a batch in one transaction and a handful of statements, whatever its size: the timers
   * and their tickets are locked (tickets in number order, so two batches sharing a ticket wait
   * for each other instead of deadlocking), every step is decided in memory in due order, then
   * the ticket changes, events, outbox entries and timer states are written set-wise.
   */
  async fireTimers(
    timers: readonly SlaTimer[],
    owner: string,
    at: Date,
    decide: (timer: SlaTimer, ticket: Ticket) => TicketStep | null,
  ): Promise<FireOutcome[]> {
    if (timers.length === 0) return [];
    const firedAt = toUtcIso(at, 'at');
    return this.transaction('firing SLA timers', async (client) => {
      const held = await client.query<Row>(
        "SELECT * FROM sla_timers WHERE id = ANY($1) AND state = 'pending' AND lease_owner = $2 ORDER BY id FOR UPDATE",
        [timers.map((t) => t.id), owner],
      );
      const heldById = new Map(held.rows.map((r) => [Number(r.id), rowToTimer(r)]));
      const numbers = [...new Set([...heldById.values()].map((t) => t.ticketNumber))];
      const locked = await client.query<Row>(
        'SELECT * FROM tickets WHERE number = ANY($1) ORDER BY number FOR UPDATE',
        [numbers],
      );
      const tickets = new Map(locked.rows.map((r) => [String(r.number), rowToTicket(r)]));
      const pending = await client.query<Row>(
        "SELECT * FROM sla_timers WHERE ticket_number = ANY($1) AND state = 'pending'",
        [numbers],
      );
      const pendingOf = new Map<string, SlaTimer[]>();
      for (const timer of pending.rows.map(rowToTimer)) {
        pendingOf.set(timer.ticketNumber, [...(pendingOf.get(timer.ticketNumber) ?? []), timer]);
      }
      const settled = new Set<number>();
      const writes = { fired: [] as number[], cancelled: [] as number[], released: [] as number[] };
      const changed = new Map<string, TicketChanges>();
      const events: Omit<TicketEvent, 'id'>[] = [];
      const outbox: OutboxEntry[] = [];
      const outcomes = timers.map((timer): FireOutcome => {
        const current = heldById.get(timer.id);
        if (!current) return { outcome: 'lost' };
        const before = (t: SlaTimer) =>
          t.id !== current.id &&
          !settled.has(t.id) &&
          (Date.parse(t.dueAt) < Date.parse(current.dueAt) || (t.dueAt === current.dueAt && t.id < current.id));
        if ((pendingOf.get(current.ticketNumber) ?? []).some(before)) {
          writes.released.push(current.id);
          return { outcome: 'waiting' };
        }
        const ticket = tickets.get(current.ticketNumber);
        let step: TicketStep | null;
        try {
          step = ticket ? decide(current, ticket) : null;
        } catch (error) {
          writes.released.push(current.id);
          return { outcome: 'failed', error: error instanceof Error ? error.message : String(error) };
        }
        settled.add(current.id);
        if (!step || !ticket) {
          writes.cancelled.push(current.id);
          return { outcome: 'cancelled' };
        }
        const after = { ...ticket, ...storableFields(step.changes ?? {}) } as Ticket;
        tickets.set(ticket.number, after);
        changed.set(ticket.number, { ...changed.get(ticket.number), ...storableFields(step.changes ?? {}) });
        for (const event of step.events) events.push({ ...event, ticketNumber: ticket.number });
        for (const entry of step.outbox) outbox.push({ ...entry, ticketNumber: ticket.number });
        writes.fired.push(current.id);
        return { outcome: 'fired', ticket: after, step };
      });
      await updateTickets(client, changed);
      await insertEvents(client, events);
      if (outbox.length > 0) {
        await client.query(
          `INSERT INTO outbox (key, ticket_number, audience, payload, state, created_at)
           SELECT k, n, a, p, 'pending', $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) AS v (k, n, a, p)
           ON CONFLICT (key) DO NOTHING`,
          [
            outbox.map((e) => storableText(e.key)),
            outbox.map((e) => e.ticketNumber),
            outbox.map((e) => e.audience),
            outbox.map((e) => storableJson(e.payload)),
            firedAt,
          ],
        );
      }
      const release = 'lease_owner = NULL, lease_until = NULL';
      if (writes.fired.length > 0) {
        await client.query(`UPDATE sla_timers SET state = 'fired', fired_at = $1, ${release} WHERE id = ANY($2)`, [
          firedAt,
          writes.fired,
        ]);
      }
      if (writes.cancelled.length > 0) {
        await client.query(`UPDATE sla_timers SET state = 'cancelled', ${release} WHERE id = ANY($1)`, [
          writes.cancelled,
        ]);
      }
      if (writes.released.length > 0) {
        await client.query(`UPDATE sla_timers SET ${release} WHERE id = ANY($1)`, [writes.released]);
      }
      return outcomes;
    });
  }

  async stepTicket(
    asked: string,
    at: Date,
    decide: (ticket: Ticket) => TicketStep,
  ): Promise<{ ticket: Ticket; step: TicketStep }> {
    const number = storableText(asked);
    const queuedAt = toUtcIso(at, 'at');
    return this.transaction('updating a ticket', async (client) => {
      const { rows } = await client.query<Row>('SELECT * FROM tickets WHERE number = $1 FOR UPDATE', [number]);
      if (!rows[0]) throw unknownTicket(number);
      const step = decide(rowToTicket(rows[0]));
      return { ticket: await this.applyStep(client, number, step, queuedAt), step };
    });
  }

  /** A step's writes, inside the caller's transaction; returns the ticket as changed. */
  private async applyStep(client: pg.PoolClient, number: string, step: TicketStep, queuedAt: string): Promise<Ticket> {
    const update = step.changes ? buildTicketUpdate(number, storableFields(step.changes), (i) => `$${i}`) : null;
    if (update) await client.query(update.sql, update.params);
    for (const event of step.events) {
      await client.query(
        'INSERT INTO ticket_events (ticket_number, at, kind, actor, data) VALUES ($1, $2, $3, $4, $5)',
        [number, toUtcIso(event.at, 'event.at'), event.kind, storableText(event.by), storableEventData(event.data)],
      );
    }
    for (const entry of step.outbox) {
      await client.query(
        `INSERT INTO outbox (key, ticket_number, audience, payload, state, created_at)
         VALUES ($1, $2, $3, $4, 'pending', $5) ON CONFLICT (key) DO NOTHING`,
        [storableText(entry.key), number, entry.audience, storableJson(entry.payload), queuedAt],
      );
    }
    const { rows } = await client.query<Row>('SELECT * FROM tickets WHERE number = $1', [number]);
    return rowToTicket(rows[0] as Row);
  }

  async claimOutbox(owner: string, wallMs: number, leaseUntilMs: number, limit: number): Promise<OutboxMessage[]> {
    const rows = await this.query(
      'claiming outbox messages',
      `UPDATE outbox SET lease_owner = $1, lease_until = $2
       WHERE id IN (
         SELECT id FROM outbox WHERE state = 'pending' AND (lease_until IS NULL OR lease_until <= $3)
         ORDER BY id LIMIT $4
         FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [owner, leaseUntilMs, wallMs, limit],
    );
    return rows.map(rowToOutbox).sort((a, b) => a.id - b.id);
  }

  async settleOutbox(owner: string, settlements: readonly OutboxSettlement[]): Promise<number[]> {
    if (settlements.length === 0) return [];
    const retries = settlements.flatMap((x) => (x.state === 'retry' ? [x] : []));
    const finals = settlements.flatMap((x) => (x.state === 'retry' ? [] : [x]));
    return this.transaction('settling outbox messages', async (client) => {
      const ids: number[] = [];
      if (retries.length > 0) {
        const { rows } = await client.query<Row>(
          `UPDATE outbox o SET attempts = o.attempts + 1, last_error = v.e, lease_owner = NULL, lease_until = v.r
           FROM unnest($1::bigint[], $2::text[], $3::bigint[]) AS v (id, e, r)
           WHERE o.id = v.id AND o.state = 'pending' AND o.lease_owner = $4 RETURNING o.id`,
          [retries.map((x) => x.id), retries.map((x) => storableText(x.error)), retries.map((x) => x.retryAtMs), owner],
        );
        ids.push(...rows.map((r) => Number(r.id)));
      }
      if (finals.length > 0) {
        const { rows } = await client.query<Row>(
          `UPDATE outbox o SET state = v.s, attempts = o.attempts + 1, settled_at = v.at, lease_owner = NULL, lease_until = NULL
           FROM unnest($1::bigint[], $2::text[], $3::timestamptz[]) AS v (id, s, at)
           WHERE o.id = v.id AND o.state = 'pending' AND o.lease_owner = $4 RETURNING o.id`,
          [
            finals.map((x) => x.id),
            finals.map((x) => x.state),
            finals.map((x) => toUtcIso(x.event.at, 'event.at')),
            owner,
          ],
        );
        const done = new Set(rows.map((r) => Number(r.id)));
        await insertEvents(
          client,
          finals.filter((x) => done.has(x.id)).map((x) => x.event),
        );
        ids.push(...done);
      }
      return ids;
    });
  }

  async ticketsWithoutTimers(limit: number): Promise<Ticket[]> {
    const rows = await this.query(
      'listing tickets without SLA timers',
      `SELECT * FROM tickets t WHERE t.contract AND t.status NOT IN ('draft', 'resolved', 'closed')
       AND NOT EXISTS (SELECT 1 FROM sla_timers s WHERE s.ticket_number = t.number) ORDER BY t.created_at LIMIT $1`,
      [limit],
    );
    return rows.map(rowToTicket);
  }

  /** The migrations recorded in `schema_migrations`, in version order. */
  async appliedMigrations(): Promise<AppliedMigration[]> {
    const rows = await this.query(
      'reading schema_migrations',
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    return rows.map((r) => ({ version: Number(r.version), name: String(r.name) }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.pool.end(), this.lockPool.end()]);
  }

  private async query(action: string, sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.run(action, () => this.pool.query<Row>(sql, params))).rows;
  }

  /** Runs `work` in one transaction on one pooled connection; rolls back on any failure. */
  private async transaction<T>(action: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.run(action, async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query(result === ROLLBACK ? 'ROLLBACK' : 'COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    });
  }

  /** Runs a database step, turning its failure into StoreFailed with what to check. */
  private async run<T>(action: string, step: () => Promise<T>): Promise<T> {
    if (this.closed) {
      throw new GuichetError(
        ErrorCode.StoreFailed,
        `${action} failed: the PostgreSQL store (${this.where}) is closed.`,
      );
    }
    try {
      return await step();
    } catch (error) {
      const code = (error as { code?: string }).code;
      const hint =
        code === UNIQUE_VIOLATION || code === FOREIGN_KEY_VIOLATION
          ? 'The data breaks a rule of the schema; check the ticket number and retry.'
          : 'Check DATABASE_URL (or --db), that PostgreSQL is running and reachable, and that the user may create tables.';
      throw storeFailed(`${action} on PostgreSQL (${this.where})`, error, hint);
    }
  }
}

/**
 * The advisory lock id of a conversation: the first 64 bits of a SHA-256 of its channel and id,
 * the same in every instance. Two conversations sharing an id (odds of 2^-64) would only wait for
 * each other, never mix their states.
 */
function advisoryLockId(channel: string, conversationId: string): string {
  const key = conversationKey(storableText(channel), storableText(conversationId));
  return createHash('sha256').update(key).digest().readBigInt64BE(0).toString();
}

/**
 * Applies the changes of many tickets in one UPDATE per set of changed fields, from arrays
 * (unnest), instead of one round trip per ticket.
 */
async function updateTickets(client: pg.PoolClient, changed: ReadonlyMap<string, TicketChanges>): Promise<void> {
  const groups = new Map<string, [string, TicketChanges][]>();
  for (const [number, changes] of changed) {
    const fields = Object.keys(changes)
      .filter((f) => f in MUTABLE_COLUMNS && changes[f as keyof TicketChanges] !== undefined)
      .sort();
    if (fields.length === 0) continue;
    const key = fields.join(',');
    groups.set(key, [...(groups.get(key) ?? []), [number, changes]]);
  }
  for (const [key, rows] of groups) {
    const fields = key.split(',') as (keyof typeof MUTABLE_COLUMNS)[];
    const columns = fields.map((f) => MUTABLE_COLUMNS[f]);
    const types = fields.map((f) => (f === 'level' ? 'integer[]' : 'text[]'));
    const params: unknown[] = [rows.map(([number]) => number)];
    for (const field of fields) params.push(rows.map(([, changes]) => changes[field] ?? null));
    await client.query(
      `UPDATE tickets AS t SET ${columns.map((c) => `${c} = v.${c}`).join(', ')}
       FROM unnest($1::text[], ${types.map((type, i) => `$${i + 2}::${type}`).join(', ')}) AS v (number, ${columns.join(', ')})
       WHERE t.number = v.number`,
      params,
    );
  }
}

/** Appends events in one INSERT, in the order given (their ids follow it). */
async function insertEvents(client: pg.PoolClient, events: readonly Omit<TicketEvent, 'id'>[]): Promise<void> {
  if (events.length === 0) return;
  await client.query(
    `INSERT INTO ticket_events (ticket_number, at, kind, actor, data)
     SELECT n, a, k, b, d FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::jsonb[])
       WITH ORDINALITY AS v (n, a, k, b, d, i) ORDER BY i`,
    [
      events.map((e) => storableText(e.ticketNumber)),
      events.map((e) => toUtcIso(e.at, 'event.at')),
      events.map((e) => e.kind),
      events.map((e) => storableText(e.by)),
      events.map((e) => storableEventData(e.data)),
    ],
  );
}

/** host:port/database of a connection URL, without the password, for error messages. */
function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the DATABASE_URL given';
  }
}
