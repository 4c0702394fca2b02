import type { App, BlockAction, ButtonAction, ViewSubmitAction, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Guichet } from '../../app.js';
import type { ActionOutcome } from '../../tickets/technician-actions.js';
import { parseActionValue, technicianNotice } from '../../tickets/technician-notice.js';
import { trySlack } from './slack-api.js';
import {
  actionModal,
  TECHNICIAN_ACTION,
  TECHNICIAN_TEXT_BLOCK,
  TECHNICIAN_TEXT_INPUT,
  TECHNICIAN_VIEW,
} from './technician-blocks.js';

/**
 * The buttons of a technician's message: "Je prends" and "Rouvrir" act at once; "Répondre",
 * "Escalader", "En attente client" and "Résolu" first open a modal for their text, whose
 * submission acts. Every action goes through `app.technicianActions.press` with the clicker's
 * Slack id (the directory decides who may act), which updates every copy of the message through
 * the notifier; a refusal is told to the clicker alone, privately.
 */
export function listenTechnicianButtons(bolt: App, guichet: Guichet, client: webApi.WebClient, log: Logger): void {
  const words = () => guichet.dialogs.messages('fr').technicianSlack;

  bolt.action<BlockAction<ButtonAction>>(TECHNICIAN_ACTION, async ({ action, body }) => {
    const pressed = parseActionValue(action.value ?? '');
    const channel = body.channel?.id ?? body.container?.channel_id ?? '';
    // "Rappeler" is a tel: link: Slack reports the click, there is nothing to do.
    if (!pressed || pressed.action === 'call_back') {
      if (!pressed) log.warn({ actionId: action.action_id }, 'a technician button without a Guichet value was clicked');
      return;
    }
    const ticket = await guichet.tickets.get(pressed.number);
    const notice = ticket ? technicianNotice(guichet.policy, 'ticket_updated', ticket, guichet.clock.now()) : null;
    const button = notice?.actions.find((a) => a.action === pressed.action);
    if (button?.input) {
      await trySlack(log, 'views.open', () =>
        client.views.open({
          trigger_id: body.trigger_id,
          view: actionModal(button, words(), { value: action.value ?? '', channel }),
        }),
      );
      return;
    }
    const outcome = await pressSafely(guichet, log, action.value ?? '', body.user.id, {
      requestId: action.action_ts,
    });
    await answer(outcome, channel, body.user.id, pressed.number);
  });

  bolt.view<ViewSubmitAction>(TECHNICIAN_VIEW, async ({ body, view }) => {
    let metadata: { value?: string; channel?: string } = {};
    try {
      metadata = JSON.parse(view.private_metadata) as typeof metadata;
    } catch {
      log.warn({ viewId: view.id }, 'a technician modal came back without its metadata');
      return;
    }
    const value = metadata.value ?? '';
    const text = view.state.values[TECHNICIAN_TEXT_BLOCK]?.[TECHNICIAN_TEXT_INPUT]?.value ?? '';
    const outcome = await pressSafely(guichet, log, value, body.user.id, { text, requestId: view.id });
    await answer(outcome, metadata.channel ?? '', body.user.id, parseActionValue(value)?.number ?? '');
  });

  /** After an action: nothing more to do when it was done, or the clicker is told privately why not. */
  async function answer(outcome: ActionOutcome | null, channel: string, user: string, number: string): Promise<void> {
    // Done: the ticket service has updated every copy (app.notifier, `ticket_updated`).
    if (outcome?.ok) return;
    const w = words();
    let text: string;
    if (outcome === null) text = w.failed(number);
    else if (outcome.code === 'not_a_technician') text = w.notTechnician();
    else if (outcome.code === 'taken') text = w.taken(number, outcome.holder?.name ?? outcome.ticket?.assignee ?? '');
    else if (outcome.code === 'not_open') text = w.notOpen(number);
    else if (outcome.code === 'top_level') text = w.topLevel(number);
    else if (outcome.code === 'text_required') text = w.textRequired();
    else text = w.unknownTicket(number);
    if (outcome && !outcome.ok)
      log.info({ ticket: number, user, code: outcome.code }, 'a technician action was refused');
    if (channel === '') return;
    await trySlack(log, 'chat.postEphemeral', () => client.chat.postEphemeral({ channel, user, text }));
  }
}

/** Runs the press; a failing store is logged and gives null, so the technician is told rather than left waiting. */
async function pressSafely(
  guichet: Guichet,
  log: Logger,
  value: string,
  by: string,
  extra: { text?: string; requestId?: string },
): Promise<ActionOutcome | null> {
  try {
    return await guichet.technicianActions.press(value, by, extra);
  } catch (error) {
    log.error({ err: error, value, by }, 'a technician action from Slack failed');
    return null;
  }
}
