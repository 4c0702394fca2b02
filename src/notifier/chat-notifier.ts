import type { Notifier, TechnicianNotification } from './notifier.js';

/**
 * A chat channel that reaches technicians (Slack, Teams): it posts a notification to those of its
 * recipients it knows (their DM, or the queue's channel with them mentioned) and renders its
 * actions as buttons. It throws when the platform refuses, so the failure is recorded and retried.
 */
export interface TechnicianChannel {
  readonly channel: 'slack' | 'teams';
  deliver(notification: TechnicianNotification): Promise<void>;
}

/**
 * The notifier Guichet is wired with: the log (or the notifier given to createGuichet) always,
 * then every chat channel that registered when it was mounted. A channel failing does not keep
 * the others from being tried; the failures are thrown together once all were tried, so the
 * ticket service and the outbox record and retry them.
 */
export class ChatNotifier implements Notifier {
  private readonly base: Notifier;
  private readonly channels: TechnicianChannel[] = [];

  constructor(base: Notifier) {
    this.base = base;
  }

  /** Adds a chat channel; a second registration of the same channel replaces the first. */
  register(channel: TechnicianChannel): void {
    const at = this.channels.findIndex((c) => c.channel === channel.channel);
    if (at >= 0) this.channels.splice(at, 1, channel);
    else this.channels.push(channel);
  }

  async notify(notification: TechnicianNotification): Promise<void> {
    await this.base.notify(notification);
    const results = await Promise.allSettled(this.channels.map((c) => c.deliver(notification)));
    const failures = results.flatMap((r, i) =>
      r.status === 'rejected'
        ? [`${this.channels[i]?.channel}: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`]
        : [],
    );
    if (failures.length > 0) throw new Error(`technician notification not delivered (${failures.join('; ')})`);
  }
}
