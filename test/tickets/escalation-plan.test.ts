import { describe, expect, it } from 'vitest';
import type { Priority } from '../../src/domain.js';
import { loadPolicy } from '../../src/policy/load.js';
import { escalationPlan } from '../../src/tickets/escalation-plan.js';

const policy = loadPolicy();

describe('escalationPlan', () => {
  // The trigger and escalation matrices of the SLA sheet (seed 004), read row by row.
  it.each<[Priority, boolean, string | undefined, string | undefined, string | undefined, boolean]>([
    ['critique', true, '06 00 00 00 00', '04 84 26 83 10', 'PRODUCTION ARRETEE', false],
    ['haute', true, '04 84 26 83 10', '04 84 26 83 10', 'escalade pour incident Prioritaire', false],
    ['normale', true, undefined, undefined, undefined, true],
    ['basse', true, undefined, undefined, undefined, true],
    ['critique', false, '0899 198 643', '0899 198 643', undefined, false],
    ['basse', false, '0899 198 643', '0899 198 643', undefined, false],
  ])(
    '%s, contract %s: trigger %s, escalation %s %s',
    (priority, contract, triggerPhone, escalationPhone, mention, numberRequired) => {
      const plan = escalationPlan(policy, { priority, contract, escalationAt: '2026-11-23T11:30:00.000+01:00' });
      expect(plan.trigger.phone).toBe(triggerPhone);
      expect(plan.escalation.phone).toBe(escalationPhone);
      expect(plan.escalation.mention).toBe(mention);
      expect(plan.escalation.ticketNumberRequired).toBe(numberRequired);
      expect(plan.contract).toBe(contract);
      expect(plan.escalationAt).toBe(contract ? '2026-11-23T11:30:00.000+01:00' : null);
    },
  );

  it('sends normal and low priorities with contract to the escalation address', () => {
    const plan = escalationPlan(policy, { priority: 'normale', contract: true, escalationAt: null });
    expect(plan.trigger.email).toBe('helpdesk@itcomservices.fr');
    expect(plan.escalation.email).toBe('escalade@itcomservices.fr');
  });
});
