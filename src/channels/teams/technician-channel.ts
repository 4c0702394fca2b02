import { type Activity, ActivityTypes, type CloudAdapter, type ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Guichet } from '../../app.js';
import type { TechnicianChannel } from '../../notifier/chat-notifier.js';
import type { TechnicianNotification } from '../../notifier/notifier.js';
import type { Technician } from '../../policy/schema.js';
import { findTechnician } from '../../tickets/technician-actions.js';
import type { TechnicianNotice } from '../../tickets/technician-notice.js';
import { deliver } from './bot.js';
import { withoutBuiltInRetries } from './connector-client.js';
import { parseConversationRef } from './messenger.js';
import { technicianCard } from './technician-card.js';

/**
 * The conversation store's space for the technicians' Teams chats, keyed by directory id. Teams
 * lets a bot write first only to a conversation it has seen (the app installed, or a message), so
 * the reference is kept when a technician of the directory writes or installs the bot. The
 * conversation store already keeps a JSON state per (space, key) on SQLite and PostgreSQL alike:
 * no table of its own is needed. It is kept a year and renewed at each of their activities.
 */
const TECHNICIAN_SPACE = 'teams-technician';
const KEPT_MS = 365 * 24 * 3600 * 1000;

/** The event log's record of the cards posted for a ticket, read back to update every copy. */
const POSTED = 'teams_cards_posted';

interface PostedCopy {
  reference: string;
  activityId: string;
}

/** The connector calls a technician card needs. */
interface ConversationsClient {
  conversations: {
    sendToConversation(conversationId: string, activity: Activity): Promise<{ id?: string }>;
    updateActivity(conversationId: string, activityId: string, activity: Activity): Promise<unknown>;
  };
}

/** The directory entry of a Teams user, by their Entra object id or their 29: id. */
export function technicianOf(app: Guichet, from: { id: string; aadObjectId?: string }): Technician | undefined {
  for (const id of [from.aadObjectId, from.id]) {
    if (!id) continue;
    const technician = findTechnician(app.policy, id);
    if (technician?.chatIds.teams) return technician;
  }
  return undefined;
}

/** The id to act with: the one of the user's ids the directory knows. */
export function technicianIdOf(app: Guichet, from: { id: string; aadObjectId?: string }): string {
  if (from.aadObjectId && findTechnician(app.policy, from.aadObjectId)) return from.aadObjectId;
  return from.id;
}

/**
 * Keeps the conversation of a technician of the directory who writes to the bot or installs it.
 * A personal chat only: a channel's reference would post their tickets in front of the team.
 */
export async function rememberTechnician(app: Guichet, context: TurnContext, log: Logger): Promise<void> {
  const activity = context.activity;
  if (activity.conversation.conversationType && activity.conversation.conversationType !== 'personal') return;
  const technician = technicianOf(app, activity.from);
  if (!technician) return;
  const { activityId: _message, ...reference } = TurnContext.getConversationReference(activity);
  const now = app.clock.now();
  try {
    await app.store.saveConversation(TECHNICIAN_SPACE, technician.id, { reference }, new Date(now.getTime() + KEPT_MS));
  } catch (error) {
    log.error({ err: error, technician: technician.id }, 'the Teams chat of the technician could not be kept');
  }
}

/**
 * The Teams side of the technicians' notifications (registered on `app.notifier` when Teams is
 * mounted): each new ticket, escalation, draft and SLA warning is posted as an Adaptive Card to
 * the Teams chat of each recipient with a Teams id, and to the queue's Teams channel when the
 * policy names one; the activity ids are kept in the ticket's event log, and every copy is
 * replaced by the new notice after an action (`ticket_updated`, or `updateCopies`).
 */
export class TeamsTechnicianChannel implements TechnicianChannel {
  readonly channel = 'teams' as const;

  constructor(
    private readonly app: Guichet,
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly retryDelayMs: number,
  ) {}

