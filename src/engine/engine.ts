import { z } from 'zod';
import { findIdentity } from '../dialogs/accounts.js';
import { ticketCard } from '../dialogs/announce.js';
import { classifyIntake, currentPrompt, startIntake } from '../dialogs/intake.js';
import { detectLanguage } from '../dialogs/language.js';
import { prefixed, reply } from '../dialogs/reply.js';
import { type Clock, LANGUAGES, SOURCES } from '../domain.js';
import type { ConversationStore } from '../store/ticket-store.js';
import { chosenLanguage } from './language-choice.js';
import { type ConversationState, newConversation, RECENT_TURNS, restoreConversation } from './state.js';
import { intakeDraft, type StepDeps, step } from './step.js';
import type { ConversationEngine, TicketCard, Turn, TurnResult } from './turn.js';

export { intakeKey, type StepDeps, type StepResult, step, type TicketPort } from './step.js';

/** What the engine needs: the step's ports, the conversation store and the clock. */
export interface EngineDeps extends StepDeps {
  conversations: ConversationStore;
  clock: Clock;
  /** How long an idle conversation is kept, in hours (24 by default). */
  idleHours?: number;
}

/** The longest message handled; beyond it the text is cut before anything reads it. */
const MAX_TEXT = 20_000;

const turnSchema = z.object({
  channel: z.enum(SOURCES),
  conversationId: z.string().trim().min(1).max(300),
  userId: z.string().max(300).optional(),
  text: z.string().default(''),
  choice: z.string().max(200).optional(),
  speechConfidence: z.number().min(0).max(1).optional(),
  messageId: z.string().max(300).optional(),
  conversationRef: z.string().max(20_000).optional(),
  language: z.enum(LANGUAGES).optional(),
});

/**
 * The conversation engine: for each turn, loads the conversation's state from the store (keyed
 * by channel and conversation id), runs one step, saves the state with an idle expiry and
 * returns the replies. A restart, or a second instance on the same store, continues the
 * conversation where it stopped. Turns of one conversation run one after the other, across
 * instances too (under the store's conversation lock, so none is lost to another's save); a turn
 * delivered twice (same message id) gets the same answer without acting twice. Bad input and
 * failures never throw to the channel: the person gets a polite answer and the log the cause.
 */
export class GuichetEngine implements ConversationEngine {
  private readonly deps: EngineDeps;

  constructor(deps: EngineDeps) {
    this.deps = deps;
  }

  async begin(turn: Omit<Turn, 'text'>): Promise<TurnResult> {
    const parsed = turnSchema.safeParse({ ...turn, text: '' });
    if (!parsed.success) return this.failure(parsed.error);
    const t = parsed.data as Turn;
    return this.serialized(t, async () => {
      const now = this.deps.clock.now();
      const state = chosenLanguage(await this.load(t, now), t);
      const identity = findIdentity(this.deps.accounts, t.userId);
      const m = this.deps.dialogs.messages(state.language);
      let next: ConversationState;
      let result: TurnResult;
      if (!state.greeted || state.intake.phase === 'describe' || state.intake.phase === 'done') {
        next = {
          ...state,
          greeted: true,
          intake: state.intake.phase === 'done' ? state.intake : startIntake(identity),
        };
        const name = identity?.contact.name ?? null;
        const text = state.greeted ? m.greetBack(name) : m.greeting(name, this.deps.policy.company.name);
        result = { replies: [reply(state.language, text)], effects: [] };
      } else {
        next = state;
        const ctx = { ...this.deps, now, language: state.language };
        result = { replies: [prefixed(state.language, m.resume(), currentPrompt(state.intake, ctx))], effects: [] };
      }
      await this.save(t, next, now);
      return result;
    });
  }

  async handleTurn(turn: Turn): Promise<TurnResult> {
    const parsed = turnSchema.safeParse(turn);
    if (!parsed.success) return this.failure(parsed.error);
    const t = { ...parsed.data, text: parsed.data.text.slice(0, MAX_TEXT) } as Turn;
    return this.serialized(t, async () => {
      const now = this.deps.clock.now();
      const state = await this.load(t, now);
      const seen = t.messageId ? state.recent.find((r) => r.messageId === t.messageId) : undefined;
      if (seen) return seen.result;
      const out = await step(state, t, now, this.deps);
      const result: TurnResult = { replies: out.replies, effects: out.effects };
      if (out.ticket) result.ticket = out.ticket;
      const recent = t.messageId
        ? [...out.state.recent, { messageId: t.messageId, result }].slice(-RECENT_TURNS)
        : out.state.recent;
      await this.save(t, { ...out.state, recent }, now);
      return result;
    });
  }

  async abandon(channel: Turn['channel'], conversationId: string): Promise<TicketCard | null> {
    const t = { channel, conversationId, text: '' } as Turn;
    try {
      return await this.serialized(t, async () => {
        const now = this.deps.clock.now();
        const state = await this.load(t, now);
        const intake = state.intake;
        await this.deps.conversations.deleteConversation(channel, conversationId);
        if (!intake.description || intake.phase === 'done') return null;
        // The caller hung up: keep what was said as a draft technicians can see and call back on.
        const ctx = { ...this.deps, now, language: state.language };
        const draft = intakeDraft(state, classifyIntake(intake, ctx), channel, conversationId, null);
        const { ticket, plan } = await this.deps.tickets.open({ ...draft, status: 'draft' });
        return ticketCard(ticket, plan, this.deps.policy, this.deps.dialogs, state.language, now);
      });
    } catch (error) {
      this.deps.logger?.error({ err: error, channel, conversationId }, 'the abandoned intake could not be kept');
      return null;
    }
  }

  /**
   * Runs the load → step → save of a turn under the store's lock of its conversation, so two
   * quick clicks, or a webhook retried to another instance, never work on the same state at once.
   */
  private async serialized(turn: Turn, work: () => Promise<TurnResult>): Promise<TurnResult>;
  private async serialized<T>(turn: Turn, work: () => Promise<T>): Promise<T>;
  private async serialized<T>(turn: Turn, work: () => Promise<T>): Promise<T | TurnResult> {
    try {
      return await this.deps.conversations.withConversationLock(turn.channel, turn.conversationId, work);
    } catch (error) {
      return this.failure(error, turn);
    }
  }

  private async load(turn: Turn, now: Date): Promise<ConversationState> {
    const saved = await this.deps.conversations.loadConversation(turn.channel, turn.conversationId, now);
    return saved === null ? newConversation() : restoreConversation(saved);
  }

  private async save(turn: Turn, state: ConversationState, now: Date): Promise<void> {
    const expiresAt = new Date(now.getTime() + (this.deps.idleHours ?? 24) * 3_600_000);
    await this.deps.conversations.saveConversation(turn.channel, turn.conversationId, state, expiresAt);
  }

  private failure(error: unknown, turn?: Turn): TurnResult {
    this.deps.logger?.error({ err: error, conversation: turn?.conversationId }, 'the turn could not be handled');
    // The conversation's state may be what failed: the language is the one the channel or the message says.
    const language = turn?.language ?? detectLanguage(turn?.text ?? '') ?? 'fr';
    const text = this.deps.dialogs.messages(language).technicalError(this.deps.policy.company.helpdeskPhone);
    return { replies: [reply(language, text)], effects: [] };
  }
}

/** The conversation engine of Guichet, on the given ports. */
export function createConversationEngine(deps: EngineDeps): ConversationEngine {
  return new GuichetEngine(deps);
}
