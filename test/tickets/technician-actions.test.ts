import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Guichet } from '../../src/app.js';
import type { Source } from '../../src/domain.js';
import type { PersonMessage } from '../../src/messaging/person-messenger.js';
import { PersonMessengers } from '../../src/messaging/person-messenger.js';
import { RecordingNotifier } from '../../src/notifier/recording-notifier.js';
import { loadPolicy } from '../../src/policy/load.js';
import { SlaEngine } from '../../src/sla/sla-engine.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { Ticket } from '../../src/store/ticket-store.js';
import { slaReport } from '../../src/tickets/sla-report.js';
import { findTechnician, TechnicianActions } from '../../src/tickets/technician-actions.js';
import { TicketService } from '../../src/tickets/ticket-service.js';
import { MONDAY_10H, testGuichet } from '../helpers/guichet.js';
import { freshSchema, testDatabaseUrl } from '../helpers/postgres-schema.js';
import type { SettableClock } from '../helpers/transcript.js';
import { ticketDraft } from './draft.js';

/** A messenger of one channel that keeps what it sends, or refuses when told to. */
function recordingMessenger(channel: Source) {
  const sent: { ref: string; message: PersonMessage }[] = [];
  let fails = false;
  return {
    sent,
    failNext: () => {
      fails = true;
    },
    messenger: {
      channel,
      async send(ref: string, message: PersonMessage) {
        if (fails) {
          fails = false;
          throw new Error('channel_not_found');
        }
        sent.push({ ref, message });
      },
    },
  };
}

let app: Guichet;
let clock: SettableClock;
let notifier: RecordingNotifier;
let slack: ReturnType<typeof recordingMessenger>;

beforeEach(async () => {
  ({ app, clock, notifier } = await testGuichet({ now: MONDAY_10H }));
  slack = recordingMessenger('slack');
  app.messengers.register(slack.messenger);
});
afterEach(() => app.close());

async function open(overrides: Parameters<typeof ticketDraft>[0] = {}): Promise<Ticket> {
  return (await app.tickets.open(ticketDraft(overrides))).ticket;
}

const run = (request: Parameters<TechnicianActions['run']>[0]) => app.technicianActions.run(request);

describe('the technicians’ directory', () => {
  it.each([
    ['philippe', 'philippe'],
    ['Philippe@ITCOMservices.fr', 'philippe'],
    ['U0JEROME', 'jerome'],
    ['29:1pascal-itcom', 'pascal'],
    ['marie.lefevre@transports-durand.fr', undefined],
    ['u0jerome', undefined],
  ])('knows %s as %s', (who, id) => {
    expect(findTechnician(app.policy, who)?.id).toBe(id);
  });
});

