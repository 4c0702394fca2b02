import type { Notifier, TechnicianNotification } from './notifier.js';

/** A notifier that keeps every notification in a list: the test double of the notifier port. */
export class RecordingNotifier implements Notifier {
  readonly notifications: TechnicianNotification[] = [];

  async notify(notification: TechnicianNotification): Promise<void> {
    this.notifications.push(notification);
  }
}
