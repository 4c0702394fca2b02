import { contactMethodText, lowerFirst, statusReply } from '../dialogs/announce.js';
import { formatInstant } from '../dialogs/dates.js';
import { reply } from '../dialogs/reply.js';
import { ErrorCode, GuichetError } from '../errors.js';
import type { Ticket } from '../store/ticket-store.js';
import type { ConversationState } from './state.js';
import { messagesOf, type StepContext, type StepResult, viewerOf } from './step-context.js';
import { card } from './ticket-turns.js';
import type { Effect } from './turn.js';

/**
 * The turns about tickets already open: their status, the person's tickets, an escalation, a
 * technician asked for. Who may follow which ticket is the ticket service's rule (`followed`).
 */

function isNotFound(error: unknown): boolean {
  return error instanceof GuichetError && error.code === ErrorCode.NotFound;
}

function notFound(s: ConversationState, c: StepContext, number: string): StepResult {
  const text = messagesOf(s, c).statusNotFound(number, c.deps.policy.company.helpdeskPhone);
  return { state: s, replies: [reply(s.language, text)], effects: [] };
}

/** "Où en est T…": the ticket's status, or the same answer as for an unknown number. */
export async function status(s: ConversationState, c: StepContext, number: string): Promise<StepResult> {
  const ticket = await c.deps.tickets.followed(number, viewerOf(s, c));
  if (!ticket) return notFound(s, c, number);
  const r = statusReply(ticket, c.deps.tickets.plan(ticket), c.deps.policy, c.deps.dialogs, s.language, c.now);
  return { state: s, replies: [r], effects: [], ...(r.card ? { ticket: r.card } : {}) };
}

/**
 * The person's tickets, most recent first: those of the contact the channel identifies (e-mail,
 * phone) and those opened in this conversation, in the order asked; without either, those of the
 * company and name given in the intake.
 */
async function personTickets(s: ConversationState, c: StepContext, conversationFirst: boolean): Promise<Ticket[]> {
  const who = c.identity?.contact;
  const ofContact = async () =>
    who && (who.email || who.phone)
      ? c.deps.tickets.listForContact(
          { ...(who.email ? { email: who.email } : {}), ...(who.phone ? { phone: who.phone } : {}) },
          LISTED,
        )
      : [];
  const ofConversation = async () => {
    const found = await Promise.all(
      [...s.opened]
        .reverse()
        .slice(0, LISTED)
        .map((n) => c.deps.tickets.get(n)),
    );
    return found.filter((t): t is Ticket => t !== null);
  };
  const ofIntake = async () => {
    const { account, contact } = s.intake;
    if (!account || !contact) return [];
    const listed = await c.deps.tickets.listForContact({ account }, 50);
    return listed.filter((t) => t.contact?.toLowerCase() === contact.toLowerCase()).slice(0, LISTED);
  };
  for (const source of conversationFirst
    ? [ofConversation, ofContact, ofIntake]
    : [ofContact, ofConversation, ofIntake]) {
    const tickets = await source();
    if (tickets.length > 0) return tickets;
  }
  return [];
}

/** At most this many tickets are listed. */
const LISTED = 5;

/** The status of each ticket, introduced by "voici votre ticket" or "voici vos N derniers tickets". */
function listed(s: ConversationState, c: StepContext, tickets: Ticket[]): StepResult {
  const m = messagesOf(s, c);
  if (tickets.length === 0) return { state: s, replies: [reply(s.language, m.noTickets())], effects: [] };
  const replies = tickets.map((t) =>
    statusReply(t, c.deps.tickets.plan(t), c.deps.policy, c.deps.dialogs, s.language, c.now),
  );
  const first = replies[0]?.card;
  return {
    state: s,
    replies: [reply(s.language, m.myTickets(tickets.length)), ...replies],
    effects: [],
    ...(first ? { ticket: first } : {}),
  };
}

/** "Mes tickets": the contact's last tickets, or those of the conversation. */
export async function myTickets(s: ConversationState, c: StepContext): Promise<StepResult> {
  return listed(s, c, await personTickets(s, c, false));
}

/** "Où en est mon ticket ?": the ticket of this conversation, or the contact's last ones. */
export async function myStatus(s: ConversationState, c: StepContext): Promise<StepResult> {
  const tickets = await personTickets(s, c, true);
  const latest = tickets[0];
  if (s.opened.length > 0 && latest && s.opened.includes(latest.number)) {
    return status(s, c, latest.number);
  }
  return listed(s, c, tickets);
}

/** Records an escalation request (seed 004, matrice d'escalade) and says whether its time has come. */
export async function escalate(s: ConversationState, c: StepContext, number: string): Promise<StepResult> {
  const m = messagesOf(s, c);
  const lang = s.language;
  const by = c.identity?.contact.name ?? s.intake.contact ?? c.turn.userId ?? 'contact';
  if (!(await c.deps.tickets.followed(number, viewerOf(s, c)))) return notFound(s, c, number);
  try {
    const { ticket, plan, reached } = await c.deps.tickets.escalate(number, by);
    const cardOf = card(s, c, ticket);
    const how = lowerFirst(contactMethodText(plan.escalation, lang));
    const at = plan.escalationAt
      ? formatInstant(plan.escalationAt, lang, c.deps.policy.calendar.timezone, c.now)
      : null;
    const text = !plan.contract
      ? m.escalatedNoContract(ticket.number, how)
      : reached || !at
        ? m.escalatedReached(ticket.number, how)
        : m.escalatedEarly(ticket.number, at, how);
    return {
      state: s,
      replies: [reply(lang, text, { card: cardOf })],
      effects: [{ type: 'ticket_escalated', ticketNumber: ticket.number }],
      ticket: cardOf,
    };
  } catch (error) {
    if (isNotFound(error)) return notFound(s, c, number);
    throw error;
  }
}

/** A person asks for a technician: the ticket service tells the technicians of the ticket's level. */
export async function technician(s: ConversationState, c: StepContext, number: string | null): Promise<StepResult> {
  const ticket = await c.deps.tickets.requestTechnician(number, viewerOf(s, c));
  const effect: Effect = ticket
    ? { type: 'technician_requested', ticketNumber: ticket.number }
    : { type: 'technician_requested' };
  return {
    state: s,
    replies: [
      reply(s.language, messagesOf(s, c).technician(c.deps.policy.company.helpdeskPhone, ticket?.number ?? null)),
    ],
    effects: [effect],
  };
}
