import { webApi } from '@slack/bolt';
import type { Server } from 'restify';
import type { Guichet } from '../../app.js';
import { readsOwnBody } from '../../server/body.js';
import type { Channel } from '../../server/channel.js';
import { SlackPersonMessenger } from './messenger.js';
import { SLACK_MAX_BODY_BYTES } from './receiver.js';
import type { SlackSettings } from './settings.js';
import {
  createSlackAdapter,
  type SlackAdapter,
  type SlackAdapterOptions,
  slackClientOptions,
  slackTechnicians,
} from './slack-app.js';

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
 * thread later, and the channel through which technicians get tickets and act on them. Its settings come from the configuration (`config.channels.slack`).
 */
export function mountSlackChannel(
  server: Server,
  app: Guichet,
  settings: SlackSettings,
  options: SlackChannelOptions = {},
): SlackAdapter {
  const adapter = createSlackAdapter(app, settings, options);
  const log = app.logger.child({ channel: 'slack' });
  app.messengers.register(new SlackPersonMessenger(adapter.client, log));
  app.notifier.register(adapter.technicians);
  if (adapter.http) {
    // Slack signs the exact bytes: the route reads its own body, up to the receiver's bound.
    readsOwnBody(server, SLACK_EVENTS_PATH, SLACK_MAX_BODY_BYTES);
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

/**
 * Slack for a command that runs without the server (`guichet tickets take|resolve…`): the
 * messenger that writes to the person in their DM or thread, and the technicians' channel whose
 * copies of a ticket's message are updated; only the Web API is called, nothing is received.
 */
export function connectSlackChannel(app: Guichet, settings: SlackSettings, options: SlackChannelOptions = {}): void {
  const log = app.logger.child({ channel: 'slack' });
  const client = new webApi.WebClient(settings.botToken, slackClientOptions(settings, log));
  app.messengers.register(new SlackPersonMessenger(client, log));
  app.notifier.register(slackTechnicians(app, client, log, options.technicianRetry));
}

/** Slack as a channel of `guichet start`, with its own options. */
export function createSlackChannel(options: SlackChannelOptions = {}): Channel {
  return {
    name: 'slack',
    enabled: (config) => config.channels.slack !== null,
    mount: (server, app, config) => {
      // enabled() said the settings are there; mounting without them is a wiring error.
      if (config.channels.slack === null) throw new Error('Slack is mounted without its settings');
      mountSlackChannel(server, app, config.channels.slack, options);
    },
    connect: (app, config) => {
      if (config.channels.slack !== null) connectSlackChannel(app, config.channels.slack, options);
    },
  };
}

/** Slack: on when SLACK_BOT_TOKEN is set with SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode). */
export const slackChannel: Channel = createSlackChannel();
