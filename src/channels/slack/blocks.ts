import type { types } from '@slack/bolt';
import { shippedDialogs } from '../../dialogs/load.js';
import type { Dialogs } from '../../dialogs/messages.js';
import type { Language } from '../../domain.js';
import type { Reply, TicketCard } from '../../engine/turn.js';
import { buttonValue, type SlackConversation } from './conversation.js';

/**
 * Block Kit for the engine's replies: each reply a section, its choices a row of buttons, the
 * ticket card a header and fields. Only layout here; every word comes from the replies or the
 * catalogue.
 */

/** Slack's limits: 3,000 characters in a section's text, 75 in a button's label, 50 blocks a message. */
const SECTION_MAX = 3_000;
const BUTTON_LABEL_MAX = 75;
const BLOCKS_MAX = 50;

/** A Slack message: the blocks, and the text notifications and screen readers show. */
export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}

/** Escapes the three characters Slack's mrkdwn reserves (&, <, >), so a person's words stay words. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function section(text: string): types.KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: cut(escapeMrkdwn(text), SECTION_MAX) } };
}

/** The ticket card: number, type, priority and why, queue, deadlines (or no SLA), escalation. */
export function cardBlocks(
  card: TicketCard,
  language: Language,
  dialogs: Dialogs = shippedDialogs(),
): types.KnownBlock[] {
  const w = dialogs.messages(language).slack.card;
  const field = (label: string, value: string) => ({
    type: 'mrkdwn' as const,
    text: cut(`*${label}*\n${escapeMrkdwn(value)}`, 2_000),
  });
  const deadlines =
    card.firstResponseDueText && card.resolutionDueText
      ? [field(w.firstResponse, card.firstResponseDueText), field(w.resolution, card.resolutionDueText)]
      : [];
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(w.ticket(card.number), 150) } },
    section(card.title),
    {
      type: 'section',
      fields: [
        field(w.type, card.typeLabel),
        field(w.priority, card.priorityLabel),
        field(w.queue, card.queue),
        ...deadlines,
      ],
    },
  ];
  const labelled = (label: string, value: string): types.KnownBlock => ({
    type: 'context',
    elements: [
      { type: 'mrkdwn', text: `*${label}*` },
      { type: 'mrkdwn', text: cut(escapeMrkdwn(value), 3_000) },
    ],
  });
  if (card.priorityReason) blocks.push(labelled(w.reason, card.priorityReason));
  blocks.push(labelled(w.escalation, card.escalationText));
  return blocks;
}

/**
 * The replies of one turn as one message: each reply's text, its card, then its choices as
 * buttons that carry the conversation back (a button clicked later in the thread or the DM
 * continues the right conversation whatever else happened meanwhile).
 */
export function repliesMessage(replies: readonly Reply[], conversation: SlackConversation): SlackMessage {
  const blocks: types.KnownBlock[] = [];
  replies.forEach((reply, index) => {
    if (reply.text.trim() !== '') blocks.push(section(reply.text));
    if (reply.card) blocks.push(...cardBlocks(reply.card, reply.language));
    if (reply.choices.length > 0) {
      blocks.push({
        type: 'actions',
        block_id: `guichet_choices_${index}`,
        // Slack takes at most 25 elements in an actions block.
        elements: reply.choices.slice(0, 25).map((choice, i) => ({
          type: 'button' as const,
          action_id: `guichet_choice_${i}`,
          text: { type: 'plain_text' as const, text: cut(choice.label, BUTTON_LABEL_MAX) },
          value: buttonValue(conversation, choice.value),
        })),
      });
    }
  });
  return { text: cut(replies.map((r) => r.text).join('\n\n'), 4_000), blocks: blocks.slice(0, BLOCKS_MAX) };
}

/** A text alone, as a message. */
export function textMessage(text: string): SlackMessage {
  return { text, blocks: [section(text)] };
}

/**
 * The clicked message once answered: its rows of buttons give way to the answer chosen, so an
 * old button cannot be clicked again; the rest of the message stays as it was.
 */
export function answeredBlocks(
  blocks: readonly types.KnownBlock[],
  clickedBlockId: string,
  chosen: string,
): types.KnownBlock[] {
  const out: types.KnownBlock[] = [];
  for (const block of blocks) {
    if (block.type !== 'actions') out.push(block);
    else if (block.block_id === clickedBlockId)
      out.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(chosen) }] });
  }
  return out;
}
