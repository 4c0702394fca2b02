import { randomUUID } from 'node:crypto';
import { type Activity, ActivityTypes } from 'botbuilder';
import type { Dialogs } from '../../dialogs/messages.js';
import type { Language } from '../../domain.js';
import type { Reply } from '../../engine/turn.js';
import type { PersonMessage } from '../../messaging/person-messenger.js';
import { choiceCard, ticketCardAttachment } from './cards.js';

/** An activity the bot sends: the connector fills in the ids and addresses. */
export type OutgoingActivity = Partial<Activity>;

/** Teams reads a message's text as Markdown, where one line break is none: paragraphs need two. */
function teamsText(text: string): string {
  return text.replace(/\r?\n/g, '\n\n');
}

/**
 * The engine's replies as Teams messages: a question with choices is one Adaptive Card with its
 * buttons; a reply with a ticket is its text with the ticket card attached; anything else is text.
 * The card's words come from `dialogs` (the shipped ones when not given).
 */
export function renderReplies(replies: readonly Reply[], dialogs?: Dialogs): OutgoingActivity[] {
  return replies.map((reply) => {
    if (reply.choices.length > 0) {
      return {
        type: ActivityTypes.Message,
        attachments: [choiceCard(reply.text, reply.choices, reply.language, randomUUID())],
      };
    }
    const activity: OutgoingActivity = { type: ActivityTypes.Message, text: teamsText(reply.text) };
    if (reply.card) activity.attachments = [ticketCardAttachment(reply.card, reply.language, dialogs)];
    return activity;
  });
}

/** A message written to the person later (ticket taken, answered, resolved), with its ticket card. */
export function renderPersonMessage(message: PersonMessage, language: Language = 'fr'): OutgoingActivity {
  const activity: OutgoingActivity = { type: ActivityTypes.Message, text: teamsText(message.text) };
  if (message.card) activity.attachments = [ticketCardAttachment(message.card, language)];
  return activity;
}
