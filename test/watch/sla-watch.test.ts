import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Guichet } from '../../src/app.js';
import type { Source } from '../../src/domain.js';
import type { PersonMessage, PersonMessenger } from '../../src/messaging/person-messenger.js';
import type { Notifier, TechnicianNotification } from '../../src/notifier/notifier.js';
import type { RecordingNotifier } from '../../src/notifier/recording-notifier.js';
import type { Policy } from '../../src/policy/schema.js';
import { SlaWatch, TIMER_LEASE_MS } from '../../src/watch/sla-watch.js';
import { watchStep } from '../../src/watch/steps.js';
import { MONDAY_10H, settableClock, testGuichet } from '../helpers/guichet.js';
import type { SettableClock } from '../helpers/transcript.js';
import { ticketDraft } from '../tickets/draft.js';

/** A chat channel's messenger that keeps what it was asked to send. */
class RecordingMessenger implements PersonMessenger {
  readonly sent: { conversationRef: string; message: PersonMessage }[] = [];
  constructor(readonly channel: Source) {}
  async send(conversationRef: string, message: PersonMessage): Promise<void> {
    this.sent.push({ conversationRef, message });
  }
}

/** A notifier that fails its first `failures` notifications, as a chat platform down for a while. */
class FlakyNotifier implements Notifier {
  readonly delivered: TechnicianNotification[] = [];
  constructor(private failures: number) {}
  async notify(notification: TechnicianNotification): Promise<void> {
    if (this.failures-- > 0) throw new Error('Slack answered 503');
    this.delivered.push(notification);
  }
}

