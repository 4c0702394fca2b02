import { saysProblemPersists } from '../dialogs/answers.js';
import { reply } from '../dialogs/reply.js';
import type { Ticket } from '../store/ticket-store.js';
import type { ConversationState } from './state.js';
import { messagesOf, type StepContext, type StepResult, viewerOf } from './step-context.js';
import { card } from './ticket-turns.js';

/**
 * The person writes again in the conversation of their ticket, once a technician has resolved it
 * or asked them something (issue "what they do from the message": "may answer « ça ne marche
 * toujours pas », which reopens the ticket and tells the technician"). While the ticket waits for
 * them, any message is their answer; once resolved, only a message saying the problem is still
 * there reopens it (dialogs/answers.yaml `followUp`, with the symptoms the intents recognise).
 * Anything else is not about that ticket: null, and the conversation goes on as usual.
 */
export async function answerOnTicket(s: ConversationState, c: StepContext, text: string): Promise<StepResult | null> {
  const ticket = await conversationTicket(s, c);
  if (!ticket || (ticket.status !== 'waiting_customer' && ticket.status !== 'resolved')) return null;
  const persists =
    ticket.status === 'resolved' &&
    saysProblemPersists(text, c.deps.dialogs.answers, (t) => c.deps.classifier.reportsFault(t));
  if (ticket.status === 'resolved' && !persists) return null;
  const by = c.identity?.contact.name ?? s.intake.contact ?? ticket.contact ?? c.turn.userId ?? 'contact';
  const done = await c.deps.tickets.answerFromPerson(ticket.number, { text, by, persists }, viewerOf(s, c));
  if (!done) return null;
  const m = messagesOf(s, c).followUp;
  const number = done.ticket.number;
  const holder = c.deps.policy.resources.technicians.find((t) => t.id === done.ticket.assignee)?.name;
  const said =
    done.outcome === 'reopened'
      ? holder
        ? m.reopenedFor(number, holder)
        : m.reopened(number)
      : holder
        ? m.answeredFor(number, holder)
        : m.answered(number);
  const cardOf = card(s, c, done.ticket);
  return {
    state: { ...s, opened: s.opened.includes(number) ? s.opened : [...s.opened, number] },
    replies: [reply(s.language, said, { card: cardOf })],
    effects: [{ type: done.outcome === 'reopened' ? 'ticket_reopened' : 'ticket_answered', ticketNumber: number }],
    ticket: cardOf,
  };
}

/**
 * The ticket the conversation is about: the last one opened in it; when its state has expired
 * since (an idle conversation is kept a day), the person's last ticket opened in this same
 * conversation, found by who the channel says they are (its idempotency key names the
 * conversation, intakeKey). Another conversation of theirs is another subject: a new ticket.
 */
async function conversationTicket(s: ConversationState, c: StepContext): Promise<Ticket | null> {
  const last = s.opened[s.opened.length - 1];
  if (last) return c.deps.tickets.get(last);
  const who = c.identity?.contact;
  if (!who || (!who.email && !who.phone)) return null;
  const [latest] = await c.deps.tickets.listForContact(
    { ...(who.email ? { email: who.email } : {}), ...(who.phone ? { phone: who.phone } : {}) },
    1,
    `${c.turn.channel}:${c.turn.conversationId}:`,
  );
  return latest ?? null;
}
