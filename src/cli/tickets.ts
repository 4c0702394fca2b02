import type { Guichet } from '../app.js';
import type { Config } from '../config/config.js';
import { TICKET_STATUSES, type TicketStatus } from '../domain.js';
import { ErrorCode, GuichetError } from '../errors.js';
import { createGuichet } from '../main.js';
import { loadPolicy } from '../policy/load.js';
import { channels } from '../server/channels.js';
import { enabledChannels } from '../server/server.js';
import { openStore } from '../store/open-store.js';
import { unknownTicket } from '../store/store-error.js';
import type { Store, TicketFilter } from '../store/ticket-store.js';
import {
  findTechnician,
  TECHNICIAN_ACTIONS,
  type TechnicianAction,
  type TechnicianRequest,
} from '../tickets/technician-actions.js';
import { ticketListText, ticketShowText } from '../tickets/ticket-text.js';
import type { CliIo } from './io.js';
import { type CommonSettings, parseCommandArgs } from './options.js';

const USAGE = `Usage: guichet tickets list [--status STATUS[,STATUS…]] [--account NAME] [--limit N] [--json]
       guichet tickets show NUMBER [--json]
       guichet tickets take|reply|escalate|wait|resolve|reopen NUMBER --by TECHNICIAN [--text TEXT] [--json]
       guichet tickets respond NUMBER --by TECHNICIAN
       guichet tickets status NUMBER STATUS --by TECHNICIAN

list  the tickets, most recent first: number, created, priority, type, status, queue, account, title.
      --status keeps the given statuses (${TICKET_STATUSES.join(', ')}), --account one account.
show  every field of one ticket and its event log (created, notified, responded, escalated…).

What a technician does, as from the buttons of a chat notification; --by is a technician of the
directory (policy resources.technicians: id, e-mail, Slack or Teams id), anyone else is refused.
The person is told in the conversation that opened the ticket (SMS for a phone ticket, when set up).
take      assigns the ticket to them, in progress; records the take-charge and first-response times.
          A ticket someone else has is refused with their name.
reply     sends --text to the person and keeps it in the event log (a first response too).
escalate  moves the ticket to the next level of its queue, whose technicians get it; --text is why.
wait      waiting for the person (waiting_customer); --text, optional, says what is asked.
resolve   resolved, with --text as the resolution note; records the resolution time.
reopen    back to in progress (or assigned when nobody has it).
respond   records the first response only, once; status moves the ticket to STATUS.
--json writes JSON instead of a table. --db PATH|URL picks the store (DATABASE_URL otherwise).

Examples:
  guichet tickets list --status assigned,in_progress
  guichet tickets show T20261122.0001 --json
  guichet tickets take T20261122.0001 --by philippe
  guichet tickets reply T20261122.0001 --by philippe --text "Je me connecte à votre poste à 14 h."
  guichet tickets resolve T20261122.0001 --by philippe --text "Pilote de l'imprimante réinstallé."
`;

const own = {
  status: { type: 'string', multiple: true },
  account: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  by: { type: 'string' },
  text: { type: 'string' },
} as const;

/** The actions and how many words follow each: `show NUMBER`, `status NUMBER STATUS`… */
const ARITY: Record<string, number> = {
  list: 0,
  show: 1,
  respond: 1,
  status: 2,
  ...Object.fromEntries(TECHNICIAN_ACTIONS.map((action) => [action, 1])),
};

function isTechnicianAction(action: string): action is TechnicianAction {
  return (TECHNICIAN_ACTIONS as readonly string[]).includes(action);
}

/**
 * `guichet tickets list|show|take|reply|escalate|wait|resolve|reopen|respond|status`: the tickets
 * of the store, for people (a table) or programs (--json), and the technicians' actions.
 */