  async deliver(notification: TechnicianNotification): Promise<void> {
    const notice = notification.notice;
    if (!notice) return;
    if (notification.kind === 'ticket_updated') {
      await this.updateCopies(notice);
      return;
    }
    const targets: { who: string; reference: Partial<ConversationReference> | undefined }[] = [];
    for (const technician of notification.recipients.filter((t) => t.chatIds.teams)) {
      targets.push({ who: technician.id, reference: await this.referenceOf(technician) });
    }
    const channelId = notice.channels.teams;
    if (channelId) {
      // A channel is reached at the service of the technicians' chats, its id as the conversation.
      const known = targets.find((t) => t.reference)?.reference;
      targets.push({
        who: channelId,
        reference: known
          ? { ...known, conversation: { id: channelId } as ConversationReference['conversation'] }
          : undefined,
      });
    }
    if (targets.length === 0) return;
    const posted: PostedCopy[] = [];
    const failures: string[] = [];
    for (const target of targets) {
      if (!target.reference) {
        failures.push(`${target.who}: no Teams chat with Guichet yet (the app is not installed)`);
        continue;
      }
      const id = await this.post(target.reference, notice);
      if (id) posted.push({ reference: JSON.stringify(target.reference), activityId: id });
      else failures.push(`${target.who}: the connector refused the card`);
    }
    if (posted.length > 0) await this.recordPosted(notice.number, posted);
    if (failures.length > 0) {
      this.app.logger.error(
        { ticket: notice.number, kind: notification.kind, failures },
        'the Teams technician card could not reach every recipient',
      );
    }
    if (failures.length > 0) throw new Error(`Teams card of ${notice.number} not delivered to ${failures.join(', ')}`);
  }

  /** Replaces every posted copy of the ticket's card with the card of `notice`; failures are logged. */
  async updateCopies(notice: TechnicianNotice): Promise<number> {
    const events = await this.app.store.listEvents(notice.number);
    const copies = events.flatMap((e) =>
      e.kind === 'notified' && e.data?.kind === POSTED ? ((e.data.copies as PostedCopy[] | undefined) ?? []) : [],
    );
    let updated = 0;
    for (const copy of copies) {
      const reference = parseConversationRef(copy.reference);
      const ok = await this.withConnector(reference, (connector, log) => {
        const activity = TurnContext.applyConversationReference(
          { type: ActivityTypes.Message, id: copy.activityId, attachments: [technicianCard(notice)] },
          reference,
        ) as Activity;
        return deliver(
          'technician card update',
          () => connector.conversations.updateActivity(activity.conversation.id, copy.activityId, activity),
          log,
          this.retryDelayMs,
        );
      });
      if (ok) updated++;
    }
    this.app.logger.info({ ticket: notice.number, copies: copies.length, updated }, 'Teams technician cards updated');
    return updated;
  }

  private async referenceOf(technician: Technician): Promise<Partial<ConversationReference> | undefined> {
    const state = (await this.app.store.loadConversation(TECHNICIAN_SPACE, technician.id, this.app.clock.now())) as {
      reference?: Partial<ConversationReference>;
    } | null;
    return state?.reference;
  }

  private async post(reference: Partial<ConversationReference>, notice: TechnicianNotice): Promise<string | undefined> {
    let id: string | undefined;
    await this.withConnector(reference, (connector, log) => {
      const activity = TurnContext.applyConversationReference(
        { type: ActivityTypes.Message, summary: notice.headline, attachments: [technicianCard(notice)] },
        reference,
      ) as Activity;
      return deliver(
        'technician card',
        async () => {
          id = (await connector.conversations.sendToConversation(activity.conversation.id, activity)).id;
        },
        log,
        this.retryDelayMs,
      );
    });
    return id;
  }

  private async withConnector(
    reference: Partial<ConversationReference>,
    send: (connector: ConversationsClient, log: Logger) => Promise<boolean>,
  ): Promise<boolean> {
    const log = this.app.logger.child({ conversation: reference.conversation?.id });
    let ok = false;
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
        withoutBuiltInRetries(context);
        const connector = context.turnState.get(context.adapter.ConnectorClientKey) as ConversationsClient;
        ok = await send(connector, log);
      });
    } catch (error) {
      log.error({ err: error }, 'the Teams conversation could not be continued');
      return false;
    }
    return ok;
  }

  private async recordPosted(number: string, copies: PostedCopy[]): Promise<void> {
    try {
      await this.app.store.appendEvent({
        ticketNumber: number,
        at: this.app.clock.now().toISOString(),
        kind: 'notified',
        by: 'bot',
        data: { kind: POSTED, copies },
      });
    } catch (error) {
      // The cards are posted; only their later update is lost, and said so.
      this.app.logger.error({ err: error, ticket: number }, 'the posted Teams cards could not be recorded');
    }
  }
}
