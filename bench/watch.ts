import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { pino } from 'pino';
import { fixedClock } from '../src/domain.js';
import { PersonMessengers } from '../src/messaging/person-messenger.js';
import { RecordingNotifier } from '../src/notifier/recording-notifier.js';
import { loadPolicy } from '../src/policy/load.js';
import { SlaEngine } from '../src/sla/sla-engine.js';
import { PostgresStore } from '../src/store/postgres/postgres-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { PlannedTimer, Store, Ticket } from '../src/store/ticket-store.js';
import { SlaWatch } from '../src/watch/sla-watch.js';
import { plannedTimers } from '../src/watch/timers.js';
import { freshSchema } from '../test/helpers/postgres-schema.js';
import { type BenchRow, medianOf } from './harness.js';

const OPEN = 100_000;
const DUE = 1_000;
const RUNS = 5;
const EMPTY_RUNS = 21;
/** The due tickets were opened Monday 23 November 09:00 UTC: their take-charge step is due Tuesday 10:30 UTC. */
const DUE_OPENED = '2026-11-23T09:00:00.000Z';
/** The others a week later: every step of theirs is still to come. */
const LATER_OPENED = '2026-11-30T09:00:00.000Z';
const PASS_AT = '2026-11-24T10:31:00.000Z';
const NOTHING_DUE_AT = '2026-11-24T10:00:00.000Z';

const policy = loadPolicy();
const sla = new SlaEngine(policy);

function base(createdAt: string): Ticket {
  return {
    number: 'T0',
    createdAt,
    assignee: null,
    takenAt: null,
    account: 'Transports Durand',
    contact: 'Marie Lefèvre',
    contactEmail: null,
    contactPhone: null,
    source: 'web',
    title: 'Imprimante hors service',
    description: 'Imprimante hors service',
    type: 'incident',
    priority: 'normale',
    domain: 'informatique',
    category: null,
    subcategory: null,
    queue: 'OPS-01-INFORMATIQUE',
    primaryResource: 'philippe',
    level: 1,
    status: 'assigned',
    workType: policy.workType,
    contract: true,
    firstResponseDue: null,
    resolutionDue: null,
    escalationAt: null,
    firstRespondedAt: null,
    resolvedAt: null,
    appointmentAt: null,
    classificationReason: null,
    conversationRef: null,
    idempotencyKey: null,
    language: 'fr',
  };
}

/** The bench's tickets: the first DUE have their take-charge step due at PASS_AT, the rest nothing. */
const numberOf = (i: number) => `T20261123.${String(i).padStart(6, '0')}`;
const openedAt = (i: number) => (i < DUE ? DUE_OPENED : LATER_OPENED);
/** The timers the watch itself plans for each group, with the due group's warning already fired. */
const timersOf = (createdAt: string): PlannedTimer[] => plannedTimers(policy, sla, base(createdAt));

function watchOn(store: Store, at: string) {
  return new SlaWatch({
    store,
    policy,
    sla,
    clock: fixedClock(at),
    notifier: new RecordingNotifier(),
    messengers: new PersonMessengers(),
    logger: pino({ level: 'silent' }),
  });
}

/** Milliseconds of one pass that must fire `expected` steps (a pass firing anything else fails the bench). */
async function timedPass(watch: SlaWatch, expected: number): Promise<number> {
  const start = process.hrtime.bigint();
  const lines = await watch.pass();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (lines.length !== expected) throw new Error(`the pass fired ${lines.length} steps, not ${expected}`);
  return ms;
}

