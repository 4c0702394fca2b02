import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Domain, Priority } from '../../src/domain.js';
import { ErrorCode } from '../../src/errors.js';
import type { Notifier } from '../../src/notifier/notifier.js';
import { RecordingNotifier } from '../../src/notifier/recording-notifier.js';
import { loadPolicy } from '../../src/policy/load.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { TicketService } from '../../src/tickets/ticket-service.js';
import { ticketDraft } from './draft.js';
import { fakeDeadlines, handClock } from './fakes.js';

const policy = loadPolicy();

let store: SqliteStore;
let notifier: RecordingNotifier;
let clock: ReturnType<typeof handClock>;
let service: TicketService;

function serviceWith(n: Notifier): TicketService {
  return new TicketService({ store, policy, sla: fakeDeadlines, clock, notifier: n });
}

beforeEach(() => {
  store = SqliteStore.open(':memory:');
  notifier = new RecordingNotifier();
  // Monday 23 November 2026, 10:00 in Paris.
  clock = handClock('2026-11-23T09:00:00Z');
  service = serviceWith(notifier);
});
afterEach(() => store.close());

describe('TicketService.open', () => {
  it.each<[Domain, Priority, string, number, string, string[], boolean]>([
    ['informatique', 'normale', 'OPS-01-INFORMATIQUE', 1, 'philippe', ['philippe', 'jerome'], false],
    ['informatique', 'basse', 'OPS-01-INFORMATIQUE', 1, 'philippe', ['philippe', 'jerome'], false],
    ['informatique', 'critique', 'OPS-01-INFORMATIQUE', 2, 'philippe', ['philippe', 'pascal'], true],
    ['telecom', 'haute', 'OPS-02-TELECOM', 1, 'jerome', ['jerome'], false],
    ['telecom', 'critique', 'OPS-02-TELECOM', 2, 'jerome', ['jerome', 'pascal'], true],
  ])(
    'routes %s %s to %s level %i (%s) and tells %j',
    async (domain, priority, queue, level, resource, told, urgent) => {
      const { ticket, created } = await service.open(ticketDraft({ domain, priority }));
      expect(created).toBe(true);
      expect(ticket).toMatchObject({
        number: 'T20261123.0001',
        queue,
        level,
        primaryResource: resource,
        priority,
        domain,
      });
      expect(ticket.status).toBe('assigned');
      expect(ticket.workType).toBe('Support à distance (Réactif)');
      expect(notifier.notifications).toHaveLength(1);
      const [notification] = notifier.notifications;
      expect(notification?.kind).toBe('ticket_opened');
      expect(notification?.urgent).toBe(urgent);
      expect(notification?.recipients.map((t) => t.id)).toEqual(told);
      expect(notification?.text).toContain(ticket.number);
    },
  );

  it('stores the SLA dates of the calculator in Europe/Paris, and the escalation plan with contract', async () => {
    const { ticket, plan } = await service.open(ticketDraft({ priority: 'critique' }));
    expect(ticket).toMatchObject({
      createdAt: '2026-11-23T09:00:00.000Z',
      contract: true,
      firstResponseDue: '2026-11-23T11:00:00.000+01:00',
      escalationAt: '2026-11-23T13:00:00.000+01:00',
      resolutionDue: '2026-11-23T14:00:00.000+01:00',
      firstRespondedAt: null,
      resolvedAt: null,
    });
    expect(plan).toMatchObject({ contract: true, escalationAt: '2026-11-23T13:00:00.000+01:00' });
    expect(plan.trigger.onCall).toBe(true);
    expect(plan.escalation.mention).toBe('PRODUCTION ARRETEE');
  });

  it('gives no SLA dates and the no-contract numbers to an account without contract', async () => {
    const { ticket, plan } = await service.open(ticketDraft({ account: 'Boulangerie Marcel', contract: false }));
    expect([ticket.firstResponseDue, ticket.resolutionDue, ticket.escalationAt]).toEqual([null, null, null]);
    expect(plan).toMatchObject({ contract: false, escalationAt: null });
    expect(plan.trigger.phone).toBe('0899 198 643');
    expect(plan.escalation.phone).toBe('0899 198 643');
    expect(notifier.notifications[0]?.text).toMatch(/Sans contrat/);
  });

  it('keeps an interrupted intake as a draft and tells the technicians it is one', async () => {
    const { ticket } = await service.open(ticketDraft({ status: 'draft', source: 'phone' }));
    expect(ticket.status).toBe('draft');
    expect(notifier.notifications.map((n) => n.kind)).toEqual(['draft_ticket']);
  });

  it('opens one ticket, and notifies once, for a key used twice', async () => {
    const first = await service.open(ticketDraft({ idempotencyKey: 'slack:C1:1700000000.1' }));
    const again = await service.open(ticketDraft({ idempotencyKey: 'slack:C1:1700000000.1', title: 'autre' }));
    expect(again.created).toBe(false);
    expect(again.ticket).toEqual(first.ticket);
    expect(notifier.notifications).toHaveLength(1);
  });

  it('logs the creation and the notification as events', async () => {
    const { ticket } = await service.open(ticketDraft());
    const events = await store.listEvents(ticket.number);
    expect(events.map((e) => [e.kind, e.data?.ok])).toEqual([
      ['created', undefined],
      ['notified', true],
    ]);
    expect(events[1]?.data).toMatchObject({ kind: 'ticket_opened', recipients: ['philippe', 'jerome'] });
  });

  it('saves the ticket and records the failure when the notifier fails', async () => {
    const failing: Notifier = {
      notify: async () => {
        throw new Error('Slack answered 503');
      },
    };
    const { ticket, created } = await serviceWith(failing).open(ticketDraft());
    expect(created).toBe(true);
    expect(await store.getTicket(ticket.number)).toEqual(ticket);
    const events = await store.listEvents(ticket.number);
    expect(events.at(-1)).toMatchObject({ kind: 'notified', data: { ok: false, error: 'Slack answered 503' } });
  });

  it.each([
    ['an empty title', { title: '  ' }, /title/],
    ['an unknown priority', { priority: 'urgentissime' as Priority }, /priority/],
  ])('refuses a draft with %s', async (_, overrides, message) => {
    const failure = await service.open(ticketDraft(overrides)).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: ErrorCode.InvalidInput, message: expect.stringMatching(message) });
    expect(await store.listTickets()).toEqual([]);
  });
});

