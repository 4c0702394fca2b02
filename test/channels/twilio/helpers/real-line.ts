import { pino } from 'pino';
import type { Guichet } from '../../../../src/app.js';
import { createRecordingSmsSender } from '../../../../src/channels/twilio/index.js';
import { fixedClock } from '../../../../src/domain.js';
import { createGuichet } from '../../../../src/main.js';
import { DEFAULT_ACCOUNTS_PATH, DEFAULT_POLICY_PATH } from '../../../../src/policy/load.js';
import { servePhoneLine } from './harness.js';
import type { PhoneNetwork } from './phone.js';

/** The phone line on the `guichet start` server, with the whole application behind it. */
export interface RealPhoneLine {
  app: Guichet;
  network: PhoneNetwork;
  sms: ReturnType<typeof createRecordingSmsSender>;
  stop(): Promise<void>;
}

/**
 * The phone line with the real engine, dialog, classifier, ticket service and an in-memory SQLite
 * store (or a SQLite file, to restart on it), on an ephemeral port of 127.0.0.1, SMS recorded.
 * Monday 23 November 2026, 10:00 in Paris unless `now` says otherwise: inside business hours.
 */
export async function startRealPhoneLine(
  options: { database?: string; env?: Record<string, string>; now?: string } = {},
): Promise<RealPhoneLine> {
  const app = await createGuichet({
    database: options.database ?? ':memory:',
    clock: fixedClock(options.now ?? '2026-11-23T10:00:00+01:00'),
    policyPath: DEFAULT_POLICY_PATH,
    accountsPath: DEFAULT_ACCOUNTS_PATH,
    logger: pino({ level: 'silent' }),
  });
  const sms = createRecordingSmsSender();
  const { network, stop } = await servePhoneLine(app, sms, options.env);
  return { app, network, sms, stop };
}
