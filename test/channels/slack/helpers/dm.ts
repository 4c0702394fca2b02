import type { SlackApiStandIn, SlackCall } from './slack-api.js';
import { fixture, type SlackPoster } from './slack-events.js';

/** A block of a posted message, as far as the tests read it. */
export interface PostedBlock {
  type: string;
  block_id?: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { type: string; action_id?: string; text?: { text: string } | string; value?: string }[];
}

/** A message Guichet posted (chat.postMessage), with the ts the stand-in gave it. */
export interface Posted {
  channel: string;
  threadTs: string | undefined;
  ts: string;
  text: string;
  blocks: PostedBlock[];
}

export function posted(call: SlackCall): Posted {
  return {
    channel: String(call.args.channel),
    threadTs: call.args.thread_ts === undefined ? undefined : String(call.args.thread_ts),
    ts: String(call.result?.ts),
    text: String(call.args.text),
    blocks: (call.args.blocks ?? []) as PostedBlock[],
  };
}

/** Every message posted so far. */
export function postedMessages(api: SlackApiStandIn): Posted[] {
  return api.callsOf('chat.postMessage').map(posted);
}

/** The buttons of a posted message: label and value. */
export function buttonsOf(message: Posted): { blockId: string; actionId: string; label: string; value: string }[] {
  return message.blocks
    .filter((block) => block.type === 'actions')
    .flatMap((block) =>
      (block.elements ?? []).map((element) => ({
        blockId: block.block_id ?? '',
        actionId: element.action_id ?? '',
        label: typeof element.text === 'string' ? element.text : (element.text?.text ?? ''),
        value: element.value ?? '',
      })),
    );
}

/** The block_actions payload Slack sends when `user` clicks button `index` of `message`. */
export function clickPayload(message: Posted, index: number, user = 'U0MARTIN01'): Record<string, unknown> {
  const button = buttonsOf(message)[index];
  if (!button) throw new Error(`no button ${index} in "${message.text}"`);
  const payload = fixture<{ user: object; message: object } & Record<string, unknown>>('block-actions.json');
  payload.user = { ...payload.user, id: user };
  payload.container = {
    type: 'message',
    message_ts: message.ts,
    channel_id: message.channel,
    is_ephemeral: false,
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
  };
  payload.channel = { id: message.channel, name: message.channel.startsWith('D') ? 'directmessage' : 'support' };
  payload.message = {
    ...payload.message,
    ts: message.ts,
    text: message.text,
    blocks: message.blocks,
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
  };
  payload.actions = [
    {
      action_id: button.actionId,
      block_id: button.blockId,
      text: { type: 'plain_text', text: button.label, emoji: true },
      value: button.value,
      type: 'button',
      action_ts: `${Math.floor(Date.now() / 1000)}.${String(index).padStart(6, '0')}`,
    },
  ];
  return payload;
}

/** A DM message event from `user`, with its own event id. */
export function dmEvent(
  text: string,
  options: { user?: string; channel?: string; eventId: string },
): Record<string, unknown> {
  const payload = fixture<
    { event: { user: string; channel: string } & Record<string, unknown> } & Record<string, unknown>
  >('message-im.json');
  payload.event_id = options.eventId;
  payload.event = {
    ...payload.event,
    text,
    user: options.user ?? payload.event.user,
    channel: options.channel ?? payload.event.channel,
    client_msg_id: `msg-${options.eventId}`,
    ts: `${Math.floor(Date.now() / 1000)}.000100`,
  };
  return payload;
}

/**
 * Clicks the first button of the latest message of the person's conversation (the one of the
 * latest message when called) until a ticket card is posted there (at most `limit` clicks); the
 * technicians' messages posted meanwhile are left aside.
 */
export async function clickThrough(api: SlackApiStandIn, slack: SlackPoster, limit = 8): Promise<Posted> {
  const start = postedMessages(api).at(-1);
  if (!start) throw new Error('nothing was posted');
  const inConversation = () =>
    postedMessages(api).filter((m) => m.channel === start.channel && m.threadTs === start.threadTs);
  for (let i = 0; i < limit; i++) {
    const messages = inConversation();
    const last = messages.at(-1);
    if (!last) throw new Error('nothing was posted');
    if (last.blocks.some((block) => block.type === 'header')) return last;
    if (buttonsOf(last).length === 0) throw new Error(`the bot asked without buttons: ${last.text}`);
    const response = await slack.interaction(clickPayload(last, 0));
    if (response.status !== 200) throw new Error(`click answered ${response.status}`);
    await api.waitFor(() => inConversation().length > messages.length, 'the answer to a click');
  }
  throw new Error('no ticket card after the clicks');
}
