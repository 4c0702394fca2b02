import { ActivityTypes, type InvokeResponse, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Guichet } from '../../app.js';
import type { Turn, TurnResult } from '../../engine/turn.js';
import { answeredCard, type ChoiceSubmit, choiceSubmit } from './cards.js';
import { withoutBuiltInRetries } from './connector-client.js';
import type { TeamsMembers } from './members.js';
import { type OutgoingActivity, renderReplies } from './render.js';
import { technicianSubmit } from './technician-card.js';
import { rememberTechnician, technicianIdOf } from './technician-channel.js';
import { plainText } from './text.js';

/** What the turn handler needs beside Guichet: the member lookup and how long to wait before a retry. */
export interface TeamsBotDeps {
  app: Guichet;
  members: TeamsMembers;
  /** The pause before the one retry of a reply the connector refused (250 ms by default). */
  retryDelayMs: number;
  /** When the typing indicator goes out during a turn (see `typingWhileSlow`). */
  typing: TypingTiming;
}

/** When the typing indicator is sent: after `delayMs` of a turn without its answer, then every `periodMs`. */
export interface TypingTiming {
  delayMs: number;
  periodMs: number;
}

/**
 * The defaults of botbuilder's ShowTypingMiddleware: a turn that answers within half a second
 * needs no indicator (its answer arrives first), a longer one shows it, renewed every 2 s, since
 * Teams hides it after about 3 s.
 */
export const DEFAULT_TYPING: TypingTiming = { delayMs: 500, periodMs: 2_000 };

/** The store's key space of Teams deliveries: one for activities, one for the cards clicked. */
const INBOUND_ACTIVITY = 'teams';
const INBOUND_CARD = 'teams-card';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends one thing to the connector; a failure is logged and retried once, then logged as lost.
 * Returns whether it went through. The person's turn is already saved by then, so a lost reply
 * never loses what they said: their next message continues the conversation.
 */
export async function deliver(
  what: string,
  send: () => Promise<unknown>,
  log: Logger,
  retryDelayMs: number,
): Promise<boolean> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await send();
      return true;
    } catch (error) {
      if (attempt === 1) {
        log.warn({ err: error, what }, 'the Teams connector refused a reply: retrying once');
        await sleep(retryDelayMs);
      } else {
        log.error({ err: error, what }, 'the Teams connector refused a reply twice: it is lost');
      }
    }
  }
  return false;
}

/**
 * The typing indicator of a turn that takes time: sent once the turn has run for `delayMs` without
 * its answer (at once with a delay of 0), then every `periodMs` until `stop()`, which waits for
 * an indicator already on its way, so the answer never goes out before it. A fast turn sends
 * none: its answer is one connector call instead of two.
 */
function typingWhileSlow(context: TurnContext, log: Logger, timing: TypingTiming): { stop(): Promise<void> } {
  let stopped = false;
  let sending: Promise<unknown> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const send = () => {
    if (stopped) return;
    sending = deliver('typing', () => context.sendActivity({ type: ActivityTypes.Typing }), log, 0);
    timer = setTimeout(send, timing.periodMs);
  };
  if (timing.delayMs <= 0) send();
  else timer = setTimeout(send, timing.delayMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await sending;
    },
  };
}

/**
 * The conversation reference, serialized for the ticket (Turn.conversationRef). It names the
 * conversation, not the message: what Guichet writes later is a new message in the chat (or the
 * thread of a channel, whose conversation id carries it), not a reply to this activity.
 */
function conversationRefOf(context: TurnContext): string {
  const { activityId: _message, ...reference } = TurnContext.getConversationReference(context.activity);
  return JSON.stringify(reference);
}

/**
 * The key of an activity's delivery: activity ids are unique within a conversation only (a
 * personal chat numbers its messages by their time), so the conversation is part of it.
 */
function deliveryKey(context: TurnContext): string {
  return `${context.activity.conversation.id}|${context.activity.id ?? ''}`;
}

/** In a team channel or a group chat the bot answers only when it is mentioned. */
function isSharedConversation(context: TurnContext): boolean {
  const type = context.activity.conversation.conversationType;
  return type === 'channel' || type === 'groupChat';
}

function mentionsBot(context: TurnContext): boolean {
  return TurnContext.getMentions(context.activity).some(
    (mention) => mention.mentioned?.id === context.activity.recipient.id,
  );
}

