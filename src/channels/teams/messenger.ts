import { type Activity, type CloudAdapter, type ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ErrorCode, GuichetError } from '../../errors.js';
import type { PersonMessage, PersonMessenger } from '../../messaging/person-messenger.js';
import { deliver } from './bot.js';
import { withoutBuiltInRetries } from './connector-client.js';
import { renderPersonMessage } from './render.js';

/** The connector client of a turn, as far as a new message in a conversation needs it. */
interface ConversationsClient {
  conversations: { sendToConversation(conversationId: string, activity: Activity): Promise<unknown> };
}

/** The fields of a stored conversation reference that `continueConversationAsync` needs. */
const storedReference = z.looseObject({
  channelId: z.string().min(1),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  conversation: z.looseObject({ id: z.string().min(1) }),
  bot: z.looseObject({ id: z.string().min(1) }).optional(),
  user: z.looseObject({ id: z.string().min(1) }).optional(),
});

/** Reads a conversation reference as the Teams channel stored it on the ticket. */
export function parseConversationRef(conversationRef: string): Partial<ConversationReference> {
  let json: unknown;
  try {
    json = JSON.parse(conversationRef);
  } catch {
    json = undefined;
  }
  const parsed = storedReference.safeParse(json);
  if (!parsed.success) {
    throw new GuichetError(ErrorCode.InvalidInput, 'the ticket does not hold a Teams conversation reference');
  }
  return parsed.data as unknown as Partial<ConversationReference>;
}

/**
 * How Guichet writes to a person later in the Teams chat that opened their ticket: the stored
 * conversation reference, continued with the bot's app id (proactive messaging). A refusal of the
 * connector is retried once; a second one throws, for the caller to keep the message for later.
 */
export function teamsMessenger(
  adapter: CloudAdapter,
  appId: string,
  logger: Logger,
  retryDelayMs: number,
): PersonMessenger {
  return {
    channel: 'teams',
    async send(conversationRef: string, message: PersonMessage): Promise<void> {
      const reference = parseConversationRef(conversationRef);
      const log = logger.child({ conversation: reference.conversation?.id });
      let delivered = false;
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        withoutBuiltInRetries(context);
        // A new message in the conversation (POST …/activities), not a reply to the turn's activity.
        const connector = context.turnState.get(context.adapter.ConnectorClientKey) as ConversationsClient;
        const activity = TurnContext.applyConversationReference(renderPersonMessage(message), reference) as Activity;
        delivered = await deliver(
          'proactive message',
          () => connector.conversations.sendToConversation(activity.conversation.id, activity),
          log,
          retryDelayMs,
        );
      });
      if (!delivered) {
        throw new GuichetError(ErrorCode.Unknown, 'the Teams connector refused the message to the person');
      }
      log.info({ ticket: message.card?.number }, 'Teams message sent to the person');
    },
  };
}