describe('TicketService.escalate', () => {
  it('moves the ticket up one level at a time, capped at the highest, with the level’s technicians', async () => {
    const { ticket } = await service.open(ticketDraft({ priority: 'normale' }));
    const steps: [number, string | null, string[]][] = [];
    for (let i = 0; i < 3; i++) {
      const { ticket: escalated } = await service.escalate(ticket.number, 'Marie Lefèvre');
      const last = notifier.notifications.at(-1);
      steps.push([escalated.level, escalated.primaryResource, last?.recipients.map((t) => t.id) ?? []]);
    }
    expect(steps).toEqual([
      [2, 'philippe', ['philippe', 'pascal']],
      [3, 'pascal', ['pascal', 'loic']],
      [3, 'pascal', ['pascal', 'loic']],
    ]);
    const escalations = (await store.listEvents(ticket.number)).filter((e) => e.kind === 'escalated');
    expect(escalations.map((e) => [e.by, e.data?.fromLevel, e.data?.toLevel])).toEqual([
      ['Marie Lefèvre', 1, 2],
      ['Marie Lefèvre', 2, 3],
      ['Marie Lefèvre', 3, 3],
    ]);
    expect(notifier.notifications.at(-1)?.kind).toBe('ticket_escalated');
  });

  it.each([
    ['before the escalation time', true, 2.5, false],
    ['at the escalation time', true, 3, true],
    ['after it', true, 5, true],
    ['without contract, at any time', false, 0, true],
  ])('says whether the escalation time was reached: %s', async (_, contract, hoursLater, reached) => {
    const { ticket } = await service.open(ticketDraft({ contract }));
    clock.advance(hoursLater);
    expect((await service.escalate(ticket.number, 'Marie Lefèvre')).reached).toBe(reached);
  });

  it('refuses an unknown ticket with NotFound', async () => {
    await expect(service.escalate('T20261123.0404', 'x')).rejects.toMatchObject({ code: ErrorCode.NotFound });
  });
});

describe('TicketService first response and status', () => {
  it('records the first response once, at the clock’s time', async () => {
    const { ticket } = await service.open(ticketDraft());
    clock.advance(0.5);
    const answered = await service.recordFirstResponse(ticket.number, 'philippe');
    expect(answered.firstRespondedAt).toBe('2026-11-23T10:30:00.000+01:00');
    clock.advance(1);
    expect((await service.recordFirstResponse(ticket.number, 'jerome')).firstRespondedAt).toBe(
      '2026-11-23T10:30:00.000+01:00',
    );
    const responded = (await store.listEvents(ticket.number)).filter((e) => e.kind === 'responded');
    expect(responded.map((e) => e.by)).toEqual(['philippe']);
  });

  it('stamps the resolution (and the first response when missing), and clears it on reopening', async () => {
    const { ticket } = await service.open(ticketDraft());
    clock.advance(2);
    const resolved = await service.changeStatus(ticket.number, 'resolved', 'pascal');
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolvedAt: '2026-11-23T12:00:00.000+01:00',
      firstRespondedAt: '2026-11-23T12:00:00.000+01:00',
    });
    clock.advance(1);
    const reopened = await service.changeStatus(ticket.number, 'in_progress', 'Marie Lefèvre');
    expect(reopened).toMatchObject({
      status: 'in_progress',
      resolvedAt: null,
      firstRespondedAt: '2026-11-23T12:00:00.000+01:00',
    });
    const unchanged = await service.changeStatus(ticket.number, 'in_progress', 'pascal');
    expect(unchanged).toEqual(reopened);
    const changes = (await store.listEvents(ticket.number)).filter((e) => e.kind === 'status_changed');
    expect(changes.map((e) => [e.by, e.data])).toEqual([
      ['pascal', { from: 'assigned', to: 'resolved' }],
      ['Marie Lefèvre', { from: 'resolved', to: 'in_progress' }],
    ]);
  });

  it('never sends a ticket back to draft', async () => {
    const { ticket } = await service.open(ticketDraft());
    await expect(service.changeStatus(ticket.number, 'draft', 'x')).rejects.toMatchObject({
      code: ErrorCode.InvalidInput,
    });
  });
});

