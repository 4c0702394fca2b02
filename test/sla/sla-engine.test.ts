import { describe, expect, it } from 'vitest';
import type { Priority } from '../../src/domain.js';
import { loadPolicy } from '../../src/policy/load.js';
import { SlaEngine } from '../../src/sla/sla-engine.js';
import { policyWith } from './policies.js';

const engine = new SlaEngine(loadPolicy());

describe('the SLA dates of a ticket with contract', () => {
  // Targets of the SLA sheet (seed 004): first response 1/2/4/12 h, resolution 4/8/12/48 h,
  // escalation at take-charge 2/4/8/12 h + 1 business hour.
  it.each<[string, Priority, string, string, string]>([
    [
      '2026-11-20T17:30:00+01:00',
      'critique',
      '2026-11-23T09:30:00+01:00',
      '2026-11-23T12:30:00+01:00',
      '2026-11-23T11:30:00+01:00',
    ],
    [
      '2026-11-20T17:30:00+01:00',
      'haute',
      '2026-11-23T10:30:00+01:00',
      '2026-11-23T18:00:00+01:00',
      '2026-11-23T15:00:00+01:00',
    ],
    [
      '2026-11-20T17:30:00+01:00',
      'normale',
      '2026-11-23T12:30:00+01:00',
      '2026-11-24T14:30:00+01:00',
      '2026-11-24T10:00:00+01:00',
    ],
    [
      '2026-11-20T17:30:00+01:00',
      'basse',
      '2026-11-24T14:30:00+01:00',
      '2026-12-01T11:30:00+01:00',
      '2026-11-24T15:30:00+01:00',
    ],
    [
      '2026-11-20T16:30:00Z',
      'critique',
      '2026-11-23T09:30:00+01:00',
      '2026-11-23T12:30:00+01:00',
      '2026-11-23T11:30:00+01:00',
    ],
    [
      '2026-11-20T22:00:00+05:30',
      'critique',
      '2026-11-23T09:30:00+01:00',
      '2026-11-23T12:30:00+01:00',
      '2026-11-23T11:30:00+01:00',
    ],
    [
      '2026-11-23T02:00:00+01:00',
      'critique',
      '2026-11-23T10:00:00+01:00',
      '2026-11-23T14:30:00+01:00',
      '2026-11-23T12:00:00+01:00',
    ],
  ])(
    'opened %s, %s: first response %s, resolution %s, escalation %s',
    (openedAt, priority, first, resolution, escalation) => {
      const deadlines = engine.deadlines(new Date(openedAt), priority, true);
      expect(
        deadlines && {
          first: engine.formatInstant(deadlines.firstResponseDue),
          resolution: engine.formatInstant(deadlines.resolutionDue),
          escalation: engine.formatInstant(deadlines.escalationAt),
        },
      ).toEqual({ first, resolution, escalation });
    },
  );

  it('gives no SLA dates without a maintenance contract (the sheet says N/A)', () => {
    expect(engine.deadlines(new Date('2026-11-20T17:30:00+01:00'), 'critique', false)).toBeNull();
  });

  it('follows the targets of the policy file', () => {
    const policy = policyWith();
    const faster = new SlaEngine({
      ...policy,
      priorities: { ...policy.priorities, critique: { ...policy.priorities.critique, firstResponseHours: 0.25 } },
      escalation: { graceHours: 0 },
    });
    const deadlines = faster.deadlines(new Date('2026-11-23T09:00:00+01:00'), 'critique', true);
    expect(deadlines && faster.formatInstant(deadlines.firstResponseDue)).toBe('2026-11-23T09:15:00+01:00');
    expect(deadlines && faster.formatInstant(deadlines.escalationAt)).toBe('2026-11-23T11:00:00+01:00');
  });

  it('refuses an unknown priority and an invalid date with a code', () => {
    expect(() => engine.deadlines(new Date('2026-11-23T09:00:00Z'), 'urgent' as Priority, true)).toThrow(
      /expected one of critique, haute, normale, basse/,
    );
    expect(() => engine.deadlines(new Date('nope'), 'critique', true)).toThrow(
      expect.objectContaining({ code: 'guichet_invalid_input' }),
    );
  });
});

describe('the explanation of the deadlines', () => {
  const explanation = engine.explain(new Date('2026-11-20T17:30:00+01:00'), 'critique');

  it('gives each deadline with its business hours and the same date as deadlines()', () => {
    const deadlines = engine.deadlines(new Date('2026-11-20T17:30:00+01:00'), 'critique', true);
    expect(explanation.firstResponse.businessHours).toBe(1);
    expect(explanation.resolution.businessHours).toBe(4);
    expect(explanation.escalation.businessHours).toBe(3);
    expect(explanation.firstResponse.due).toEqual(deadlines?.firstResponseDue);
    expect(explanation.resolution.due).toEqual(deadlines?.resolutionDue);
    expect(explanation.escalation.due).toEqual(deadlines?.escalationAt);
  });

  it('shows the windows consumed and the weekend skipped', () => {
    expect(explanation.firstResponse.trace).toEqual({
      start: '2026-11-20T17:30:00+01:00',
      clockStartsAt: '2026-11-20T17:30:00+01:00',
      businessSeconds: 3600,
      due: '2026-11-23T09:30:00+01:00',
      windows: [
        { date: '2026-11-20', from: '2026-11-20T17:30:00+01:00', to: '2026-11-20T18:00:00+01:00', seconds: 1800 },
        { date: '2026-11-23', from: '2026-11-23T09:00:00+01:00', to: '2026-11-23T09:30:00+01:00', seconds: 1800 },
      ],
      skipped: [
        { date: '2026-11-21', reason: 'weekend', name: 'samedi' },
        { date: '2026-11-22', reason: 'weekend', name: 'dimanche' },
      ],
    });
  });

  it('formats instants in the policy time zone, to the second', () => {
    expect(engine.formatInstant(new Date('2026-11-23T08:30:00.900Z'))).toBe('2026-11-23T09:30:00+01:00');
    expect(engine.formatInstant(new Date('2026-07-01T08:30:00Z'))).toBe('2026-07-01T10:30:00+02:00');
  });
});
