import { LATEST_TICKETS_INDEXES, type Migration } from '../migration.js';

/**
 * The SQLite schema, one versioned step at a time. Instants are ISO-8601 text in UTC
 * (`toISOString()`), which sorts and compares as text; SLA dates keep their Europe/Paris offset.
 * Never edit an applied step: add the next version.
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tickets, events, day counters and conversations',
    sql: `
      CREATE TABLE tickets (
        number TEXT PRIMARY KEY,
        day TEXT NOT NULL,
        seq INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        account TEXT,
        contact TEXT,
        contact_email TEXT,
        contact_phone TEXT,
        source TEXT NOT NULL,
        title TEXT NOT NULL,
        description TEXT NOT NULL,
        type TEXT NOT NULL,
        priority TEXT NOT NULL,
        domain TEXT NOT NULL,
        category TEXT,
        subcategory TEXT,
        queue TEXT NOT NULL,
        primary_resource TEXT,
        level INTEGER NOT NULL,
        status TEXT NOT NULL,
        work_type TEXT NOT NULL,
        contract INTEGER NOT NULL CHECK (contract IN (0, 1)),
        first_response_due TEXT,
        resolution_due TEXT,
        escalation_at TEXT,
        first_responded_at TEXT,
        resolved_at TEXT,
        appointment_at TEXT,
        classification_reason TEXT,
        conversation_ref TEXT,
        idempotency_key TEXT UNIQUE,
        language TEXT NOT NULL,
        UNIQUE (day, seq)
      );
      CREATE INDEX tickets_created_at ON tickets (created_at);
      CREATE INDEX tickets_account ON tickets (account);
      CREATE INDEX tickets_contact_email ON tickets (lower(contact_email));
      CREATE INDEX tickets_contact_phone ON tickets (contact_phone);

      -- One row per creation day: the per-day sequence of the ticket numbers.
      CREATE TABLE ticket_counters (
        day TEXT PRIMARY KEY,
        n INTEGER NOT NULL
      );

      CREATE TABLE ticket_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_number TEXT NOT NULL REFERENCES tickets (number),
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        actor TEXT NOT NULL,
        data TEXT
      );
      CREATE INDEX ticket_events_ticket ON ticket_events (ticket_number, id);
      -- The event log is append-only: history is never rewritten.
      CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events
        BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;
      CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events
        BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END;

      CREATE TABLE conversations (
        channel TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        state TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        PRIMARY KEY (channel, conversation_id)
      );
      CREATE INDEX conversations_expires_at ON conversations (expires_at);
    `,
  },
  {
    version: 2,
    name: 'conversation locks shared by the processes using the file',
    sql: `
      -- A row per conversation being worked on: which store holds it, and until when (epoch
      -- milliseconds) the claim stands if its process dies without releasing it. PostgreSQL
      -- needs no such table: it has advisory locks.
      CREATE TABLE conversation_locks (
        channel TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        owner TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (channel, conversation_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    name: 'inbound deliveries already taken',
    sql: `
      -- One row per platform delivery handled (a Slack event_id, a Teams activity id), so a retry
      -- or the same delivery reaching another process is taken once.
      CREATE TABLE inbound_deliveries (
        channel TEXT NOT NULL,
        key TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (channel, key)
      ) WITHOUT ROWID;
      CREATE INDEX inbound_deliveries_received_at ON inbound_deliveries (received_at);
    `,
  },
  {
    version: 20,
    name: 'SLA watch timers and the outbox of their notifications',
    sql: `
      -- One row per ticket, step and level, ever: a fired step never fires twice. due_at is an
      -- ISO-8601 UTC instant; lease_until (epoch milliseconds, wall clock) is how long the
      -- watcher that claimed it keeps it, should its process die mid-step.
      CREATE TABLE sla_timers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_number TEXT NOT NULL REFERENCES tickets (number),
        kind TEXT NOT NULL,
        level INTEGER NOT NULL,
        due_at TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'fired', 'cancelled')),
        lease_owner TEXT,
        lease_until INTEGER,
        fired_at TEXT,
        UNIQUE (ticket_number, kind, level)
      );
      -- The watcher reads pending timers by due instant: a pass with nothing due reads one entry.
      CREATE INDEX sla_timers_due ON sla_timers (due_at, id) WHERE state = 'pending';

      -- The messages a step causes, written in the step's transaction and delivered after it:
      -- a crash between the change and the send delays the message, never loses or doubles it.
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL UNIQUE,
        ticket_number TEXT NOT NULL REFERENCES tickets (number),
        audience TEXT NOT NULL CHECK (audience IN ('technicians', 'person')),
        payload TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        lease_owner TEXT,
        lease_until INTEGER,
        last_error TEXT,
        created_at TEXT NOT NULL,
        settled_at TEXT
      );
      CREATE INDEX outbox_pending ON outbox (id) WHERE state = 'pending';
    `,
  },
  {
    version: 4,
    name: "the health probe's write check",
    sql: `
      -- One row the health probe writes on every check (GET /healthz), so a store that can read
      -- but not write (a read-only file, a lock held elsewhere) fails the probe.
      CREATE TABLE health_probe (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        checked_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 30,
    name: 'who took a ticket, and when',
    sql: `
      -- "Je prends": the technician who took the ticket and the take-charge instant of the SLA
      -- sheet; both empty until someone takes it.
      ALTER TABLE tickets ADD COLUMN assignee TEXT;
      ALTER TABLE tickets ADD COLUMN taken_at TEXT;
    `,
  },
  LATEST_TICKETS_INDEXES,
];
