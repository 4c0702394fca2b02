import { pino } from 'pino';
import type { Guichet } from '../../../../src/app.js';
import { createSlackChannel, type SlackChannelOptions } from '../../../../src/channels/slack/index.js';
import type { SlackAdapter } from '../../../../src/channels/slack/slack-app.js';
import { readConfig } from '../../../../src/config/config.js';
import { createGuichet } from '../../../../src/main.js';
import { DEFAULT_ACCOUNTS_PATH, DEFAULT_POLICY_PATH } from '../../../../src/policy/load.js';
import { listen, stopServer } from '../../../../src/server/lifecycle.js';
import { createHttpServer } from '../../../../src/server/server.js';
import { MONDAY_10H, settableClock } from '../../../helpers/transcript.js';
import type { SlackApiStandIn } from './slack-api.js';
import { BOT_TOKEN, SIGNING_SECRET, SlackPoster } from './slack-events.js';

/** One `guichet start` server with the Slack channel on, its Web API pointed at the stand-in. */
export interface SlackServer {
  app: Guichet;
  base: string;
  slack: SlackPoster;
  adapter: SlackAdapter;
  /** Lines the channel logged (pino objects), to check what a deployer reads. */
  logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

/** Starts Guichet on `database` (in-memory SQLite by default) with Slack in HTTP mode. */
export async function startSlackServer(
  api: SlackApiStandIn,
  options: { database?: string; env?: NodeJS.ProcessEnv; channel?: SlackChannelOptions } = {},
): Promise<SlackServer> {
  const logs: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'debug' },
    { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) },
  );
  const app = await createGuichet({
    database: options.database ?? ':memory:',
    clock: settableClock(MONDAY_10H),
    policyPath: DEFAULT_POLICY_PATH,
    accountsPath: DEFAULT_ACCOUNTS_PATH,
    logger,
  });
  let adapter: SlackAdapter | undefined;
  const env = {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: api.apiUrl,
    ...options.env,
  };
  const channel = createSlackChannel({ ...options.channel, onMounted: (mounted) => (adapter = mounted) });
  const server = createHttpServer(app, readConfig(env), [channel]);
  const address = await listen(server, 0, '127.0.0.1');
  const base = `http://127.0.0.1:${address.port}`;
  if (!adapter) throw new Error('the Slack channel was not mounted');
  const mounted = adapter;
  return {
    app,
    base,
    slack: new SlackPoster(base),
    adapter: mounted,
    logs,
    stop: async () => {
      await mounted.http?.idle();
      await stopServer(server, app, 1_000);
    },
  };
}
