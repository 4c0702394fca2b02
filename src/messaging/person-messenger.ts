import type { Language, Source } from '../domain.js';
import type { TicketCard } from '../engine/turn.js';

/** A message to the person who opened a ticket, written outside any turn of theirs. */
export interface PersonMessage {
  text: string;
  /** The language it is written in (the ticket's), for a channel that marks it (the web page). */
  language?: Language;
  card?: TicketCard;
}

/**
 * The port through which Guichet writes to a person later, in the conversation that opened their
 * ticket: a Slack DM or thread, a Teams chat, an SMS. Each chat channel that can do it provides
 * one when it is mounted; `conversationRef` is the reference that channel stored on the ticket
 * (Turn.conversationRef), opaque to everyone else. `send` throws when the platform refuses.
 */
export interface PersonMessenger {
  readonly channel: Source;
  send(conversationRef: string, message: PersonMessage): Promise<void>;
}

/**
 * The messengers of the channels that are on, by channel. A ticket of a channel without one (the
 * web chat, the console) is told nothing outside its own turns: `send` answers false.
 */
export class PersonMessengers {
  private readonly byChannel = new Map<Source, PersonMessenger>();

  register(messenger: PersonMessenger): void {
    this.byChannel.set(messenger.channel, messenger);
  }

  has(channel: Source): boolean {
    return this.byChannel.has(channel);
  }

  /** Sends through the channel's messenger; false when that channel has none or there is no reference. */
  async send(channel: Source, conversationRef: string | null, message: PersonMessage): Promise<boolean> {
    const messenger = this.byChannel.get(channel);
    if (!messenger || !conversationRef) return false;
    await messenger.send(conversationRef, message);
    return true;
  }
}
