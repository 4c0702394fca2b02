import { randomUUID } from 'node:crypto';
import { mkdirSync, statfsSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
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
import { holds, rowToEvent, rowToTicket, TICKET_COLUMNS } from '../ticket-row.js';
import type {
  CreateResult,
  FireOutcome,
  NewTicket,
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
import { SQLITE_MIGRATIONS } from './migrations.js';

/** Options of the SQLite store. */
export interface SqliteStoreOptions {
  /** The time zone of the ticket numbers' day; Europe/Paris by default. */
  timezone?: string;
  /** How long a write waits for another process holding the file, in milliseconds (5 s by default). */
  busyTimeoutMs?: number;
  /** The migrations to apply; the shipped schema by default (tests pass their own). */
  migrations?: readonly Migration[];
  /**
   * Below this many bytes free on the file's disk the store reports that it cannot write (1 MiB by
   * default): SQLite may reuse the space it already has for a while, but the next ticket or
   * checkpoint that needs more would fail.
   */
  minFreeBytes?: number;
}

const DEFAULT_MIN_FREE_BYTES = 1024 * 1024;
const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

type Row = Record<string, unknown>;

/** A creation waiting for the next group commit. */
interface PendingCreation {
  ticket: NewTicket;
  resolve: (result: CreateResult) => void;
  reject: (error: unknown) => void;
}
type Outcome = { ok: true; value: CreateResult } | { ok: false; error: unknown };

/**
 * The real `setImmediate`, taken when the module loads: a test that fakes timers afterwards must
 * not leave creations waiting forever. It runs after the event loop's I/O phase, so creations
 * asked by requests handled in the same turn share a commit.
 */
const afterThisTurn = globalThis.setImmediate;

/** The most creations one commit holds, so a burst never makes one transaction long. */
const MAX_BATCH = 256;

/** How many statement shapes of listTickets and updateTicket are kept prepared. */
const STATEMENT_SHAPES_KEPT = 64;

/**
 * How long a conversation lock claimed in the file stands, in milliseconds, should its process
 * die before releasing it and not be seen to be gone (`ownerIsGone`): far longer than a turn, so
 * a live holder never loses it, and short enough that such a holder blocks its conversations for
 * half a minute at most.
 */
const LOCK_LEASE_MS = 30_000;

/**
 * The lock owners of the stores open in this process. A lock row naming this host and this pid but
 * none of these was left by an earlier process that had the same pid (a container's first process
 * has the same pid at every start).
 */
const liveOwners = new Set<string>();

/**
 * Whether the process that wrote a lock row is gone, so its locks can be taken at once instead of
 * after their lease: a process killed mid-turn (kill -9, out of memory, power cut) never released
 * them. Only a row of this host is judged (SQLite's WAL is shared by the processes of one host
 * only, and a pid means nothing elsewhere); a pid taken since by another process counts as alive,
 * and its lease ends the claim.
 */
function ownerIsGone(owner: string): boolean {
  const [host, pid] = owner.split('/');
  if (host !== hostname() || pid === undefined || !/^\d+$/.test(pid)) return false;
  if (Number(pid) === process.pid) return !liveOwners.has(owner);
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as { code?: string }).code === 'ESRCH';
  }
}

/** The pauses between two claims of a lock another process holds, in milliseconds. */
const LOCK_RETRY_FIRST_MS = 2;
const LOCK_RETRY_MAX_MS = 50;

/**
 * The embedded store: one SQLite file (better-sqlite3) in WAL mode with synchronous=FULL, so a
 * ticket acknowledged to a caller survives a power cut. The file and its folder are created and
 * migrated on first use. better-sqlite3 is synchronous: each method runs in one transaction, and
 * writes take the write lock at once (BEGIN IMMEDIATE), so two processes sharing the file never
 * hand out the same ticket number.
 */
