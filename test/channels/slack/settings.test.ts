import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config/config.js';

const readSlackSettings = (env: Record<string, string>) => readConfig(env).channels.slack;

const BOT = 'xoxb-1-2-abc';
const APP = 'xapp-1-A0-1-def';

describe('the Slack settings', () => {
  it.each([
    [{}, false],
    [{ SLACK_BOT_TOKEN: ' ' }, false],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'secret' }, true],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }, true],
  ])('is on for %o: %s', (env, enabled) => {
    expect(readSlackSettings(env) !== null).toBe(enabled);
  });

  it.each([
    {
      env: { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'secret' },
      expected: {
        botToken: BOT,
        transport: { mode: 'http', signingSecret: 'secret' },
        apiUrl: 'https://slack.com/api/',
      },
    },
    {
      env: { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'secret', SLACK_APP_TOKEN: APP },
      expected: { botToken: BOT, transport: { mode: 'socket', appToken: APP }, apiUrl: 'https://slack.com/api/' },
    },
    {
      env: { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: 'http://127.0.0.1:9999/api' },
      expected: {
        botToken: BOT,
        transport: { mode: 'http', signingSecret: 'secret' },
        apiUrl: 'http://127.0.0.1:9999/api/',
      },
    },
    {
      env: { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: '' },
      expected: {
        botToken: BOT,
        transport: { mode: 'http', signingSecret: 'secret' },
        apiUrl: 'https://slack.com/api/',
      },
    },
  ])('reads $env', ({ env, expected }) => {
    expect(readSlackSettings(env)).toEqual(expected);
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: 'secret' }, /SLACK_BOT_TOKEN must be a bot token/],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xoxb-not-an-app-token' }, /SLACK_APP_TOKEN must be an app-level token/],
    [{ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'ftp://x' }, /SLACK_API_URL/],
    [{ SLACK_SIGNING_SECRET: 'secret' }, /SLACK_BOT_TOKEN must be set when SLACK_SIGNING_SECRET is/],
    [{ SLACK_BOT_TOKEN: ' ', SLACK_SIGNING_SECRET: 'secret' }, /SLACK_BOT_TOKEN must be set/],
    [{ SLACK_BOT_TOKEN: BOT }, /SLACK_SIGNING_SECRET must be set .* or SLACK_APP_TOKEN/],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(() => readSlackSettings(env)).toThrow(message);
  });
});
