import { describe, expect, it } from 'vitest';
import type { Priority } from '../../src/domain.js';
import { loadPolicy } from '../../src/policy/load.js';
import type { Policy } from '../../src/policy/schema.js';
import { SlaEngine } from '../../src/sla/sla-engine.js';
import type { Ticket } from '../../src/store/ticket-store.js';
import { plannedTimers } from '../../src/watch/timers.js';
import { newTicket } from '../store/new-ticket.js';

const policy = loadPolicy();
const sla = new SlaEngine(policy);
const paris = (iso: string) => sla.formatInstant(new Date(iso));

function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    ...newTicket(),
    number: 'T20261123.0001',
    firstRespondedAt: null,
    resolvedAt: null,
    assignee: null,
    takenAt: null,
    ...overrides,
  };
}

/** The planned timers as [kind, level, due in Paris]. */
function plan(t: Ticket, rules: Policy = policy) {
  return plannedTimers(rules, new SlaEngine(rules), t).map((p) => [p.kind, p.level, paris(p.dueAt)]);
}

describe('plannedTimers', () => {
  it.each<[string, string, Priority, number, [string, number, string][]]>([
    [
      'normale opened Monday 10:00 (the acceptance example)',
      '2026-11-23T10:00:00+01:00',
      'normale',
      1,
      [
        // 3 h of 4 (warnAt 0.75): 2 h 30 before lunch, 30 min after.
        ['first_response_warning', 1, '2026-11-23T14:30:00+01:00'],
        // 8 h + 1 h: 6 h 30 on Monday, 2 h 30 on Tuesday.
        ['take_charge', 2, '2026-11-24T11:30:00+01:00'],
        ['resolution', 3, '2026-11-24T16:00:00+01:00'],
      ],
    ],
    [
      'critique opened Friday 17:30: the night and the weekend are skipped; it starts at level 2',
      '2026-11-20T17:30:00+01:00',
      'critique',
      2,
      [
        ['first_response_warning', 2, '2026-11-23T09:15:00+01:00'],
        ['resolution', 3, '2026-11-23T12:30:00+01:00'],
      ],
    ],
    [
      'haute opened Saturday: the clock starts on Monday at 09:00',
      '2026-11-21T11:00:00+01:00',
      'haute',
      1,
      [
        ['first_response_warning', 1, '2026-11-23T10:30:00+01:00'],
        // 4 h + 1 h: 3 h 30 before lunch, 1 h 30 after.
        ['take_charge', 2, '2026-11-23T15:30:00+01:00'],
        // 8 h: 7 h 30 on Monday, 30 min on Tuesday.
        ['resolution', 3, '2026-11-24T09:30:00+01:00'],
      ],
    ],
  ])('%s', (_, createdAt, priority, level, expected) => {
    expect(plan(ticket({ createdAt: new Date(createdAt).toISOString(), priority, level }))).toEqual(expected);
  });

  const monday = new Date('2026-11-23T10:00:00+01:00').toISOString();
  it.each<[string, Partial<Ticket>, string[]]>([
    ['no contract, no SLA: no timers', { contract: false }, []],
    ['a draft is not handled yet', { status: 'draft' }, []],
    ['resolved', { status: 'resolved', resolvedAt: '2026-11-23T11:00:00+01:00' }, []],
    ['closed', { status: 'closed' }, []],
    ['answered: no warning, no take-charge', { firstRespondedAt: '2026-11-23T10:30:00+01:00' }, ['resolution']],
    ['taken (in progress)', { status: 'in_progress' }, ['resolution']],
    ['waiting for the customer', { status: 'waiting_customer' }, ['resolution']],
    ['already at level 2: no take-charge escalation', { level: 2 }, ['first_response_warning', 'resolution']],
  ])('%s', (_, overrides, kinds) => {
    expect(plannedTimers(policy, sla, ticket({ createdAt: monday, ...overrides })).map((t) => t.kind)).toEqual(kinds);
  });

  it('follows a priority change: a haute ticket of the same instant is due sooner', () => {
    const normale = plan(ticket({ createdAt: monday }));
    const haute = plan(ticket({ createdAt: monday, priority: 'haute' }));
    expect(haute).toEqual([
      ['first_response_warning', 1, '2026-11-23T11:30:00+01:00'],
      ['take_charge', 2, '2026-11-23T16:30:00+01:00'],
      ['resolution', 3, '2026-11-24T10:30:00+01:00'],
    ]);
    expect(haute).not.toEqual(normale);
  });

  it('takes warnAt, levels and managers from the policy', () => {
    const rules: Policy = {
      ...policy,
      slaWatch: {
        warnAt: { ...policy.slaWatch.warnAt, normale: 0.5 },
        takeCharge: { toLevel: 3, escalation: 'proposed' },
        resolution: { toLevel: 3, escalation: 'automatic', warn: [] },
      },
    };
    expect(plan(ticket({ createdAt: monday, level: 3 }), rules)).toEqual([
      ['first_response_warning', 1, '2026-11-23T12:00:00+01:00'],
    ]);
    expect(plan(ticket({ createdAt: monday }), rules).map((p) => p.slice(0, 2))).toEqual([
      ['first_response_warning', 1],
      ['take_charge', 3],
      ['resolution', 3],
    ]);
  });
});
