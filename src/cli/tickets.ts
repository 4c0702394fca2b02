import { TICKET_STATUSES, type TicketStatus } from '../domain.js';
import { ErrorCode, GuichetError } from '../errors.js';
import { loadPolicy } from '../policy/load.js';
import { openStore } from '../store/open-store.js';
import { unknownTicket } from '../store/store-error.js';
import type { Store, TicketFilter } from '../store/ticket-store.js';
import { ticketListText, ticketShowText } from '../tickets/ticket-text.js';
import type { CliIo } from './io.js';
import { parseCommandArgs } from './options.js';

const USAGE = `Usage: guichet tickets list [--status STATUS[,STATUS…]] [--account NAME] [--limit N] [--json]
       guichet tickets show NUMBER [--json]

list  the tickets, most recent first: number, created, priority, type, status, queue, account, title.
      --status keeps the given statuses (${TICKET_STATUSES.join(', ')}), --account one account.
show  every field of one ticket and its event log (created, notified, responded, escalated…).
--json writes JSON instead of a table. --db PATH|URL picks the store (DATABASE_URL otherwise).

Examples:
  guichet tickets list --status assigned,in_progress
  guichet tickets show T20261122.0001 --json
`;

const own = {
  status: { type: 'string', multiple: true },
  account: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `guichet tickets list|show`: the tickets of the store, for people (a table) or programs (--json). */
export async function tickets(args: string[], io: CliIo): Promise<number> {
  const { values, positionals, settings } = parseCommandArgs(args, io.env, own);
  const [action, ...rest] = positionals;
  if (values.help === true) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (
    (action !== 'list' && action !== 'show') ||
    (action === 'list' && rest.length > 0) ||
    (action === 'show' && rest.length !== 1)
  ) {
    io.stderr.write(`guichet tickets: expected "list" or "show NUMBER"\n\n${USAGE}`);
    return 2;
  }
  const filter = action === 'list' ? listFilter(values) : {};
  const timezone = loadPolicy(settings.policyPath).calendar.timezone;
  const store = await openStore(settings.database);
  try {
    const json = values.json === true;
    if (action === 'list') {
      const found = await store.listTickets(filter);
      io.stdout.write(json ? `${JSON.stringify(found, null, 2)}\n` : ticketListText(found, timezone));
      return 0;
    }
    return await show(store, rest[0] as string, json, timezone, io);
  } finally {
    await store.close();
  }
}

async function show(store: Store, number: string, json: boolean, timezone: string, io: CliIo): Promise<number> {
  const ticket = await store.getTicket(number);
  if (!ticket) throw unknownTicket(number);
  const events = await store.listEvents(number);
  io.stdout.write(json ? `${JSON.stringify({ ticket, events }, null, 2)}\n` : ticketShowText(ticket, events, timezone));
  return 0;
}

function listFilter(values: Record<string, unknown>): TicketFilter {
  const filter: TicketFilter = {};
  if (Array.isArray(values.status)) {
    const statuses = values.status
      .flatMap((s) => String(s).split(','))
      .map((s) => s.trim())
      .filter(Boolean);
    const wrong = statuses.filter((s) => !(TICKET_STATUSES as readonly string[]).includes(s));
    if (wrong.length > 0) {
      throw new GuichetError(
        ErrorCode.InvalidInput,
        `--status expects ${TICKET_STATUSES.join(', ')}, not ${wrong.map((s) => `"${s}"`).join(', ')}`,
      );
    }
    filter.status = statuses as TicketStatus[];
  }
  if (typeof values.account === 'string') filter.account = values.account;
  if (typeof values.limit === 'string') {
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) {
      throw new GuichetError(
        ErrorCode.InvalidInput,
        `--limit expects a whole number of tickets such as 20, not "${values.limit}"`,
      );
    }
    filter.limit = limit;
  }
  return filter;
}