export async function tickets(args: string[], io: CliIo): Promise<number> {
  const { values, positionals, settings, config } = parseCommandArgs(args, io.env, own);
  const [action, ...rest] = positionals;
  if (values.help === true) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (action === undefined || ARITY[action] !== rest.length) {
    io.stderr.write(
      `guichet tickets: expected "list", "show NUMBER", "${TECHNICIAN_ACTIONS.join('|')} NUMBER", "respond NUMBER" or "status NUMBER STATUS"\n\n${USAGE}`,
    );
    return 2;
  }
  if (isTechnicianAction(action)) return technicianAct(action, rest[0] as string, values, settings, config, io);
  if (action === 'respond' || action === 'status') return act(action, rest, values, settings, config, io);
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

/** A technician's action on a ticket, through the ticket service (event log, SLA stamps). */
async function act(
  action: 'respond' | 'status',
  [number = '', status = '']: string[],
  values: Record<string, unknown>,
  settings: CommonSettings,
  config: Config,
  io: CliIo,
): Promise<number> {
  const by = byOf(values);
  if (action === 'status' && !(TICKET_STATUSES as readonly string[]).includes(status)) {
    throw new GuichetError(ErrorCode.InvalidInput, `STATUS expects ${TICKET_STATUSES.join(', ')}, not "${status}"`);
  }
  const app = await connectedGuichet(settings, config);
  try {
    if (!findTechnician(app.policy, by)) {
      throw new GuichetError(
        ErrorCode.InvalidInput,
        `--by: "${by}" is not a technician of the directory (policy resources.technicians)`,
      );
    }
    const ticket =
      action === 'respond'
        ? await app.tickets.recordFirstResponse(number, by)
        : await app.tickets.changeStatus(number, status as TicketStatus, by);
    await app.tickets.updated(ticket);
    const events = await app.store.listEvents(number);
    io.stdout.write(ticketShowText(ticket, events, app.policy.calendar.timezone));
    return 0;
  } finally {
    await app.close();
  }
}

/**
 * Guichet with the channels of the configuration connected for writing only (no server runs):
 * the person is told in their conversation (Slack, Teams, the web page, SMS) and the copies of the
 * ticket's message in the technicians' chats are updated, as after a button.
 */
async function connectedGuichet(settings: CommonSettings, config: Config): Promise<Guichet> {
  const app = await createGuichet(settings);
  try {
    for (const channel of enabledChannels(channels, config)) await channel.connect?.(app, config);
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

function byOf(values: Record<string, unknown>): string {
  const by = typeof values.by === 'string' ? values.by.trim() : '';
  if (by === '') {
    throw new GuichetError(ErrorCode.InvalidInput, '--by expects who acts on the ticket, e.g. --by philippe');
  }
  return by;
}

/**
 * take|reply|escalate|wait|resolve|reopen: what the buttons of a notification do, through the same
 * use case. A refusal (not in the directory, taken by someone else…) exits 1 with its reason.
 */
async function technicianAct(
  action: TechnicianAction,
  number: string,
  values: Record<string, unknown>,
  settings: CommonSettings,
  config: Config,
  io: CliIo,
): Promise<number> {
  const by = byOf(values);
  const app = await connectedGuichet(settings, config);
  try {
    const request: TechnicianRequest = { action, number, by };
    if (typeof values.text === 'string') request.text = values.text;
    const outcome = await app.technicianActions.run(request);
    if (values.json === true) {
      io.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
      return outcome.ok ? 0 : 1;
    }
    if (!outcome.ok) {
      const hint = outcome.code === 'text_required' ? ' (--text)' : '';
      io.stderr.write(`guichet tickets ${action}: ${outcome.message}${hint}\n`);
      return 1;
    }
    const done = outcome.changed
      ? `${action}: done by ${outcome.technician.name}`
      : `${action}: nothing to do, already so`;
    const told = {
      sent: 'the person was told',
      logged: 'the person has no channel to be told in: logged',
      failed: 'the person could not be told: see the log',
      none: '',
    }[outcome.told];
    io.stdout.write(`${done}${told ? `; ${told}` : ''}.\n\n`);
    const events = await app.store.listEvents(number);
    io.stdout.write(ticketShowText(outcome.ticket, events, app.policy.calendar.timezone));
    return 0;
  } finally {
    await app.close();
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
