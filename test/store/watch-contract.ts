import { describe, expect, it } from 'vitest';
import type { FireOutcome, PlannedTimer, SlaTimer, Ticket, TicketStep } from '../../src/store/ticket-store.js';
import { newTicket } from './new-ticket.js';
import type { TestStore } from './store-contract.js';

const T0 = '2026-11-23T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000);
const WALL = 1_000_000;

const timers: PlannedTimer[] = [
  { kind: 'first_response_warning', level: 1, dueAt: at(10).toISOString() },
  { kind: 'take_charge', level: 2, dueAt: at(20).toISOString() },
  { kind: 'resolution', level: 3, dueAt: at(30).toISOString() },
];

/** A step that escalates to `level` and queues one message to the technicians. */
function escalateTo(level: number, key: string) {
  return (ticket: Ticket): TicketStep => ({
    changes: { level },
    events: [{ at: at(40).toISOString(), kind: 'escalated', by: 'sla-watch', data: { toLevel: level } }],
    outbox: [{ key, ticketNumber: ticket.number, audience: 'technicians', payload: { text: `niveau ${level}` } }],
  });
}

/** Fires one claimed timer, as a batch of one. */
async function fire(
  store: TestStore,
  timer: SlaTimer | undefined,
  owner: string,
  when: Date,
  decide: (ticket: Ticket) => TicketStep | null,
): Promise<FireOutcome> {
  const [outcome] = await store.fireTimers([timer as SlaTimer], owner, when, (_, ticket) => decide(ticket));
  return outcome as FireOutcome;
}

/**
 * The SLA watch's part of the store contract: timers kept once per ticket, kind and level;
 * claimed under a lease by one claimer; fired with the ticket change in one transaction, in due
 * order; an outbox delivered once.
 */
