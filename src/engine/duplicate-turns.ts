import { formatInstant, formatTime, wallClock } from '../dialogs/dates.js';
import { classifyIntake } from '../dialogs/intake.js';
import { prefixed, reply } from '../dialogs/reply.js';
import type { Ticket } from '../store/ticket-store.js';
import { detectInterruption } from './interruptions.js';
import type { ConversationState } from './state.js';
import { dialogContext, messagesOf, type StepContext, type StepResult, twoChoiceAnswer } from './step-context.js';
import { card, intakeDraft, openTicket } from './ticket-turns.js';

/**
 * The turns of a report that repeats an open ticket (src/tickets/duplicates.ts): the same person
 * is asked whether to add their message to it, and may still insist on a new ticket; another
 * person of the same company reporting the same site-wide outage is told it is known, and their
 * report is added to the first ticket.
 */

/** The person confirmed the summary: a duplicate is caught before a second ticket is opened. */
export async function confirmIntake(s: ConversationState, c: StepContext): Promise<StepResult> {
  const { turn, deps } = c;
  const classification = classifyIntake(s.intake, dialogContext(s, c));
  const draft = intakeDraft(s, classification, turn.channel, turn.conversationId, turn.conversationRef ?? null);
  let duplicate: Awaited<ReturnType<typeof deps.tickets.findDuplicate>> = null;
  try {
    duplicate = await deps.tickets.findDuplicate(draft);
  } catch (error) {
    // Looking for a duplicate must not keep the person from their ticket: open it (its own save
    // says so if the store is down).
    deps.logger?.warn({ err: error, conversation: turn.conversationId }, 'duplicates could not be looked up');
  }
  if (!duplicate) return openTicket(s, c);
  if (duplicate.kind === 'same_contact') {
    const next: ConversationState = { ...s, pending: 'duplicate', duplicateOf: duplicate.ticket.number };
    return { state: next, replies: [question(next, c, duplicate.ticket)], effects: [] };
  }
  return noted(s, c, duplicate.ticket, 'site_outage');
}

/**
 * The answer to "J'y ajoute votre message ?": yes adds it to the ticket, no opens a new one;
 * anything else asks again. Null for an interruption or when the ticket is gone: the turn goes on
 * as if the question had not been asked.
 */
export async function answerDuplicate(s: ConversationState, c: StepContext, text: string): Promise<StepResult | null> {
  const number = s.duplicateOf;
  const cleared: ConversationState = { ...s, pending: null, duplicateOf: null };
  const ticket = number ? await c.deps.tickets.get(number).catch(() => null) : null;
  if (!ticket) return null;
  const answer = twoChoiceAnswer(c, text, ['add', 'new']);
  if (answer === true) return noted(cleared, c, ticket, 'duplicate');
  if (answer === false) return openTicket(cleared, c);
  // "annuler", "mes tickets"…: the interruption is handled as anywhere else.
  if (detectInterruption(text, c.deps.dialogs.answers)) return null;
  const m = messagesOf(s, c);
  return { state: s, replies: [prefixed(s.language, m.notUnderstood(), question(s, c, ticket))], effects: [] };
}

function question(s: ConversationState, c: StepContext, ticket: Ticket) {
  const d = messagesOf(s, c).duplicate;
  return reply(s.language, d.ask(ticket.number, openedWhen(s, c, ticket)), {
    choices: [
      { label: d.add, value: 'add' },
      { label: d.insist, value: 'new' },
    ],
  });
}

/** "à 9 h 40" for a ticket of today, "le lundi 23 novembre à 9 h 40" otherwise. */
function openedWhen(s: ConversationState, c: StepContext, ticket: Ticket): string {
  const d = messagesOf(s, c).duplicate;
  const zone = c.deps.policy.calendar.timezone;
  const created = new Date(ticket.createdAt);
  const opened = wallClock(created, zone);
  const today = wallClock(c.now, zone);
  if (opened.year !== today.year || opened.month !== today.month || opened.day !== today.day)
    return d.openedOn(formatInstant(created, s.language, zone, c.now));
  return d.openedToday(formatTime(opened.hour, opened.minute, s.language));
}

/** The person's description becomes a note of the open ticket, and its technicians are told. */
async function noted(
  s: ConversationState,
  c: StepContext,
  ticket: Ticket,
  reason: 'duplicate' | 'site_outage',
): Promise<StepResult> {
  const { turn, deps } = c;
  const m = messagesOf(s, c);
  const intake = s.intake;
  try {
    await deps.tickets.addNote(ticket.number, {
      text: intake.description ?? '',
      by: intake.contact ?? intake.contactEmail ?? intake.contactPhone ?? intake.account ?? turn.channel,
      reason,
      source: turn.channel,
    });
  } catch (error) {
    deps.logger?.error({ err: error, conversation: turn.conversationId }, 'the note could not be added to the ticket');
    return { state: s, replies: [reply(s.language, m.technicalError(deps.policy.company.helpdeskPhone))], effects: [] };
  }
  const next: ConversationState = {
    ...s,
    intake: { ...intake, phase: 'done' },
    opened: [...s.opened.filter((n) => n !== ticket.number), ticket.number].slice(-20),
  };
  const cardOf = card(next, c, ticket);
  const text =
    reason === 'duplicate'
      ? m.duplicate.added(ticket.number)
      : m.duplicate.known(ticket.number, openedWhen(s, c, ticket));
  return {
    state: next,
    replies: [reply(s.language, text, { card: cardOf })],
    effects: [{ type: 'ticket_noted', ticketNumber: ticket.number }],
    ticket: cardOf,
  };
}
