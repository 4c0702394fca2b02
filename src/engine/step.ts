import type { Logger } from 'pino';
import { findIdentity, type KnownContact, normalizePhone } from '../dialogs/accounts.js';
import { announcement, contactMethodText, lowerFirst, statusReply, ticketCard } from '../dialogs/announce.js';
import { isGreetingOnly, parseYesNo } from '../dialogs/answers.js';
import { formatInstant } from '../dialogs/dates.js';
import { classifyIntake, currentPrompt, type DialogContext, intakeStep, startIntake } from '../dialogs/intake.js';
import type { IntakeState } from '../dialogs/intake-state.js';
import { detectLanguage } from '../dialogs/language.js';
import type { Dialogs } from '../dialogs/messages.js';
import { prefixed, reply } from '../dialogs/reply.js';
import { words } from '../dialogs/text.js';
import { proposeTitle } from '../dialogs/title.js';
import type { Language } from '../domain.js';
import { ErrorCode, GuichetError } from '../errors.js';
import type { Classification, Classifier } from '../intents/classification.js';
import type { Notifier } from '../notifier/notifier.js';
import type { Accounts, Policy } from '../policy/schema.js';
import type { Ticket } from '../store/ticket-store.js';
import { notificationText } from '../tickets/notification-text.js';
import { techniciansAt } from '../tickets/resources.js';
import type { TicketDraft, TicketService } from '../tickets/ticket-service.js';
import { detectInterruption, type Interruption, ticketNumberIn } from './interruptions.js';
import type { ConversationState } from './state.js';
import type { Effect, Reply, TicketCard, Turn } from './turn.js';

/** The ticket operations the engine drives (TicketService satisfies it). */
export type TicketPort = Pick<TicketService, 'open' | 'get' | 'listForContact' | 'escalate' | 'plan'>;

/** What a step needs besides the state: the rules, the classifier and the ticket service. */
export interface StepDeps {
  policy: Policy;
  accounts: Accounts;
  classifier: Classifier;
  /** What Guichet says, as loaded from dialogs/. */
  dialogs: Dialogs;
  tickets: TicketPort;
  /** Tells technicians when a person asks for one; optional. */
  notifier?: Notifier;
  logger?: Logger;
}

export interface StepResult {
  state: ConversationState;
  replies: Reply[];
  effects: Effect[];
  ticket?: TicketCard;
}

/** Below this speech-to-text confidence the caller is asked to repeat. */
const MIN_SPEECH_CONFIDENCE = 0.3;

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

interface StepContext {
  turn: Turn;
  now: Date;
  deps: StepDeps;
  identity: KnownContact | null;
}

function dialogContext(state: ConversationState, c: StepContext): DialogContext {
  const { policy, accounts, classifier, dialogs } = c.deps;
  return { policy, accounts, classifier, dialogs, now: c.now, language: state.language };
}

/** Inside an intake that has started, where a re-prompt after an interruption makes sense. */
function inProgress(intake: IntakeState): boolean {
  return intake.phase !== 'describe' && intake.phase !== 'done';
}

/**
 * The language of the conversation after this message: decided by the first message (the
 * classifier's reading, or obvious English words), switched later only by a real sentence.
 */
function languageAfter(
  state: ConversationState,
  text: string,
  deps: StepDeps,
): Pick<ConversationState, 'language' | 'languageSet'> {
  const detected = detectLanguage(text);
  if (!state.languageSet) {
    if (detected) return { language: detected, languageSet: true };
    if (words(text).length >= 3 && !isGreetingOnly(text, deps.dialogs.answers)) {
      return { language: deps.classifier.classify(text).language, languageSet: true };
    }
    return { language: state.language, languageSet: false };
  }
  if (detected && detected !== state.language && words(text).length >= 4)
    return { language: detected, languageSet: true };
  return { language: state.language, languageSet: true };
}

/**
 * One turn of the conversation: the state and the person's message in, the new state, the
 * replies and the effects out. Interruptions are handled before any dialog step. The only I/O is
 * through the ticket port (open, look up, escalate); the conversation state itself is loaded and
 * saved by the caller.
 */
