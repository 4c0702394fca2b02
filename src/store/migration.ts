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

/** A migration recorded as applied in `schema_migrations`. */
export interface AppliedMigration {
  version: number;
  name: string;
}

/** The migrations not applied yet, in version order. */
export function pendingMigrations(all: readonly Migration[], applied: ReadonlySet<number>): Migration[] {
  return [...all].sort((a, b) => a.version - b.version).filter((m) => !applied.has(m.version));
}
