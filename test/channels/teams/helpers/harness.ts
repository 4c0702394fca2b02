import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Guichet } from '../../../../src/app.js';
import { createTeamsChannel } from '../../../../src/channels/teams/index.js';
import { webChannel } from '../../../../src/channels/web/channel.js';
import { readConfig } from '../../../../src/config/config.js';
import { createGuichet } from '../../../../src/main.js';
import { DEFAULT_ACCOUNTS_PATH, DEFAULT_POLICY_PATH } from '../../../../src/policy/load.js';
import { listen, stopServer } from '../../../../src/server/lifecycle.js';
import { createHttpServer } from '../../../../src/server/server.js';
import { MONDAY_10H, type SettableClock, settableClock } from '../../../helpers/transcript.js';
import { type Attachment, ConnectorStandIn } from './connector.js';

/** One log line as pino wrote it. */
export type LogLine = Record<string, unknown> & { level: number; msg: string };

export type FixtureName = 'message' | 'card-submit' | 'conversation-update' | 'invoke' | 'channel-mention';

/** A fixture of test/fixtures/teams/, as Teams posts it. */
export function fixture(name: FixtureName): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../../fixtures/teams/${name}.json`, import.meta.url), 'utf8'));
}

/** The member the connector answers for the user of the fixtures: a contact of the accounts file. */
export const LUCAS = {
  id: '29:1Rv7eNQzL0bC9lW2kTf3yJmXpQ8sUaHd5oE4gIiKjV6nBcZrYtOwMxS1uPqA-fGhDl',
  name: 'Lucas Bernard',
  aadObjectId: '4e7c3a9b-2f1d-4c8e-9a6b-0d5f7e3c1b2a',
  email: 'l.bernard@martin-avocats.fr',
  userPrincipalName: 'l.bernard@martin-avocats.fr',
  tenantId: '9b2f6c4e-1a3d-4e5f-8c7b-2d1e0f9a8b7c',
  userRole: 'user',
};

export interface TeamsUnderTest {
  app: Guichet;
  clock: SettableClock;
  connector: ConnectorStandIn;
  base: string;
  logs: LogLine[];
  /** Posts an activity to /api/messages as the Bot Connector does. */
  post(activity: unknown, headers?: Record<string, string>): Promise<Response>;
  /** A fixture addressed to the stand-in connector, with the fields given replaced. */
  activity(name: FixtureName, overrides?: Record<string, unknown>): Record<string, unknown>;
  stop(): Promise<void>;
}

let sequence = 0;

/**
 * The `guichet start` server (web chat and Teams) with the real engine on a SQLite store, on a
 * free port of 127.0.0.1, and a Bot Connector stand-in that knows Lucas Bernard as a member.
 */
export async function startTeams(
  options: {
    env?: NodeJS.ProcessEnv;
    database?: string;
    retryDelayMs?: number;
    typingDelayMs?: number;
    typingPeriodMs?: number;
  } = {},
): Promise<TeamsUnderTest> {
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const clock = settableClock(MONDAY_10H);
  const app = await createGuichet({
    database: options.database ?? ':memory:',
    clock,
    policyPath: DEFAULT_POLICY_PATH,
    accountsPath: DEFAULT_ACCOUNTS_PATH,
    logger: pino({ level: 'debug' }, sink),
  });
  const connector = new ConnectorStandIn();
  await connector.start();
  connector.members.set(LUCAS.id, LUCAS);
  const env = options.env ?? { TEAMS_ANONYMOUS: 'true' };
  const channel = createTeamsChannel({
    retryDelayMs: options.retryDelayMs ?? 1,
    ...(options.typingDelayMs === undefined ? {} : { typingDelayMs: options.typingDelayMs }),
    ...(options.typingPeriodMs === undefined ? {} : { typingPeriodMs: options.typingPeriodMs }),
  });
  const server = createHttpServer(app, readConfig(env), [webChannel, channel]);
  const address = await listen(server, 0, '127.0.0.1');
  const base = `http://127.0.0.1:${address.port}`;
  return {
    app,
    clock,
    connector,
    base,
    logs,
    post: (activity, headers = {}) =>
      fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof activity === 'string' ? activity : JSON.stringify(activity),
      }),
    activity: (name, overrides = {}) => {
      sequence++;
      const base = fixture(name);
      const id = typeof base.id === 'string' ? `${base.id}${sequence}` : undefined;
      return { ...base, ...(id ? { id } : {}), serviceUrl: connector.serviceUrl, ...overrides };
    },
    stop: async () => {
      await stopServer(server, app, 1_000);
      await connector.stop();
    },
  };
}

/** The Adaptive Card of a posted activity, if it has one. */
export function cardOf(activity: { attachments?: Attachment[] } | undefined): Attachment['content'] | undefined {
  return activity?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** Every text of a card's TextBlocks and FactSets, joined, to read it as a person would. */
export function cardText(card: Attachment['content'] | undefined): string {
  const parts: string[] = [];
  for (const element of card?.body ?? []) {
    if (typeof element.text === 'string') parts.push(element.text);
    for (const fact of (element.facts as { title: string; value: string }[] | undefined) ?? []) {
      parts.push(`${fact.title}: ${fact.value}`);
    }
  }
  return parts.join('\n');
}
