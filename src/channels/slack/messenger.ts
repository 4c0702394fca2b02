import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { PersonMessage, PersonMessenger } from '../../messaging/person-messenger.js';
import { cardBlocks, textMessage } from './blocks.js';
import { parseConversationRef } from './conversation.js';
import { callSlack } from './slack-api.js';

/**
 * Writes to a person later in the Slack conversation that opened their ticket: the DM, or the
 * thread under the message that mentioned the bot, from the ticket's `conversationRef`.
 */
export class SlackPersonMessenger implements PersonMessenger {
  readonly channel = 'slack' as const;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
  ) {}

  async send(ref: string, message: PersonMessage): Promise<void> {
    const conversation = parseConversationRef(ref);
    if (!conversation) throw new Error('the ticket has no Slack conversation to write to');
    const body = textMessage(message.text);
    if (message.card) body.blocks.push(...cardBlocks(message.card, 'fr'));
    await callSlack(this.log, 'chat.postMessage', () =>
      this.client.chat.postMessage({
        channel: conversation.channel,
        ...(conversation.threadTs ? { thread_ts: conversation.threadTs } : {}),
        ...body,
      }),
    );
  }
}
