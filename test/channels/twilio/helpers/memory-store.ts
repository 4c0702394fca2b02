import { conversationKey, KeyedQueue } from '../../../../src/store/keyed-queue.js';
import { CONVERSATION_LOCK_WAIT_MS, conversationLockTimeout } from '../../../../src/store/store-error.js';
import type { ConversationStore } from '../../../../src/store/ticket-store.js';

/** Conversations in memory, with expiry, as the SQLite and PostgreSQL stores keep them. */
export class MemoryConversationStore implements ConversationStore {
  private readonly rows = new Map<string, { state: string; expiresAt: number }>();
  /** One process holds every state here, so queuing in memory is the whole lock. */
  private readonly queue = new KeyedQueue();

  async loadConversation(channel: string, conversationId: string, now: Date): Promise<unknown | null> {
    const row = this.rows.get(`${channel}\u0000${conversationId}`);
    if (row === undefined || row.expiresAt <= now.getTime()) return null;
    return JSON.parse(row.state) as unknown;
  }

  async saveConversation(channel: string, conversationId: string, state: unknown, expiresAt: Date): Promise<void> {
    this.rows.set(`${channel}\u0000${conversationId}`, {
      state: JSON.stringify(state),
      expiresAt: expiresAt.getTime(),
    });
  }

  async deleteConversation(channel: string, conversationId: string): Promise<void> {
    this.rows.delete(`${channel}\u0000${conversationId}`);
  }

  async purgeExpired(now: Date): Promise<number> {
    let purged = 0;
    for (const [key, row] of this.rows) {
      if (row.expiresAt <= now.getTime()) {
        this.rows.delete(key);
        purged += 1;
      }
    }
    return purged;
  }

  async withConversationLock<T>(channel: string, conversationId: string, work: () => Promise<T>): Promise<T> {
    return this.queue.run(
      conversationKey(channel, conversationId),
      work,
      performance.now() + CONVERSATION_LOCK_WAIT_MS,
      () => conversationLockTimeout(channel, conversationId, 'memory'),
    );
  }

  /** Everything stored, serialized: two snapshots are equal when nothing changed. */
  snapshot(): string {
    return JSON.stringify([...this.rows.entries()].sort());
  }
}
