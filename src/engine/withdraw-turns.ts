import { reply } from '../dialogs/reply.js';
import { cancel } from './interrupt.js';
import { detectInterruption } from './interruptions.js';
import type { ConversationState } from './state.js';
import {
  inProgress,
  messagesOf,
  type StepContext,
  type StepResult,
  twoChoiceAnswer,
  viewerOf,
} from './step-context.js';
import { card } from './ticket-turns.js';

/**
 * The person no longer needs a ticket ("annulez mon ticket", "en fait c'est réglé, ça remarche"):
 * asked to confirm, then the ticket is marked resolved with their words and its technicians told
 * (TicketService.withdraw). The ticket is the one named, or else the conversation's last one; a
 * request still being told is simply dropped, as "annuler" does.
 */
export async function askWithdraw(s: ConversationState, c: StepContext, named: string | null): Promise<StepResult> {
  const m = messagesOf(s, c);
  const number = named ?? (inProgress(s.intake) ? null : (s.opened[s.opened.length - 1] ?? null));
  if (!number) {
    if (inProgress(s.intake)) return cancel(s, c);
    return { state: s, replies: [reply(s.language, m.withdraw.nothing())], effects: [] };
  }
  const ticket = await c.deps.tickets.followed(number, viewerOf(s, c));
  if (!ticket) {
    const text = m.statusNotFound(number, c.deps.policy.company.helpdeskPhone);
    return { state: s, replies: [reply(s.language, text)], effects: [] };
  }
  if (ticket.status === 'resolved' || ticket.status === 'closed') {
    const text = m.withdraw.already(number, m.statuses[ticket.status]);
    return { state: s, replies: [reply(s.language, text)], effects: [] };
  }
  const words = (c.turn.text ?? '').trim();
  const next: ConversationState = { ...s, pending: 'withdraw', withdrawOf: number, withdrawWords: words || null };
  const question = reply(s.language, m.withdraw.ask(number, ticket.title), {
    choices: [
      { label: m.withdraw.yes, value: 'withdraw' },
      { label: m.withdraw.no, value: 'keep' },
    ],
    expects: 'confirm',
  });
  return { state: next, replies: [question], effects: [] };
}

/**
 * The answer to "je le clôture ?": yes withdraws the ticket, no keeps it. Anything else (another
 * problem, a command) is not an answer: null, and the message is read as if nothing had been asked.
 */
export async function answerWithdraw(s: ConversationState, c: StepContext, text: string): Promise<StepResult | null> {
  const number = s.withdrawOf;
  const cleared: ConversationState = { ...s, pending: null, withdrawOf: null, withdrawWords: null };
  if (!number) return null;
  // A command ("annuler", "mes tickets") is not an answer to the question.
  const command = c.turn.choice === undefined && detectInterruption(text, c.deps.dialogs.answers) !== null;
  const answer = command ? null : twoChoiceAnswer(c, text, ['withdraw', 'keep']);
  const m = messagesOf(s, c);
  if (answer === false) return { state: cleared, replies: [reply(s.language, m.withdraw.kept(number))], effects: [] };
  if (answer !== true) return null;
  const by = c.identity?.contact.name ?? s.intake.contact ?? c.turn.userId ?? c.turn.channel;
  const said = s.withdrawWords ?? (c.turn.text?.trim() || m.withdraw.yes);
  let done: Awaited<ReturnType<typeof c.deps.tickets.withdraw>>;
  try {
    done = await c.deps.tickets.withdraw(number, { text: said, by }, viewerOf(s, c));
  } catch (error) {
    c.deps.logger?.error({ err: error, ticket: number }, 'the ticket could not be withdrawn');
    return {
      state: s,
      replies: [reply(s.language, m.technicalError(c.deps.policy.company.helpdeskPhone))],
      effects: [],
    };
  }
  if (!done) return null;
  const cardOf = card(cleared, c, done.ticket);
  const textOut = done.withdrawn ? m.withdraw.done(number) : m.withdraw.already(number, m.statuses[done.ticket.status]);
  return {
    state: cleared,
    replies: [reply(s.language, textOut, { card: cardOf })],
    effects: done.withdrawn ? [{ type: 'ticket_withdrawn', ticketNumber: number }] : [],
    ticket: cardOf,
  };
}
