/**
 * One versioned schema change. Both stores apply the same versions, in order, each once, and
 * record them in the table `schema_migrations`; only the SQL dialect differs.
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
