import { resolve } from 'node:path';
import { z } from 'zod';
import { slackSettings } from '../channels/slack/settings.js';
import { teamsSettings } from '../channels/teams/settings.js';
import { twilioSettings } from '../channels/twilio/settings.js';
import { webSettings } from '../channels/web/settings.js';
import { ErrorCode, GuichetError } from '../errors.js';
import { DEFAULT_INTENTS_DIR } from '../intents/load.js';
import { LOG_LEVELS } from '../logger.js';
import { DEFAULT_ACCOUNTS_PATH, DEFAULT_POLICY_PATH } from '../policy/load.js';
import { DEFAULT_WATCH_INTERVAL_MS } from '../watch/sla-watch.js';
import { optionalVariable, type SettingsSection, variablesOf } from './variables.js';

/** The port of `guichet start` when PORT is unset (the Bot Framework's usual one). */
export const DEFAULT_PORT = 3978;
/** Every interface, so the web chat is reachable from the other machines of the network. */
export const DEFAULT_HOST = '0.0.0.0';
/** The default embedded store: a SQLite file under ./data/. */
export const DEFAULT_DATABASE = 'data/guichet.sqlite';

const portSchema = z
  .string()
  .refine((raw) => /^\d{1,5}$/.test(raw) && Number(raw) <= 65_535, {
    error: (issue) => `must be a port number from 0 to 65535, not "${String(issue.input)}"`,
  })
  .transform(Number);

const logLevelSchema = z
  .string()
  .transform((raw) => raw.toLowerCase())
  .pipe(
    z.enum(LOG_LEVELS, {
      error: (issue) => `must be one of ${LOG_LEVELS.join(', ')}, not "${String(issue.input)}"`,
    }),
  );

const watchIntervalSchema = z
  .string()
  .refine((raw) => Number.isFinite(Number(raw)) && Number(raw) >= 0, {
    error: (issue) => `must be a number of seconds such as 30 (0 turns the watch off), not "${String(issue.input)}"`,
  })
  .transform((raw) => Math.round(Number(raw) * 1000));

/** Guichet's own settings: the server, the store, the company's data files and the logs. */
const coreSettings = z
  .object({
    PORT: optionalVariable(portSchema),
    HOST: optionalVariable(z.string()),
    DATABASE_URL: optionalVariable(z.string()),
    GUICHET_POLICY: optionalVariable(z.string()),
    GUICHET_ACCOUNTS: optionalVariable(z.string()),
    GUICHET_INTENTS: optionalVariable(z.string()),
    LOG_LEVEL: optionalVariable(logLevelSchema),
    GUICHET_WATCH_INTERVAL: optionalVariable(watchIntervalSchema),
  })
  .transform((env) => ({
    port: env.PORT ?? DEFAULT_PORT,
    host: env.HOST ?? DEFAULT_HOST,
    /** A SQLite path or a postgres:// URL. */
    database: env.DATABASE_URL ?? DEFAULT_DATABASE,
    policyPath: env.GUICHET_POLICY === undefined ? DEFAULT_POLICY_PATH : resolve(env.GUICHET_POLICY),
    accountsPath: env.GUICHET_ACCOUNTS === undefined ? DEFAULT_ACCOUNTS_PATH : resolve(env.GUICHET_ACCOUNTS),
    intentsDir: env.GUICHET_INTENTS === undefined ? DEFAULT_INTENTS_DIR : resolve(env.GUICHET_INTENTS),
    logLevel: env.LOG_LEVEL ?? 'info',
    /** Milliseconds between two passes of the SLA watch in `guichet start`; 0: no watch here. */
    watchIntervalMs: env.GUICHET_WATCH_INTERVAL ?? DEFAULT_WATCH_INTERVAL_MS,
  })) satisfies SettingsSection;

/**
 * The settings of each channel, from its own `settings.ts`: null when the channel is off.
 * Adding a channel's settings to the configuration is one line here, `slack: slackSettings,`
 * where `slackSettings` is the zod object of its variables transformed into its settings (as
 * `twilioSettings` is); its variables must then be listed in .env.example, which a test checks.
 */
const channelSettings = {
  web: webSettings,
  twilio: twilioSettings,
  slack: slackSettings,
  teams: teamsSettings,
} satisfies Record<string, SettingsSection>;

type ChannelSettings = { [K in keyof typeof channelSettings]: z.output<(typeof channelSettings)[K]> };

/** Guichet's configuration, read once from the environment by `readConfig`. */
export type Config = z.output<typeof coreSettings> & { channels: ChannelSettings };

/** Every environment variable the configuration reads, in the order of its sections. */
export function configVariables(): string[] {
  const sections: SettingsSection[] = [coreSettings, ...Object.values(channelSettings)];
  return [...new Set(sections.flatMap(variablesOf))];
}

/**
 * Reads and validates Guichet's environment, every section at once: a wrong or missing value
 * throws one GuichetError listing each variable with what was expected, so start-up stops
 * before anything is opened. Secrets are never repeated in the message.
 */
export function readConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const problems: string[] = [];
  const parse = <S extends SettingsSection>(section: S): z.output<S> | undefined => {
    const result = section.safeParse(env);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const name = issue.path.length > 0 ? issue.path.join('.') : variablesOf(section).join(', ');
      // "LOG_LEVEL must be one of …" reads as a sentence; zod's own messages follow a colon.
      problems.push(issue.message.startsWith('must ') ? `${name} ${issue.message}` : `${name}: ${issue.message}`);
    }
    return undefined;
  };
  const core = parse(coreSettings);
  const channels: Partial<Record<string, unknown>> = {};
  for (const [name, section] of Object.entries(channelSettings)) channels[name] = parse(section);
  if (core === undefined || problems.length > 0) {
    throw new GuichetError(
      ErrorCode.InvalidInput,
      `the environment is invalid (see .env.example):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return { ...core, channels: channels as ChannelSettings };
}
