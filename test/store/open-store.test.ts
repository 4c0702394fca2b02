import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPostgresUrl, openStore } from '../../src/store/open-store.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';

describe('openStore', () => {
  it.each([
    ['postgres://postgres@127.0.0.1:5432/test', true],
    ['postgresql://u:p@db.example/guichet', true],
    ['POSTGRES://u@h/d', true],
    ['data/guichet.sqlite', false],
    [':memory:', false],
    ['/var/lib/guichet/postgres.sqlite', false],
  ])('reads %s as PostgreSQL: %s', (database, expected) => {
    expect(isPostgresUrl(database)).toBe(expected);
  });

  it('opens SQLite for a path and for :memory:', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'guichet-open-'));
    try {
      for (const database of [':memory:', join(folder, 'g.sqlite')]) {
        const store = await openStore(database);
        expect(store).toBeInstanceOf(SqliteStore);
        await store.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('opens PostgreSQL for a postgres:// URL', async () => {
    const store = await openStore(process.env.TEST_DATABASE_URL ?? '');
    expect(store).toBeInstanceOf(PostgresStore);
    await store.close();
  });
});
