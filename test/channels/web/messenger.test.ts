import { describe, expect, it } from 'vitest';
import { WebPersonMessenger } from '../../../src/channels/web/messenger.js';
import { fixedClock } from '../../../src/domain.js';
import { PostgresStore } from '../../../src/store/postgres/postgres-store.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../../src/store/ticket-store.js';
import { freshSchema, testDatabaseUrl } from '../../helpers/postgres-schema.js';

const clock = fixedClock('2026-11-23T10:00:00+01:00');

/** The web messenger's contract, on one store or on two instances sharing it. */
function contract(name: string, open: () => Promise<{ stores: [Store, Store]; close: () => Promise<void> }>) {
  describe(`the web messenger on ${name}`, () => {
    it('keeps every message written at once from two instances, numbered in order, per conversation', async () => {
      const { stores, close } = await open();
      try {
        const [one, two] = stores.map((s) => new WebPersonMessenger(s, clock)) as [
          WebPersonMessenger,
          WebPersonMessenger,
        ];
        await Promise.all(
          Array.from({ length: 10 }, (_, i) => (i % 2 ? two : one).send('conv-web-1', { text: `message ${i}` })),
        );
        await one.send('conv-web-2', { text: 'ailleurs', language: 'en' });
        const kept = await two.since('conv-web-1', 0);
        expect(kept.map((m) => m.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(kept.map((m) => m.text).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `message ${i}`).sort());
        expect((await one.since('conv-web-1', 8)).map((m) => m.id)).toEqual([9, 10]);
        expect(await one.since('conv-web-2', 0)).toMatchObject([{ id: 1, text: 'ailleurs', language: 'en' }]);
        expect(await one.since('conv-web-3', 0)).toEqual([]);
      } finally {
        await close();
      }
    });

    it('keeps the last 50 messages of a conversation, their numbers going on', async () => {
      const { stores, close } = await open();
      try {
        const messenger = new WebPersonMessenger(stores[0], clock);
        for (let i = 1; i <= 55; i++) await messenger.send('conv-web-long', { text: `n°${i}` });
        const kept = await messenger.since('conv-web-long', 0);
        expect(kept).toHaveLength(50);
        expect(kept[0]).toMatchObject({ id: 6, text: 'n°6', language: 'fr' });
        expect(kept.at(-1)).toMatchObject({ id: 55, text: 'n°55' });
      } finally {
        await close();
      }
    });
  });
}

contract('SQLite', async () => {
  const store = SqliteStore.open(':memory:');
  return { stores: [store, store], close: () => store.close() };
});

if (testDatabaseUrl) {
  const url = testDatabaseUrl;
  contract('PostgreSQL', async () => {
    const { schema, drop } = await freshSchema(url);
    const one = await PostgresStore.open(url, { schema, maxConnections: 2 });
    const two = await PostgresStore.open(url, { schema, maxConnections: 2 });
    return {
      stores: [one, two],
      close: async () => {
        await one.close();
        await two.close();
        await drop();
      },
    };
  });
} else if (process.env.CI === 'true') {
  describe('the web messenger on PostgreSQL', () => {
    it('needs TEST_DATABASE_URL under CI', () => {
      throw new Error('TEST_DATABASE_URL is not set: CI must run the PostgreSQL tests (postgres://…)');
    });
  });
} else {
  process.stderr.write('Web messenger on PostgreSQL not run: TEST_DATABASE_URL is not set.\n');
}