/**
 * The Teams bot: each activity in, a Turn to the engine, the replies out as text and Adaptive
 * Cards. It holds no conversation of its own; the engine does.
 */
export class TeamsBot {
  private readonly deps: TeamsBotDeps;

  constructor(deps: TeamsBotDeps) {
    this.deps = deps;
  }

  /** The adapter's turn logic. `log` is the request's logger, with the activity's ids. */
  async onTurn(context: TurnContext, log: Logger): Promise<void> {
    const activity = context.activity;
    withoutBuiltInRetries(context);
    switch (activity.type) {
      case ActivityTypes.Message:
        await this.onMessage(context, log);
        return;
      case ActivityTypes.ConversationUpdate:
        await this.onConversationUpdate(context, log);
        return;
      case ActivityTypes.Invoke:
        await this.onInvoke(context, log);
        return;
      default:
        log.debug({ type: activity.type }, 'Teams activity ignored');
    }
  }

  /**
   * Whether this activity is handled here for the first time, across instances (the store's
   * inbound claims). A store that cannot answer lets it through: the engine then recognises a
   * repeated message id itself, or answers that it cannot save.
   */
  private async firstDelivery(key: string, space: string, log: Logger): Promise<boolean> {
    try {
      return await this.deps.app.store.claimInbound(space, key, this.deps.app.clock.now());
    } catch (error) {
      log.error({ err: error, key }, 'the Teams delivery could not be recorded; handling it anyway');
      return true;
    }
  }

  private async onMessage(context: TurnContext, log: Logger): Promise<void> {
    const activity = context.activity;
    if (!(await this.firstDelivery(deliveryKey(context), INBOUND_ACTIVITY, log))) {
      log.info('Teams activity already handled: ignored');
      return;
    }
    await rememberTechnician(this.deps.app, context, log);
    const pressed = technicianSubmit.safeParse(activity.value);
    if (pressed.success) {
      await this.onTechnicianAction(context, pressed.data.value, pressed.data.text, log);
      return;
    }
    const submitted = choiceSubmit.safeParse(activity.value);
    if (submitted.success) {
      await this.onChoice(context, submitted.data, log);
      return;
    }
    if (isSharedConversation(context) && !mentionsBot(context)) {
      log.debug('Teams channel message without a mention of the bot: ignored');
      return;
    }
    const text = plainText(TurnContext.removeRecipientMention(activity) ?? activity.text ?? '');
    await this.runTurn(context, { text }, log);
  }

  /** A card button: the card is rewritten with the answer (no buttons left), the choice goes to the engine. */
  private async onChoice(context: TurnContext, submit: ChoiceSubmit, log: Logger, updateCard = true): Promise<void> {
    if (!(await this.firstDelivery(submit.card, INBOUND_CARD, log))) {
      log.info({ card: submit.card }, 'Teams card clicked again: already answered');
      const text = this.deps.app.dialogs.messages(submit.language).teams.alreadyAnswered();
      await this.send(context, [{ type: ActivityTypes.Message, text }], log);
      return;
    }
    const cardActivityId = context.activity.replyToId;
    if (updateCard && cardActivityId) {
      const updated: OutgoingActivity = {
        type: ActivityTypes.Message,
        id: cardActivityId,
        attachments: [answeredCard(submit, this.deps.app.dialogs)],
      };
      await deliver('card update', () => context.updateActivity(updated), log, this.deps.retryDelayMs);
    }
    await this.runTurn(context, { text: '', choice: submit.value }, log);
  }

