import {
  App,
  type BlockAction,
  type ButtonAction,
  type Receiver,
  type RespondFn,
  type SlashCommand,
  SocketModeReceiver,
  type types,
  type ViewSubmitAction,
  webApi,
} from '@slack/bolt';
import type { Logger } from 'pino';
import type { Guichet } from '../../app.js';
import { findIdentity } from '../../dialogs/accounts.js';
import type { Messages } from '../../dialogs/messages.js';
import type { Language } from '../../domain.js';
import type { Reply, Turn } from '../../engine/turn.js';
import { answeredBlocks, repliesMessage, textMessage } from './blocks.js';
import { boltLogger } from './bolt-logger.js';
import { conversationId, conversationRef, parseButtonValue, type SlackConversation } from './conversation.js';
import { deliveryKey } from './delivery.js';
import { SlackDirectory } from './directory.js';
import {
  DESCRIPTION_BLOCK,
  DESCRIPTION_INPUT,
  homeView,
  isOpen,
  NEW_PROBLEM_ACTION,
  NEW_PROBLEM_VIEW,
  newProblemModal,
} from './home.js';
import { RestifyReceiver } from './receiver.js';
import type { SlackSettings } from './settings.js';
import { callSlack, trySlack } from './slack-api.js';
import { listenTechnicianButtons } from './technician-buttons.js';
import { type SlackRetry, SlackTechnicianChannel } from './technician-channel.js';
import { plainText } from './text.js';

/** The Slack channel once built: the Bolt app, its Web API client, and the HTTP receiver in HTTP mode. */
export interface SlackAdapter {
  bolt: App;
  client: webApi.WebClient;
  /** Present in HTTP mode: restify's handler of POST /slack/events. */
  http: RestifyReceiver | null;
  /** How technicians get tickets in Slack; registered on `app.notifier` when mounted. */
  technicians: SlackTechnicianChannel;
}

/** Options that tests and benchmarks set; production uses the defaults. */
export interface SlackAdapterOptions {
  /** The wall clock of the signature check (real time by default). */
  nowMilliseconds?: () => number;
  /** How a technician message is retried when Slack refuses it (3 attempts from 500 ms by default). */
  technicianRetry?: SlackRetry;
}

/** The Web API client's options: the API's URL, a few quick retries of a network failure. */
export function slackClientOptions(settings: SlackSettings, log: Logger): webApi.WebClientOptions {
  return {
    slackApiUrl: settings.apiUrl,
    logger: boltLogger(log),
    // Slack's own errors (ok: false) are never retried.
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1_000 },
    timeout: 10_000,
  };
}

/** The channel through which technicians get tickets in Slack, and their copies are updated. */
export function slackTechnicians(
  guichet: Guichet,
  client: webApi.WebClient,
  log: Logger,
  retry?: SlackRetry,
): SlackTechnicianChannel {
  const words = guichet.dialogs.messages('fr').technicianSlack;
  return new SlackTechnicianChannel(client, guichet.store, guichet.clock, words, log, retry);
}

/** A choice button of a reply (see blocks.ts). */
const CHOICE_ACTION = /^guichet_choice_\d+$/;

/** The first words of `/ticket status T…`, the slash command's own syntax (see slack/manifest.yaml). */
const STATUS_COMMAND = /^(status|statut|suivi)\b/i;

/**
 * Builds the Slack channel on Guichet: a Bolt app on the HTTP receiver (or Socket Mode), whose
 * listeners only translate: a DM, a mention, a button, a modal or /ticket becomes a Turn for the
 * engine; the engine's replies become Block Kit. Every payload is acknowledged at once and
 * claimed in the store before any work, so a retried or doubly delivered one is handled once
 * across instances.
 */