describe('Je prends (take)', () => {
  it('assigns the ticket, moves it in progress, stamps take-charge and first response, and tells the person', async () => {
    const ticket = await open();
    clock.set('2026-11-23T10:20:00+01:00');
    const outcome = await run({ action: 'take', number: ticket.number, by: 'U0PHILIPPE' });
    expect(outcome).toMatchObject({ ok: true, changed: true, told: 'sent' });
    // What every copy of the technicians' message becomes: taken by Philippe, nothing left to take.
    expect(outcome.ok && outcome.notice.facts).toContainEqual({ label: 'Pris par', value: 'Philippe' });
    expect(outcome.ok && outcome.notice.actions.map((a) => a.action)).toEqual(['reply', 'escalate', 'wait', 'resolve']);
    const taken = await app.tickets.get(ticket.number);
    expect(taken).toMatchObject({
      assignee: 'philippe',
      status: 'in_progress',
      takenAt: '2026-11-23T10:20:00+01:00',
      firstRespondedAt: '2026-11-23T10:20:00+01:00',
    });
    expect(slack.sent).toEqual([
      {
        ref: ticket.conversationRef,
        message: {
          text: `Philippe, technicien du support, a pris en charge votre ticket ${ticket.number}. Il revient vers vous au plus vite.`,
          language: 'fr',
        },
      },
    ]);
    const events = await app.store.listEvents(ticket.number);
    expect(events.map((e) => [e.kind, e.by])).toEqual([
      ['created', 'bot'],
      ['notified', 'bot'],
      ['assigned', 'philippe'],
      ['notified', 'bot'],
      ['notified', 'bot'],
    ]);
    expect(events[3]?.data).toEqual({ kind: 'person_told', channel: 'slack', told: 'sent' });
    // Then every copy of the technicians' message is updated, through the notifier.
    expect(events[4]?.data).toMatchObject({ kind: 'ticket_updated', ok: true });

    // The SLA report counts the first response the take recorded (due at 14:00 for a normale).
    const sheet = slaReport(app.policy, [taken as Ticket], { now: clock.now() });
    expect(sheet.lines.find((l) => l.priority === 'normale')).toMatchObject({
      tickets: 1,
      firstResponse: { met: 1 },
    });
  });

  it('is done once when pressed again or retried, and tells the person once', async () => {
    const ticket = await open();
    const first = await run({ action: 'take', number: ticket.number, by: 'philippe', requestId: 'a1' });
    const retried = await run({ action: 'take', number: ticket.number, by: 'philippe', requestId: 'a1' });
    const again = await run({ action: 'take', number: ticket.number, by: 'philippe' });
    expect([first, retried, again].map((o) => o.ok && o.changed)).toEqual([true, false, false]);
    expect(slack.sent).toHaveLength(1);
    const events = await app.store.listEvents(ticket.number);
    expect(events.filter((e) => e.kind === 'assigned')).toHaveLength(1);
  });

  it('gives the ticket to one of two technicians pressing at once; the other is told who has it', async () => {
    const ticket = await open();
    const [a, b] = await Promise.all([
      run({ action: 'take', number: ticket.number, by: 'philippe' }),
      run({ action: 'take', number: ticket.number, by: 'jerome' }),
    ]);
    const won = [a, b].filter((o) => o.ok);
    const lost = [a, b].filter((o) => !o.ok);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = won[0]?.ok ? won[0].technician : undefined;
    expect(lost[0]).toMatchObject({
      code: 'taken',
      holder: { id: winner?.id },
      message: `${ticket.number} is already taken by ${winner?.name}`,
    });
    expect((await app.tickets.get(ticket.number))?.assignee).toBe(winner?.id);
    expect(slack.sent).toHaveLength(1);
  });

  it('refuses someone who is not in the directory, and changes nothing', async () => {
    const ticket = await open();
    const outcome = await run({ action: 'take', number: ticket.number, by: 'U0STRANGER' });
    expect(outcome).toMatchObject({ ok: false, code: 'not_a_technician' });
    expect(await app.tickets.get(ticket.number)).toEqual(ticket);
    expect((await app.store.listEvents(ticket.number)).map((e) => e.kind)).toEqual(['created', 'notified']);
    expect(slack.sent).toEqual([]);
  });

  it('refuses an unknown number and a resolved ticket', async () => {
    expect(await run({ action: 'take', number: 'T20261123.0099', by: 'philippe' })).toMatchObject({
      ok: false,
      code: 'unknown_ticket',
    });
    const ticket = await open();
    await run({ action: 'resolve', number: ticket.number, by: 'philippe', text: 'Réglé.' });
    expect(await run({ action: 'take', number: ticket.number, by: 'jerome' })).toMatchObject({
      ok: false,
      code: 'not_open',
    });
  });
});

describe('Répondre, En attente client, Résolu, Rouvrir', () => {
  it('relays a reply to the person, keeps it in the event log and counts it as the first response', async () => {
    const ticket = await open({ language: 'en' });
    clock.set('2026-11-23T10:30:00+01:00');
    const outcome = await run({
      action: 'reply',
      number: ticket.number,
      by: 'jerome',
      text: 'Pouvez-vous redémarrer le poste ?',
    });
    expect(outcome).toMatchObject({ ok: true, told: 'sent' });
    expect(slack.sent.map((s) => s.message.text)).toEqual([
      `Message from Jérôme about your ticket ${ticket.number}:\nPouvez-vous redémarrer le poste ?`,
    ]);
    const events = await app.store.listEvents(ticket.number);
    expect(events.find((e) => e.kind === 'replied')).toMatchObject({
      by: 'jerome',
      data: { text: 'Pouvez-vous redémarrer le poste ?' },
    });
    expect((await app.tickets.get(ticket.number))?.firstRespondedAt).toBe('2026-11-23T10:30:00+01:00');
  });

  it('refuses a reply, an escalation or a resolution without its text', async () => {
    const ticket = await open();
    for (const action of ['reply', 'escalate', 'resolve'] as const) {
      expect(await run({ action, number: ticket.number, by: 'philippe', text: '  ' })).toMatchObject({
        ok: false,
        code: 'text_required',
      });
    }
    expect((await app.store.listEvents(ticket.number)).map((e) => e.kind)).toEqual(['created', 'notified']);
  });

  it('waits for the person, resolves with a note, then reopens, telling the person each time', async () => {
    const ticket = await open();
    await run({ action: 'take', number: ticket.number, by: 'philippe' });
    await run({ action: 'wait', number: ticket.number, by: 'philippe', text: 'Quel est le message d’erreur ?' });
    expect((await app.tickets.get(ticket.number))?.status).toBe('waiting_customer');
    clock.set('2026-11-23T11:00:00+01:00');
    await run({ action: 'resolve', number: ticket.number, by: 'philippe', text: 'Profil Outlook recréé.' });
    const resolved = await app.tickets.get(ticket.number);
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: '2026-11-23T11:00:00+01:00' });
    const again = await run({
      action: 'resolve',
      number: ticket.number,
      by: 'philippe',
      text: 'Profil Outlook recréé.',
    });
    expect(again).toMatchObject({ ok: true, changed: false });
    await run({ action: 'reopen', number: ticket.number, by: 'philippe' });
    expect(await app.tickets.get(ticket.number)).toMatchObject({ status: 'in_progress', resolvedAt: null });
    expect(slack.sent.map((s) => s.message.text.split('\n')[0])).toEqual([
      `Philippe, technicien du support, a pris en charge votre ticket ${ticket.number}. Il revient vers vous au plus vite.`,
      `Philippe attend une réponse de votre part pour avancer sur le ticket ${ticket.number} :`,
      `Philippe a résolu votre ticket ${ticket.number} :`,
      `Philippe a rouvert votre ticket ${ticket.number} ; le support reprend le dossier.`,
    ]);
    const changes = (await app.store.listEvents(ticket.number)).filter((e) => e.kind === 'status_changed');
    expect(changes.map((e) => e.data)).toEqual([
      { from: 'in_progress', to: 'waiting_customer', note: 'Quel est le message d’erreur ?' },
      { from: 'waiting_customer', to: 'resolved', note: 'Profil Outlook recréé.' },
      { from: 'resolved', to: 'in_progress' },
    ]);
  });
});

