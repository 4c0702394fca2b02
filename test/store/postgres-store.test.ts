import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { admin, freshSchema, testDatabaseUrl } from '../helpers/postgres-schema.js';
import { newTicket } from './new-ticket.js';
import { storeContract } from './store-contract.js';

const url = testDatabaseUrl;

if (url) {
  // Each test works in a schema of its own, created here and dropped afterwards, so runs never
  // see each other's tickets and the database is left as found.
  storeContract('PostgresStore', {
    migrationVersions: [1, 3, 4, 20, 30, 40],
    async fresh() {
      const { schema, drop } = await freshSchema(url);
      return { open: () => PostgresStore.open(url, { schema, maxConnections: 4 }), dispose: drop };
    },
  });

  describe('PostgresStore', () => {
    it('fails the write check while the tickets table is locked elsewhere, and passes once it is free', async () => {
      const { schema, drop } = await freshSchema(url);
      const store = await PostgresStore.open(url, { schema });
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      try {
        await other.query(`BEGIN; LOCK TABLE ${schema}.tickets IN ACCESS EXCLUSIVE MODE`);
        const failure = await store.checkWritable(new Date()).catch((error: unknown) => error);
        expect(failure).toMatchObject({ code: ErrorCode.StoreFailed, message: expect.stringMatching(/lock timeout/) });
        await other.query('ROLLBACK');
        await store.checkWritable(new Date());
      } finally {
        await other.end();
        await store.close();
        await drop();
      }
    });

    it('forbids rewriting the event log, even in SQL', async () => {
      const { schema, drop } = await freshSchema(url);
      try {
        const store = await PostgresStore.open(url, { schema });
        await store.createTicket(newTicket());
        await store.close();
        await expect(admin(url, `UPDATE ${schema}.ticket_events SET actor = 'x'`)).rejects.toThrow(/append-only/);
        await expect(admin(url, `DELETE FROM ${schema}.ticket_events`)).rejects.toThrow(/append-only/);
      } finally {
        await drop();
      }
    });
  });
} else if (process.env.CI === 'true') {
  describe('PostgresStore', () => {
    it('needs TEST_DATABASE_URL under CI', () => {
      throw new Error('TEST_DATABASE_URL is not set: CI must run the PostgreSQL store tests (postgres://…)');
    });
  });
} else {
  describe.skip('PostgresStore (skipped: set TEST_DATABASE_URL=postgres://… to run it)', () => {
    it('keeps the store contract', () => {});
  });
  process.stderr.write('PostgresStore tests skipped: TEST_DATABASE_URL is not set.\n');
}

describe('PostgresStore without a server', () => {
  it('explains what to check when PostgreSQL cannot be reached', async () => {
    const failure = await PostgresStore.open('postgres://guichet:secret@127.0.0.1:1/guichet').catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: ErrorCode.StoreFailed });
    const message = (failure as Error).message;
    expect(message).toContain('127.0.0.1:1/guichet');
    expect(message).toMatch(/Check DATABASE_URL/);
    expect(message).not.toContain('secret');
  });
});