export async function step(state: ConversationState, turn: Turn, now: Date, deps: StepDeps): Promise<StepResult> {
  const text = (turn.text ?? '').trim();
  const c: StepContext = { turn, now, deps, identity: findIdentity(deps.accounts, turn.userId) };
  let s: ConversationState = { ...state, greeted: true, ...(text ? languageAfter(state, text, deps) : {}) };
  const m = c.deps.dialogs.messages(s.language);
  const ctx = () => dialogContext(s, c);

  if (text === '' && !turn.choice) {
    const prompt = currentPrompt(s.intake, ctx());
    return { state: s, replies: [prefixed(s.language, m.empty(), prompt)], effects: [] };
  }
  if (turn.speechConfidence !== undefined && turn.speechConfidence < MIN_SPEECH_CONFIDENCE && !turn.choice) {
    const prompt = currentPrompt(s.intake, ctx());
    return { state: s, replies: [prefixed(s.language, m.notHeard(), prompt)], effects: [] };
  }

  if (s.pending === 'escalate') {
    const number = ticketNumberIn(text);
    s = { ...s, pending: null };
    if (number) return withReprompt(s, c, await escalate(s, c, number));
  }

  const interruption = detectInterruption(text, deps.dialogs.answers);
  if (interruption) return interrupt(s, c, interruption);

  // After a ticket: pressing "confirm" again answers with the same ticket; anything else is a new intake.
  if (s.intake.phase === 'done') {
    const last = s.opened[s.opened.length - 1];
    if (last && (turn.choice === 'confirm' || text === '1' || parseYesNo(text, deps.dialogs.answers) === true)) {
      return alreadyOpened(s, c, last);
    }
    s = { ...s, intake: startIntake(c.identity), intakeNumber: s.intakeNumber + 1 };
  } else if (s.intake.phase === 'describe' && !s.intake.account && c.identity) {
    s = { ...s, intake: startIntake(c.identity) };
  }

  const input = turn.choice === undefined ? { text } : { text, choice: turn.choice };
  const result = intakeStep(s.intake, input, ctx());
  s = { ...s, intake: result.intake };
  if (result.outcome === 'confirm') return openTicket(s, c);
  if (result.outcome === 'cancel') return cancel(s, c);
  return { state: s, replies: result.replies, effects: [] };
}

/** Adds "to carry on:" and the current question after an interruption in the middle of an intake. */
function withReprompt(s: ConversationState, c: StepContext, r: StepResult): StepResult {
  if (!inProgress(r.state.intake)) return r;
  const prompt = currentPrompt(r.state.intake, dialogContext(r.state, c));
  const m = c.deps.dialogs.messages(s.language);
  return { ...r, replies: [...r.replies, prefixed(s.language, m.thenContinue(), prompt)] };
}

async function interrupt(s: ConversationState, c: StepContext, i: Interruption): Promise<StepResult> {
  const m = c.deps.dialogs.messages(s.language);
  const lang = s.language;
  switch (i.kind) {
    case 'help':
      return withReprompt(s, c, { state: s, replies: [reply(lang, m.help())], effects: [] });
    case 'cancel':
      return cancel(s, c);
    case 'restart': {
      const next = {
        ...s,
        intake: startIntake(c.identity),
        intakeNumber: s.intakeNumber + (inProgress(s.intake) ? 1 : 0),
      };
      return {
        state: next,
        replies: [prefixed(lang, m.restarted(), currentPrompt(next.intake, dialogContext(next, c)))],
        effects: [],
      };
    }
    case 'status':
      return withReprompt(s, c, await status(s, c, i.number));
    case 'my_tickets':
      return withReprompt(s, c, await myTickets(s, c));
    case 'escalate': {
      const number = i.number ?? s.opened[s.opened.length - 1] ?? null;
      if (!number)
        return { state: { ...s, pending: 'escalate' }, replies: [reply(lang, m.askTicketNumber())], effects: [] };
      return withReprompt(s, c, await escalate(s, c, number));
    }
    case 'technician':
      return withReprompt(s, c, await technician(s, c, i.number ?? s.opened[s.opened.length - 1] ?? null));
  }
}

function cancel(s: ConversationState, c: StepContext): StepResult {
  const next: ConversationState = {
    ...s,
    intake: startIntake(c.identity),
    intakeNumber: s.intakeNumber + (inProgress(s.intake) ? 1 : 0),
    pending: null,
  };
  return {
    state: next,
    replies: [reply(s.language, c.deps.dialogs.messages(s.language).cancelled())],
    effects: [{ type: 'conversation_ended' }],
  };
}

function card(s: ConversationState, c: StepContext, ticket: Ticket): TicketCard {
  return ticketCard(ticket, c.deps.tickets.plan(ticket), c.deps.policy, c.deps.dialogs, s.language, c.now);
}

