import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, GuichetError } from '../../src/errors.js';
import type { AppliedMigration } from '../../src/store/migration.js';
import type { Store, Ticket } from '../../src/store/ticket-store.js';
import { newTicket } from './new-ticket.js';
import { watchContract } from './watch-contract.js';

/** A store under test, with the migration bookkeeping both implementations expose. */
export interface TestStore extends Store {
  appliedMigrations(): Promise<AppliedMigration[]>;
}

/** One empty database: every `open()` is a new instance on it, like another Guichet process. */
export interface TestDatabase {
  open(): Promise<TestStore>;
  dispose(): Promise<void>;
}

/** How a store implementation gives the contract an empty database for each test. */
export interface StoreHarness {
  fresh(): Promise<TestDatabase>;
  /** The versions of the store's shipped migrations, in order. */
  migrationVersions: number[];
}

/** Settles like `promise`, or rejects saying `what` did not happen within `ms` milliseconds. */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The contract every Store implementation keeps: ticket numbering, idempotency, the append-only
 * event log, conversations with expiry and their locks, durability across reopening, and
 * migrations run once.
 */
export function storeContract(name: string, harness: StoreHarness): void {
  describe(`${name} keeps the store contract`, () => {
    let database: TestDatabase;
    let opened: TestStore[];
    const open = async () => {
      const store = await database.open();
      opened.push(store);
      return store;
    };

    beforeEach(async () => {
      database = await harness.fresh();
      opened = [];
    });

    watchContract(open);
    afterEach(async () => {
      for (const store of opened) await store.close();
      await database.dispose();
    });

    describe('numbering', () => {
      it.each([
        ['a morning in winter (UTC+1)', '2026-11-22T08:00:00Z', 'T20261122.0001'],
        ['23:30 UTC is already the next day in Paris', '2026-11-22T23:30:00Z', 'T20261123.0001'],
        ['22:30 UTC in summer is already the next day (UTC+2)', '2026-07-14T22:30:00Z', 'T20260715.0001'],
        ['an instant written with another offset', '2026-11-22T05:00:00-05:00', 'T20261122.0001'],
      ])('numbers by the creation day in Europe/Paris: %s', async (_, createdAt, expected) => {
        const store = await open();
        const { ticket, created } = await store.createTicket(newTicket({ createdAt }));
        expect(created).toBe(true);
        expect(ticket.number).toBe(expected);
        expect(ticket.createdAt).toBe(new Date(createdAt).toISOString());
      });

      it('follows the sequence within a day and restarts at 0001 the next day', async () => {
        const store = await open();
        const at = ['2026-11-22T08:00:00Z', '2026-11-22T09:00:00Z', '2026-11-22T22:59:59Z', '2026-11-22T23:00:00Z'];
        const numbers: string[] = [];
        for (const createdAt of at) numbers.push((await store.createTicket(newTicket({ createdAt }))).ticket.number);
        expect(numbers).toEqual(['T20261122.0001', 'T20261122.0002', 'T20261122.0003', 'T20261123.0001']);
      });

      it('gives 50 concurrent creations from several instances 50 distinct numbers', async () => {
        const instances = await Promise.all([open(), open(), open()]);
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            (instances[i % instances.length] as TestStore).createTicket(newTicket({ title: `ticket ${i}` })),
          ),
        );
        const numbers = results.map((r) => r.ticket.number).sort();
        expect(new Set(numbers).size).toBe(50);
        expect(numbers[0]).toBe('T20261122.0001');
        expect(numbers[49]).toBe('T20261122.0050');
      });
    });

    describe('idempotency', () => {
      it('returns the first ticket, not a second one, for a key already used', async () => {
        const store = await open();
        const first = await store.createTicket(newTicket({ idempotencyKey: 'web:abc:1', title: 'first' }));
        const again = await store.createTicket(newTicket({ idempotencyKey: 'web:abc:1', title: 'second' }));
        expect(first.created).toBe(true);
        expect(again).toEqual({ ticket: first.ticket, created: false });
        expect(await store.listTickets()).toHaveLength(1);
        const next = await store.createTicket(newTicket({ idempotencyKey: 'web:abc:2' }));
        expect(next.ticket.number).toBe('T20261122.0002');
      });

      it('creates one ticket when the same key races from several instances', async () => {
        const instances = await Promise.all([open(), open(), open()]);
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            (instances[i % instances.length] as TestStore).createTicket(newTicket({ idempotencyKey: 'call:CA42' })),
          ),
        );
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(results.map((r) => r.ticket.number))).toEqual(new Set(['T20261122.0001']));
        // The losers took no number: the next ticket follows without a gap.
        expect((await (instances[0] as TestStore).createTicket(newTicket())).ticket.number).toBe('T20261122.0002');
      });

      it('lets tickets without a key be created freely', async () => {
        const store = await open();
        await store.createTicket(newTicket());
        await store.createTicket(newTicket());
        expect(await store.listTickets()).toHaveLength(2);
      });
    });

    describe('tickets', () => {
      it('reads back every field as it was created', async () => {
        const store = await open();
        const draft = newTicket({ contract: false, firstResponseDue: null, subcategory: 'toner', language: 'en' });
        const { ticket } = await store.createTicket(draft);
        expect(ticket).toEqual({
          ...draft,
          number: 'T20261122.0001',
          createdAt: '2026-11-22T09:15:00.000Z',
          firstRespondedAt: null,
          resolvedAt: null,
          assignee: null,
          takenAt: null,
        });
        expect(await store.getTicket(ticket.number)).toEqual(ticket);
        expect(await store.getTicket('T20261122.9999')).toBeNull();
      });

      it('keeps a ticket whose text holds NUL or an unpaired surrogate, as U+FFFD, and finds it by it', async () => {
        const store = await open();
        const { ticket } = await store.createTicket(
          newTicket({
            title: 'écran\u0000noir',
            description: 'collé \ud83d',
            account: 'Acme\u0000',
            idempotencyKey: 'k\u0000',
          }),
        );
        expect(ticket).toMatchObject({ title: 'écran\ufffdnoir', description: 'collé \ufffd', account: 'Acme\ufffd' });
        expect(await store.getTicket(ticket.number)).toEqual(ticket);
        expect((await store.listTickets({ account: 'Acme\u0000' })).map((t) => t.number)).toEqual([ticket.number]);
        expect(await store.createTicket(newTicket({ idempotencyKey: 'k\u0000' }))).toEqual({ ticket, created: false });
        await store.updateTicket(
          ticket.number,
          { primaryResource: 'pas\u0000cal' },
          { at: '2026-11-23T09:00:00Z', kind: 'note', by: 'pas\u0000cal', data: { text: 'vu\u0000', odd: '\udc00' } },
        );
        await store.appendEvent({
          ticketNumber: ticket.number,
          at: '2026-11-23T09:01:00Z',
          kind: 'note',
          by: 'x\u0000',
        });
        expect((await store.getTicket(ticket.number))?.primaryResource).toBe('pas\ufffdcal');
        expect((await store.listEvents(ticket.number)).map((e) => [e.by, e.data])).toEqual([
          ['bot', undefined],
          ['pas\ufffdcal', { text: 'vu\ufffd', odd: '\ufffd' }],
          ['x\ufffd', undefined],
        ]);
        expect(await store.getTicket('T2026\u00001122.0001')).toBeNull();
      });

      it('filters and orders the list, most recent first', async () => {
        const store = await open();
        const make = (createdAt: string, extra: Partial<Ticket> = {}) =>
          store.createTicket(newTicket({ createdAt, ...extra }));
        await make('2026-11-20T10:00:00Z', {
          account: 'Cabinet Martin Avocats',
          contactEmail: 'S.Martin@martin-avocats.fr',
        });
        await make('2026-11-21T10:00:00Z', { status: 'new' });
        await make('2026-11-22T10:00:00Z', { contactPhone: '+33442000010' });
        const numbers = async (filter: Parameters<Store['listTickets']>[0]) =>
          (await store.listTickets(filter)).map((t) => t.number);
        const cases: [string, Parameters<Store['listTickets']>[0], string[]][] = [
          ['everything', {}, ['T20261122.0001', 'T20261121.0001', 'T20261120.0001']],
          ['by status', { status: ['new'] }, ['T20261121.0001']],
          ['no status at all', { status: [] }, []],
          ['by account', { account: 'Cabinet Martin Avocats' }, ['T20261120.0001']],
          ['by e-mail, whatever its case', { contactEmail: 's.martin@martin-avocats.fr' }, ['T20261120.0001']],
          ['by phone', { contactPhone: '+33442000010' }, ['T20261122.0001']],
          ['from, inclusive', { from: '2026-11-21T10:00:00Z' }, ['T20261122.0001', 'T20261121.0001']],
          ['to, exclusive', { to: '2026-11-21T10:00:00Z' }, ['T20261120.0001']],
          [
            'from with an offset',
            { from: '2026-11-21T11:00:00+01:00', to: '2026-11-22T00:00:00+01:00' },
            ['T20261121.0001'],
          ],
          ['limited', { limit: 2 }, ['T20261122.0001', 'T20261121.0001']],
        ];
        for (const [label, filter, expected] of cases) expect(await numbers(filter), label).toEqual(expected);
      });

      it('lists the tickets one conversation opened by the start of their key, taking _ and % as themselves', async () => {
        const store = await open();
        const keys = [
          'slack:D1:a:1',
          'slack:D1:b:2',
          'slack:D10:a:1',
          'slack:D1_:a:1',
          'teams:a%b:x:1',
          'teams:aXb:x:1',
        ];
        for (const [i, idempotencyKey] of keys.entries()) {
          await store.createTicket(newTicket({ createdAt: `2026-11-2${i}T10:00:00Z`, idempotencyKey }));
        }
        const keysOf = async (filter: Parameters<Store['listTickets']>[0]) =>
          (await store.listTickets(filter)).map((t) => t.idempotencyKey);
        expect(await keysOf({ keyPrefix: 'slack:D1:' })).toEqual(['slack:D1:b:2', 'slack:D1:a:1']);
        expect(await keysOf({ keyPrefix: 'slack:D1:', limit: 1 })).toEqual(['slack:D1:b:2']);
        expect(await keysOf({ keyPrefix: 'teams:a%b:' })).toEqual(['teams:a%b:x:1']);
        expect(await keysOf({ keyPrefix: 'slack:D1_' })).toEqual(['slack:D1_:a:1']);
        expect(await keysOf({ keyPrefix: 'slack:D1:', contactEmail: 'someone.else@example.fr' })).toEqual([]);
        expect(await keysOf({ keyPrefix: 'slack:D2:' })).toEqual([]);
      });

      it('updates the mutable fields and logs the event in one step', async () => {
        const store = await open();
        const { ticket } = await store.createTicket(newTicket());
        const updated = await store.updateTicket(
          ticket.number,
          { status: 'resolved', resolvedAt: '2026-11-23T10:00:00.000+01:00', level: 2, primaryResource: 'pascal' },
          {
            at: '2026-11-23T09:00:00Z',
            kind: 'status_changed',
            by: 'pascal',
            data: { from: 'assigned', to: 'resolved' },
          },
        );
        expect(updated).toEqual({
          ...ticket,
          status: 'resolved',
          resolvedAt: '2026-11-23T10:00:00.000+01:00',
          level: 2,
          primaryResource: 'pascal',
        });
        expect(await store.getTicket(ticket.number)).toEqual(updated);
        const events = await store.listEvents(ticket.number);
        expect(events.map((e) => [e.kind, e.by, e.data])).toEqual([
          ['created', 'bot', undefined],
          ['status_changed', 'pascal', { from: 'assigned', to: 'resolved' }],
        ]);
      });

      it('updates only while the ticket holds what is expected (compare-and-set), logging only then', async () => {
        const store = await open();
        const { ticket } = await store.createTicket(newTicket());
        expect(ticket).toMatchObject({ assignee: null, takenAt: null });
        const take = (who: string) =>
          store.updateTicketIf(
            ticket.number,
            { assignee: null },
            { assignee: who, takenAt: '2026-11-23T10:05:00.000+01:00', status: 'in_progress' },
            { at: '2026-11-23T09:05:00Z', kind: 'assigned', by: who },
          );
        const first = await take('philippe');
        expect(first.updated).toBe(true);
        expect(first.ticket).toEqual({
          ...ticket,
          assignee: 'philippe',
          takenAt: '2026-11-23T10:05:00.000+01:00',
          status: 'in_progress',
        });
        const second = await take('jerome');
        expect(second).toEqual({ ticket: first.ticket, updated: false });
        expect(await store.getTicket(ticket.number)).toEqual(first.ticket);
        const events = await store.listEvents(ticket.number);
        expect(events.map((e) => [e.kind, e.by])).toEqual([
          ['created', 'bot'],
          ['assigned', 'philippe'],
        ]);
        const freed = await store.updateTicketIf(
          ticket.number,
          { assignee: 'philippe', status: 'in_progress' },
          { assignee: null },
          { at: '2026-11-23T09:06:00Z', kind: 'escalated', by: 'philippe' },
        );
        expect(freed.updated).toBe(true);
        expect(freed.ticket.assignee).toBeNull();
      });

      it('lets exactly one of many concurrent takes, from two instances, have the ticket', async () => {
        const [a, b] = [await open(), await open()];
        const { ticket } = await a.createTicket(newTicket());
        const who = Array.from({ length: 12 }, (_, i) => `tech${i}`);
        const results = await Promise.all(
          who.map((id, i) =>
            (i % 2 ? a : b).updateTicketIf(
              ticket.number,
              { assignee: null },
              { assignee: id },
              { at: '2026-11-23T09:05:00Z', kind: 'assigned', by: id },
            ),
          ),
        );
        const winners = results.filter((r) => r.updated);
        expect(winners).toHaveLength(1);
        const holder = winners[0]?.ticket.assignee;
        for (const r of results.filter((r) => !r.updated)) expect(r.ticket.assignee).toBe(holder);
        expect((await b.listEvents(ticket.number)).filter((e) => e.kind === 'assigned')).toHaveLength(1);
      });

      it('refuses to update or log on an unknown ticket with NotFound', async () => {
        const store = await open();
        const event = { at: '2026-11-23T09:00:00Z', kind: 'note' as const, by: 'pascal' };
        await expect(store.updateTicket('T20261122.0404', { status: 'closed' }, event)).rejects.toMatchObject({
          code: ErrorCode.NotFound,
        });
        await expect(store.appendEvent({ ...event, ticketNumber: 'T20261122.0404' })).rejects.toMatchObject({
          code: ErrorCode.NotFound,
        });
      });
    });

    describe('events', () => {
      it('keeps the log in the order it was written, with who and when', async () => {
        const store = await open();
        const { ticket } = await store.createTicket(newTicket());
        const kinds = ['notified', 'responded', 'escalated', 'note', 'status_changed'] as const;
        for (const [i, kind] of kinds.entries()) {
          await store.appendEvent({
            ticketNumber: ticket.number,
            at: `2026-11-22T1${i}:00:00+01:00`,
            kind,
            by: `tech${i}`,
          });
        }
        const events = await store.listEvents(ticket.number);
        expect(events.map((e) => e.kind)).toEqual(['created', ...kinds]);
        expect(events[0]).toMatchObject({ ticketNumber: ticket.number, at: ticket.createdAt, by: 'bot' });
        expect(events[2]).toMatchObject({ at: '2026-11-22T10:00:00.000Z', by: 'tech1' });
        const ids = events.map((e) => e.id ?? 0);
        expect([...ids].sort((a, b) => a - b)).toEqual(ids);
        expect(await store.listEvents('T20261122.0404')).toEqual([]);
      });
    });

    describe('conversations', () => {
      const now = new Date('2026-11-22T10:00:00Z');
      const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

      it('keeps a state per channel and conversation until it expires', async () => {
        const store = await open();
        const state = { step: 'ask_priority', slots: { title: 'VPN', language: 'fr' }, turns: [1, 2] };
        await store.saveConversation('slack', 'C1:1700000000.1', state, later(30));
        await store.saveConversation('teams', 'C1:1700000000.1', { step: 'other' }, later(30));
        const cases: [string, string, Date, unknown][] = [
          ['before expiry', 'slack', later(29), state],
          ['another channel, same id', 'teams', now, { step: 'other' }],
          ['at the expiry instant', 'slack', later(30), null],
          ['after expiry', 'slack', later(31), null],
          ['never saved', 'web', now, null],
        ];
        for (const [label, channel, at, expected] of cases) {
          expect(await store.loadConversation(channel, 'C1:1700000000.1', at), label).toEqual(expected);
        }
      });

      it('keeps a state whose text holds NUL or an unpaired surrogate, as U+FFFD', async () => {
        const store = await open();
        const state = { text: 'bonjour\u0000', pasted: ['\ud800'], literal: '\\u0000 stays' };
        await store.saveConversation('web', 'id\u0000', state, later(30));
        expect(await store.loadConversation('web', 'id\u0000', now)).toEqual({
          text: 'bonjour\ufffd',
          pasted: ['\ufffd'],
          literal: '\\u0000 stays',
        });
        await store.deleteConversation('web', 'id\u0000');
        expect(await store.loadConversation('web', 'id\u0000', now)).toBeNull();
      });

      it('overwrites, deletes and purges the expired ones', async () => {
        const store = await open();
        await store.saveConversation('web', 'a', { v: 1 }, later(10));
        await store.saveConversation('web', 'a', { v: 2 }, later(60));
        expect(await store.loadConversation('web', 'a', later(30))).toEqual({ v: 2 });
        await store.saveConversation('web', 'b', { v: 1 }, later(5));
        await store.saveConversation('web', 'c', { v: 1 }, later(5));
        expect(await store.purgeExpired(later(5))).toBe(2);
        expect(await store.purgeExpired(later(5))).toBe(0);
        await store.deleteConversation('web', 'a');
        expect(await store.loadConversation('web', 'a', now)).toBeNull();
      });
    });

    describe('inbound deliveries', () => {
      const now = new Date('2026-11-22T10:00:00Z');
      it('claims a delivery once, also from a second instance, and forgets it after a day', async () => {
        const first = await open();
        const second = await open();
        expect(await first.claimInbound('slack', 'Ev01', now)).toBe(true);
        expect(await first.claimInbound('slack', 'Ev01', now)).toBe(false);
        expect(await second.claimInbound('slack', 'Ev01', now)).toBe(false);
        expect(await second.claimInbound('teams', 'Ev01', now)).toBe(true);
        await first.purgeExpired(new Date(now.getTime() + 25 * 3600_000));
        expect(await second.claimInbound('slack', 'Ev01', now)).toBe(true);
      });

      it('claims each of many concurrent identical deliveries exactly once', async () => {
        const [a, b] = [await open(), await open()];
        const claims = await Promise.all(
          Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claimInbound('slack', 'Ev02', now)),
        );
        expect(claims.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('conversation locks', () => {
      /** One store twice (turns in one instance), or two stores on the database (two instances). */
      const placements: [string, () => Promise<[TestStore, TestStore]>][] = [
        [
          'in one instance',
          async () => {
            const store = await open();
            return [store, store];
          },
        ],
        ['in two instances', async () => [await open(), await open()]],
      ];

      it.each(placements)('runs two works on one conversation one after the other, %s', async (_, stores) => {
        const [first, second] = await stores();
        const log: string[] = [];
        const work = (name: string) => async () => {
          log.push(`${name} starts`);
          await pause(40);
          log.push(`${name} ends`);
          return name;
        };
        const results = await Promise.all([
          first.withConversationLock('web', 'conv-1', work('a')),
          second.withConversationLock('web', 'conv-1', work('b')),
        ]);
        expect(results).toEqual(['a', 'b']);
        // Either may win the lock; the other starts only once the winner has ended.
        const winner = log[0]?.startsWith('a') ? 'a' : 'b';
        const loser = winner === 'a' ? 'b' : 'a';
        expect(log).toEqual([`${winner} starts`, `${winner} ends`, `${loser} starts`, `${loser} ends`]);
      });

      it.each(
        placements.flatMap(([where, stores]): [string, string, [string, string], [string, string], typeof stores][] => [
          ['another id', where, ['web', 'conv-1'], ['web', 'conv-2'], stores],
          ['another channel', where, ['web', 'conv-1'], ['twilio-call', 'conv-1'], stores],
        ]),
      )('runs works on different conversations side by side: %s, %s', async (_, __, keyA, keyB, stores) => {
        const [first, second] = await stores();
        let bStarted = (): void => {};
        const started = new Promise<void>((resolve) => {
          bStarted = resolve;
        });
        // a holds its lock until b has started: were they serialized, a would wait in vain.
        const a = first.withConversationLock(keyA[0], keyA[1], () =>
          within(2_000, 'the other conversation did not start', started),
        );
        const b = second.withConversationLock(keyB[0], keyB[1], async () => bStarted());
        await expect(Promise.all([a, b])).resolves.toHaveLength(2);
      });

      it.each(placements)('releases the lock when the work fails, %s', async (_, stores) => {
        const [first, second] = await stores();
        const failing = first.withConversationLock('web', 'conv-1', async () => {
          throw new Error('the step failed');
        });
        await expect(failing).rejects.toThrow('the step failed');
        const next = second.withConversationLock('web', 'conv-1', async () => 'next turn');
        await expect(within(2_000, 'the lock was not released', next)).resolves.toBe('next turn');
      });

      it('takes the lock of another conversation inside the work holding one', async () => {
        const [first, second] = [await open(), await open()];
        const log: string[] = [];
        const call = (store: TestStore, name: string) =>
          store.withConversationLock('twilio-call', 'CA1', () =>
            store.withConversationLock('twilio', 'CA1', async () => {
              log.push(`${name} starts`);
              await pause(20);
              log.push(`${name} ends`);
            }),
          );
        await Promise.all([call(first, 'a'), call(second, 'b'), call(first, 'c')]);
        expect(log).toHaveLength(6);
        for (let i = 0; i < 6; i += 2) expect(log[i + 1]).toBe(log[i]?.replace('starts', 'ends'));
      });
    });

    describe('health', () => {
      it('commits the write check of the health probe, again and again, and fails it once closed', async () => {
        const store = await open();
        await store.checkWritable(new Date('2026-11-22T10:00:00Z'));
        await store.checkWritable(new Date('2026-11-22T10:00:05Z'));
        await store.close();
        await expect(store.checkWritable(new Date('2026-11-22T10:00:10Z'))).rejects.toMatchObject({
          code: ErrorCode.StoreFailed,
        });
      });
    });

    describe('durability and migrations', () => {
      it('keeps tickets, events and conversations when reopened', async () => {
        const first = await open();
        const { ticket } = await first.createTicket(newTicket());
        await first.appendEvent({
          ticketNumber: ticket.number,
          at: '2026-11-22T10:00:00Z',
          kind: 'note',
          by: 'jerome',
        });
        await first.saveConversation('phone', 'CA1', { step: 'x' }, new Date('2026-11-22T11:00:00Z'));
        await first.close();
        const second = await open();
        expect(await second.getTicket(ticket.number)).toEqual(ticket);
        expect((await second.listEvents(ticket.number)).map((e) => e.kind)).toEqual(['created', 'note']);
        expect(await second.loadConversation('phone', 'CA1', new Date('2026-11-22T10:30:00Z'))).toEqual({ step: 'x' });
        expect((await second.createTicket(newTicket())).ticket.number).toBe('T20261122.0002');
      });

      it('runs each migration once, even when instances start together', async () => {
        const instances = await Promise.all([open(), open(), open(), open()]);
        for (const store of instances) {
          const applied = await store.appliedMigrations();
          expect(applied.map((m) => m.version)).toEqual(harness.migrationVersions);
        }
      });

      it('refuses to work once closed, with a StoreFailed error', async () => {
        const store = await open();
        await store.close();
        const failure = await store.getTicket('T20261122.0001').catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(GuichetError);
        expect(failure).toMatchObject({ code: ErrorCode.StoreFailed, message: expect.stringMatching(/closed/) });
      });
    });
  });
}
