import type { types } from '@slack/bolt';
import type { Messages } from '../../dialogs/messages.js';
import type { NoticeAction, TechnicianNotice } from '../../tickets/technician-notice.js';
import { escapeMrkdwn, type SlackMessage } from './blocks.js';

/**
 * Block Kit for a technician notice (src/tickets/technician-notice.ts): its headline, facts,
 * deadlines with the time left, and its actions as buttons. Only layout: the words come from the
 * notice and the `technicianSlack` sentences.
 */

/** The action id of a technician button: `guichet_tech_take`, `guichet_tech_reply`… */
export const TECHNICIAN_ACTION = /^guichet_tech_[a-z_]+$/;

/** The callback id of the modal that asks a button's text (reply, escalation reason, note). */
export const TECHNICIAN_VIEW = 'guichet_tech_view';
export const TECHNICIAN_TEXT_BLOCK = 'text';
export const TECHNICIAN_TEXT_INPUT = 'value';

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function mrkdwn(text: string, max = 3_000): types.KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: cut(text, max) } };
}

function buttonOf(action: NoticeAction): types.Button {
  const button: types.Button = {
    type: 'button',
    action_id: `guichet_tech_${action.action}`,
    text: { type: 'plain_text', text: cut(action.label, 75) },
    value: action.value,
  };
  if (action.style !== 'default') button.style = action.style;
  // "Rappeler" opens the caller's number; Slack still sends a block_action, which is ignored.
  if (action.url) button.url = action.url;
  return button;
}

/**
 * The message of a notice. `mentions` are the Slack ids to name when it is posted in the
 * queue's channel rather than in a DM; a critique ticket opens with the urgent line.
 */
export function noticeMessage(
  notice: TechnicianNotice,
  words: Messages['technicianSlack'],
  mentions: string[] = [],
): SlackMessage {
  const blocks: types.KnownBlock[] = [];
  const lead = mentions.length > 0 ? `${words.mention(mentions.map((id) => `<@${id}>`).join(', '))} ` : '';
  if (notice.urgent) blocks.push(mrkdwn(`*${escapeMrkdwn(words.urgent)}*`));
  blocks.push({ type: 'header', text: { type: 'plain_text', text: cut(notice.headline, 150) } });
  if (lead) blocks.push(mrkdwn(lead));
  blocks.push(mrkdwn(`*${escapeMrkdwn(notice.title)}*\n${escapeMrkdwn(notice.description)}`));
  const fields = [
    ...notice.facts,
    ...notice.deadlines.map((d) => ({ label: d.label, value: `${d.dueText} (${d.left})` })),
  ].map((fact) => ({
    type: 'mrkdwn' as const,
    text: cut(`*${escapeMrkdwn(fact.label)}*\n${escapeMrkdwn(fact.value)}`, 2_000),
  }));
  // Slack takes at most 10 fields in a section.
  for (let i = 0; i < fields.length; i += 10) blocks.push({ type: 'section', fields: fields.slice(i, i + 10) });
  if (notice.actions.length > 0) {
    blocks.push({ type: 'actions', block_id: `guichet_tech_${notice.number}`, elements: notice.actions.map(buttonOf) });
  }
  const urgent = notice.urgent ? `${words.urgent} — ` : '';
  return { text: cut(`${lead}${urgent}${notice.headline}: ${notice.title}`, 4_000), blocks };
}

/** The modal asking the text of an action; its metadata carries the button and where it was pressed. */
export function actionModal(
  action: NoticeAction,
  words: Messages['technicianSlack'],
  metadata: { value: string; channel: string },
): types.View {
  const input = action.input ?? { label: action.label, required: true };
  return {
    type: 'modal',
    callback_id: TECHNICIAN_VIEW,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: cut(action.label, 24) },
    submit: { type: 'plain_text', text: words.modalSubmit },
    close: { type: 'plain_text', text: words.modalClose },
    blocks: [
      {
        type: 'input',
        block_id: TECHNICIAN_TEXT_BLOCK,
        optional: !input.required,
        label: { type: 'plain_text', text: cut(input.label, 2_000) },
        element: { type: 'plain_text_input', action_id: TECHNICIAN_TEXT_INPUT, multiline: true, max_length: 3_000 },
      },
    ],
  };
}
