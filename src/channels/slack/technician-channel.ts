import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Messages } from '../../dialogs/messages.js';
import type { Clock } from '../../domain.js';
import type { TechnicianChannel } from '../../notifier/chat-notifier.js';
import type { TechnicianNotification } from '../../notifier/notifier.js';
import type { TicketStore } from '../../store/ticket-store.js';
import type { TechnicianNotice } from '../../tickets/technician-notice.js';
import { callSlack, slackErrorCode } from './slack-api.js';
import { noticeMessage } from './technician-blocks.js';

/** One posted copy of a ticket's message: where it is, and for whom. */
export interface PostedCopy {
  channel: string;
  ts: string;
  /** The directory ids of the technicians it was posted for. */
  for: string[];
}

/** The `data.kind` of the `notified` event that records the copies posted in Slack. */
const COPIES_EVENT = 'slack_messages';

/** How a post is retried: attempts in all, and the first pause (doubled each time). */
export interface SlackRetry {
  attempts: number;
  pauseMs: number;
}

const DEFAULT_RETRY: SlackRetry = { attempts: 3, pauseMs: 500 };

/**
 * Slack as a way to reach technicians (registered on `app.notifier` when Slack is mounted): a
 * notification goes to each recipient's DM (`conversations.open` then `chat.postMessage`), or
 * once to the queue's Slack channel with them mentioned. Each post is retried with back-off; the
 * copies posted are recorded in the ticket's event log (a `notified` event, so both stores keep
 * them without a table of their own and they stay beside the delivery they belong to), and every
 * copy is updated in place after an action. What could not be posted is thrown, so the ticket
 * service records the failure.
 */
export class SlackTechnicianChannel implements TechnicianChannel {
  readonly channel = 'slack' as const;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly store: TicketStore,
    private readonly clock: Clock,
    private readonly words: Messages['technicianSlack'],
    private readonly log: Logger,
    private readonly retry: SlackRetry = DEFAULT_RETRY,
  ) {}

  async deliver(notification: TechnicianNotification): Promise<void> {
    const { notice } = notification;
    if (!notice) return;
    if (notification.kind === 'ticket_updated') {
      await this.update(notice);
      return;
    }
    const reachable = notification.recipients.filter((t) => t.chatIds.slack);
    if (reachable.length === 0) return;
    const copies: PostedCopy[] = [];
    const failures: string[] = [];
    const queueChannel = notice.channels.slack;
    const targets = queueChannel
      ? [{ to: reachable, where: async () => queueChannel, mentions: reachable.map((t) => t.chatIds.slack ?? '') }]
      : reachable.map((t) => ({ to: [t], where: () => this.openDm(t.chatIds.slack ?? ''), mentions: [] }));
    for (const target of targets) {
      const ids = target.to.map((t) => t.id);
      try {
        const copy = await this.withRetry(async () => {
          const channel = await target.where();
          const posted = await callSlack(this.log, 'chat.postMessage', () =>
            this.client.chat.postMessage({ channel, ...noticeMessage(notice, this.words, target.mentions) }),
          );
          if (!posted.ts) throw new Error('chat.postMessage gave no ts');
          return { channel: posted.channel ?? channel, ts: posted.ts, for: ids };
        });
        copies.push(copy);
      } catch (error) {
        failures.push(`${ids.join(', ')}: ${slackErrorCode(error)}`);
      }
    }
    if (copies.length > 0) await this.record(notice.number, copies);
    if (failures.length > 0) {
      this.log.error(
        { ticket: notice.number, failures },
        'the ticket could not be posted to every technician in Slack',
      );
      throw new Error(`Slack refused the ticket's message for ${failures.join('; ')}`);
    }
  }

  /** Every copy of the ticket's message becomes `notice`: who has it, its status, the time left. */
  async update(notice: TechnicianNotice): Promise<void> {
    const copies = await this.copies(notice.number);
    await Promise.all(
      copies.map(async (copy) => {
        const mentions = copy.channel.startsWith('D') ? [] : await this.mentionsOf(notice, copy);
        try {
          await this.withRetry(() =>
            callSlack(this.log, 'chat.update', () =>
              this.client.chat.update({
                channel: copy.channel,
                ts: copy.ts,
                ...noticeMessage(notice, this.words, mentions),
              }),
            ),
          );
        } catch (error) {
          // The action stands; only this copy shows the ticket as it was.
          this.log.error(
            { ticket: notice.number, copy, slackError: slackErrorCode(error) },
            'a copy of the ticket could not be updated',
          );
        }
      }),
    );
  }

  /** The copies posted for a ticket, from its event log. */
  async copies(number: string): Promise<PostedCopy[]> {
    const events = await this.store.listEvents(number);
    return events.flatMap((event) =>
      event.kind === 'notified' && event.data?.kind === COPIES_EVENT ? (event.data.messages as PostedCopy[]) : [],
    );
  }

  private async mentionsOf(notice: TechnicianNotice, copy: PostedCopy): Promise<string[]> {
    return notice.recipients
      .filter((t) => copy.for.includes(t.id) && t.chatIds.slack)
      .map((t) => t.chatIds.slack ?? '');
  }

  private async record(number: string, messages: PostedCopy[]): Promise<void> {
    try {
      await this.store.appendEvent({
        ticketNumber: number,
        at: this.clock.now().toISOString(),
        kind: 'notified',
        by: 'bot',
        data: { kind: COPIES_EVENT, messages },
      });
    } catch (error) {
      // Posted all the same; these copies will not be updated after an action.
      this.log.error({ err: error, ticket: number, messages }, 'the Slack copies of the ticket could not be recorded');
    }
  }

  private async openDm(slackUser: string): Promise<string> {
    const opened = await callSlack(this.log, 'conversations.open', () =>
      this.client.conversations.open({ users: slackUser }),
    );
    const id = opened.channel?.id;
    if (!id) throw new Error('conversations.open gave no channel');
    return id;
  }

  private async withRetry<T>(call: () => Promise<T>): Promise<T> {
    let pause = this.retry.pauseMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (attempt >= this.retry.attempts) throw error;
        this.log.warn(
          { attempt, slackError: slackErrorCode(error) },
          'Slack refused a technician message; trying again',
        );
        await new Promise((resolve) => setTimeout(resolve, pause));
        pause *= 2;
      }
    }
  }
}