export function createSlackAdapter(
  guichet: Guichet,
  settings: SlackSettings,
  options: SlackAdapterOptions = {},
): SlackAdapter {
  const log = guichet.logger.child({ channel: 'slack' });
  const logger = boltLogger(log);
  const clientOptions = slackClientOptions(settings, log);
  const client = new webApi.WebClient(settings.botToken, clientOptions);

  let http: RestifyReceiver | null = null;
  let receiver: Receiver;
  if (settings.transport.mode === 'http') {
    const receiverOptions: ConstructorParameters<typeof RestifyReceiver>[0] = {
      signingSecret: settings.transport.signingSecret,
      logger: log,
    };
    if (options.nowMilliseconds) receiverOptions.nowMilliseconds = options.nowMilliseconds;
    http = new RestifyReceiver(receiverOptions);
    receiver = http;
  } else {
    receiver = new SocketModeReceiver({
      appToken: settings.transport.appToken,
      logger,
      installerOptions: { clientOptions: { slackApiUrl: settings.apiUrl } },
    });
  }

  const bolt = new App({
    receiver,
    logger,
    clientOptions,
    authorize: cachedAuthorization(client, settings.botToken, log),
    convoStore: false,
  });
  bolt.error(async (error) => {
    log.error({ err: error }, 'a Slack listener failed');
  });

  const directory = new SlackDirectory(guichet.accounts, client, log);
  const handlers = new TurnHandlers(guichet, client, directory, log);

  // Acknowledge at once (Slack retries what it does not see acknowledged within 3 s), then claim
  // the delivery in the store: a retry, or the same payload reaching another instance, stops here.
  bolt.use(async (args) => {
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
    const key = deliveryKey(args.body as Record<string, unknown>);
    if (key !== null) {
      let first = true;
      try {
        first = await guichet.store.claimInbound('slack', key, guichet.clock.now());
      } catch (error) {
        // Better answer twice than never: the engine's own idempotency still guards the ticket.
        log.error({ err: error, key }, 'the Slack delivery could not be claimed; handling it anyway');
      }
      if (!first) {
        log.info({ key, retryNum: args.context.retryNum }, 'Slack delivery already handled');
        await handlers.alreadyHandled(args.body as Record<string, unknown>);
        return;
      }
    }
    await args.next();
  });

  bolt.event('message', async ({ event, body }) => {
    // Only what a person writes in the bot's DM; edits, deletions and bots' messages have a subtype or a bot_id.
    const message = event as {
      channel_type?: string;
      subtype?: string;
      bot_id?: string;
      user?: string;
      text?: string;
      channel: string;
      ts: string;
      client_msg_id?: string;
    };
    if (message.channel_type !== 'im' || message.subtype !== undefined || message.bot_id || !message.user) return;
    const conversation = { team: body.team_id, channel: message.channel };
    const text = plainText(message.text ?? '');
    await handlers.message(conversation, message.user, text, message.client_msg_id ?? message.ts);
  });

  bolt.event('app_mention', async ({ event, body, context }) => {
    if (!event.user) return;
    const conversation = { team: body.team_id, channel: event.channel, threadTs: event.thread_ts ?? event.ts };
    const text = plainText(withoutMention(event.text, context.botUserId));
    await handlers.message(conversation, event.user, text, event.client_msg_id ?? event.ts);
  });

  bolt.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await handlers.publishHome(event.user);
  });

  bolt.action<BlockAction<ButtonAction>>(CHOICE_ACTION, async ({ action, body }) => {
    await handlers.choice(body, action);
  });

  bolt.action<BlockAction<ButtonAction>>(NEW_PROBLEM_ACTION, async ({ body }) => {
    await trySlack(log, 'views.open', () =>
      client.views.open({ trigger_id: body.trigger_id, view: newProblemModal('fr', guichet.dialogs) }),
    );
  });

  bolt.view<ViewSubmitAction>(NEW_PROBLEM_VIEW, async ({ body, view }) => {
    const text = view.state.values[DESCRIPTION_BLOCK]?.[DESCRIPTION_INPUT]?.value ?? '';
    await handlers.inDm(body.team?.id ?? body.user.team_id ?? '', body.user.id, text, null);
  });

  bolt.command('/ticket', async ({ command, respond }) => {
    await handlers.command(command, respond);
  });

  const technicians = slackTechnicians(guichet, client, log, options.technicianRetry);
  listenTechnicianButtons(bolt, guichet, client, log);

  return { bolt, client, http, technicians };
}

/**
 * Bolt's authorize for the one workspace of the bot token: `auth.test` once for the bot's ids,
 * kept while it succeeds; a failure (a revoked token: `invalid_auth`) is logged with its code, Bolt
 * acknowledges that payload without a listener, and the next payload asks again instead of failing
 * for ever.
 */