  /**
   * A technician card's button: the action runs as the clicker (their Teams id, which the
   * directory must know), once per activity id; every posted copy of the card then shows the new
   * notice. A refusal (an outsider, a ticket already taken, a text missing) is a reply to the
   * clicker alone in their chat, and nothing changes.
   */
  private async onTechnicianAction(
    context: TurnContext,
    value: string,
    text: string | undefined,
    log: Logger,
  ): Promise<void> {
    const { app } = this.deps;
    const activity = context.activity;
    const by = technicianIdOf(app, activity.from);
    const extra: { text?: string; requestId?: string } = {};
    if (text !== undefined) extra.text = text;
    if (activity.id) extra.requestId = activity.id;
    const outcome = await app.technicianActions.press(value, by, extra);
    const words = app.dialogs.messages('fr').technicianTeams;
    if (!outcome.ok) {
      log.info({ value, by, code: outcome.code }, 'Teams technician action refused');
      const reply =
        outcome.code === 'not_a_technician'
          ? words.notInDirectory()
          : outcome.code === 'taken' && outcome.ticket
            ? words.takenBy(outcome.ticket.number, outcome.holder?.name ?? outcome.ticket.assignee)
            : words.refused(outcome.message);
      await this.send(context, [{ type: ActivityTypes.Message, text: reply }], log);
      return;
    }
    log.info(
      { value, technician: outcome.technician.id, changed: outcome.changed, told: outcome.told },
      'Teams technician action done',
    );
    // Every copy of the card is updated by the ticket service, through app.notifier (`ticket_updated`).
  }

  /**
   * `conversationUpdate`: when the bot is added to a personal chat (the app installed), Guichet
   * says hello; in a team it waits to be mentioned.
   */
  private async onConversationUpdate(context: TurnContext, log: Logger): Promise<void> {
    const activity = context.activity;
    const botAdded = (activity.membersAdded ?? []).some((member) => member.id === activity.recipient.id);
    if (!botAdded || isSharedConversation(context)) return;
    if (activity.id && !(await this.firstDelivery(deliveryKey(context), INBOUND_ACTIVITY, log))) return;
    await rememberTechnician(this.deps.app, context, log);
    const turn: Omit<Turn, 'text'> = { channel: 'teams', conversationId: activity.conversation.id };
    const userId = await this.deps.members.userIdOf(context);
    if (userId !== undefined) turn.userId = userId;
    const result = await this.deps.app.engine.begin(turn);
    log.info({ conversation: turn.conversationId }, 'Teams conversation begun');
    await this.send(context, renderReplies(result.replies, this.deps.app.dialogs), log);
  }

  /**
   * `adaptiveCard/action` (a card's Action.Execute, Teams' universal actions) carries the same
   * data as a submit: the answered card is the invoke's answer, which Teams puts in place of the
   * card. Any other invoke is not implemented (501), as the Bot Framework protocol asks.
   */
  private async onInvoke(context: TurnContext, log: Logger): Promise<void> {
    const activity = context.activity;
    const action = (activity.value as { action?: { data?: unknown } } | undefined)?.action;
    const submitted = choiceSubmit.safeParse(action?.data);
    if (activity.name !== 'adaptiveCard/action' || !submitted.success) {
      log.info({ name: activity.name }, 'Teams invoke not handled');
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 501 } });
      return;
    }
    const response: InvokeResponse = {
      status: 200,
      body: {
        statusCode: 200,
        type: 'application/vnd.microsoft.card.adaptive',
        value: answeredCard(submitted.data, this.deps.app.dialogs).content,
      },
    };
    if (await this.firstDelivery(deliveryKey(context), INBOUND_ACTIVITY, log)) {
      await this.onChoice(context, submitted.data, log, false);
    }
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: response });
  }

  /** Runs one turn of the person through the engine, with the typing indicator while it runs long. */
  private async runTurn(context: TurnContext, input: { text: string; choice?: string }, log: Logger): Promise<void> {
    const activity = context.activity;
    const typing = typingWhileSlow(context, log, this.deps.typing);
    const turn: Turn = {
      channel: 'teams',
      conversationId: activity.conversation.id,
      text: input.text,
      conversationRef: conversationRefOf(context),
    };
    if (input.choice !== undefined) turn.choice = input.choice;
    if (activity.id) turn.messageId = activity.id;
    let result: TurnResult;
    let userId: string | undefined;
    try {
      userId = await this.deps.members.userIdOf(context);
      if (userId !== undefined) turn.userId = userId;
      result = await this.deps.app.engine.handleTurn(turn);
    } finally {
      await typing.stop();
    }
    log.info(
      { conversation: turn.conversationId, ticket: result.ticket?.number, known: userId !== undefined },
      'Teams turn handled',
    );
    await this.send(context, renderReplies(result.replies, this.deps.app.dialogs), log);
  }

  private async send(context: TurnContext, activities: OutgoingActivity[], log: Logger): Promise<void> {
    for (const activity of activities) {
      await deliver('reply', () => context.sendActivity(activity), log, this.deps.retryDelayMs);
    }
  }
}
