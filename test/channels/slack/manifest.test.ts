import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_EVENTS_PATH } from '../../../src/channels/slack/index.js';

interface Manifest {
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: { command: string; url: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
  };
}

const manifest = parse(readFileSync(new URL('../../../slack/manifest.yaml', import.meta.url), 'utf8')) as Manifest;

/** The manifest a deployer creates the app from says what the channel listens to, at its path. */
describe('slack/manifest.yaml', () => {
  it('subscribes to the events the channel handles, and only those', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      'app_home_opened',
      'app_mention',
      'message.im',
    ]);
  });

  it('sends events, interactivity and /ticket to the one path of the server', () => {
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((command) => command.url),
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual(['/ticket']);
  });

  it('has a bot user, the DM open for writing and the Home tab on', () => {
    expect(manifest.features.bot_user.display_name).toBe('Guichet');
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
  });

  it('asks for the least scopes that work', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'app_mentions:read',
      'chat:write',
      'commands',
      'im:history',
      'im:write',
      'users:read',
      'users:read.email',
    ]);
  });
});