const TUESDAY_11H31 = '2026-11-24T11:31:00+01:00';
const folders: string[] = [];
const apps: Guichet[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function guichet(options: { database?: string; clock?: SettableClock; notifier?: RecordingNotifier } = {}) {
  const made = await testGuichet({ now: MONDAY_10H, ...options });
  apps.push(made.app);
  const messenger = new RecordingMessenger('slack');
  made.app.messengers.register(messenger);
  return { ...made, messenger };
}

function databaseFile(): string {
  const folder = mkdtempSync(join(tmpdir(), 'guichet-watch-'));
  folders.push(folder);
  return join(folder, 'guichet.sqlite');
}

/** Another watcher on the same app's ports, with its own notifier, policy or wall clock. */
function watcher(app: Guichet, overrides: { notifier?: Notifier; policy?: Policy; wallClock?: () => number } = {}) {
  return new SlaWatch({
    store: app.store,
    policy: overrides.policy ?? app.policy,
    sla: app.sla,
    clock: app.clock,
    notifier: overrides.notifier ?? app.notifier,
    messengers: app.messengers,
    ...(overrides.wallClock ? { wallClock: overrides.wallClock } : {}),
  });
}

const escalations = async (app: Guichet, number: string) =>
  (await app.store.listEvents(number))
    .filter((e) => e.kind === 'escalated')
    .map((e) => [e.by, e.data?.fromLevel, e.data?.toLevel, e.data?.step]);

describe('the SLA watch', () => {
  it('escalates a normale ticket nobody took to level 2 at take-charge time + 1 h, once, and tells everyone', async () => {
    const { app, clock, notifier, messenger } = await guichet();
    const { ticket } = await app.tickets.open(ticketDraft());
    notifier.notifications.length = 0;
    clock.set('2026-11-24T11:29:00+01:00');
    expect(await app.watch.pass()).toEqual([]);

    clock.set(TUESDAY_11H31);
    expect(await app.watch.pass()).toEqual([
      {
        ticket: ticket.number,
        step: 'take_charge',
        level: 2,
        action: 'escalated',
        notified: ['philippe', 'pascal', 'person'],
        due: '2026-11-24T11:30:00+01:00',
      },
    ]);
    expect(await app.watch.pass()).toEqual([]);

    expect(await app.tickets.get(ticket.number)).toMatchObject({ level: 2, primaryResource: 'philippe' });
    const [event] = (await app.store.listEvents(ticket.number)).filter((e) => e.kind === 'escalated');
    expect(event).toMatchObject({
      by: 'sla-watch',
      data: {
        fromLevel: 1,
        toLevel: 2,
        step: 'take_charge',
        rule: expect.stringMatching(/délais impartis \+ 1 heure/),
      },
    });
    // The level-2 technicians get it; then every copy of its message shows it at level 2, freed.
    expect(notifier.notifications.map((n) => [n.kind, n.recipients.map((t) => t.id)])).toEqual([
      ['ticket_escalated', ['philippe', 'pascal']],
      ['ticket_updated', ['philippe', 'pascal']],
    ]);
    expect(notifier.notifications[0]?.text).toContain('Escaladé automatiquement du niveau 1 au niveau 2');
    expect(notifier.notifications[1]?.ticket).toMatchObject({ level: 2, assignee: null });
    expect(messenger.sent).toEqual([
      {
        conversationRef: ticketDraft().conversationRef,
        message: { text: expect.stringMatching(/^Votre ticket T20261123\.0001 est passé au niveau 2 : /) },
      },
    ]);
    const notified = (await app.store.listEvents(ticket.number)).filter((e) => e.data?.outbox);
    expect(notified.map((e) => [e.kind, e.data?.outbox, e.data?.ok])).toEqual([
      ['notified', 'T20261123.0001/take_charge/2/technicians', true],
      ['notified', 'T20261123.0001/take_charge/2/person', true],
    ]);
  });

  it('warns the level-1 technicians once 75 % of the first-response time has passed without an answer', async () => {
    const { app, clock, notifier } = await guichet();
    const { ticket } = await app.tickets.open(ticketDraft());
    clock.set('2026-11-23T14:29:59+01:00');
    expect(await app.watch.pass()).toEqual([]);
    clock.set('2026-11-23T14:30:00+01:00');
    const lines = await app.watch.pass();
    expect(lines.map((l) => [l.step, l.action, l.notified])).toEqual([
      ['first_response_warning', 'warned', ['philippe', 'jerome']],
    ]);
    expect(notifier.notifications.at(-1)).toMatchObject({ kind: 'sla_warning', ticket: { level: 1 } });
    expect(notifier.notifications.at(-1)?.text).toContain('75 % du délai de première réponse est écoulé sans réponse');
    expect((await app.store.listEvents(ticket.number)).at(-2)).toMatchObject({ kind: 'sla_warning', by: 'sla-watch' });
  });

  it('at the resolution deadline escalates to level 3 and warns the helpdesk manager, once', async () => {
    const { app, clock, notifier, messenger } = await guichet();
    const { ticket } = await app.tickets.open(ticketDraft());
    clock.set(TUESDAY_11H31);
    await app.watch.pass();
    notifier.notifications.length = 0;
    clock.set('2026-11-24T16:00:00+01:00');
    expect((await app.watch.pass()).map((l) => [l.step, l.level, l.notified])).toEqual([
      ['resolution', 3, ['pascal', 'loic', 'person']],
    ]);
    expect(await app.watch.pass()).toEqual([]);
    expect(notifier.notifications.map((n) => [n.kind, n.recipients.map((t) => t.id)])).toEqual([
      ['ticket_escalated', ['pascal', 'loic']],
      ['sla_warning', ['loic']],
      ['ticket_updated', ['pascal', 'loic']],
    ]);
    expect(notifier.notifications[1]?.text).toContain('Pour information du responsable : délai de résolution dépassé');
    expect(messenger.sent.map((s) => s.message.text.slice(0, 50))).toEqual([
      'Votre ticket T20261123.0001 est passé au niveau 2 ',
      'Votre ticket T20261123.0001 est passé au niveau 3 ',
    ]);
    expect(await escalations(app, ticket.number)).toEqual([
      ['sla-watch', 1, 2, 'take_charge'],
      ['sla-watch', 2, 3, 'resolution'],
    ]);
  });

  it('after a downtime over both deadlines, fires both steps once, in order, and the ticket reaches level 3', async () => {
    const { app, clock } = await guichet();
    const { ticket } = await app.tickets.open(ticketDraft());
    clock.set('2026-11-26T09:00:00+01:00');
    expect((await app.watch.pass()).map((l) => [l.step, l.level])).toEqual([
      ['take_charge', 2],
      ['resolution', 3],
    ]);
    expect(await app.watch.pass()).toEqual([]);
    expect((await app.tickets.get(ticket.number))?.level).toBe(3);
    expect(await escalations(app, ticket.number)).toEqual([
      ['sla-watch', 1, 2, 'take_charge'],
      ['sla-watch', 2, 3, 'resolution'],
    ]);
    // The warning came too late to warn of anything (its deadline had passed): done without a word.
    expect((await app.store.listEvents(ticket.number)).filter((e) => e.kind === 'sla_warning')).toEqual([]);
    expect((await app.store.listTimers(ticket.number)).map((t) => [t.kind, t.state])).toEqual([
      ['first_response_warning', 'fired'],
      ['take_charge', 'fired'],
      ['resolution', 'fired'],
    ]);
  });

  it('counts business time over a night and a weekend: a critique ticket of Friday 17:30 waits for Monday', async () => {
    const { app, clock } = await guichet({ clock: settableClock('2026-11-20T17:30:00+01:00') });
    const { ticket } = await app.tickets.open(ticketDraft({ priority: 'critique' }));
    expect(ticket.level).toBe(2);
    for (const at of ['2026-11-20T23:00:00+01:00', '2026-11-22T18:00:00+01:00', '2026-11-23T09:14:00+01:00']) {
      clock.set(at);
      expect(await app.watch.pass()).toEqual([]);
    }
    clock.set('2026-11-23T09:15:00+01:00');
    expect((await app.watch.pass()).map((l) => [l.step, l.level])).toEqual([['first_response_warning', 2]]);
    clock.set('2026-11-23T12:30:00+01:00');
    expect((await app.watch.pass()).map((l) => [l.step, l.level, l.action])).toEqual([['resolution', 3, 'escalated']]);
  });

  it.each([
    ['taken (in progress)', (app: Guichet, n: string) => app.tickets.changeStatus(n, 'in_progress', 'philippe')],
    ['answered', (app: Guichet, n: string) => app.tickets.recordFirstResponse(n, 'philippe')],
  ])('%s before take-charge time: no warning, no escalation, only the resolution deadline stays', async (_, act) => {
    const { app, clock } = await guichet();
    const { ticket } = await app.tickets.open(ticketDraft());
    clock.set('2026-11-23T11:00:00+01:00');
    await act(app, ticket.number);
    clock.set(TUESDAY_11H31);
    expect(await app.watch.pass()).toEqual([]);
    expect((await app.store.listTimers(ticket.number)).map((t) => [t.kind, t.state])).toEqual([
      ['first_response_warning', 'cancelled'],
      ['take_charge', 'cancelled'],
      ['resolution', 'pending'],
    ]);
  });

  it('resolving cancels every timer; reopening plans the resolution deadline again', async () => {
    const { app, clock } = await guichet();
    const { ticket } = await app.tickets.open(ticketDraft());
    clock.set('2026-11-23T11:00:00+01:00');
    await app.tickets.changeStatus(ticket.number, 'resolved', 'philippe');
    expect((await app.store.listTimers(ticket.number)).every((t) => t.state === 'cancelled')).toBe(true);
    clock.set('2026-11-26T09:00:00+01:00');
    expect(await app.watch.pass()).toEqual([]);

    await app.tickets.changeStatus(ticket.number, 'assigned', 'philippe');
    expect((await app.watch.pass()).map((l) => [l.step, l.level])).toEqual([['resolution', 3]]);
    expect(await escalations(app, ticket.number)).toEqual([['sla-watch', 1, 3, 'resolution']]);
  });

  it('moves the timers when the priority changes', async () => {
    const { app } = await guichet();
    const { ticket } = await app.tickets.open(ticketDraft());
    const dues = async () =>
      (await app.store.listTimers(ticket.number)).map((t) => app.sla.formatInstant(new Date(t.dueAt)));
    expect(await dues()).toEqual([
      '2026-11-23T14:30:00+01:00',
      '2026-11-24T11:30:00+01:00',
      '2026-11-24T16:00:00+01:00',
    ]);
    await app.watch.ticketChanged({ ...ticket, priority: 'haute' });
    expect(await dues()).toEqual([
      '2026-11-23T11:30:00+01:00',
      '2026-11-23T16:30:00+01:00',
      '2026-11-24T10:30:00+01:00',
    ]);
  });

  it('gives no timers to a ticket without contract', async () => {
    const { app, clock } = await guichet();
    const { ticket } = await app.tickets.open(ticketDraft({ contract: false }));
    expect(await app.store.listTimers(ticket.number)).toEqual([]);
    clock.set('2026-12-31T12:00:00+01:00');
    expect(await app.watch.pass()).toEqual([]);
  });

  it('only proposes the escalation when the policy says so: the ticket stays at level 1', async () => {
    const { app, clock, notifier } = await guichet();
    const policy: Policy = {
      ...app.policy,
      slaWatch: { ...app.policy.slaWatch, takeCharge: { toLevel: 2, escalation: 'proposed' } },
    };
    const { ticket } = await app.tickets.open(ticketDraft());
    clock.set(TUESDAY_11H31);
    expect((await watcher(app, { policy }).pass()).map((l) => [l.step, l.action, l.notified])).toEqual([
      ['take_charge', 'proposed', ['philippe', 'jerome']],
    ]);
    expect((await app.tickets.get(ticket.number))?.level).toBe(1);
    expect(await escalations(app, ticket.number)).toEqual([]);
    expect(notifier.notifications.at(-1)?.text).toContain('Escalade proposée au niveau 2');
  });

  it("routes the person's own escalation request through the same step and outbox", async () => {
    const { app, notifier } = await guichet();
    const { ticket } = await app.tickets.open(ticketDraft());
    const { reached } = await app.tickets.escalate(ticket.number, 'Marie Lefèvre');
    expect(reached).toBe(false);
    expect(await escalations(app, ticket.number)).toEqual([['Marie Lefèvre', 1, 2, 'escalation_request']]);
    expect(notifier.notifications.at(-1)).toMatchObject({ kind: 'ticket_escalated', ticket: { level: 2 } });
    const notified = (await app.store.listEvents(ticket.number)).at(-1);
    expect(notified?.data).toMatchObject({ outbox: 'T20261123.0001/escalation_request/2/technicians', ok: true });
    // At level 2, the take-charge escalation has nothing left to do.
    expect((await app.store.listTimers(ticket.number)).find((t) => t.kind === 'take_charge')?.state).toBe('cancelled');
  });
});

describe('the SLA watch across crashes', () => {
  it('fires once, after a restart, the steps a watcher claimed before its process died', async () => {
    const database = databaseFile();
    const first = await guichet({ database });
    const { ticket } = await first.app.tickets.open(ticketDraft());
    first.clock.set(TUESDAY_11H31);
    const claimed = await first.app.store.claimDueTimers(
      first.clock.now(),
      'dying',
      Date.now(),
      Date.now() + 60_000,
      10,
    );
    expect(claimed.map((t) => t.kind)).toEqual(['first_response_warning', 'take_charge']);
    await first.app.close();
    apps.splice(apps.indexOf(first.app), 1);

    // Restarted while the dead watcher's lease stands: its timers wait; once it ran out, they fire once.
    const second = await guichet({ database, clock: settableClock(TUESDAY_11H31) });
    expect(await watcher(second.app).pass()).toEqual([]);
    const later = watcher(second.app, { wallClock: () => Date.now() + TIMER_LEASE_MS + 1 });
    expect((await later.pass()).map((l) => [l.step, l.level])).toEqual([['take_charge', 2]]);
    expect(await later.pass()).toEqual([]);
    expect(await escalations(second.app, ticket.number)).toEqual([['sla-watch', 1, 2, 'take_charge']]);
    expect(second.notifier.notifications.filter((n) => n.kind === 'ticket_escalated')).toHaveLength(1);
    expect(second.messenger.sent).toHaveLength(1);
  });

  it('sends, after a restart, a message queued with the change by a process that died before sending it', async () => {
    const database = databaseFile();
    const first = await guichet({ database });
    const { ticket } = await first.app.tickets.open(ticketDraft());
    first.clock.set(TUESDAY_11H31);
    const now = first.clock.now();
    const due = await first.app.store.claimDueTimers(now, 'dying', Date.now(), Date.now() + 60_000, 10);
    await first.app.store.fireTimers(due, 'dying', now, (timer, t) =>
      watchStep(first.app.policy, first.app.sla, timer, t, now),
    );
    // The change is saved with its outbox: the process dies before delivering.
    expect((await first.app.tickets.get(ticket.number))?.level).toBe(2);
    expect(first.notifier.notifications.filter((n) => n.kind === 'ticket_escalated')).toEqual([]);
    await first.app.close();
    apps.splice(apps.indexOf(first.app), 1);

    const second = await guichet({ database, clock: settableClock(TUESDAY_11H31) });
    expect(await second.app.watch.pass()).toEqual([]);
    await second.app.watch.pass();
    expect(second.notifier.notifications.map((n) => [n.kind, n.recipients.map((t) => t.id)])).toEqual([
      ['ticket_escalated', ['philippe', 'pascal']],
      ['ticket_updated', ['philippe', 'pascal']],
    ]);
    expect(second.messenger.sent).toHaveLength(1);
    const outboxEvents = (await second.app.store.listEvents(ticket.number)).filter((e) => e.data?.outbox);
    expect(outboxEvents.map((e) => e.data?.outbox)).toEqual([
      'T20261123.0001/take_charge/2/technicians',
      'T20261123.0001/take_charge/2/person',
    ]);
  });

  it('retries a failed notification with a pause, and records it once when it goes through', async () => {
    const { app, clock } = await guichet();
    const { ticket } = await app.tickets.open(ticketDraft());
    clock.set(TUESDAY_11H31);
    const notifier = new FlakyNotifier(1);
    let wall = 1_800_000_000_000;
    const flaky = watcher(app, { notifier, wallClock: () => wall });
    expect((await flaky.pass()).map((l) => l.notified)).toEqual([['person']]);
    wall += 14_000;
    await flaky.pass();
    expect(notifier.delivered).toEqual([]);
    wall += 1_000;
    await flaky.pass();
    expect(notifier.delivered.map((n) => n.kind)).toEqual(['ticket_escalated', 'ticket_updated']);
    await flaky.pass();
    const technicians = (await app.store.listEvents(ticket.number)).filter(
      (e) => e.data?.outbox === 'T20261123.0001/take_charge/2/technicians',
    );
    expect(technicians.map((e) => e.data?.ok)).toEqual([true]);
  });

  it('records a message to a person whose channel cannot write to them as failed, once', async () => {
    const { app, clock } = await guichet();
    const { ticket } = await app.tickets.open(ticketDraft({ source: 'teams', conversationRef: '{"id":"19:abc"}' }));
    clock.set(TUESDAY_11H31);
    expect((await app.watch.pass()).map((l) => l.notified)).toEqual([['philippe', 'pascal']]);
    await app.watch.pass();
    const person = (await app.store.listEvents(ticket.number)).filter(
      (e) => e.data?.outbox === 'T20261123.0001/take_charge/2/person',
    );
    expect(person.map((e) => [e.data?.ok, e.data?.error])).toEqual([
      [false, 'the teams channel cannot write to the person outside their conversation'],
    ]);
  });

  it('plans the timers of tickets opened before the watch, when it starts', async () => {
    const { app, clock } = await guichet();
    const { ticket } = await app.store.createTicket({
      ...ticketDraft(),
      createdAt: new Date(MONDAY_10H).toISOString(),
      queue: 'OPS-01-INFORMATIQUE',
      primaryResource: 'philippe',
      level: 1,
      status: 'assigned',
      workType: 'Support à distance (Réactif)',
      firstResponseDue: null,
      resolutionDue: null,
      escalationAt: null,
    });
    expect(await app.watch.backfill()).toBe(1);
    expect(await app.watch.backfill()).toBe(0);
    clock.set(TUESDAY_11H31);
    expect((await app.watch.pass()).map((l) => [l.ticket, l.step])).toEqual([[ticket.number, 'take_charge']]);
  });
});
