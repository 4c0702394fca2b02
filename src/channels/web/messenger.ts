import type { Clock, Language } from '../../domain.js';
import type { PersonMessage, PersonMessenger } from '../../messaging/person-messenger.js';
import type { ConversationStore } from '../../store/ticket-store.js';

/** The store's key space of the messages kept for web conversations, apart from their dialog state. */
const INBOX = 'web-messages';
/** How long a message waits for the page to fetch it. */
const KEPT_MS = 30 * 24 * 3_600_000;
/** The most messages kept for one conversation: the oldest go first. */
const KEPT = 50;

/** A message written to a web conversation outside its turns: a technician took, answered, resolved… */
export interface WebMessage {
  /** Increasing within the conversation: the page asks for those after the last one it showed. */
  id: number;
  /** ISO-8601 instant it was written. */
  at: string;
  text: string;
  language: Language;
}

interface Inbox {
  next: number;
  messages: WebMessage[];
}

function inboxOf(saved: unknown): Inbox {
  const inbox = saved as Partial<Inbox> | null;
  return inbox && typeof inbox.next === 'number' && Array.isArray(inbox.messages)
    ? { next: inbox.next, messages: inbox.messages }
    : { next: 1, messages: [] };
}

/**
 * The web chat's messenger: the page cannot be written to, so a message to the person of a
 * web-chat ticket is kept in the store for its conversation (the ticket's `conversationRef` is the
 * conversation id), and the page fetches it when it polls, or when it is opened again. Kept under
 * the store's conversation lock, so two messages written at once, on two instances, both stay.
 */
export class WebPersonMessenger implements PersonMessenger {
  readonly channel = 'web' as const;

  constructor(
    private readonly store: ConversationStore,
    private readonly clock: Clock,
  ) {}

  async send(conversationId: string, message: PersonMessage): Promise<void> {
    await this.store.withConversationLock(INBOX, conversationId, async () => {
      const now = this.clock.now();
      const inbox = inboxOf(await this.store.loadConversation(INBOX, conversationId, now));
      inbox.messages.push({
        id: inbox.next,
        at: now.toISOString(),
        text: message.text,
        language: message.language ?? 'fr',
      });
      const kept: Inbox = { next: inbox.next + 1, messages: inbox.messages.slice(-KEPT) };
      await this.store.saveConversation(INBOX, conversationId, kept, new Date(now.getTime() + KEPT_MS));
    });
  }

  /** The messages of a conversation written after the one numbered `after` (0: all those kept). */
  async since(conversationId: string, after: number): Promise<WebMessage[]> {
    const inbox = inboxOf(await this.store.loadConversation(INBOX, conversationId, this.clock.now()));
    return inbox.messages.filter((m) => m.id > after);
  }
}
