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

  it('opens a request asked at critique at haute, the highest request priority (seed 000)', async () => {
    const policy = loadPolicy();
    const store = SqliteStore.open(':memory:');
    const service = new TicketService({
      store,
      policy,
      sla: new SlaEngine(policy),
      clock: fixedClock('2026-11-20T17:30:00+01:00'),
      notifier: new RecordingNotifier(),
    });
    const { ticket, plan } = await service.open(ticketDraft({ type: 'request', priority: 'critique' }));
    await store.close();
    expect(ticket.priority).toBe('haute');
    // Haute: first response 2 h, take-charge 4 h + 1 h, resolution 8 h from Friday 17:30.
    expect([ticket.firstResponseDue, ticket.escalationAt, ticket.resolutionDue].map((d) => d?.slice(0, 16))).toEqual([
      '2026-11-23T10:30',
      '2026-11-23T15:00',
      '2026-11-23T18:00',
    ]);
    expect(plan.trigger).toEqual(policy.triggerMatrix.withContract.haute);
  });
});
