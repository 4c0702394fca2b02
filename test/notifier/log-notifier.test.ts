import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { LogNotifier } from '../../src/notifier/log-notifier.js';
import type { TechnicianNotification } from '../../src/notifier/notifier.js';
import { RecordingNotifier } from '../../src/notifier/recording-notifier.js';
import { newTicket } from '../store/new-ticket.js';

const notification = (urgent: boolean): TechnicianNotification => ({
  kind: 'ticket_opened',
  ticket: {
    ...newTicket({ priority: urgent ? 'critique' : 'normale' }),
    number: 'T20261122.0001',
    firstRespondedAt: null,
    resolvedAt: null,
    assignee: null,
    takenAt: null,
  },
  recipients: [{ id: 'philippe', name: 'Philippe', email: 'philippe@itcomservices.fr', chatIds: {} }],
  urgent,
  text: 'Nouveau ticket T20261122.0001',
});

function collect(stream: PassThrough): () => string[] {
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return () => chunks.join('').split('\n').filter(Boolean);
}

describe('LogNotifier', () => {
  it('writes one JSON line per notification to a stream', async () => {
    const stream = new PassThrough();
    const lines = collect(stream);
    const notifier = new LogNotifier(stream);
    await notifier.notify(notification(false));
    await notifier.notify(notification(true));
    expect(lines().map((l) => JSON.parse(l))).toEqual([
      {
        kind: 'ticket_opened',
        ticket: 'T20261122.0001',
        priority: 'normale',
        queue: 'OPS-01-INFORMATIQUE',
        level: 1,
        recipients: ['philippe'],
        urgent: false,
        text: 'Nouveau ticket T20261122.0001',
      },
      expect.objectContaining({ priority: 'critique', urgent: true }),
    ]);
  });

  it.each([
    [false, 30],
    [true, 40],
  ])('logs through pino (urgent %s at level %i)', async (urgent, level) => {
    const stream = new PassThrough();
    const lines = collect(stream);
    await new LogNotifier(pino({ level: 'info' }, stream)).notify(notification(urgent));
    const [line] = lines().map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(line).toMatchObject({
      level,
      msg: 'technician notification',
      notification: { ticket: 'T20261122.0001', urgent },
    });
  });
});

describe('RecordingNotifier', () => {
  it('keeps every notification in order', async () => {
    const notifier = new RecordingNotifier();
    await notifier.notify(notification(false));
    await notifier.notify(notification(true));
    expect(notifier.notifications.map((n) => n.urgent)).toEqual([false, true]);
  });
});
