import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pino } from 'pino';
import type { Guichet } from '../src/app.js';
import { fixedClock } from '../src/domain.js';
import { createGuichet } from '../src/main.js';
import { RecordingNotifier } from '../src/notifier/recording-notifier.js';
import { DEFAULT_ACCOUNTS_PATH, DEFAULT_POLICY_PATH } from '../src/policy/load.js';
import { type BenchRow, medianOf } from './harness.js';

/**
 * The conversation engine with its state in SQLite (a file, as in production): turns per second
 * through `handleTurn` (load the state, one step, save it), and the heap used while 10,000
 * conversations are open (their state lives in the store, not in memory).
 */

const SCRIPT = ["l'imprimante du 2e étage n'imprime plus", '1', '1', '1', '1', 'où en est T20261123.0001', 'aide', '1'];

async function wired(database: string): Promise<Guichet> {
  return createGuichet({
    database,
    clock: fixedClock('2026-11-23T10:00:00+01:00'),
    policyPath: DEFAULT_POLICY_PATH,
    accountsPath: DEFAULT_ACCOUNTS_PATH,
    logger: pino({ level: 'silent' }),
    notifier: new RecordingNotifier(),
  });
}

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  gc?.();
  gc?.();
}

export async function run(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-bench-engine-'));
  const rows: BenchRow[] = [];
  try {
    let round = 0;
    const turnsPerSecond = async (database: (n: number) => string) =>
      medianOf(5, async () => {
        round++;
        const app = await wired(database(round));
        const conversations = 250;
        let turns = 0;
        const start = process.hrtime.bigint();
        for (let i = 0; i < conversations; i++) {
          const who = {
            channel: 'web' as const,
            conversationId: `c${i}`,
            userId: 'marie.lefevre@transports-durand.fr',
          };
          for (const text of SCRIPT) {
            await app.engine.handleTurn({ ...who, text });
            turns++;
          }
        }
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        await app.close();
        return turns / seconds;
      });
    rows.push({
      name: 'engine: conversation turns, SQLite state in memory',
      median: await turnsPerSecond(() => ':memory:'),
      unit: 'turns/s',
      goal: { value: 2000, higherIsBetter: true },
      runs: 5,
      note: `${SCRIPT.length}-turn script with a ticket opened; the engine's own cost`,
    });
    rows.push({
      name: 'engine: conversation turns, SQLite state in a file',
      median: await turnsPerSecond((n) => join(dir, `turns-${n}.sqlite`)),
      unit: 'turns/s',
      goal: { value: 2000, higherIsBetter: true },
      runs: 5,
      note: 'one after the other; conversation saves in WAL with synchronous=NORMAL, tickets with synchronous=FULL',
    });

    const app = await wired(join(dir, 'open.sqlite'));
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 10_000; i++) {
      await app.engine.handleTurn({ channel: 'web', conversationId: `open-${i}`, text: "l'imprimante n'imprime plus" });
    }
    collectGarbage();
    const delta = process.memoryUsage().heapUsed - before;
    await app.close();
    rows.push({
      name: 'engine: heap used by 10,000 open conversations',
      median: delta / 1024 / 1024,
      unit: 'MiB',
      runs: 1,
      note: 'state kept in SQLite, heap delta after GC',
    });
    // Where the state really lives: the database file (WAL folded in by the close).
    rows.push({
      name: 'engine: SQLite file holding 10,000 open conversations',
      median: statSync(join(dir, 'open.sqlite')).size / 1024 / 1024,
      unit: 'MiB',
      runs: 1,
      note: 'one intake state each, after the first message',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
