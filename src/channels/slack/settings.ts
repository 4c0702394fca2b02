import { z } from 'zod';
import { optionalVariable } from '../../config/variables.js';

/** The Slack channel's settings, read once from the environment. */
export interface SlackSettings {
  /** The bot token (xoxb-…) every Web API call is made with. */
  botToken: string;
  /**
   * How Slack reaches Guichet: `http` (events, interactivity and /ticket at POST /slack/events,
   * signed with the signing secret), or `socket` (Socket Mode over the app-level token, for a
   * helpdesk without a public URL).
   */
  transport: { mode: 'http'; signingSecret: string } | { mode: 'socket'; appToken: string };
  /** The base URL of the Web API, ending with "/"; Slack's own unless SLACK_API_URL says otherwise. */
  apiUrl: string;
}

/** Slack's Web API, as the WebClient calls it by default. */
export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

/**
 * Slack's variables, read by the one configuration (src/config/config.ts), and its settings: null
 * (Slack is off) when SLACK_BOT_TOKEN is unset. The bot token comes with the signing secret (HTTP
 * mode) or the app-level token (Socket Mode, which wins when both are set); one of them without
 * the bot token is refused rather than ignored, since Slack could never be answered.
 */
export const slackSettings = z
  .object({
    SLACK_SIGNING_SECRET: optionalVariable(z.string()),
    SLACK_BOT_TOKEN: optionalVariable(z.string().regex(/^xoxb-/, 'must be a bot token (xoxb-…)')),
    SLACK_APP_TOKEN: optionalVariable(z.string().regex(/^xapp-/, 'must be an app-level token (xapp-…)')),
    SLACK_API_URL: optionalVariable(
      z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:9999/api' }),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_BOT_TOKEN === undefined) {
      const set = (['SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const).filter((name) => env[name] !== undefined);
      if (set.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['SLACK_BOT_TOKEN'],
          message: `must be set when ${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'}: the Slack channel needs it`,
        });
      }
    } else if (env.SLACK_SIGNING_SECRET === undefined && env.SLACK_APP_TOKEN === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message:
          'must be set (events over HTTP at /slack/events), or SLACK_APP_TOKEN (Socket Mode), with SLACK_BOT_TOKEN',
      });
    }
  })
  .transform((env): SlackSettings | null => {
    const { SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_API_URL } = env;
    if (SLACK_BOT_TOKEN === undefined) return null;
    const transport: SlackSettings['transport'] =
      SLACK_APP_TOKEN !== undefined
        ? { mode: 'socket', appToken: SLACK_APP_TOKEN }
        : { mode: 'http', signingSecret: SLACK_SIGNING_SECRET ?? '' };
    // The WebClient joins method names to this URL as it is: without the final "/" they would be lost.
    const apiUrl = SLACK_API_URL === undefined ? DEFAULT_SLACK_API_URL : `${SLACK_API_URL.replace(/\/+$/, '')}/`;
    return { botToken: SLACK_BOT_TOKEN, transport, apiUrl };
  });
