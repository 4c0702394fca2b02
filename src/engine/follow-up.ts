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

/** "Mes tickets": the contact's last tickets, or those of the conversation. */
export async function myTickets(s: ConversationState, c: StepContext): Promise<StepResult> {
  const m = messagesOf(s, c);
  const who = c.identity?.contact;
  let tickets: Ticket[] = [];
  if (who && (who.email || who.phone)) {
    tickets = await c.deps.tickets.listForContact(
      { ...(who.email ? { email: who.email } : {}), ...(who.phone ? { phone: who.phone } : {}) },
      5,
    );
  }
  if (tickets.length === 0 && s.opened.length > 0) {
    const found = await Promise.all(
      [...s.opened]
        .reverse()
        .slice(0, 5)
        .map((n) => c.deps.tickets.get(n)),
    );
    tickets = found.filter((t): t is Ticket => t !== null);
  }
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
