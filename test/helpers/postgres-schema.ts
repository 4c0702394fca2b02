import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL database of the tests (TEST_DATABASE_URL), or undefined when it is not set. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL;

/** Runs one statement on a short-lived connection (schema set-up and tear-down, raw SQL checks). */
export async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Creates an empty schema of its own on the test database, so a test never sees another's rows;
 * `drop()` removes it and everything in it.
 */
export async function freshSchema(url: string): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `guichet_test_${randomBytes(6).toString('hex')}`;
  await admin(url, `CREATE SCHEMA ${schema}`);
  return { schema, drop: () => admin(url, `DROP SCHEMA ${schema} CASCADE`) };
}
