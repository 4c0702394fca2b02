import { resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Clock, fixedClock, systemClock } from '../domain.js';
import { ErrorCode, GuichetError } from '../errors.js';
import { DEFAULT_ACCOUNTS_PATH, DEFAULT_POLICY_PATH } from '../policy/load.js';
import { parseOffsetInstant } from './instant.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The options every command takes (docs/architecture.md, "The command line"). */
const commonOptions = {
  now: { type: 'string' },
  db: { type: 'string' },
  policy: { type: 'string' },
  accounts: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/** The default embedded store: a SQLite file under ./data/. */
export const DEFAULT_DATABASE = 'data/guichet.sqlite';

export interface CommonSettings {
  clock: Clock;
  /** A SQLite path or a postgres:// URL. */
  database: string;
  policyPath: string;
  accountsPath: string;
}

/**
 * Parses a command's arguments: the common options plus the command's own. Unknown options and a
 * bad `--now` throw a GuichetError whose message says what to write instead.
 */
export function parseCommandArgs<O extends Options>(
  args: string[],
  env: NodeJS.ProcessEnv,
  own: O,
): {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  settings: CommonSettings;
} {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options: { ...commonOptions, ...own }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new GuichetError(ErrorCode.InvalidInput, error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values as Record<string, string | boolean | (string | boolean)[] | undefined>;
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
  return {
    values,
    positionals: parsed.positionals,
    settings: {
      clock,
      database: str(values.db) ?? str(env.DATABASE_URL) ?? DEFAULT_DATABASE,
      policyPath: resolve(str(values.policy) ?? str(env.GUICHET_POLICY) ?? DEFAULT_POLICY_PATH),
      accountsPath: resolve(str(values.accounts) ?? str(env.GUICHET_ACCOUNTS) ?? DEFAULT_ACCOUNTS_PATH),
    },
  };
}
