import { z } from 'zod';

/**
 * Where a Slack conversation with Guichet takes place: a direct message (one DM = one
 * conversation) or a thread under a message that mentioned the bot (the thread is the
 * conversation). The engine keys its state by `conversationId`; the ticket keeps the reference
 * (`conversationRef`) to write to the person there later.
 */
export interface SlackConversation {
  team: string;
  channel: string;
  /** The thread's parent message; absent for a DM. */
  threadTs?: string;
}

const refSchema = z.object({
  team: z.string().min(1),
  channel: z.string().min(1),
  threadTs: z.string().min(1).optional(),
});

/** "T…:D…" for a DM, "T…:C…:1700000000.000100" for a thread. */
export function conversationId(conversation: SlackConversation): string {
  const { team, channel, threadTs } = conversation;
  return threadTs ? `${team}:${channel}:${threadTs}` : `${team}:${channel}`;
}

/** The reference stored on a ticket (Turn.conversationRef), as JSON. */
export function conversationRef(conversation: SlackConversation): string {
  const { team, channel, threadTs } = conversation;
  return JSON.stringify(threadTs ? { team, channel, threadTs } : { team, channel });
}

/** The conversation a stored reference names, or null when it is not one of Slack's. */
export function parseConversationRef(ref: string): SlackConversation | null {
  try {
    const parsed = refSchema.safeParse(JSON.parse(ref));
    if (!parsed.success) return null;
    const { team, channel, threadTs } = parsed.data;
    return threadTs ? { team, channel, threadTs } : { team, channel };
  } catch {
    return null;
  }
}

/** What a button carries back: the conversation it belongs to and the value of the choice. */
const buttonSchema = z.object({ c: refSchema, v: z.string() });

/** The value of a choice button (at most 2,000 characters, Slack's limit: ids and a short value). */
export function buttonValue(conversation: SlackConversation, choice: string): string {
  return JSON.stringify({ c: conversation, v: choice });
}

/** The conversation and choice of a clicked button, or null when the value is not one of Guichet's. */
export function parseButtonValue(
  value: string | undefined,
): { conversation: SlackConversation; choice: string } | null {
  if (!value) return null;
  try {
    const parsed = buttonSchema.safeParse(JSON.parse(value));
    if (!parsed.success) return null;
    const { team, channel, threadTs } = parsed.data.c;
    return { conversation: threadTs ? { team, channel, threadTs } : { team, channel }, choice: parsed.data.v };
  } catch {
    return null;
  }
}
