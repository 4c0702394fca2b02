import { z } from 'zod';
import { ErrorCode, GuichetError } from '../../errors.js';

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

const blankIsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const envSchema = z.object({
  SLACK_SIGNING_SECRET: z.preprocess(blankIsUnset, z.string().min(1).optional()),
  SLACK_BOT_TOKEN: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^xoxb-/, 'expected a bot token (xoxb-…)')
      .optional(),
  ),
  SLACK_APP_TOKEN: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^xapp-/, 'expected an app-level token (xapp-…)')
      .optional(),
  ),
  SLACK_API_URL: z.preprocess(
    blankIsUnset,
    z
      .string()
      .url()
      .refine((url) => /^https?:\/\//.test(url), 'expected an http(s) URL')
      .optional(),
  ),
});

const isSet = (value: string | undefined) => (value ?? '').trim() !== '';

/**
 * Whether Slack is configured: the bot token, with the signing secret (HTTP mode) or the app-level
 * token (Socket Mode).
 */
export function slackEnabled(env: NodeJS.ProcessEnv): boolean {
  return isSet(env.SLACK_BOT_TOKEN) && (isSet(env.SLACK_SIGNING_SECRET) || isSet(env.SLACK_APP_TOKEN));
}

/** Reads and validates the Slack environment; a wrong value stops start-up with its name. */
export function readSlackSettings(env: NodeJS.ProcessEnv): SlackSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new GuichetError(ErrorCode.InvalidInput, `Slack settings are invalid (${fields}); see .env.example.`);
  }
  const { SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_API_URL } = parsed.data;
  if (SLACK_BOT_TOKEN === undefined) {
    throw new GuichetError(ErrorCode.InvalidInput, 'SLACK_BOT_TOKEN is not set: the Slack channel needs it.');
  }
  let transport: SlackSettings['transport'];
  if (SLACK_APP_TOKEN !== undefined) transport = { mode: 'socket', appToken: SLACK_APP_TOKEN };
  else if (SLACK_SIGNING_SECRET !== undefined) transport = { mode: 'http', signingSecret: SLACK_SIGNING_SECRET };
  else {
    throw new GuichetError(
      ErrorCode.InvalidInput,
      'Set SLACK_SIGNING_SECRET (events over HTTP at /slack/events) or SLACK_APP_TOKEN (Socket Mode) for the Slack channel.',
    );
  }
  // The WebClient joins method names to this URL as it is: without the final "/" they would be lost.
  const apiUrl = SLACK_API_URL === undefined ? DEFAULT_SLACK_API_URL : `${SLACK_API_URL.replace(/\/+$/, '')}/`;
  return { botToken: SLACK_BOT_TOKEN, transport, apiUrl };
}