function cachedAuthorization(client: webApi.WebClient, botToken: string, log: Logger) {
  let ids: Promise<{ botId?: string; botUserId?: string }> | null = null;
  return async () => {
    ids ??= callSlack(log, 'auth.test', () => client.auth.test()).then(
      (result) => {
        const found: { botId?: string; botUserId?: string } = {};
        if (result.bot_id) found.botId = result.bot_id;
        if (result.user_id) found.botUserId = result.user_id;
        return found;
      },
      (error: unknown) => {
        ids = null;
        throw error;
      },
    );
    return { botToken, ...(await ids) };
  };
}

/** The text of a mention without the bot's own `<@U…>`. */
export function withoutMention(text: string, botUserId: string | undefined): string {
  const own = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g') : /^\s*<@[UW][A-Z0-9]+(\|[^>]*)?>/;
  return text.replace(own, ' ').replace(/\s+/g, ' ').trim();
}

/** The translations between Slack's payloads and the engine, and the Web API calls that follow. */
class TurnHandlers {
  constructor(
    private readonly guichet: Guichet,
    private readonly client: webApi.WebClient,
    private readonly directory: SlackDirectory,
    private readonly log: Logger,
  ) {}

  /** A message in a DM or a mention in a thread: one turn of that conversation. */
  async message(conversation: SlackConversation, slackUser: string, text: string, messageId: string): Promise<void> {
    const turn: Turn = {
      ...(await this.turnBase(conversation, slackUser)),
      text,
      messageId,
    };
    const result = await this.guichet.engine.handleTurn(turn);
    await this.post(conversation, result.replies);
  }

  /** A choice button: the buttons give way to the answer chosen, then the choice is the turn. */
  async choice(body: BlockAction<ButtonAction>, action: ButtonAction): Promise<void> {
    const clicked = parseButtonValue(action.value);
    if (!clicked) {
      this.log.warn({ actionId: action.action_id }, 'a Slack button without a conversation of Guichet was clicked');
      return;
    }
    const message = body.message;
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (message && channel) {
      const blocks = answeredBlocks(
        (message.blocks ?? []) as types.KnownBlock[],
        action.block_id,
        this.slackWords('fr').chosen(action.text.text),
      );
      await trySlack(this.log, 'chat.update', () =>
        this.client.chat.update({ channel, ts: message.ts, text: message.text ?? '', blocks }),
      );
    }
    const turn: Turn = {
      ...(await this.turnBase(clicked.conversation, body.user.id)),
      text: '',
      choice: clicked.choice,
      messageId: `${message?.ts ?? action.action_ts}:${action.action_id}`,
    };
    const result = await this.guichet.engine.handleTurn(turn);
    await this.post(clicked.conversation, result.replies);
  }

  /**
   * `/ticket` opens the intake in the DM (with the text as first message when given);
   * `/ticket status T…` answers privately where the command was typed.
   */
  async command(command: SlashCommand, respond: RespondFn): Promise<void> {
    const text = plainText(command.text).trim();
    if (STATUS_COMMAND.test(text)) {
      const dm = await this.openDm(command.team_id, command.user_id);
      if (!dm) {
        await this.respondSafely(respond, this.slackWords('fr').dmFailed(this.guichet.policy.company.helpdeskPhone));
        return;
      }
      const result = await this.guichet.engine.handleTurn({
        ...(await this.turnBase(dm, command.user_id)),
        text,
        messageId: `command:${command.trigger_id}`,
      });
      // Private: only the person sees it, and without buttons, which belong to the DM.
      const message = repliesMessage(
        result.replies.map((reply) => ({ ...reply, choices: [] })),
        dm,
      );
      await this.respondSafely(respond, message.text, message.blocks);
      return;
    }
    const opened = await this.inDm(command.team_id, command.user_id, text, command.trigger_id);
    const w = this.slackWords('fr');
    if (!opened) await this.respondSafely(respond, w.dmFailed(this.guichet.policy.company.helpdeskPhone));
    else if (opened.channel !== command.channel_id) await this.respondSafely(respond, w.openingDm());
  }

