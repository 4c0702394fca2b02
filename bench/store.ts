import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { NewTicket } from '../src/store/ticket-store.js';
import { newTicket } from '../test/store/new-ticket.js';
import { type BenchRow, medianOf } from './harness.js';

const CREATIONS = 2_000;
const RUNS = 7;

/** The bench's tickets: the tests' builder, with a distinct title and idempotency key each. */
const ticket = (i: number): NewTicket =>
  newTicket({ source: 'web', title: `Imprimante hors service ${i}`, idempotencyKey: `bench:${i}` });

/**
 * Creates CREATIONS tickets in a fresh SQLite file of the system's temp folder, durability on
 * (WAL, synchronous=FULL), from `callers` callers each awaiting its creations one after the other,
 * and returns the tickets created per second. Each creation checks its idempotency key and writes
 * its 'created' event; its promise settles only once its commit is synced to disk.
 */
async function creationsPerSecond(callers: number): Promise<number> {
  const folder = mkdtempSync(join(tmpdir(), 'guichet-bench-store-'));
  const store = SqliteStore.open(join(folder, 'guichet.sqlite'));
  try {
    const start = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: callers }, async (_, caller) => {
        for (let i = caller; i < CREATIONS; i += callers) await store.createTicket(ticket(i));
      }),
    );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return CREATIONS / seconds;
  } finally {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Ticket creations per second on the embedded store. With one caller every ticket pays a disk
 * sync of its own, so the figure is the disk's sync rate; with 50 callers at once (a busy
 * helpdesk: many conversations ending together) creations share commits (group commit).
 */
export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const callers of [50, 1]) {
    rows.push({
      name: `SQLite ticket creations, ${callers} concurrent caller${callers > 1 ? 's' : ''} (WAL, synchronous=FULL)`,
      median: await medianOf(RUNS, () => creationsPerSecond(callers)),
      unit: 'tickets/s',
      goal: { value: 5_000, higherIsBetter: true },
      runs: RUNS,
      note: `${CREATIONS} per run, temp dir`,
    });
  }
  return rows;
}