describe('Escalader', () => {
  it('moves the ticket to the next level, frees it for that level and tells its technicians why', async () => {
    const ticket = await open();
    await run({ action: 'take', number: ticket.number, by: 'jerome' });
    notifier.notifications.length = 0;
    const outcome = await run({
      action: 'escalate',
      number: ticket.number,
      by: 'jerome',
      text: 'Profil corrompu, il faut les droits d’administration',
    });
    expect(outcome).toMatchObject({ ok: true, changed: true });
    expect(await app.tickets.get(ticket.number)).toMatchObject({ level: 2, assignee: null, status: 'assigned' });
    expect(notifier.notifications.map((n) => n.kind)).toEqual(['ticket_escalated', 'ticket_updated']);
    const [note, update] = notifier.notifications;
    expect(update?.ticket).toMatchObject({ level: 2, assignee: null });
    expect(note?.kind).toBe('ticket_escalated');
    expect(note?.recipients.map((t) => t.id)).toEqual(['philippe', 'pascal']);
    expect(note?.text).toContain('Escaladé du niveau 1 au niveau 2 par jerome.');
    expect(note?.text).toContain('Motif : Profil corrompu, il faut les droits d’administration');
    expect(note?.notice?.facts).toContainEqual({
      label: "Motif de l'escalade",
      value: 'Profil corrompu, il faut les droits d’administration',
    });
    expect(slack.sent.at(-1)?.message.text).toBe(
      `Votre ticket ${ticket.number} est confié au niveau 2 du support, qui reprend la suite. Vous n'avez rien à refaire.`,
    );
    // A level-2 technician can now take it.
    expect(await run({ action: 'take', number: ticket.number, by: 'pascal' })).toMatchObject({ ok: true });
  });

  it('is done once under a platform retry, and refused at the highest level', async () => {
    const ticket = await open();
    const press = { action: 'escalate' as const, number: ticket.number, by: 'philippe', text: 'Besoin du niveau 2' };
    await run({ ...press, requestId: 'Ev1' });
    await run({ ...press, requestId: 'Ev1' });
    expect((await app.tickets.get(ticket.number))?.level).toBe(2);
    await run({ ...press, requestId: 'Ev2' });
    expect(await run({ ...press, requestId: 'Ev3' })).toMatchObject({ ok: false, code: 'top_level' });
    expect((await app.store.listEvents(ticket.number)).filter((e) => e.kind === 'escalated')).toHaveLength(2);
  });
});

describe('a pressed button', () => {
  it('runs the action its value names, as the presser’s platform id', async () => {
    const ticket = await open();
    // The first button of the notification the ticket's level received.
    const take = notifier.notifications[0]?.notice?.actions[0];
    expect(take?.label).toBe('Je prends');
    const outcome = await app.technicianActions.press(take?.value ?? '', 'U0JEROME', {
      requestId: '1700000000.000100',
    });
    expect(outcome).toMatchObject({ ok: true, action: 'take', technician: { id: 'jerome' } });
    expect((await app.tickets.get(ticket.number))?.assignee).toBe('jerome');
  });

  it.each(['guichet:delete:T20261123.0001', 'guichet:call_back:T20261123.0001', '{"action":"take"}'])(
    'refuses %j and changes nothing',
    async (value) => {
      const ticket = await open();
      expect(await app.technicianActions.press(value, 'U0JEROME')).toMatchObject({ ok: false, code: 'invalid_button' });
      expect(await app.tickets.get(ticket.number)).toEqual(ticket);
    },
  );
});

