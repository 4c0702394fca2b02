import { announcement, ticketCard } from '../dialogs/announce.js';
import { classifyIntake, startIntake } from '../dialogs/intake.js';
import { reply } from '../dialogs/reply.js';
import { proposeTitle } from '../dialogs/title.js';
import type { Classification } from '../intents/classification.js';
import type { Ticket } from '../store/ticket-store.js';
import type { TicketDraft } from '../tickets/ticket-service.js';
import type { ConversationState } from './state.js';
import { dialogContext, messagesOf, type StepContext, type StepResult, viewerOf } from './step-context.js';
import type { TicketCard, Turn } from './turn.js';

/**
 * The turns that open a ticket from the intake, and answer with it: confirming the summary, and
 * confirming again once it is open.
 */

/**
 * The idempotency key of an intake's ticket: a repeated confirmation never opens a second one, and
 * an intake of a later conversation under the same id (its state expired) never reuses it.
 */
export function intakeKey(
  channel: string,
  conversationId: string,
  state: Pick<ConversationState, 'instance' | 'intakeNumber'>,
): string {
  return `${channel}:${conversationId}:${state.instance}:${state.intakeNumber}`;
}

/**
 * The ticket draft of a conversation's intake as classified: what the person said and answered,
 * and the type, priority and domain the rules gave it. Confirming and hanging up both open it.
 */
export function intakeDraft(
  s: ConversationState,
  classification: Classification,
  channel: Turn['channel'],
  conversationId: string,
  conversationRef: string | null,
): TicketDraft {
  const intake = s.intake;
  const description = intake.description ?? '';
  return {
    account: intake.account,
    contact: intake.contact,
    contactEmail: intake.contactEmail,
    contactPhone: intake.contactPhone,
    contract: intake.contract,
    source: channel,
    title: intake.title ?? proposeTitle(description),
    description,
    type: classification.type,
    priority: classification.priority,
    domain: classification.domain,
    category: classification.category,
    subcategory: classification.subcategory ?? null,
    classificationReason: classification.reason,
    appointmentAt: intake.appointmentAt,
    conversationRef,
    idempotencyKey: intakeKey(channel, conversationId, s),
    language: s.language,
  };
}

/** The card of a ticket in the conversation's language. */
export function card(s: ConversationState, c: StepContext, ticket: Ticket): TicketCard {
  return ticketCard(ticket, c.deps.tickets.plan(ticket), c.deps.policy, c.deps.dialogs, s.language, c.now);
}

/** Confirming again after the ticket is open: the same ticket, never a second one. */
export async function alreadyOpened(s: ConversationState, c: StepContext, number: string): Promise<StepResult> {
  const ticket = await c.deps.tickets.get(number);
  const ticketCardOf = ticket ? card(s, c, ticket) : undefined;
  const r = reply(s.language, messagesOf(s, c).alreadyOpened(number), ticketCardOf ? { card: ticketCardOf } : {});
  return { state: s, replies: [r], effects: [], ...(ticketCardOf ? { ticket: ticketCardOf } : {}) };
}

/** The person confirmed the summary: open the ticket, idempotently, and announce it. */
export async function openTicket(s: ConversationState, c: StepContext): Promise<StepResult> {
  const { turn, deps } = c;
  const intake = s.intake;
  const classification = classifyIntake(intake, dialogContext(s, c));
  try {
    const { ticket, plan } = await deps.tickets.open(
      intakeDraft(s, classification, turn.channel, turn.conversationId, turn.conversationRef ?? null),
    );
    const announced = announcement(
      ticket,
      plan,
      deps.policy,
      deps.dialogs,
      s.language,
      c.now,
      classification.reasons[s.language],
    );
    const next: ConversationState = {
      ...s,
      intake: { ...intake, phase: 'done' },
      opened: [...s.opened.filter((n) => n !== ticket.number), ticket.number].slice(-20),
    };
    const result: StepResult = {
      state: next,
      replies: [announced],
      effects: [{ type: 'ticket_opened', ticketNumber: ticket.number }],
    };
    if (announced.card) result.ticket = announced.card;
    return result;
  } catch (error) {
    // Never a silent drop: say so, keep every answer, offer to try again (same idempotency key).
    deps.logger?.error({ err: error, conversation: turn.conversationId }, 'the ticket could not be opened');
    const m = messagesOf(s, c);
    const l = m.labels;
    const retry = reply(s.language, m.saveFailed(), {
      choices: [
        { label: l.retry, value: 'confirm' },
        { label: l.change, value: 'change' },
        { label: l.cancel, value: 'cancel' },
      ],
      expects: 'confirm',
    });
    return { state: { ...s, intake: { ...intake, phase: 'summary' } }, replies: [retry], effects: [] };
  }
}

/**
 * The answers could not be understood three times: a person takes over. What was said is kept as a
 * draft ticket; in a chat a technician is asked to call back, on the phone the call is put through
 * to the helpdesk. Nothing the person said is lost.
 */
export async function handOver(s: ConversationState, c: StepContext): Promise<StepResult> {
  const { turn, deps } = c;
  const m = messagesOf(s, c);
  const phone = deps.policy.company.helpdeskPhone;
  const classification = classifyIntake(s.intake, dialogContext(s, c));
  const draft = intakeDraft(s, classification, turn.channel, turn.conversationId, turn.conversationRef ?? null);
  try {
    const { ticket } = await deps.tickets.open({ ...draft, status: 'draft' });
    const next: ConversationState = {
      ...s,
      intake: startIntake(c.identity),
      intakeNumber: s.intakeNumber + 1,
      opened: [...s.opened.filter((n) => n !== ticket.number), ticket.number].slice(-20),
    };
    const cardOf = card(next, c, ticket);
    if (turn.channel === 'phone') {
      return {
        state: next,
        replies: [reply(s.language, m.handOverCall(ticket.number), { card: cardOf, expects: 'none' })],
        effects: [{ type: 'transfer_call', phone }],
        ticket: cardOf,
      };
    }
    await deps.tickets.requestTechnician(ticket.number, viewerOf(next, c));
    return {
      state: next,
      replies: [reply(s.language, m.handOver(ticket.number, phone), { card: cardOf })],
      effects: [{ type: 'technician_requested', ticketNumber: ticket.number }],
      ticket: cardOf,
    };
  } catch (error) {
    deps.logger?.error(
      { err: error, conversation: turn.conversationId },
      'the draft of a handed-over intake could not be kept',
    );
    return { state: s, replies: [reply(s.language, m.technicalError(phone))], effects: [] };
  }
}
