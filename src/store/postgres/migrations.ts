import { LATEST_TICKETS_INDEXES, type Migration } from '../migration.js';

/**
 * The PostgreSQL schema: the same versions and tables as the SQLite one (see
 * `../sqlite/migrations.ts`), written for PostgreSQL. Creation instants are timestamptz; SLA dates
 * stay text to keep their Europe/Paris offset. Never edit an applied step: add the next version.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tickets, events, day counters and conversations',
    sql: `
      CREATE TABLE tickets (
        number text PRIMARY KEY,
        day text NOT NULL,
        seq integer NOT NULL,
        created_at timestamptz NOT NULL,
        account text,
        contact text,
        contact_email text,
        contact_phone text,
        source text NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        type text NOT NULL,
        priority text NOT NULL,
        domain text NOT NULL,
        category text,
        subcategory text,
        queue text NOT NULL,
        primary_resource text,
        level integer NOT NULL,
        status text NOT NULL,
        work_type text NOT NULL,
        contract boolean NOT NULL,
        first_response_due text,
        resolution_due text,
        escalation_at text,
        first_responded_at text,
        resolved_at text,
        appointment_at text,
        classification_reason text,
        conversation_ref text,
        idempotency_key text UNIQUE,
        language text NOT NULL,
        UNIQUE (day, seq)
      );
      CREATE INDEX tickets_created_at ON tickets (created_at);
      CREATE INDEX tickets_account ON tickets (account);
      CREATE INDEX tickets_contact_email ON tickets (lower(contact_email));
      CREATE INDEX tickets_contact_phone ON tickets (contact_phone);

      -- One row per creation day: the per-day sequence of the ticket numbers, incremented under
      -- its row lock so instances sharing the database never hand out the same number.
      CREATE TABLE ticket_counters (
        day text PRIMARY KEY,
        n integer NOT NULL
      );

      CREATE TABLE ticket_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        ticket_number text NOT NULL REFERENCES tickets (number),
        at timestamptz NOT NULL,
        kind text NOT NULL,
        actor text NOT NULL,
        data jsonb
      );
      CREATE INDEX ticket_events_ticket ON ticket_events (ticket_number, id);
      -- The event log is append-only: history is never rewritten.
      CREATE FUNCTION ticket_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'ticket_events is append-only'; END
      $$;
      CREATE TRIGGER ticket_events_append_only BEFORE UPDATE OR DELETE ON ticket_events
        FOR EACH ROW EXECUTE FUNCTION ticket_events_append_only();

      CREATE TABLE conversations (
        channel text NOT NULL,
        conversation_id text NOT NULL,
        state jsonb NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (channel, conversation_id)
      );
      CREATE INDEX conversations_expires_at ON conversations (expires_at);
    `,
  },
  {
    version: 3,
    name: 'inbound deliveries already taken',
    sql: `
      -- One row per platform delivery handled (a Slack event_id, a Teams activity id), so a retry
      -- or the same delivery reaching another instance is taken once.
      CREATE TABLE inbound_deliveries (
        channel text NOT NULL,
        key text NOT NULL,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (channel, key)
      );
      CREATE INDEX inbound_deliveries_received_at ON inbound_deliveries (received_at);
    `,
  },
  {
    version: 20,
    name: 'SLA watch timers and the outbox of their notifications',
    sql: `
      -- One row per ticket, step and level, ever: a fired step never fires twice. lease_until
      -- (epoch milliseconds, wall clock) is how long the watcher that claimed it keeps it.
      CREATE TABLE sla_timers (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        ticket_number text NOT NULL REFERENCES tickets (number),
        kind text NOT NULL,
        level integer NOT NULL,
        due_at timestamptz NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'fired', 'cancelled')),
        lease_owner text,
        lease_until bigint,
        fired_at timestamptz,
        UNIQUE (ticket_number, kind, level)
      );
      CREATE INDEX sla_timers_due ON sla_timers (due_at, id) WHERE state = 'pending';

      -- The messages a step causes, written in the step's transaction and delivered after it.
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        key text NOT NULL UNIQUE,
        ticket_number text NOT NULL REFERENCES tickets (number),
        audience text NOT NULL CHECK (audience IN ('technicians', 'person')),
        payload jsonb NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        lease_owner text,
        lease_until bigint,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        settled_at timestamptz
      );
      CREATE INDEX outbox_pending ON outbox (id) WHERE state = 'pending';
    `,
  },
  {
    version: 4,
    name: "the health probe's write check",
    sql: `
      -- One row the health probe writes on every check (GET /healthz), so a database that can
      -- read but not write (read-only, a table locked) fails the probe.
      CREATE TABLE health_probe (
        id integer PRIMARY KEY CHECK (id = 1),
        checked_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 30,
    name: 'who took a ticket, and when',
    sql: `
      -- "Je prends": the technician who took the ticket and the take-charge instant of the SLA
      -- sheet (text, with its Europe/Paris offset, like the other SLA dates).
      ALTER TABLE tickets ADD COLUMN assignee text;
      ALTER TABLE tickets ADD COLUMN taken_at text;
    `,
  },
  LATEST_TICKETS_INDEXES,
];