export class SqliteStore implements Store {
  readonly path: string;
  private readonly db: Database.Database;
  /**
   * Conversation state goes through its own connection with synchronous=NORMAL: in WAL mode a
   * commit then survives a crash or a restart of the process without a disk sync, and only an
   * operating-system crash may lose the last turns (the person answers the last question again).
   * Tickets keep synchronous=FULL. `:memory:` has one connection for both.
   */
  private readonly conversationsDb: Database.Database;
  private readonly timezone: string;
  private readonly statements: ReturnType<SqliteStore['prepare']>;
  private readonly listCache = new Map<string, Database.Statement>();
  private readonly pending: PendingCreation[] = [];
  private flushScheduled = false;
  private readonly createBatch: Database.Transaction<(tickets: NewTicket[]) => Outcome[]>;
  /** Turns of one conversation in this process wait here; the file's lock rows guard across processes. */
  private readonly conversationQueue = new KeyedQueue();
  /**
   * Who holds a lock row: this store, unlike any other process or store opened on the file, as
   * host/pid/uuid so another process can tell when the holder is gone (`ownerIsGone`).
   */
  private readonly lockOwner = `${hostname()}/${process.pid}/${randomUUID()}`;
  private readonly busyTimeoutMs: number;
  private readonly minFreeBytes: number;
  private closed = false;

  private constructor(
    path: string,
    db: Database.Database,
    conversationsDb: Database.Database,
    options: SqliteStoreOptions,
  ) {
    this.path = path;
    this.db = db;
    this.conversationsDb = conversationsDb;
    this.timezone = options.timezone ?? DEFAULT_TICKET_TIMEZONE;
    this.busyTimeoutMs = busyTimeout(options);
    this.minFreeBytes = options.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES;
    liveOwners.add(this.lockOwner);
    this.statements = this.prepare();
    const createOne = this.db.transaction((ticket: NewTicket) => this.createOne(ticket));
    this.createBatch = this.db.transaction((tickets: NewTicket[]) =>
      tickets.map((ticket): Outcome => {
        try {
          return { ok: true, value: createOne(ticket) };
        } catch (error) {
          return { ok: false, error: storeFailed(`creating a ticket in "${path}"`, error, 'Check the ticket fields.') };
        }
      }),
    );
  }

