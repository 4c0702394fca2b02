import { describe, expect, it } from 'vitest';
import { ChatNotifier, type TechnicianChannel } from '../../src/notifier/chat-notifier.js';
import type { TechnicianNotification } from '../../src/notifier/notifier.js';
import { RecordingNotifier } from '../../src/notifier/recording-notifier.js';

const notification = { kind: 'ticket_opened', text: 'Nouveau ticket' } as unknown as TechnicianNotification;

function channel(name: 'slack' | 'teams', fails = false): TechnicianChannel & { got: TechnicianNotification[] } {
  const got: TechnicianNotification[] = [];
  return {
    channel: name,
    got,
    async deliver(n) {
      if (fails) throw new Error('platform down');
      got.push(n);
    },
  };
}

describe('the chat notifier', () => {
  it('tells the base notifier and every registered channel', async () => {
    const base = new RecordingNotifier();
    const notifier = new ChatNotifier(base);
    const [slack, teams] = [channel('slack'), channel('teams')];
    notifier.register(slack);
    notifier.register(teams);
    await notifier.notify(notification);
    expect(base.notifications).toEqual([notification]);
    expect(slack.got).toEqual([notification]);
    expect(teams.got).toEqual([notification]);
  });

  it('tries every channel when one fails, then throws naming the one that failed', async () => {
    const notifier = new ChatNotifier(new RecordingNotifier());
    const teams = channel('teams');
    notifier.register(channel('slack', true));
    notifier.register(teams);
    await expect(notifier.notify(notification)).rejects.toThrow(/slack: platform down/);
    expect(teams.got).toEqual([notification]);
  });

  it('keeps one registration per channel', async () => {
    const notifier = new ChatNotifier(new RecordingNotifier());
    const [first, second] = [channel('slack'), channel('slack')];
    notifier.register(first);
    notifier.register(second);
    await notifier.notify(notification);
    expect(first.got).toEqual([]);
    expect(second.got).toEqual([notification]);
  });
});
