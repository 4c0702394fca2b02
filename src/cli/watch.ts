import type { DestinationStream } from 'pino';
import { ErrorCode, GuichetError } from '../errors.js';
import { createLogger } from '../logger.js';
import { createGuichet } from '../main.js';
import type { CliIo } from './io.js';
import { parseCommandArgs } from './options.js';

const USAGE = `Usage: guichet watch --once [--now ISO] [--db PATH|URL] [--policy FILE] [--accounts FILE]

One pass of the SLA watch: every timer due at --now (the current time otherwise) fires once, the
earliest first: the first-response warning, the escalation at take-charge time + 1 business hour,
the escalation at the resolution deadline (slaWatch in the policy). Then the notifications they
queued are delivered. Prints one JSON line per step fired: {"ticket", "step", "level", "action",
"notified", "due"}. Safe to run from cron on several machines at once: each step fires once.
\`guichet start\` runs the same pass every 30 seconds (--watch-interval).
`;

const own = { once: { type: 'boolean' } } as const;

/** `guichet watch --once`: one pass of the SLA watch, for a cron job and for tests. */
export async function watch(args: string[], io: CliIo): Promise<number> {
  const { values, positionals, settings } = parseCommandArgs(args, io.env, own);
  if (values.help === true) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length > 0) {
    io.stderr.write(`guichet watch: unexpected argument "${positionals[0]}"\n\n${USAGE}`);
    return 2;
  }
  if (values.once !== true) {
    throw new GuichetError(
      ErrorCode.InvalidInput,
      '--once is required: `guichet watch --once` runs one pass (`guichet start` runs the watch every 30 s)',
    );
  }
  const logger = createLogger(settings.logLevel, io.stderr as unknown as DestinationStream);
  const app = await createGuichet({ ...settings, logger });
  try {
    await app.watch.backfill();
    for (const line of await app.watch.pass()) io.stdout.write(`${JSON.stringify(line)}\n`);
    return 0;
  } finally {
    await app.close();
  }
}