describe('telling the person', () => {
  it('logs the message when the channel cannot reach them, and the action stands', async () => {
    const ticket = await open({ source: 'web', conversationRef: null });
    const outcome = await run({ action: 'take', number: ticket.number, by: 'philippe' });
    expect(outcome).toMatchObject({ ok: true, told: 'logged' });
    expect((await app.tickets.get(ticket.number))?.assignee).toBe('philippe');
  });

  it('sends a phone ticket’s message to the caller’s number through the phone messenger', async () => {
    const phone = recordingMessenger('phone');
    app.messengers.register(phone.messenger);
    const ticket = await open({ source: 'phone', conversationRef: null, contactPhone: '+33612345678' });
    await run({ action: 'take', number: ticket.number, by: 'philippe' });
    expect(phone.sent.map((s) => s.ref)).toEqual(['+33612345678']);
  });

  it('records a refused delivery as failed, logged at error with the ticket; the action stands', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
        done();
      },
    });
    const messengers = new PersonMessengers();
    const failing = recordingMessenger('slack');
    messengers.register(failing.messenger);
    const actions = new TechnicianActions({
      tickets: app.tickets,
      store: app.store,
      policy: app.policy,
      clock,
      sla: app.sla,
      messengers,
      logger: pino({ level: 'info' }, sink),
    });
    const ticket = await open();
    failing.failNext();
    const outcome = await actions.run({ action: 'take', number: ticket.number, by: 'philippe' });
    expect(outcome).toMatchObject({ ok: true, changed: true, told: 'failed' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.find((l) => l.msg === 'the person could not be told')).toMatchObject({
      level: 50,
      error: 'channel_not_found',
      personMessage: { ticket: ticket.number, channel: 'slack', told: 'failed' },
    });
    const told = (await app.store.listEvents(ticket.number)).find((e) => e.data?.kind === 'person_told');
    expect(told?.data).toEqual({ kind: 'person_told', channel: 'slack', told: 'failed', error: 'channel_not_found' });
  });
});

if (testDatabaseUrl) {
  const url = testDatabaseUrl;
  describe('two instances on PostgreSQL', () => {
    it('give a ticket pressed by two technicians at once to one of them', async () => {
      const { schema, drop } = await freshSchema(url);
      const policy = loadPolicy();
      const sla = new SlaEngine(policy);
      const instance = async () => {
        const store = await PostgresStore.open(url, { schema, maxConnections: 2 });
        const tickets = new TicketService({ store, policy, sla, clock, notifier: new RecordingNotifier() });
        const logger = pino({ level: 'silent' });
        const messengers = new PersonMessengers();
        return {
          store,
          tickets,
          actions: new TechnicianActions({ tickets, store, policy, clock, sla, messengers, logger }),
        };
      };
      const [one, two] = [await instance(), await instance()];
      try {
        const { ticket } = await one.tickets.open(ticketDraft());
        const outcomes = await Promise.all(
          ['philippe', 'jerome', 'U0PHILIPPE', 'U0JEROME'].map((by, i) =>
            (i % 2 ? two : one).actions.run({ action: 'take', number: ticket.number, by }),
          ),
        );
        const holder = (await two.tickets.get(ticket.number))?.assignee;
        expect(['philippe', 'jerome']).toContain(holder);
        for (const outcome of outcomes) {
          if (outcome.ok) expect(outcome.technician.id).toBe(holder);
          else expect(outcome).toMatchObject({ code: 'taken', holder: { id: holder } });
        }
        expect((await one.store.listEvents(ticket.number)).filter((e) => e.kind === 'assigned')).toHaveLength(1);
      } finally {
        await one.store.close();
        await two.store.close();
        await drop();
      }
    });
  });
} else if (process.env.CI === 'true') {
  describe('two instances on PostgreSQL', () => {
    it('needs TEST_DATABASE_URL under CI', () => {
      throw new Error('TEST_DATABASE_URL is not set: CI must run the PostgreSQL tests (postgres://…)');
    });
  });
} else {
  describe.skip('two instances on PostgreSQL (skipped: set TEST_DATABASE_URL=postgres://… to run it)', () => {
    it('give a ticket pressed by two technicians at once to one of them', () => {});
  });
  process.stderr.write('Technician actions on PostgreSQL skipped: TEST_DATABASE_URL is not set.\n');
}
