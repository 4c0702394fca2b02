import type { Store } from './ticket-store.js';

/** Options of `openStore`, passed to the store chosen. */
export interface OpenStoreOptions {
  /** The time zone of the ticket numbers' day; Europe/Paris by default. */
  timezone?: string;
}

/** Whether a `--db` / DATABASE_URL value names a PostgreSQL database. */
export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//i.test(database);
}

/**
 * Opens the store a `--db` / DATABASE_URL value names: a `postgres://` or `postgresql://` URL opens
 * PostgreSQL, anything else is a SQLite path (`:memory:` for a private in-memory database). The
 * database is created and migrated when needed. Failures throw StoreFailed with what to check.
 */
export async function openStore(database: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(database)) {
    // Loaded on demand: the embedded default never needs the PostgreSQL driver.
    const { PostgresStore } = await import('./postgres/postgres-store.js');
    return PostgresStore.open(database, options);
  }
  const { SqliteStore } = await import('./sqlite/sqlite-store.js');
  return SqliteStore.open(database, options);
}
