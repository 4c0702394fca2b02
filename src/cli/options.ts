import { resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Config, readConfig } from '../config/config.js';
import { type Clock, fixedClock, systemClock } from '../domain.js';
import { ErrorCode, GuichetError } from '../errors.js';
import type { LogLevel } from '../logger.js';
import { parseOffsetInstant } from './instant.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The options every command takes (docs/architecture.md, "The command line"). */
const commonOptions = {
  now: { type: 'string' },
  db: { type: 'string' },
  policy: { type: 'string' },
  accounts: { type: 'string' },
  intents: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/** What every command is built from: the configuration, with the command line's options over it. */
export interface CommonSettings {
  clock: Clock;
  /** A SQLite path or a postgres:// URL. */
  database: string;
  policyPath: string;
  accountsPath: string;
  intentsDir: string;
  logLevel: LogLevel;
}

/**
 * Parses a command's arguments: the common options plus the command's own, over the
 * configuration read from `env` (src/config/config.ts), which is read here once per command.
 * Unknown options, a bad `--now` and a wrong variable throw a GuichetError whose message says
 * what to write instead.
 */
export function parseCommandArgs<O extends Options>(
  args: string[],
  env: Readonly<Record<string, string | undefined>>,
  own: O,
): {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  settings: CommonSettings;
  config: Config;
} {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: { ...commonOptions, ...own }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new GuichetError(ErrorCode.InvalidInput, error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values as Record<string, string | boolean | (string | boolean)[] | undefined>;
  // --help only prints the usage: a wrong variable must not keep someone from reading it.
  const config = readConfig(values.help === true ? {} : env);
  const now = values.now;
  let clock = systemClock;
  if (typeof now === 'string') {
    // The same instant on every machine: a date or a time without its offset is refused.
    const instant = parseOffsetInstant(now);
    if (instant === undefined) {
      throw new GuichetError(
        ErrorCode.InvalidInput,
        `--now expects an ISO-8601 instant with its UTC offset, such as 2026-11-20T17:30:00+01:00, not "${now}"`,
      );
    }
    clock = fixedClock(instant);
  }
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const path = (v: unknown, otherwise: string) => {
    const given = str(v);
    return given === undefined ? otherwise : resolve(given);
  };
  return {
    values,
    positionals: parsed.positionals,
    settings: {
      clock,
      database: str(values.db) ?? config.database,
      policyPath: path(values.policy, config.policyPath),
      accountsPath: path(values.accounts, config.accountsPath),
      intentsDir: path(values.intents, config.intentsDir),
      logLevel: config.logLevel,
    },
    config,
  };
}
