import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain.js';
import { RecordingNotifier } from '../../src/notifier/recording-notifier.js';
import { loadPolicy } from '../../src/policy/load.js';
import { SlaEngine } from '../../src/sla/sla-engine.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { type DeadlineCalculator, TicketService } from '../../src/tickets/ticket-service.js';
import { ticketDraft } from './draft.js';

describe('TicketService with the real SLA engine', () => {
  it('dates a critique ticket opened Friday 17:30 on Monday morning (the issue’s example)', async () => {
    const policy = loadPolicy();
    const sla: DeadlineCalculator = new SlaEngine(policy);
    const store = SqliteStore.open(':memory:');
    const service = new TicketService({
      store,
      policy,
      sla,
      clock: fixedClock('2026-11-20T17:30:00+01:00'),
      notifier: new RecordingNotifier(),
    });
    const { ticket } = await service.open(ticketDraft({ priority: 'critique' }));
    await store.close();
    expect(ticket.number).toBe('T20261120.0001');
    expect([ticket.firstResponseDue, ticket.escalationAt, ticket.resolutionDue].map((d) => d?.slice(0, 16))).toEqual([
      '2026-11-23T09:30',
      '2026-11-23T11:30',
      '2026-11-23T12:30',
    ]);
    expect(ticket.firstResponseDue).toMatch(/\+01:00$/);
  });
});