  /** Starts (or continues) the person's DM conversation with `text`, or the greeting without text. */
  async inDm(team: string, slackUser: string, text: string, trigger: string | null): Promise<SlackConversation | null> {
    const dm = await this.openDm(team, slackUser);
    if (!dm) return null;
    const base = await this.turnBase(dm, slackUser);
    const result =
      text === ''
        ? await this.guichet.engine.begin(base)
        : await this.guichet.engine.handleTurn({
            ...base,
            text,
            ...(trigger ? { messageId: `command:${trigger}` } : {}),
          });
    await this.post(dm, result.replies);
    return dm;
  }

  /** The App Home tab: the person's open tickets (none listed for an unknown person). */
  async publishHome(slackUser: string): Promise<void> {
    const { guichet } = this;
    const known = findIdentity(guichet.accounts, await this.directory.userIdOf(slackUser));
    let tickets = null;
    if (known) {
      const who: { email?: string; phone?: string } = {};
      if (known.contact.email) who.email = known.contact.email;
      if (known.contact.phone) who.phone = known.contact.phone;
      tickets = (await guichet.tickets.listForContact(who, 40)).filter(isOpen);
    }
    const view = homeView(tickets, guichet.policy, 'fr', guichet.clock.now(), guichet.dialogs);
    await trySlack(this.log, 'views.publish', () => this.client.views.publish({ user_id: slackUser, view }));
  }

  /** A delivery already handled: a second click on a message's buttons is told so, privately. */
  async alreadyHandled(body: Record<string, unknown>): Promise<void> {
    const action = body as Partial<BlockAction>;
    const channel = action.channel?.id ?? action.container?.channel_id;
    if (action.type !== 'block_actions' || !channel || !action.user) return;
    const threadTs = (action.message as { thread_ts?: string } | undefined)?.thread_ts;
    await trySlack(this.log, 'chat.postEphemeral', () =>
      this.client.chat.postEphemeral({
        channel,
        user: action.user?.id ?? '',
        text: this.slackWords('fr').alreadyUsed(),
        ...(threadTs ? { thread_ts: threadTs } : {}),
      }),
    );
  }

  /** The Slack channel's words (dialogs/, `slack`) in one language. */
  private slackWords(language: Language): Messages['slack'] {
    return this.guichet.dialogs.messages(language).slack;
  }

  private async turnBase(conversation: SlackConversation, slackUser: string): Promise<Omit<Turn, 'text'>> {
    return {
      channel: 'slack',
      conversationId: conversationId(conversation),
      userId: await this.directory.userIdOf(slackUser),
      conversationRef: conversationRef(conversation),
    };
  }

  private async openDm(team: string, slackUser: string): Promise<SlackConversation | null> {
    const opened = await trySlack(this.log, 'conversations.open', () =>
      this.client.conversations.open({ users: slackUser }),
    );
    const channel = opened?.channel?.id;
    return channel ? { team, channel } : null;
  }

  /**
   * Posts the replies of a turn as one message. When Slack refuses it, the failure is logged with
   * the method and the error code, and the person is told in plain text, if Slack takes that.
   */
  private async post(conversation: SlackConversation, replies: readonly Reply[]): Promise<void> {
    if (replies.length === 0) return;
    const message = repliesMessage(replies, conversation);
    const where = {
      channel: conversation.channel,
      ...(conversation.threadTs ? { thread_ts: conversation.threadTs } : {}),
    };
    try {
      await callSlack(this.log, 'chat.postMessage', () => this.client.chat.postMessage({ ...where, ...message }));
    } catch {
      const language = replies[0]?.language ?? 'fr';
      const fallback = textMessage(this.slackWords(language).deliveryFailed(this.guichet.policy.company.helpdeskPhone));
      await trySlack(this.log, 'chat.postMessage', () => this.client.chat.postMessage({ ...where, ...fallback }));
    }
  }

  private async respondSafely(respond: RespondFn, text: string, blocks?: types.KnownBlock[]): Promise<void> {
    try {
      await respond({ response_type: 'ephemeral', text, ...(blocks ? { blocks } : {}) });
    } catch (error) {
      this.log.error({ method: 'response_url', err: error }, 'the private answer to /ticket could not be sent');
    }
  }
}
