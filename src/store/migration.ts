/**
 * One versioned schema change. Each store applies its versions in order, each once, and records
 * them in the table `schema_migrations`. Both share the tables of tickets and conversations; only
 * the SQL dialect differs, and SQLite has one more table (conversation locks, which PostgreSQL
 * takes as advisory locks).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Version 40, the same SQL in both dialects. The latest tickets of a contact or an account
 * (listTickets with a limit: the conversation's ticket, the status question, the Home tab) are read
 * in order from the index, not sorted from all that contact's tickets: a receptionist who reports
 * for the whole office has thousands after a few years.
 */
export const LATEST_TICKETS_INDEXES: Migration = {
  version: 40,
  name: "a person's and a company's latest tickets read from their index",
  sql: `
    DROP INDEX tickets_contact_email;
    DROP INDEX tickets_contact_phone;
    DROP INDEX tickets_account;
    CREATE INDEX tickets_contact_email_latest ON tickets (lower(contact_email), created_at DESC, day DESC, seq DESC);
    CREATE INDEX tickets_contact_phone_latest ON tickets (contact_phone, created_at DESC, day DESC, seq DESC);
    CREATE INDEX tickets_account_latest ON tickets (account, created_at DESC, day DESC, seq DESC);
  `,
};

/** A migration recorded as applied in `schema_migrations`. */
export interface AppliedMigration {
  version: number;
  name: string;
}

/** The migrations not applied yet, in version order. */
export function pendingMigrations(all: readonly Migration[], applied: ReadonlySet<number>): Migration[] {
  return [...all].sort((a, b) => a.version - b.version).filter((m) => !applied.has(m.version));
}
