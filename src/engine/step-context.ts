import type { Logger } from 'pino';
import type { KnownContact } from '../dialogs/accounts.js';
import { parseYesNo } from '../dialogs/answers.js';
import { currentPrompt, type DialogContext } from '../dialogs/intake.js';
import type { IntakeState } from '../dialogs/intake-state.js';
import type { Dialogs, Messages } from '../dialogs/messages.js';
import { prefixed } from '../dialogs/reply.js';
import type { Classifier } from '../intents/classification.js';
import type { Accounts, Policy } from '../policy/schema.js';
import type { TicketService, TicketViewer } from '../tickets/ticket-service.js';
import type { ConversationState } from './state.js';
import type { Effect, Reply, TicketCard, Turn } from './turn.js';

/** The ticket operations the engine drives (TicketService satisfies it). */
export type TicketPort = Pick<
  TicketService,
  | 'open'
  | 'get'
  | 'listForContact'
  | 'escalate'
  | 'plan'
  | 'followed'
  | 'requestTechnician'
  | 'findDuplicate'
  | 'addNote'
  | 'withdraw'
  | 'answerFromPerson'
>;

/** What a step needs besides the state: the rules, the classifier, the sentences and the ticket service. */
export interface StepDeps {
  policy: Policy;
  accounts: Accounts;
  classifier: Classifier;
  /** What Guichet says, as loaded from dialogs/. */
  dialogs: Dialogs;
  tickets: TicketPort;
  logger?: Logger;
}

export interface StepResult {
  state: ConversationState;
  replies: Reply[];
  effects: Effect[];
  ticket?: TicketCard;
}

/** One turn being handled: the message, the clock's instant, the ports, who the channel says it is. */
export interface StepContext {
  turn: Turn;
  now: Date;
  deps: StepDeps;
  identity: KnownContact | null;
}

export function dialogContext(state: ConversationState, c: StepContext): DialogContext {
  const { policy, accounts, classifier, dialogs } = c.deps;
  return { policy, accounts, classifier, dialogs, now: c.now, language: state.language };
}

/** The sentences of the conversation's language. */
export function messagesOf(s: ConversationState, c: StepContext): Messages {
  return c.deps.dialogs.messages(s.language);
}

/** Inside an intake that has started, where a re-prompt after an interruption makes sense. */
export function inProgress(intake: IntakeState): boolean {
  return intake.phase !== 'describe' && intake.phase !== 'done';
}

/** Adds "to carry on:" and the current question after an interruption in the middle of an intake. */
export function withReprompt(s: ConversationState, c: StepContext, r: StepResult): StepResult {
  if (!inProgress(r.state.intake)) return r;
  const prompt = currentPrompt(r.state.intake, dialogContext(r.state, c));
  return { ...r, replies: [...r.replies, prefixed(s.language, messagesOf(s, c).thenContinue(), prompt)] };
}

/**
 * The answer to a question of two choices (yes / no): its first choice (true) or its second
 * (false), pressed, typed as its digit, or said as yes or no; null for anything else.
 */
export function twoChoiceAnswer(c: StepContext, text: string, values: [first: string, second: string]): boolean | null {
  const { choice } = c.turn;
  if (choice !== undefined) return choice === values[0] ? true : choice === values[1] ? false : null;
  if (text === '1') return true;
  if (text === '2') return false;
  return parseYesNo(text, c.deps.dialogs.answers);
}

/** Who asks, for the ticket service's rule of who may follow a ticket. */
export function viewerOf(s: ConversationState, c: StepContext): TicketViewer {
  const who = c.identity;
  return {
    conversationTickets: s.opened,
    identity: who
      ? { account: who.account.name, email: who.contact.email ?? null, phone: who.contact.phone ?? null }
      : null,
  };
}