  /**
   * Opens (creating it and its folder when missing) and migrates the SQLite database at `path`;
   * `:memory:` gives a private in-memory database. Failures throw StoreFailed with what to check.
   */
  static open(path: string, options: SqliteStoreOptions = {}): SqliteStore {
    const hint = `Check the path given by --db or DATABASE_URL ("${path}") and that its folder is writable.`;
    let db: Database.Database | undefined;
    let conversationsDb: Database.Database | undefined;
    try {
      if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
      db = new Database(path);
      db.pragma('journal_mode = WAL');
      // Durability first: the WAL is synced at every commit, a saved ticket is never lost.
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${busyTimeout(options)}`);
      migrate(db, options.migrations ?? SQLITE_MIGRATIONS);
      conversationsDb = db;
      if (path !== ':memory:') {
        conversationsDb = new Database(path);
        conversationsDb.pragma('synchronous = NORMAL');
        conversationsDb.pragma(`busy_timeout = ${busyTimeout(options)}`);
      }
      return new SqliteStore(path, db, conversationsDb, options);
    } catch (error) {
      if (conversationsDb !== db) conversationsDb?.close();
      db?.close();
      throw storeFailed(`opening the SQLite database "${path}"`, error, hint);
    }
  }

  private prepare() {
    const columns = TICKET_COLUMNS.map(([column]) => column);
    return {
      byKey: this.db.prepare('SELECT * FROM tickets WHERE idempotency_key = ?'),
      byNumber: this.db.prepare('SELECT * FROM tickets WHERE number = ?'),
      nextSeq: this.db.prepare(
        'INSERT INTO ticket_counters (day, n) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET n = n + 1 RETURNING n',
      ),
      insertTicket: this.db.prepare(
        `INSERT INTO tickets (day, seq, ${columns.join(', ')}) VALUES (?, ?, ${columns.map(() => '?').join(', ')})`,
      ),
      insertEvent: this.db.prepare(
        'INSERT INTO ticket_events (ticket_number, at, kind, actor, data) VALUES (?, ?, ?, ?, ?)',
      ),
      events: this.db.prepare('SELECT * FROM ticket_events WHERE ticket_number = ? ORDER BY id'),
      loadConversation: this.conversationsDb.prepare(
        'SELECT state FROM conversations WHERE channel = ? AND conversation_id = ? AND expires_at > ?',
      ),
      saveConversation: this.conversationsDb.prepare(
        `INSERT INTO conversations (channel, conversation_id, state, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (channel, conversation_id) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at`,
      ),
      deleteConversation: this.conversationsDb.prepare(
        'DELETE FROM conversations WHERE channel = ? AND conversation_id = ?',
      ),
      purgeExpired: this.conversationsDb.prepare('DELETE FROM conversations WHERE expires_at <= ?'),
      // One statement, so claiming is atomic under the file's write lock: it inserts the row, or
      // takes over a claim whose lease ran out, or changes nothing while another holder's stands.
      claimLock: this.conversationsDb.prepare(
        `INSERT INTO conversation_locks (channel, conversation_id, owner, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (channel, conversation_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
         WHERE conversation_locks.expires_at <= ?`,
      ),
      releaseLock: this.conversationsDb.prepare(
        'DELETE FROM conversation_locks WHERE channel = ? AND conversation_id = ? AND owner = ?',
      ),
      lockHolder: this.conversationsDb.prepare(
        'SELECT owner FROM conversation_locks WHERE channel = ? AND conversation_id = ?',
      ),
      takeOverLock: this.conversationsDb.prepare(
        'UPDATE conversation_locks SET owner = ?, expires_at = ? WHERE channel = ? AND conversation_id = ? AND owner = ?',
      ),
      claimInbound: this.db.prepare(
        'INSERT INTO inbound_deliveries (channel, key, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      purgeInbound: this.db.prepare('DELETE FROM inbound_deliveries WHERE received_at <= ?'),
      probe: this.db.prepare(
        'INSERT INTO health_probe (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
      ),
      migrations: this.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version'),
      timers: this.db.prepare('SELECT * FROM sla_timers WHERE ticket_number = ? ORDER BY due_at, id'),
      insertTimer: this.db.prepare(
        "INSERT INTO sla_timers (ticket_number, kind, level, due_at, state) VALUES (?, ?, ?, ?, 'pending')",
      ),
      rescheduleTimer: this.db.prepare(
        "UPDATE sla_timers SET due_at = ?, state = 'pending', lease_owner = NULL, lease_until = NULL WHERE id = ?",
      ),
      cancelTimer: this.db.prepare(
        "UPDATE sla_timers SET state = 'cancelled', lease_owner = NULL, lease_until = NULL WHERE id = ? AND state = 'pending'",
      ),
      dueTimers: this.db.prepare(
        `SELECT * FROM sla_timers WHERE state = 'pending' AND due_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
         ORDER BY due_at, id LIMIT ?`,
      ),
      leaseTimer: this.db.prepare('UPDATE sla_timers SET lease_owner = ?, lease_until = ? WHERE id = ?'),
      heldTimer: this.db.prepare("SELECT * FROM sla_timers WHERE id = ? AND state = 'pending' AND lease_owner = ?"),
      earlierTimer: this.db.prepare(
        `SELECT 1 FROM sla_timers WHERE ticket_number = ? AND state = 'pending' AND (due_at < ? OR (due_at = ? AND id < ?))
         LIMIT 1`,
      ),
      releaseTimer: this.db.prepare('UPDATE sla_timers SET lease_owner = NULL, lease_until = NULL WHERE id = ?'),
      fireTimer: this.db.prepare(
        "UPDATE sla_timers SET state = 'fired', fired_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?",
      ),
      insertOutbox: this.db.prepare(
        `INSERT INTO outbox (key, ticket_number, audience, payload, state, created_at) VALUES (?, ?, ?, ?, 'pending', ?)
         ON CONFLICT (key) DO NOTHING`,
      ),
      dueOutbox: this.db.prepare(
        "SELECT * FROM outbox WHERE state = 'pending' AND (lease_until IS NULL OR lease_until <= ?) ORDER BY id LIMIT ?",
      ),
      leaseOutbox: this.db.prepare('UPDATE outbox SET lease_owner = ?, lease_until = ? WHERE id = ?'),
      settleOutbox: this.db.prepare(
        `UPDATE outbox SET state = ?, attempts = attempts + 1, settled_at = ?, lease_owner = NULL, lease_until = NULL
         WHERE id = ? AND state = 'pending' AND lease_owner = ?`,
      ),
      retryOutbox: this.db.prepare(
        `UPDATE outbox SET attempts = attempts + 1, last_error = ?, lease_owner = NULL, lease_until = ?
         WHERE id = ? AND state = 'pending' AND lease_owner = ?`,
      ),
      withoutTimers: this.db.prepare(
        `SELECT * FROM tickets t WHERE t.contract = 1 AND t.status NOT IN ('draft', 'resolved', 'closed')
         AND NOT EXISTS (SELECT 1 FROM sla_timers s WHERE s.ticket_number = t.number) ORDER BY t.created_at LIMIT ?`,
      ),
    };
  }

  /**
   * Creates a ticket. Creations asked during the same turn of the event loop share one durable
   * commit (group commit): with synchronous=FULL a commit costs a disk sync, so a busy helpdesk
   * would otherwise be limited by the disk, not by SQLite. Each promise settles only once the
   * commit holding its ticket is on disk; each ticket has its own savepoint, so one bad ticket
   * fails alone.
   */
  async createTicket(ticket: NewTicket): Promise<CreateResult> {
    const createdAt = toUtcIso(ticket.createdAt, 'createdAt');
    return new Promise<CreateResult>((resolve, reject) => {
      this.pending.push({ ticket: storableFields({ ...ticket, createdAt }), resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        afterThisTurn(() => this.flush());
      }
    });
  }

  /** Commits the creations waiting, at most MAX_BATCH in one transaction, and settles their promises. */
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    if (this.pending.length > 0) {
      this.flushScheduled = true;
      afterThisTurn(() => this.flush());
    }
    let outcomes: Outcome[];
    try {
      outcomes = this.run('creating tickets', () => this.createBatch.immediate(batch.map((b) => b.ticket)));
    } catch (error) {
      for (const creation of batch) creation.reject(error);
      return;
    }
    batch.forEach((creation, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) creation.resolve(outcome.value);
      else creation.reject(outcome?.error);
    });
  }

  /** One ticket, inside the batch's transaction (better-sqlite3 nests it as a savepoint). */
  private createOne(ticket: NewTicket): CreateResult {
    if (ticket.idempotencyKey !== null) {
      const existing = this.statements.byKey.get(ticket.idempotencyKey) as Row | undefined;
      if (existing) return { ticket: rowToTicket(existing), created: false };
    }
    const day = ticketDay(ticket.createdAt, this.timezone);
    const { n } = this.statements.nextSeq.get(day) as { n: number };
    const saved: Ticket = {
      ...ticket,
      number: formatTicketNumber(day, n),
      firstRespondedAt: null,
      resolvedAt: null,
      assignee: null,
      takenAt: null,
    };
    const values: unknown[] = [day, n];
    for (const [, field] of TICKET_COLUMNS) values.push(field === 'contract' ? (saved.contract ? 1 : 0) : saved[field]);
    this.statements.insertTicket.run(...values);
    // The creation is logged in the same transaction: a ticket never exists without its history.
    this.statements.insertEvent.run(saved.number, saved.createdAt, 'created', 'bot', null);
    return { ticket: saved, created: true };
  }

  async getTicket(number: string): Promise<Ticket | null> {
    return this.run('reading a ticket', () => {
      const row = this.statements.byNumber.get(storableText(number)) as Row | undefined;
      return row ? rowToTicket(row) : null;
    });
  }

  async listTickets(filter: TicketFilter = {}): Promise<Ticket[]> {
    const query = buildTicketQuery(filter, () => '?');
    if (query === null) return [];
    return this.run('listing tickets', () => (this.cached(query.sql).all(...query.params) as Row[]).map(rowToTicket));
  }

  /** A statement built from parts (a filter, a set of changed fields), prepared once per shape. */
  private cached(sql: string): Database.Statement {
    let statement = this.listCache.get(sql);
    if (!statement) {
      // Shapes are few (filters by fields, limits of the code); a caller's own limits cannot grow it without end.
      if (this.listCache.size >= STATEMENT_SHAPES_KEPT) this.listCache.clear();
      statement = this.db.prepare(sql);
      this.listCache.set(sql, statement);
    }
    return statement;
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
    // IMMEDIATE: the check and the change hold the write lock together, across processes.
    const update = this.db.transaction((): { ticket: Ticket; updated: boolean } => {
      const row = this.statements.byNumber.get(number) as Row | undefined;
      if (!row) throw unknownTicket(number);
      const current = rowToTicket(row);
      if (!holds(current, expected)) return { ticket: current, updated: false };
      const update = buildTicketUpdate(number, changes, () => '?');
      if (update) this.db.prepare(update.sql).run(...update.params);
      this.statements.insertEvent.run(number, at, event.kind, storableText(event.by), storableEventData(event.data));
      return { ticket: rowToTicket(this.statements.byNumber.get(number) as Row), updated: true };
    });
    return this.run('updating a ticket', () => update.immediate());
  }

  async appendEvent(event: TicketEvent): Promise<void> {
    const at = toUtcIso(event.at, 'event.at');
    this.run('appending a ticket event', () => {
      try {
        this.statements.insertEvent.run(
          storableText(event.ticketNumber),
          at,
          event.kind,
          storableText(event.by),
          storableEventData(event.data),
        );
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
          throw unknownTicket(event.ticketNumber);
        throw error;
      }
    });
  }

  async listEvents(number: string): Promise<TicketEvent[]> {
    return this.run('reading ticket events', () =>
      (this.statements.events.all(storableText(number)) as Row[]).map(rowToEvent),
    );
  }

  async loadConversation(channel: string, conversationId: string, now: Date): Promise<unknown | null> {
    const row = this.run(
      'loading a conversation',
      () =>
        this.statements.loadConversation.get(
          storableText(channel),
          storableText(conversationId),
          toUtcIso(now, 'now'),
        ) as Row | undefined,
    );
    return row ? (JSON.parse(String(row.state)) as unknown) : null;
  }

  async saveConversation(channel: string, conversationId: string, state: unknown, expiresAt: Date): Promise<void> {
    const json = storableJson(state ?? null);
    this.run('saving a conversation', () =>
      this.statements.saveConversation.run(
        storableText(channel),
        storableText(conversationId),
        json,
        toUtcIso(expiresAt, 'expiresAt'),
      ),
    );
  }

  async deleteConversation(channel: string, conversationId: string): Promise<void> {
    this.run('deleting a conversation', () =>
      this.statements.deleteConversation.run(storableText(channel), storableText(conversationId)),
    );
  }

  async purgeExpired(now: Date): Promise<number> {
    const dayBefore = toUtcIso(new Date(now.getTime() - INBOUND_KEPT_MS), 'now');
    this.run('purging old inbound deliveries', () => this.statements.purgeInbound.run(dayBefore));
    return this.run(
      'purging expired conversations',
      () => this.statements.purgeExpired.run(toUtcIso(now, 'now')).changes,
    );
  }

  async claimInbound(channel: string, key: string, at: Date): Promise<boolean> {
    const receivedAt = toUtcIso(at, 'at');
    return this.run(
      'recording an inbound delivery',
      () => this.statements.claimInbound.run(storableText(channel), storableText(key), receivedAt).changes === 1,
    );
  }

  /**
   * Holds a conversation's lock while `work` runs. Within this process the turns of one
   * conversation queue in memory, so only the first in line touches the file; across processes
   * sharing the file, a row of `conversation_locks` is claimed with a lease and deleted once
   * `work` settles. While another process holds the row, the claim is retried with short pauses
   * for up to CONVERSATION_LOCK_WAIT_MS, then StoreFailed is thrown. A `:memory:` database belongs
   * to this store alone, so the queue in memory is its whole lock.
   */
  async withConversationLock<T>(channel: string, conversationId: string, work: () => Promise<T>): Promise<T> {
    const [ch, id] = [storableText(channel), storableText(conversationId)];
    const waitUntil = performance.now() + CONVERSATION_LOCK_WAIT_MS;
    const late = () => conversationLockTimeout(ch, id, `"${this.path}"`);
    return this.conversationQueue.run(
      conversationKey(ch, id),
      async () => {
        if (this.path === ':memory:') return work();
        await this.claimLock(ch, id, waitUntil, late);
        try {
          return await work();
        } finally {
          this.releaseLock(ch, id);
        }
      },
      waitUntil,
      late,
    );
  }

  private async claimLock(channel: string, conversationId: string, waitUntil: number, late: () => Error) {
    for (let pause = LOCK_RETRY_FIRST_MS; ; pause = Math.min(pause * 2, LOCK_RETRY_MAX_MS)) {
      // Wall-clock time, not the injected clock: the lease is read by other processes, and the
      // CLI's --now fixes the clock.
      const now = Date.now();
      const claimed = this.run('locking a conversation', () => {
        const { claimLock, lockHolder, takeOverLock } = this.statements;
        if (claimLock.run(channel, conversationId, this.lockOwner, now + LOCK_LEASE_MS, now).changes === 1) return true;
        const holder = (lockHolder.get(channel, conversationId) as { owner: string } | undefined)?.owner;
        // Taken over only from that very holder: another process may have taken it meanwhile.
        return (
          holder !== undefined &&
          ownerIsGone(holder) &&
          takeOverLock.run(this.lockOwner, now + LOCK_LEASE_MS, channel, conversationId, holder).changes === 1
        );
      });
      if (claimed) return;
      if (performance.now() >= waitUntil) throw late();
      await sleep(pause);
    }
  }

  private releaseLock(channel: string, conversationId: string): void {
    try {
      this.statements.releaseLock.run(channel, conversationId, this.lockOwner);
    } catch {
      // The store was closed meanwhile or the disk refused: the lease ends the claim in
      // LOCK_LEASE_MS, and the work's own outcome matters more to its caller than this.
    }
  }

  /**
   * The health probe's write check: enough free space on the file's disk, then a committed write
   * on the tickets' connection (synchronous=FULL, as a ticket is written). A write lock held by
   * another process is waited for HEALTH_WRITE_WAIT_MS at most, not the store's whole busy timeout.
   */
  async checkWritable(now: Date): Promise<void> {
    const checkedAt = toUtcIso(now, 'now');
    this.run('checking that the store can write', () => {
      if (this.path !== ':memory:') {
        const { bavail, bsize } = statfsSync(dirname(resolve(this.path)));
        const free = bavail * bsize;
        if (free < this.minFreeBytes) {
          throw new Error(`the disk holding it has ${free} bytes free, under the ${this.minFreeBytes} needed`);
        }
      }
      // better-sqlite3 is synchronous: nothing else runs on this connection between the two pragmas.
      this.db.pragma(`busy_timeout = ${HEALTH_WRITE_WAIT_MS}`);
      try {
        this.statements.probe.run(checkedAt);
      } finally {
        this.db.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
      }
    });
  }

  async syncTimers(ticketNumber: string, planned: readonly PlannedTimer[]): Promise<void> {
    const number = storableText(ticketNumber);
    const sync = this.db.transaction(() => {
      const existing = (this.statements.timers.all(number) as Row[]).map(rowToTimer);
      const writes = timerSync(existing, planned);
      for (const t of writes.insert) this.statements.insertTimer.run(number, t.kind, t.level, t.dueAt);
      for (const t of writes.reschedule) this.statements.rescheduleTimer.run(t.dueAt, t.id);
      for (const id of writes.cancel) this.statements.cancelTimer.run(id);
    });
    this.run('updating the SLA timers of a ticket', () => sync.immediate());
  }

  async listTimers(ticketNumber: string): Promise<SlaTimer[]> {
    return this.run('reading the SLA timers of a ticket', () =>
      (this.statements.timers.all(storableText(ticketNumber)) as Row[]).map(rowToTimer),
    );
  }

  /** BEGIN IMMEDIATE takes the file's write lock first, so two processes never lease the same timer. */
  async claimDueTimers(
    now: Date,
    owner: string,
    wallMs: number,
    leaseUntilMs: number,
    limit: number,
  ): Promise<SlaTimer[]> {
    const dueBy = toUtcIso(now, 'now');
    const claim = this.db.transaction(() => {
      const rows = (this.statements.dueTimers.all(dueBy, wallMs, limit) as Row[]).map(rowToTimer);
      for (const timer of rows) this.statements.leaseTimer.run(owner, leaseUntilMs, timer.id);
      return rows;
    });
    return this.run('claiming due SLA timers', () => claim.immediate());
  }

  async fireTimers(
    timers: readonly SlaTimer[],
    owner: string,
    at: Date,
    decide: (timer: SlaTimer, ticket: Ticket) => TicketStep | null,
  ): Promise<FireOutcome[]> {
    const firedAt = toUtcIso(at, 'at');
    // Each timer in a savepoint of the batch's transaction: one commit (one disk sync) for all.
    const fireOne = this.db.transaction((timer: SlaTimer): FireOutcome => {
      const held = this.statements.heldTimer.get(timer.id, owner) as Row | undefined;
      if (!held) return { outcome: 'lost' };
      const current = rowToTimer(held);
      if (this.statements.earlierTimer.get(current.ticketNumber, current.dueAt, current.dueAt, current.id)) {
        this.statements.releaseTimer.run(current.id);
        return { outcome: 'waiting' };
      }
      const row = this.statements.byNumber.get(current.ticketNumber) as Row | undefined;
      let step: TicketStep | null;
      try {
        step = row ? decide(current, rowToTicket(row)) : null;
      } catch (error) {
        this.statements.releaseTimer.run(current.id);
        return { outcome: 'failed', error: error instanceof Error ? error.message : String(error) };
      }
      if (!step) {
        this.statements.cancelTimer.run(current.id);
        return { outcome: 'cancelled' };
      }
      const ticket = this.applyStep(current.ticketNumber, step, firedAt);
      this.statements.fireTimer.run(firedAt, current.id);
      return { outcome: 'fired', ticket, step };
    });
    const fire = this.db.transaction(() => timers.map((timer) => fireOne(timer)));
    return this.run('firing SLA timers', () => fire.immediate());
  }

  async stepTicket(
    asked: string,
    at: Date,
    decide: (ticket: Ticket) => TicketStep,
  ): Promise<{ ticket: Ticket; step: TicketStep }> {
    const number = storableText(asked);
    const queuedAt = toUtcIso(at, 'at');
    const apply = this.db.transaction(() => {
      const row = this.statements.byNumber.get(number) as Row | undefined;
      if (!row) throw unknownTicket(number);
      const step = decide(rowToTicket(row));
      return { ticket: this.applyStep(number, step, queuedAt), step };
    });
    return this.run('updating a ticket', () => apply.immediate());
  }

  /** A step's writes, inside the caller's transaction; returns the ticket as changed. */
  private applyStep(number: string, step: TicketStep, queuedAt: string): Ticket {
    const update = step.changes ? buildTicketUpdate(number, storableFields(step.changes), () => '?') : null;
    if (update) this.cached(update.sql).run(...update.params);
    for (const event of step.events) {
      this.statements.insertEvent.run(
        number,
        toUtcIso(event.at, 'event.at'),
        event.kind,
        storableText(event.by),
        storableEventData(event.data),
      );
    }
    for (const entry of step.outbox) {
      this.statements.insertOutbox.run(
        storableText(entry.key),
        number,
        entry.audience,
        storableJson(entry.payload),
        queuedAt,
      );
    }
    return rowToTicket(this.statements.byNumber.get(number) as Row);
  }

  async claimOutbox(owner: string, wallMs: number, leaseUntilMs: number, limit: number): Promise<OutboxMessage[]> {
    const claim = this.db.transaction(() => {
      const rows = (this.statements.dueOutbox.all(wallMs, limit) as Row[]).map(rowToOutbox);
      for (const message of rows) this.statements.leaseOutbox.run(owner, leaseUntilMs, message.id);
      return rows;
    });
    return this.run('claiming outbox messages', () => claim.immediate());
  }

  async settleOutbox(owner: string, settlements: readonly OutboxSettlement[]): Promise<number[]> {
    const settle = this.db.transaction(() =>
      settlements.flatMap((settlement) => {
        if (settlement.state === 'retry') {
          const { changes } = this.statements.retryOutbox.run(
            storableText(settlement.error),
            settlement.retryAtMs,
            settlement.id,
            owner,
          );
          return changes === 1 ? [settlement.id] : [];
        }
        const { event } = settlement;
        const at = toUtcIso(event.at, 'event.at');
        if (this.statements.settleOutbox.run(settlement.state, at, settlement.id, owner).changes !== 1) return [];
        this.statements.insertEvent.run(
          storableText(event.ticketNumber),
          at,
          event.kind,
          storableText(event.by),
          storableEventData(event.data),
        );
        return [settlement.id];
      }),
    );
    return this.run('settling outbox messages', () => settle.immediate());
  }

  async ticketsWithoutTimers(limit: number): Promise<Ticket[]> {
    return this.run('listing tickets without SLA timers', () =>
      (this.statements.withoutTimers.all(limit) as Row[]).map(rowToTicket),
    );
  }

  /** The migrations recorded in `schema_migrations`, in version order. */
  async appliedMigrations(): Promise<AppliedMigration[]> {
    return this.run('reading schema_migrations', () => this.statements.migrations.all() as AppliedMigration[]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Creations already asked are committed before the file is closed.
    while (this.pending.length > 0) this.flush();
    this.closed = true;
    liveOwners.delete(this.lockOwner);
    if (this.conversationsDb !== this.db) this.conversationsDb.close();
    this.db.close();
  }

  /** Runs a database step, turning its failure into StoreFailed with what to check. */
  private run<T>(action: string, step: () => T): T {
    if (this.closed) {
      throw new GuichetError(ErrorCode.StoreFailed, `${action} failed: the SQLite store "${this.path}" is closed.`);
    }
    try {
      return step();
    } catch (error) {
      const busy = (error as { code?: string }).code === 'SQLITE_BUSY';
      throw storeFailed(
        `${action} in "${this.path}"`,
        error,
        busy
          ? 'Another process holds the database: retry, or give each instance its own file or use PostgreSQL (DATABASE_URL=postgres://…).'
          : 'Check that the file is a Guichet database and that the disk is writable.',
      );
    }
  }
}

function busyTimeout(options: SqliteStoreOptions): number {
  return Math.max(0, Math.floor(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS));
}

/** Applies the pending migrations, each once, under the write lock so two processes can start together. */
function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const apply = db.transaction(() => {
    const rows = db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[];
    const record = db.prepare(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
    );
    for (const migration of pendingMigrations(migrations, new Set(rows.map((r) => r.version)))) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name);
    }
  });
  apply.immediate();
}
