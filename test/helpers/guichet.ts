import { pino } from 'pino';
import type { Guichet } from '../../src/app.js';
import { createGuichet } from '../../src/main.js';
import { RecordingNotifier } from '../../src/notifier/recording-notifier.js';
import { DEFAULT_ACCOUNTS_PATH, DEFAULT_POLICY_PATH } from '../../src/policy/load.js';
import { MONDAY_10H, type SettableClock, settableClock } from './transcript.js';

/** Guichet wired on an in-memory SQLite store (or the file given), a settable clock and a recording notifier. */
export async function testGuichet(
  options: { now?: string; database?: string; clock?: SettableClock; notifier?: RecordingNotifier } = {},
): Promise<{ app: Guichet; clock: SettableClock; notifier: RecordingNotifier }> {
  const clock = options.clock ?? settableClock(options.now ?? MONDAY_10H);
  const notifier = options.notifier ?? new RecordingNotifier();
  const app = await createGuichet({
    database: options.database ?? ':memory:',
    clock,
    policyPath: DEFAULT_POLICY_PATH,
    accountsPath: DEFAULT_ACCOUNTS_PATH,
    logger: pino({ level: 'silent' }),
    notifier,
  });
  return { app, clock, notifier };
}

export { MONDAY_10H, play, settableClock, textOf } from './transcript.js';
