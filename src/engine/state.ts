import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { emptyIntake, intakeStateSchema } from '../dialogs/intake-state.js';
import { LANGUAGES } from '../domain.js';
import type { TurnResult } from './turn.js';

/**
 * A conversation's state as saved in the store, keyed by channel and conversation id: the intake
 * in progress, the tickets opened so far and the last answers (to answer a turn delivered twice
 * the same way). Plain JSON, validated when loaded back; a state of another shape starts afresh.
 */
export const conversationStateSchema = z.object({
  v: z.literal(1),
  language: z.enum(LANGUAGES),
  /** Whether the language was decided from what the person wrote. */
  languageSet: z.boolean(),
  greeted: z.boolean(),
  intake: intakeStateSchema,
  /**
   * Tells this conversation apart from an earlier one under the same id whose state expired (a web
   * page or a console resumed days later): part of the ticket's idempotency key, so a new problem
   * never gets the ticket of an old intake that had the same number. A state saved without it gets
   * one when read back.
   */
  instance: z
    .string()
    .min(1)
    .default(() => randomUUID()),
  /** Counts the intakes of the conversation; part of the ticket's idempotency key. */
  intakeNumber: z.number().int().min(1),
  /** Tickets opened in this conversation, oldest first. */
  opened: z.array(z.string()),
  /** A question of an interruption waiting for its answer (the number of the ticket to escalate). */
  pending: z.enum(['escalate', 'duplicate', 'withdraw']).nullable(),
  /** The open ticket of the same problem the person is asked to add their message to. */
  duplicateOf: z.string().nullable().default(null),
  /** The ticket the person is asked to confirm they no longer need. */
  withdrawOf: z.string().nullable().default(null),
  /** The words with which the person said so, for the ticket's technician. */
  withdrawWords: z.string().nullable().default(null),
  /** The last answers, by message id. */
  recent: z.array(
    z.object({ messageId: z.string(), result: z.custom<TurnResult>((v) => typeof v === 'object' && v !== null) }),
  ),
});
export type ConversationState = z.infer<typeof conversationStateSchema>;

/** How many answers are kept to recognise a turn delivered twice. */
export const RECENT_TURNS = 5;

/** The state of a conversation that has not started. */
export function newConversation(): ConversationState {
  return {
    v: 1,
    language: 'fr',
    languageSet: false,
    greeted: false,
    instance: randomUUID(),
    intake: emptyIntake(),
    intakeNumber: 1,
    opened: [],
    pending: null,
    duplicateOf: null,
    withdrawOf: null,
    withdrawWords: null,
    recent: [],
  };
}

/** A saved state read back, or a new conversation when it is missing or of another shape. */
export function restoreConversation(saved: unknown): ConversationState {
  if (saved === null || saved === undefined) return newConversation();
  const parsed = conversationStateSchema.safeParse(saved);
  return parsed.success ? parsed.data : newConversation();
}
