import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { Notifier, TechnicianNotification } from './notifier.js';

/** The fields of a notification worth a log line: the ticket by its number, the recipients by id. */
export function notificationRecord(notification: TechnicianNotification): Record<string, unknown> {
  const { ticket } = notification;
  return {
    kind: notification.kind,
    ticket: ticket.number,
    priority: ticket.priority,
    queue: ticket.queue,
    level: ticket.level,
    recipients: notification.recipients.map((t) => t.id),
    urgent: notification.urgent,
    text: notification.text,
  };
}

function isLogger(target: Writable | Logger): target is Logger {
  return typeof (target as Logger).info === 'function' && typeof (target as Logger).child === 'function';
}

/**
 * A notifier that writes one JSON line per notification: to a stream, or through a pino logger
 * (at `warn` when urgent, so an on-call filter picks it up). It is the default when no chat
 * channel is configured: technicians read the log.
 */
export class LogNotifier implements Notifier {
  private readonly target: Writable | Logger;

  constructor(target: Writable | Logger) {
    this.target = target;
  }

  async notify(notification: TechnicianNotification): Promise<void> {
    const record = notificationRecord(notification);
    const target = this.target;
    if (isLogger(target)) {
      const log = notification.urgent ? target.warn.bind(target) : target.info.bind(target);
      log({ notification: record }, 'technician notification');
      return;
    }
    await new Promise<void>((resolve, reject) => {
      target.write(`${JSON.stringify(record)}\n`, (error) => (error ? reject(error) : resolve()));
    });
  }
}