async function sqliteRows(): Promise<BenchRow[]> {
  const folder = mkdtempSync(join(tmpdir(), 'guichet-bench-watch-'));
  const path = join(folder, 'guichet.sqlite');
  try {
    (await SqliteStore.open(path)).close();
    const db = new Database(path);
    const insertTicket = db.prepare(
      `INSERT INTO tickets (number, day, seq, created_at, account, contact, source, title, description, type, priority,
        domain, queue, primary_resource, level, status, work_type, contract, language)
       VALUES (?, '20261123', ?, ?, 'Transports Durand', 'Marie Lefèvre', 'web', 'Imprimante hors service', '', 'incident',
        'normale', 'informatique', 'OPS-01-INFORMATIQUE', 'philippe', 1, 'assigned', ?, 1, 'fr')`,
    );
    const insertTimer = db.prepare(
      'INSERT INTO sla_timers (ticket_number, kind, level, due_at, state) VALUES (?, ?, ?, ?, ?)',
    );
    db.transaction(() => {
      for (let i = 0; i < OPEN; i++) {
        insertTicket.run(numberOf(i), i, openedAt(i), policy.workType);
        for (const t of timersOf(openedAt(i))) {
          const state = i < DUE && t.kind === 'first_response_warning' ? 'fired' : 'pending';
          insertTimer.run(numberOf(i), t.kind, t.level, t.dueAt, state);
        }
      }
    })();
    const reset = db.transaction(() => {
      db.prepare("UPDATE tickets SET level = 1, primary_resource = 'philippe' WHERE seq < ?").run(DUE);
      db.prepare(
        "UPDATE sla_timers SET state = 'pending', fired_at = NULL WHERE kind = 'take_charge' AND ticket_number < ?",
      ).run(numberOf(DUE));
      db.prepare('DELETE FROM outbox').run();
    });
    db.exec('ANALYZE');
    const store = SqliteStore.open(path);
    try {
      const full = await medianOf(RUNS, () => {
        reset();
        return timedPass(watchOn(store, PASS_AT), DUE);
      });
      const empty = await medianOf(EMPTY_RUNS, () => timedPass(watchOn(store, NOTHING_DUE_AT), 0));
      const scan = db.prepare(
        "SELECT count(*) FROM sla_timers NOT INDEXED WHERE state = 'pending' AND due_at <= ? AND (lease_until IS NULL OR lease_until <= ?)",
      );
      const scanMs = await medianOf(EMPTY_RUNS, () => {
        const start = process.hrtime.bigint();
        scan.get(NOTHING_DUE_AT, Date.now());
        return Number(process.hrtime.bigint() - start) / 1e6;
      });
      return rows('SQLite', full, empty, scanMs);
    } finally {
      await store.close();
      db.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function postgresRows(url: string): Promise<BenchRow[]> {
  const { schema, drop } = await freshSchema(url);
  const store = await PostgresStore.open(url, { schema });
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO tickets (number, day, seq, created_at, account, contact, source, title, description, type, priority,
        domain, queue, primary_resource, level, status, work_type, contract, language)
       SELECT 'T20261123.' || lpad(g::text, 6, '0'), '20261123', g,
         CASE WHEN g < $1 THEN $2::timestamptz ELSE $3::timestamptz END,
         'Transports Durand', 'Marie Lefèvre', 'web', 'Imprimante hors service', '', 'incident', 'normale',
         'informatique', 'OPS-01-INFORMATIQUE', 'philippe', 1, 'assigned', $4, true, 'fr'
       FROM generate_series(0, $5 - 1) g`,
      [DUE, DUE_OPENED, LATER_OPENED, policy.workType, OPEN],
    );
    for (const [createdAt, from, to] of [
      [DUE_OPENED, 0, DUE],
      [LATER_OPENED, DUE, OPEN],
    ] as const) {
      for (const t of timersOf(createdAt)) {
        const state = createdAt === DUE_OPENED && t.kind === 'first_response_warning' ? 'fired' : 'pending';
        await client.query(
          `INSERT INTO sla_timers (ticket_number, kind, level, due_at, state)
           SELECT 'T20261123.' || lpad(g::text, 6, '0'), $1, $2, $3, $4 FROM generate_series($5::int, $6::int - 1) g`,
          [t.kind, t.level, t.dueAt, state, from, to],
        );
      }
    }
    await client.query('ANALYZE');
    const reset = async () => {
      await client.query("UPDATE tickets SET level = 1, primary_resource = 'philippe' WHERE seq < $1", [DUE]);
      await client.query(
        "UPDATE sla_timers SET state = 'pending', fired_at = NULL WHERE kind = 'take_charge' AND ticket_number < $1",
        [numberOf(DUE)],
      );
      await client.query('DELETE FROM outbox');
    };
    const full = await medianOf(RUNS, async () => {
      await reset();
      return timedPass(watchOn(store, PASS_AT), DUE);
    });
    const empty = await medianOf(EMPTY_RUNS, () => timedPass(watchOn(store, NOTHING_DUE_AT), 0));
    const scanMs = await medianOf(EMPTY_RUNS, async () => {
      const start = process.hrtime.bigint();
      // The same filter with the due instant behind an expression: the index cannot serve it.
      await client.query(
        "SELECT count(*) FROM sla_timers WHERE state = 'pending' AND due_at + interval '0' <= $1 AND (lease_until IS NULL OR lease_until <= $2)",
        [NOTHING_DUE_AT, Date.now()],
      );
      return Number(process.hrtime.bigint() - start) / 1e6;
    });
    return rows('PostgreSQL', full, empty, scanMs);
  } finally {
    await client.end();
    await store.close();
    await drop();
  }
}

function rows(store: string, full: number, empty: number, scan: number): BenchRow[] {
  return [
    {
      name: `watch: one pass over ${OPEN.toLocaleString('en-US')} open tickets, ${DUE.toLocaleString('en-US')} due, ${store}`,
      median: full,
      unit: 'ms',
      goal: { value: 2_000, higherIsBetter: false },
      runs: RUNS,
      note: 'claim, fire with the ticket change, deliver 1,000 notifications',
    },
    {
      name: `watch: a pass with nothing due, ${store}`,
      median: empty,
      unit: 'ms',
      goal: { value: 50, higherIsBetter: false },
      runs: EMPTY_RUNS,
      note: `peer: the same filter as a full scan of ${(OPEN * 3).toLocaleString('en-US')} timers took ${scan.toFixed(1)} ms, ${(scan / empty).toFixed(1)}× the pass`,
    },
  ];
}

/** The SLA watch's pass on both stores; PostgreSQL rows need TEST_DATABASE_URL. */
export async function run(): Promise<BenchRow[]> {
  const result = await sqliteRows();
  const url = process.env.TEST_DATABASE_URL;
  if (url) result.push(...(await postgresRows(url)));
  else process.stderr.write('watch on PostgreSQL skipped: set TEST_DATABASE_URL.\n');
  return result;
}