export function watchContract(open: () => Promise<TestStore>): void {
  describe('SLA timers and outbox', () => {
    async function withTimers(planned = timers) {
      const store = await open();
      const { ticket } = await store.createTicket(newTicket({ createdAt: T0 }));
      await store.syncTimers(ticket.number, planned);
      return { store, ticket };
    }
    const states = (list: SlaTimer[]) => list.map((t) => [t.kind, t.level, t.state, t.dueAt]);

    it('adds, moves, cancels and revives pending timers, and never touches a fired one', async () => {
      const { store, ticket } = await withTimers();
      expect(states(await store.listTimers(ticket.number))).toEqual([
        ['first_response_warning', 1, 'pending', at(10).toISOString()],
        ['take_charge', 2, 'pending', at(20).toISOString()],
        ['resolution', 3, 'pending', at(30).toISOString()],
      ]);
      const [warning] = await store.claimDueTimers(at(10), 'w', WALL, WALL + 1000, 10);
      expect((await fire(store, warning, 'w', at(10), escalateTo(1, 'k1'))).outcome).toBe('fired');
      // Taken: only the resolution stays, due later; the fired warning is kept as it was.
      await store.syncTimers(ticket.number, [{ kind: 'resolution', level: 3, dueAt: '2026-11-23T12:00:00+01:00' }]);
      expect(states(await store.listTimers(ticket.number))).toEqual([
        ['first_response_warning', 1, 'fired', at(10).toISOString()],
        ['take_charge', 2, 'cancelled', at(20).toISOString()],
        ['resolution', 3, 'pending', at(60).toISOString()],
      ]);
      // Reopened: the take-charge timer is pending again; the warning, fired, is not planned twice.
      await store.syncTimers(ticket.number, timers);
      expect(states(await store.listTimers(ticket.number))).toEqual([
        ['first_response_warning', 1, 'fired', at(10).toISOString()],
        ['take_charge', 2, 'pending', at(20).toISOString()],
        ['resolution', 3, 'pending', at(30).toISOString()],
      ]);
    });

    it('claims only due timers, earliest first, and each once while its lease stands', async () => {
      const { store } = await withTimers();
      const other = await open();
      expect(await store.claimDueTimers(at(5), 'a', WALL, WALL + 1000, 10)).toEqual([]);
      const first = await store.claimDueTimers(at(25), 'a', WALL, WALL + 1000, 10);
      expect(first.map((t) => t.kind)).toEqual(['first_response_warning', 'take_charge']);
      expect(await other.claimDueTimers(at(25), 'b', WALL + 500, WALL + 1500, 10)).toEqual([]);
      // The lease ran out (its watcher died): another watcher takes them over.
      const again = await other.claimDueTimers(at(25), 'b', WALL + 1000, WALL + 2000, 10);
      expect(again.map((t) => t.kind)).toEqual(['first_response_warning', 'take_charge']);
      expect((await fire(store, first[0], 'a', at(25), escalateTo(2, 'k'))).outcome).toBe('lost');
    });

    it('hands each due timer to one claimer when several claim at once', async () => {
      const store = await open();
      const many: string[] = [];
      for (let i = 0; i < 20; i++) {
        const { ticket } = await store.createTicket(newTicket({ createdAt: T0 }));
        await store.syncTimers(ticket.number, timers);
        many.push(ticket.number);
      }
      const claimers = await Promise.all([open(), open(), open()]);
      const claimed = await Promise.all(
        claimers.map((s, i) => s.claimDueTimers(at(60), `c${i}`, WALL, WALL + 10_000, 100)),
      );
      const ids = claimed.flat().map((t) => t.id);
      expect(ids).toHaveLength(60);
      expect(new Set(ids).size).toBe(60);
    });

    it('fires a timer with its ticket change, events and outbox in one transaction', async () => {
      const { store, ticket } = await withTimers();
      const [warning] = await store.claimDueTimers(at(10), 'w', WALL, WALL + 1000, 10);
      const result = await fire(store, warning, 'w', at(10), escalateTo(2, 'T/one'));
      expect(result).toMatchObject({ outcome: 'fired', ticket: { number: ticket.number, level: 2 } });
      expect((await store.getTicket(ticket.number))?.level).toBe(2);
      expect((await store.listEvents(ticket.number)).map((e) => [e.kind, e.by])).toEqual([
        ['created', 'bot'],
        ['escalated', 'sla-watch'],
      ]);
      const queued = await store.claimOutbox('d', WALL, WALL + 1000, 10);
      expect(queued.map((m) => [m.key, m.audience, m.payload, m.attempts])).toEqual([
        ['T/one', 'technicians', { text: 'niveau 2' }, 0],
      ]);
      // A step that cannot be decided writes nothing: the timer is pending again, the ticket unchanged.
      const [takeCharge] = await store.claimDueTimers(at(20), 'w', WALL, WALL + 1000, 10);
      expect(
        await fire(store, takeCharge, 'w', at(20), () => {
          throw new Error('the policy has no level 9');
        }),
      ).toEqual({ outcome: 'failed', error: 'the policy has no level 9' });
      expect((await store.getTicket(ticket.number))?.level).toBe(2);
      expect((await store.listTimers(ticket.number)).map((t) => t.state)).toEqual(['fired', 'pending', 'pending']);
      expect((await store.claimDueTimers(at(20), 'w2', WALL, WALL + 1000, 10)).map((t) => t.kind)).toEqual([
        'take_charge',
      ]);
    });

    it('fires the steps of a ticket in due order, and cancels a step that became pointless', async () => {
      const { store, ticket } = await withTimers();
      const due = await store.claimDueTimers(at(60), 'w', WALL, WALL + 1000, 10);
      const [warning, takeCharge, resolution] = due as [SlaTimer, SlaTimer, SlaTimer];
      expect((await fire(store, takeCharge, 'w', at(60), escalateTo(2, 'k2'))).outcome).toBe('waiting');
      expect((await fire(store, warning, 'w', at(60), () => null)).outcome).toBe('cancelled');
      const again = await store.claimDueTimers(at(60), 'w', WALL, WALL + 1000, 10);
      expect(again.map((t) => t.kind)).toEqual(['take_charge']);
      expect((await fire(store, again[0], 'w', at(60), escalateTo(2, 'k2'))).outcome).toBe('fired');
      expect((await fire(store, resolution, 'w', at(60), escalateTo(3, 'k3'))).outcome).toBe('fired');
      expect(states(await store.listTimers(ticket.number)).map((s) => s[2])).toEqual(['cancelled', 'fired', 'fired']);
      expect((await store.getTicket(ticket.number))?.level).toBe(3);
    });

    it('fires a batch in due order, each step seeing the ticket as the earlier ones left it', async () => {
      const { store, ticket } = await withTimers();
      const other = (await store.createTicket(newTicket({ createdAt: T0 }))).ticket;
      await store.syncTimers(other.number, [timers[1] as PlannedTimer]);
      const due = await store.claimDueTimers(at(60), 'w', WALL, WALL + 1000, 10);
      const seen: [string, number][] = [];
      const outcomes = await store.fireTimers(due, 'w', at(60), (timer, t) => {
        seen.push([timer.kind, t.level]);
        if (t.number === other.number) throw new Error('no step for this one');
        return escalateTo(t.level + 1, `${t.number}/${timer.kind}`)(t);
      });
      expect(outcomes.map((o) => o.outcome)).toEqual(['fired', 'fired', 'failed', 'fired']);
      expect(seen).toEqual([
        ['first_response_warning', 1],
        ['take_charge', 2],
        ['take_charge', 1],
        ['resolution', 3],
      ]);
      expect((await store.getTicket(ticket.number))?.level).toBe(4);
      expect((await store.getTicket(other.number))?.level).toBe(1);
      const levels = (await store.listEvents(ticket.number)).filter((e) => e.kind === 'escalated');
      expect(levels.map((e) => e.data?.toLevel)).toEqual([2, 3, 4]);
      expect((await store.claimOutbox('d', WALL, WALL + 1000, 10)).map((m) => m.key)).toEqual([
        `${ticket.number}/first_response_warning`,
        `${ticket.number}/take_charge`,
        `${ticket.number}/resolution`,
      ]);
    });

    it('queues a message once per key and records its delivery once, with its event', async () => {
      const store = await open();
      const { ticket } = await store.createTicket(newTicket({ createdAt: T0 }));
      await store.stepTicket(ticket.number, at(1), escalateTo(2, 'same'));
      await store.stepTicket(ticket.number, at(2), escalateTo(2, 'same'));
      const [message, ...more] = await store.claimOutbox('d', WALL, WALL + 1000, 10);
      expect(more).toEqual([]);
      const event = { ticketNumber: ticket.number, at: at(3).toISOString(), kind: 'notified' as const, by: 'bot' };
      const id = (message as { id: number }).id;
      expect(await store.settleOutbox('someone else', [{ id, state: 'delivered', event }])).toEqual([]);
      expect(await store.settleOutbox('d', [{ id, state: 'delivered', event }])).toEqual([id]);
      expect(await store.settleOutbox('d', [{ id, state: 'delivered', event }])).toEqual([]);
      expect((await store.listEvents(ticket.number)).filter((e) => e.kind === 'notified')).toHaveLength(1);
      expect(await store.claimOutbox('d', WALL + 10_000, WALL + 20_000, 10)).toEqual([]);
    });

    it('gives a failed message back for a later attempt, counting its attempts', async () => {
      const store = await open();
      const { ticket } = await store.createTicket(newTicket({ createdAt: T0 }));
      await store.stepTicket(ticket.number, at(1), escalateTo(2, 'retry-me'));
      const [message] = await store.claimOutbox('d', WALL, WALL + 1000, 10);
      const id = (message as { id: number }).id;
      expect(
        await store.settleOutbox('d', [{ id, state: 'retry', retryAtMs: WALL + 5000, error: 'Slack 503' }]),
      ).toEqual([id]);
      expect(await store.claimOutbox('d', WALL + 4999, WALL + 6000, 10)).toEqual([]);
      const [again] = await store.claimOutbox('d', WALL + 5000, WALL + 6000, 10);
      expect(again).toMatchObject({ key: 'retry-me', attempts: 1 });
    });

    it('lists the open tickets with a contract that have no timer', async () => {
      const store = await open();
      const planned = (await store.createTicket(newTicket({ createdAt: T0 }))).ticket;
      const missing = (await store.createTicket(newTicket({ createdAt: T0 }))).ticket;
      await store.createTicket(newTicket({ createdAt: T0, contract: false }));
      await store.createTicket(newTicket({ createdAt: T0, status: 'resolved' }));
      await store.syncTimers(planned.number, timers);
      expect((await store.ticketsWithoutTimers(10)).map((t) => t.number)).toEqual([missing.number]);
    });
  });
}
