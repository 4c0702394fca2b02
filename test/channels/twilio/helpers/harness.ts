import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Guichet } from '../../../../src/app.js';
import {
  createRecordingSmsSender,
  createTwilioChannel,
  type SmsSender,
} from '../../../../src/channels/twilio/index.js';
import { readConfig } from '../../../../src/config/config.js';
import { loadDialogs } from '../../../../src/dialogs/load.js';
import { fixedClock } from '../../../../src/domain.js';
import type { ConversationEngine } from '../../../../src/engine/turn.js';
import { loadAccounts, loadPolicy } from '../../../../src/policy/load.js';
import type { Policy } from '../../../../src/policy/schema.js';
import { listen, stopServer } from '../../../../src/server/lifecycle.js';
import { createHttpServer } from '../../../../src/server/server.js';
import { FakeEngine } from './fake-engine.js';
import { MemoryConversationStore } from './memory-store.js';
import type { PhoneNetwork } from './phone.js';

export const AUTH_TOKEN = '12345678901234567890123456789012';
export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';

/** One log line as pino wrote it. */
export type LogLine = Record<string, unknown> & { level: number; msg: string };

export interface PhoneLineUnderTest {
  network: PhoneNetwork;
  engine: FakeEngine;
  store: MemoryConversationStore;
  sms: ReturnType<typeof createRecordingSmsSender>;
  logs: LogLine[];
  stop(): Promise<void>;
}

/**
 * The `guichet start` server on an ephemeral port of 127.0.0.1 with the phone line mounted on it
 * (and the scripted engine, an in-memory store and a recording SMS sender behind it).
 */
export async function startPhoneLine(
  options: {
    env?: NodeJS.ProcessEnv;
    policy?: Policy;
    engine?: ConversationEngine;
    store?: MemoryConversationStore;
  } = {},
): Promise<PhoneLineUnderTest> {
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const engine = new FakeEngine();
  const store = options.store ?? new MemoryConversationStore();
  const sms = createRecordingSmsSender();
  // Only what the server and the phone line touch; the other ports are not reached by these tests.
  const app = {
    policy: options.policy ?? loadPolicy(),
    accounts: loadAccounts(),
    dialogs: loadDialogs(),
    clock: fixedClock('2026-11-23T10:00:00+01:00'),
    logger: pino({ level: 'info' }, sink),
    store,
    engine: options.engine ?? engine,
    async close() {},
  } as unknown as Guichet;
  const { network, stop } = await servePhoneLine(app, sms, options.env);
  return { network, engine, store, sms, logs, stop };
}

/**
 * The `guichet start` server of this application on an ephemeral port of 127.0.0.1, the phone line
 * on (the test account, SMS recorded by `sms`), with these variables over the defaults.
 */
export async function servePhoneLine(
  app: Guichet,
  sms: SmsSender,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ network: PhoneNetwork; stop(): Promise<void> }> {
  const env: NodeJS.ProcessEnv = {
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_SMS_FROM: '+33700000000',
    ...extraEnv,
  };
  const server = createHttpServer(app, readConfig(env), [createTwilioChannel({ smsSender: () => sms })]);
  const address = await listen(server, 0, '127.0.0.1');
  const network: PhoneNetwork = { server: `http://127.0.0.1:${address.port}`, authToken: AUTH_TOKEN };
  if (env.PUBLIC_BASE_URL) network.publicBaseUrl = env.PUBLIC_BASE_URL.replace(/\/+$/, '');
  return { network, stop: () => stopServer(server, app, 1_000) };
}