describe('TicketService.listForContact', () => {
  it('finds a person’s tickets by e-mail, phone or account, most recent first', async () => {
    const a = await service.open(ticketDraft({ contactPhone: null }));
    clock.advance(1);
    const b = await service.open(ticketDraft({ contactEmail: null, contactPhone: '+33491000001' }));
    clock.advance(1);
    const c = await service.open(
      ticketDraft({
        account: 'Cabinet Martin Avocats',
        contactEmail: 'l.bernard@martin-avocats.fr',
        contactPhone: null,
      }),
    );
    const numbers = async (who: Parameters<TicketService['listForContact']>[0], limit?: number) =>
      (await service.listForContact(who, limit)).map((t) => t.number);
    expect(await numbers({ email: 'MARIE.LEFEVRE@transports-durand.fr' })).toEqual([a.ticket.number]);
    expect(await numbers({ phone: '+33491000001' })).toEqual([b.ticket.number]);
    expect(await numbers({ email: 'marie.lefevre@transports-durand.fr', phone: '+33491000001' })).toEqual([
      b.ticket.number,
      a.ticket.number,
    ]);
    expect(await numbers({ account: 'Cabinet Martin Avocats' })).toEqual([c.ticket.number]);
    expect(await numbers({ account: 'Transports Durand' }, 1)).toEqual([b.ticket.number]);
    expect(await numbers({})).toEqual([]);
  });
});

describe('TicketService: who may follow a ticket, and asking for a technician', () => {
  const durand = { account: 'Transports Durand', email: 'marie.lefevre@transports-durand.fr', phone: null };

  async function opened() {
    const { ticket } = await service.open(
      ticketDraft({ account: 'Transports Durand', contactEmail: 'marie.lefevre@transports-durand.fr' }),
    );
    notifier.notifications.length = 0;
    return ticket;
  }

  it.each([
    ['the conversation that opened it', { conversationTickets: ['T20261123.0001'], identity: null }, true],
    ['a colleague of its company', { conversationTickets: [], identity: { ...durand, email: 'pdg@x.fr' } }, true],
    [
      'its contact, by e-mail in another case',
      {
        conversationTickets: [],
        identity: { ...durand, account: 'Autre', email: 'Marie.Lefevre@transports-durand.fr' },
      },
      true,
    ],
    [
      'another company',
      {
        conversationTickets: [],
        identity: { account: 'Boulangerie Marcel', email: 'marcel@boulangerie-marcel.fr', phone: null },
      },
      false,
    ],
    ['nobody known', { conversationTickets: [], identity: null }, false],
  ] as const)('%s: %s', async (_who, viewer, expected) => {
    const ticket = await opened();
    expect(ticket.number).toBe('T20261123.0001');
    expect(service.mayFollow(ticket, viewer)).toBe(expected);
    expect((await service.followed(ticket.number, viewer))?.number ?? null).toBe(expected ? ticket.number : null);
  });

  it('tells the technicians of the ticket and logs a notified event', async () => {
    const ticket = await opened();
    const asked = await service.requestTechnician(ticket.number, {
      conversationTickets: [ticket.number],
      identity: null,
    });
    expect(asked?.number).toBe(ticket.number);
    expect(notifier.notifications.map((n) => n.kind)).toEqual(['technician_requested']);
    expect(notifier.notifications[0]?.text).toContain('Un technicien est demandé pour le ticket T20261123.0001');
    const events = await store.listEvents(ticket.number);
    expect(events.at(-1)).toMatchObject({ kind: 'notified', data: { kind: 'technician_requested', ok: true } });
  });

  it('tells nobody about a ticket the person may not follow, nor without a number', async () => {
    const ticket = await opened();
    const stranger = { conversationTickets: [], identity: null };
    expect(await service.requestTechnician(ticket.number, stranger)).toBeNull();
    expect(await service.requestTechnician(null, stranger)).toBeNull();
    expect(notifier.notifications).toEqual([]);
    expect((await store.listEvents(ticket.number)).filter((e) => e.kind === 'notified')).toHaveLength(1);
  });
});