async function alreadyOpened(s: ConversationState, c: StepContext, number: string): Promise<StepResult> {
  const ticket = await c.deps.tickets.get(number);
  const m = c.deps.dialogs.messages(s.language);
  const ticketCardOf = ticket ? card(s, c, ticket) : undefined;
  const r = reply(s.language, m.alreadyOpened(number), ticketCardOf ? { card: ticketCardOf } : {});
  return { state: s, replies: [r], effects: [], ...(ticketCardOf ? { ticket: ticketCardOf } : {}) };
}

/** The person confirmed the summary: open the ticket, idempotently, and announce it. */
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

async function openTicket(s: ConversationState, c: StepContext): Promise<StepResult> {
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
    const m = c.deps.dialogs.messages(s.language);
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

function isNotFound(error: unknown): boolean {
  return error instanceof GuichetError && error.code === ErrorCode.NotFound;
}

/**
 * Whether the person may see and act on a ticket: one opened in this conversation, or one of their
 * company (the account is the customer of the phone procedure, 004) or in their name. Ticket
 * numbers follow each other day by day, so without this anyone could read, escalate or page a
 * technician about another customer's ticket by trying numbers.
 */
function follows(s: ConversationState, c: StepContext, ticket: Ticket): boolean {
  if (s.opened.includes(ticket.number)) return true;
  const who = c.identity;
  if (!who) return false;
  if (ticket.account !== null && ticket.account === who.account.name) return true;
  const email = who.contact.email?.toLowerCase();
  if (email && ticket.contactEmail?.toLowerCase() === email) return true;
  const phone = who.contact.phone ? normalizePhone(who.contact.phone) : null;
  return phone !== null && ticket.contactPhone !== null && normalizePhone(ticket.contactPhone) === phone;
}

/** The ticket of that number when the person may follow it; otherwise null, as if it did not exist. */
async function followedTicket(s: ConversationState, c: StepContext, number: string): Promise<Ticket | null> {
  const ticket = await c.deps.tickets.get(number);
  return ticket && follows(s, c, ticket) ? ticket : null;
}

function notFound(s: ConversationState, c: StepContext, number: string): StepResult {
  const text = c.deps.dialogs.messages(s.language).statusNotFound(number, c.deps.policy.company.helpdeskPhone);
  return { state: s, replies: [reply(s.language, text)], effects: [] };
}

async function status(s: ConversationState, c: StepContext, number: string): Promise<StepResult> {
  const ticket = await followedTicket(s, c, number);
  if (!ticket) return notFound(s, c, number);
  const r = statusReply(ticket, c.deps.tickets.plan(ticket), c.deps.policy, c.deps.dialogs, s.language, c.now);
  return { state: s, replies: [r], effects: [], ...(r.card ? { ticket: r.card } : {}) };
}

async function myTickets(s: ConversationState, c: StepContext): Promise<StepResult> {
  const m = c.deps.dialogs.messages(s.language);
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
async function escalate(s: ConversationState, c: StepContext, number: string): Promise<StepResult> {
  const m = c.deps.dialogs.messages(s.language);
  const lang: Language = s.language;
  const by = c.identity?.contact.name ?? s.intake.contact ?? c.turn.userId ?? 'contact';
  if (!(await followedTicket(s, c, number))) return notFound(s, c, number);
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

/** A person asks for a technician: tell the technicians of the ticket's level when there is one. */
async function technician(s: ConversationState, c: StepContext, number: string | null): Promise<StepResult> {
  const m = c.deps.dialogs.messages(s.language);
  const ticket = number ? await followedTicket(s, c, number) : null;
  if (ticket && c.deps.notifier) {
    const { policy } = c.deps;
    try {
      await c.deps.notifier.notify({
        kind: 'technician_requested',
        ticket,
        recipients: techniciansAt(policy, ticket.queue, ticket.level),
        urgent: ticket.priority === 'critique',
        text: notificationText(policy, c.deps.dialogs, 'technician_requested', ticket),
      });
    } catch (error) {
      c.deps.logger?.warn({ err: error, ticket: ticket.number }, 'the technicians could not be told');
    }
  }
  const effect: Effect = ticket
    ? { type: 'technician_requested', ticketNumber: ticket.number }
    : { type: 'technician_requested' };
  return {
    state: s,
    replies: [reply(s.language, m.technician(c.deps.policy.company.helpdeskPhone, ticket?.number ?? null))],
    effects: [effect],
  };
}
