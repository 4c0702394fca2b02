import type { Server } from 'restify';
import type { Guichet } from '../../app.js';
import type { Channel } from '../../server/channel.js';
import { SlackPersonMessenger } from './messenger.js';
import { readSlackSettings, slackEnabled } from './settings.js';
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from './slack-app.js';

/** Where Slack posts events, interactivity and slash commands in HTTP mode (Bolt's default path). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** What can be set when the channel is mounted (tests, benchmarks). */
export interface SlackChannelOptions extends SlackAdapterOptions {
  /** Called with the adapter once mounted, e.g. to wait until its work is done. */
  onMounted?: (adapter: SlackAdapter) => void;
}

/**
 * Mounts Slack on the server: in HTTP mode, POST /slack/events; in Socket Mode, a connection
 * opened to Slack (no route). Registers the messenger that writes to people in their DM or
 * thread later. Reads the settings from `env` and throws a coded error naming the wrong one.
 */
export function mountSlackChannel(
  server: Server,
  app: Guichet,
  env: NodeJS.ProcessEnv,
  options: SlackChannelOptions = {},
): SlackAdapter {
  const settings = readSlackSettings(env);
  const adapter = createSlackAdapter(app, settings, options);
  const log = app.logger.child({ channel: 'slack' });
  app.messengers.register(new SlackPersonMessenger(adapter.client, log));
  if (adapter.http) {
    server.post(SLACK_EVENTS_PATH, adapter.http.handle);
  } else {
    adapter.bolt.start().then(
      () => log.info('Slack Socket Mode connected'),
      (error: unknown) => log.error({ err: error }, 'Slack Socket Mode could not connect; check SLACK_APP_TOKEN'),
    );
    server.server.on('close', () => {
      adapter.bolt
        .stop()
        .catch((error: unknown) => log.warn({ err: error }, 'Slack Socket Mode did not close cleanly'));
    });
  }
  options.onMounted?.(adapter);
  return adapter;
}

/** Slack as a channel of `guichet start`, with its own options. */
export function createSlackChannel(options: SlackChannelOptions = {}): Channel {
  return {
    name: 'slack',
    enabled: slackEnabled,
    mount: (server, app, env) => {
      mountSlackChannel(server, app, env, options);
    },
  };
}

/** Slack: on when SLACK_BOT_TOKEN is set with SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode). */
export const slackChannel: Channel = createSlackChannel();
