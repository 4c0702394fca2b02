import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain.js';
import { PersonMessengers } from '../../src/messaging/person-messenger.js';
import { RecordingNotifier } from '../../src/notifier/recording-notifier.js';
import { loadPolicy } from '../../src/policy/load.js';
import { SlaEngine } from '../../src/sla/sla-engine.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { TicketService } from '../../src/tickets/ticket-service.js';
import { SlaWatch } from '../../src/watch/sla-watch.js';
import { freshSchema, testDatabaseUrl } from '../helpers/postgres-schema.js';
import { ticketDraft } from '../tickets/draft.js';

const url = testDatabaseUrl;
const policy = loadPolicy();
const sla = new SlaEngine(policy);

/** One Guichet instance's watch on the shared schema, with its own store, notifier and clock. */
async function instance(schema: string, now: string) {
  const store = await PostgresStore.open(url as string, { schema, maxConnections: 4 });
  const notifier = new RecordingNotifier();
  const clock = fixedClock(now);
  const watch = new SlaWatch({
    store,
    policy,
    sla,
    clock,
    notifier,
    messengers: new PersonMessengers(),
    logger: pino({ level: 'silent' }),
  });
  return { store, notifier, watch, tickets: new TicketService({ store, policy, sla, clock, notifier, watch }) };
}

if (url) {
  describe('the SLA watch on PostgreSQL', () => {
    it('fires each due timer once when two instances pass over the same schema at once', async () => {
      const { schema, drop } = await freshSchema(url);
      const opener = await instance(schema, '2026-11-23T10:00:00+01:00');
      const [a, b] = await Promise.all([
        instance(schema, '2026-11-24T11:31:00+01:00'),
        instance(schema, '2026-11-24T11:31:00+01:00'),
      ]);
      try {
        const numbers: string[] = [];
        for (let i = 0; i < 60; i++) numbers.push((await opener.tickets.open(ticketDraft())).ticket.number);
        const [linesA, linesB] = await Promise.all([a.watch.pass(), b.watch.pass()]);
        const fired = [...linesA, ...linesB].map((l) => `${l.ticket}/${l.step}`);
        expect(fired.sort()).toEqual(numbers.map((n) => `${n}/take_charge`).sort());
        const sent = [...a.notifier.notifications, ...b.notifier.notifications];
        expect(sent.filter((n) => n.kind === 'ticket_escalated')).toHaveLength(60);
        for (const number of numbers) {
          const escalated = (await opener.store.listEvents(number)).filter((e) => e.kind === 'escalated');
          expect(escalated.map((e) => [e.by, e.data?.toLevel])).toEqual([['sla-watch', 2]]);
        }
        expect([...(await a.watch.pass()), ...(await b.watch.pass())]).toEqual([]);
      } finally {
        for (const i of [opener, a, b]) await i.store.close();
        await drop();
      }
    }, 60_000);
  });
} else if (process.env.CI === 'true') {
  describe('the SLA watch on PostgreSQL', () => {
    it('needs TEST_DATABASE_URL under CI', () => {
      throw new Error('TEST_DATABASE_URL is not set: CI must run the PostgreSQL watch tests (postgres://…)');
    });
  });
} else {
  describe.skip('the SLA watch on PostgreSQL (skipped: set TEST_DATABASE_URL=postgres://… to run it)', () => {
    it('fires each due timer once across instances', () => {});
  });
  process.stderr.write('SLA watch tests on PostgreSQL skipped: TEST_DATABASE_URL is not set.\n');
}
