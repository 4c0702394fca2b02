import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../src/errors.js';
import { SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { buildTicketQuery } from '../../src/store/ticket-query.js';
import { newTicket } from './new-ticket.js';
import { storeContract } from './store-contract.js';

const folders: string[] = [];
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'guichet-sqlite-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

storeContract('SqliteStore', {
  migrationVersions: [1, 2, 3, 4, 20, 30, 40],
  async fresh() {
    const folder = mkdtempSync(join(tmpdir(), 'guichet-contract-'));
    const path = join(folder, 'guichet.sqlite');
    return {
      open: async () => SqliteStore.open(path),
      dispose: async () => rmSync(folder, { recursive: true, force: true }),
    };
  },
});

describe('SqliteStore on disk', () => {
  it('creates the file and its missing folders on first run, in WAL mode', async () => {
    const path = join(tempFolder(), 'data', 'nested', 'guichet.sqlite');
    const store = SqliteStore.open(path);
    await store.createTicket(newTicket());
    await store.close();
    expect(existsSync(path)).toBe(true);
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.prepare('SELECT count(*) AS n FROM tickets').get()).toEqual({ n: 1 });
    raw.close();
  });

  it("reads a contact's or a company's latest tickets in order from an index, without sorting them all", async () => {
    const path = join(tempFolder(), 'guichet.sqlite');
    const store = SqliteStore.open(path);
    await store.createTicket(newTicket());
    await store.close();
    const raw = new Database(path, { readonly: true });
    const filters = [
      { contactEmail: 'Someone@Example.fr', limit: 5 },
      { contactPhone: '+33612345678', limit: 5 },
      { account: 'acme', limit: 5 },
    ];
    for (const filter of filters) {
      const query = buildTicketQuery(filter, () => '?');
      if (!query) throw new Error('a filter with no status matches something');
      const plan = (raw.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as { detail: string }[])
        .map((step) => step.detail)
        .join('; ');
      expect(plan).toMatch(/USING INDEX tickets_(contact_email|contact_phone|account)_latest/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
    raw.close();
  });

  it('upgrades a database of the previous version to the ordered indexes, keeping its tickets', async () => {
    const path = join(tempFolder(), 'guichet.sqlite');
    const before = SqliteStore.open(path, { migrations: SQLITE_MIGRATIONS.filter((m) => m.version < 40) });
    const { ticket } = await before.createTicket(newTicket({ idempotencyKey: 'slack:D1:a:1' }));
    await before.close();
    const after = SqliteStore.open(path);
    expect(
      await after.listTickets({ contactEmail: ticket.contactEmail ?? '', keyPrefix: 'slack:D1:', limit: 1 }),
    ).toEqual([ticket]);
    await after.close();
    const raw = new Database(path, { readonly: true });
    const indexes = (
      raw.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tickets'").all() as {
        name: string;
      }[]
    ).map((row) => row.name);
    expect(indexes).toEqual(
      expect.arrayContaining([
        'tickets_contact_email_latest',
        'tickets_contact_phone_latest',
        'tickets_account_latest',
      ]),
    );
    expect(indexes).not.toContain('tickets_contact_email');
    raw.close();
  });

  it('writes the limit of a list in its statement as a whole number, never as a parameter', () => {
    // A bound LIMIT makes SQLite prepare the statement again at every run.
    const limitOf = (limit: number) => {
      const query = buildTicketQuery({ contactPhone: '+33612345678', limit }, () => '?');
      return { limit: query?.sql.match(/LIMIT (.+)$/)?.[1] ?? null, params: query?.params };
    };
    expect(limitOf(5)).toEqual({ limit: '5', params: ['+33612345678'] });
    expect(limitOf(2.7)).toEqual({ limit: '2', params: ['+33612345678'] });
    expect(limitOf(-3)).toEqual({ limit: '0', params: ['+33612345678'] });
    expect(limitOf(Number.POSITIVE_INFINITY)).toEqual({ limit: null, params: ['+33612345678'] });
  });

  it('forbids rewriting the event log, even in SQL', async () => {
    const path = join(tempFolder(), 'guichet.sqlite');
    const store = SqliteStore.open(path);
    await store.createTicket(newTicket());
    await store.close();
    const raw = new Database(path);
    expect(() => raw.prepare("UPDATE ticket_events SET actor = 'someone else'").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM ticket_events').run()).toThrow(/append-only/);
    raw.close();
  });

  it('commits creations asked together in one go, and fails a bad one alone', async () => {
    const store = SqliteStore.open(join(tempFolder(), 'guichet.sqlite'));
    const bad = newTicket({ title: null as unknown as string });
    const results = await Promise.allSettled([
      store.createTicket(newTicket({ title: 'a' })),
      store.createTicket(bad),
      store.createTicket(newTicket({ title: 'b' })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
      code: ErrorCode.StoreFailed,
      message: expect.stringMatching(/NOT NULL constraint failed: tickets.title/),
    });
    expect((await store.listTickets()).map((t) => [t.number, t.title])).toEqual([
      ['T20261122.0002', 'b'],
      ['T20261122.0001', 'a'],
    ]);
    await store.close();
  });

  it('commits the creations still waiting when closed', async () => {
    const path = join(tempFolder(), 'guichet.sqlite');
    const store = SqliteStore.open(path);
    const creating = store.createTicket(newTicket());
    await store.close();
    const { ticket } = await creating;
    const reopened = SqliteStore.open(path);
    expect(await reopened.getTicket(ticket.number)).toEqual(ticket);
    await reopened.close();
  });

  it('works in memory for tests and one-off commands', async () => {
    const store = SqliteStore.open(':memory:');
    const { ticket } = await store.createTicket(newTicket());
    expect(await store.getTicket(ticket.number)).toEqual(ticket);
    await store.close();
  });

  it.each([
    [
      'a folder that is a file',
      (folder: string) => {
        writeFileSync(join(folder, 'file'), 'x');
        return join(folder, 'file', 'guichet.sqlite');
      },
    ],
    [
      'a file that is not a database',
      (folder: string) => {
        const path = join(folder, 'notes.txt');
        writeFileSync(path, 'these are not the tables you are looking for'.repeat(100));
        return path;
      },
    ],
  ])('explains what to check when it cannot open %s', (_, makePath) => {
    const path = makePath(tempFolder());
    let failure: unknown;
    try {
      SqliteStore.open(path);
    } catch (error) {
      failure = error;
    }
    expect(failure).toMatchObject({ code: ErrorCode.StoreFailed });
    expect((failure as Error).message).toContain(path);
    expect((failure as Error).message).toMatch(/Check the path given by --db or DATABASE_URL/);
  });
});

describe('SqliteStore under fake timers', () => {
  it('still creates tickets when a test fakes the timers', async () => {
    vi.useFakeTimers();
    try {
      const store = SqliteStore.open(':memory:');
      const { ticket } = await store.createTicket(newTicket());
      expect(ticket.number).toBe('T20261122.0001');
      await store.close();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('SqliteStore health', () => {
  it('fails the write check while another process holds the write lock, within the probe budget, and passes once freed', async () => {
    const path = join(tempFolder(), 'guichet.sqlite');
    const store = SqliteStore.open(path);
    const other = new Database(path);
    try {
      other.exec('BEGIN IMMEDIATE');
      const failure = await store.checkWritable(new Date()).catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: ErrorCode.StoreFailed, message: expect.stringMatching(/locked|busy/i) });
      other.exec('ROLLBACK');
      await store.checkWritable(new Date());
    } finally {
      other.close();
      await store.close();
    }
  });

  it('fails the write check when the disk has less free space than it needs', async () => {
    const store = SqliteStore.open(join(tempFolder(), 'guichet.sqlite'), { minFreeBytes: Number.MAX_SAFE_INTEGER });
    try {
      const failure = await store.checkWritable(new Date()).catch((error: unknown) => error);
      expect(failure).toMatchObject({
        code: ErrorCode.StoreFailed,
        message: expect.stringMatching(/the disk holding it has \d+ bytes free/),
      });
    } finally {
      await store.close();
    }
  });
});

describe('SqliteStore conversation locks of a process that died', () => {
  /** The pid of a process that has run and exited, as a killed Guichet's is. */
  function deadPid(): number {
    const child = spawnSync(process.execPath, ['-e', '']);
    if (child.pid === undefined) throw new Error('could not start a process');
    return child.pid;
  }

  it.each([
    { name: 'a process of this host that is gone', owner: () => `${hostname()}/${deadPid()}/${randomUUID()}` },
    // A container's first process gets the same pid at every start.
    { name: 'an earlier process that had this pid', owner: () => `${hostname()}/${process.pid}/${randomUUID()}` },
  ])('takes at once a lock row left by $name, before its lease ends', async ({ owner }) => {
    const path = join(tempFolder(), 'guichet.sqlite');
    const store = SqliteStore.open(path);
    const raw = new Database(path);
    try {
      raw
        .prepare('INSERT INTO conversation_locks (channel, conversation_id, owner, expires_at) VALUES (?, ?, ?, ?)')
        .run('web', 'c1', owner(), Date.now() + 30_000);
      // Without the take-over this waits for the lock and fails with a lock timeout.
      await expect(store.withConversationLock('web', 'c1', async () => 'turned')).resolves.toBe('turned');
      expect(raw.prepare('SELECT count(*) AS n FROM conversation_locks').get()).toEqual({ n: 0 });
    } finally {
      raw.close();
      await store.close();
    }
  });
});
