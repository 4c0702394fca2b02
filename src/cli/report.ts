import { DateTime } from 'luxon';
import { ErrorCode, GuichetError } from '../errors.js';
import { loadPolicy } from '../policy/load.js';
import { openStore } from '../store/open-store.js';
import type { TicketFilter } from '../store/ticket-store.js';
import { slaReport } from '../tickets/sla-report.js';
import { slaReportText } from '../tickets/sla-report-text.js';
import type { CliIo } from './io.js';
import { parseCommandArgs } from './options.js';

const USAGE = `Usage: guichet report [--from DATE|ISO] [--to DATE|ISO] [--account NAME] [--now ISO] [--json]

The SLA compliance sheet ("Résultats engagement de niveau de service"): per priority the number of
tickets, how many met their first-response and resolution targets (count and %), the objective, and
the global line. Tickets are those created in [--from, --to); a date alone (2026-11-01) means that
day in the policy time zone, and --to includes its day. Open tickets are judged at --now: past due
they count as missed, not yet due they are shown as pending. Tickets without contract are N/A.

Example:
  guichet report --from 2026-01-01 --to 2026-05-18
`;

const own = {
  from: { type: 'string' },
  to: { type: 'string' },
  account: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads a period bound: an ISO instant (an offset is optional, the policy time zone otherwise) or
 * a date. A `--to` date includes its day, so its bound is the next midnight.
 */
export function periodBound(text: string, option: 'from' | 'to', timezone: string): string {
  const at = DateTime.fromISO(text, { zone: timezone });
  if (!at.isValid) {
    throw new GuichetError(
      ErrorCode.InvalidInput,
      `--${option} expects a date such as 2026-11-01 or an instant such as 2026-11-01T09:00:00+01:00, not "${text}"`,
    );
  }
  const bound = DATE_ONLY.test(text) && option === 'to' ? at.plus({ days: 1 }) : at;
  return bound.toUTC().toISO() ?? text;
}

/** `guichet report`: the SLA compliance sheet of the tickets in the store. */
export async function report(args: string[], io: CliIo): Promise<number> {
  const { values, positionals, settings } = parseCommandArgs(args, io.env, own);
  if (values.help === true) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length > 0) {
    io.stderr.write(`guichet report: unexpected argument "${positionals[0]}"\n\n${USAGE}`);
    return 2;
  }
  const policy = loadPolicy(settings.policyPath);
  const timezone = policy.calendar.timezone;
  const filter: TicketFilter = {};
  if (typeof values.from === 'string') filter.from = periodBound(values.from, 'from', timezone);
  if (typeof values.to === 'string') filter.to = periodBound(values.to, 'to', timezone);
  if (filter.from && filter.to && filter.from >= filter.to) {
    throw new GuichetError(ErrorCode.InvalidInput, `--from (${values.from}) must come before --to (${values.to})`);
  }
  if (typeof values.account === 'string') filter.account = values.account;
  const store = await openStore(settings.database);
  try {
    const found = await store.listTickets(filter);
    const sheet = slaReport(policy, found, {
      now: settings.clock.now(),
      from: filter.from ?? null,
      to: filter.to ?? null,
      account: filter.account ?? null,
    });
    io.stdout.write(values.json === true ? `${JSON.stringify(sheet, null, 2)}\n` : slaReportText(sheet, timezone));
    return 0;
  } finally {
    await store.close();
  }
}
