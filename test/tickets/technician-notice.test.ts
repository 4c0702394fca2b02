import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/policy/load.js';
import type { Ticket } from '../../src/store/ticket-store.js';
import { actionValue, parseActionValue, technicianNotice } from '../../src/tickets/technician-notice.js';
import { newTicket } from '../store/new-ticket.js';

const policy = loadPolicy();
const at = (iso: string) => new Date(iso);

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

describe('the technician notice of a ticket', () => {
  it('carries the fields of a new ticket, the deadlines with the time left, and the buttons', () => {
    // Due at 13:00 and the next day at 16:30; it is 10:45 in Paris.
    const notice = technicianNotice(policy, 'ticket_opened', ticket(), at('2026-11-23T10:45:00+01:00'));
    expect(notice).toMatchObject({
      kind: 'ticket_opened',
      number: 'T20261123.0001',
      urgent: false,
      headline: 'Nouveau ticket T20261123.0001 — priorité Normale',
      title: 'Imprimante du 2e étage hors service',
      description: "L'imprimante du 2e étage n'imprime plus depuis ce matin.",
      status: { code: 'assigned', label: 'assigné' },
      assignee: null,
      channels: {},
    });
    expect(notice.facts).toEqual([
      { label: 'Priorité', value: '3 – Normale' },
      { label: 'Pourquoi', value: 'imprimante en panne: incident gênant mais non bloquant' },
      { label: 'Type', value: 'Incident' },
      { label: 'Demandeur', value: 'Marie Lefèvre' },
      { label: 'Société', value: 'Transports Durand' },
      { label: 'Contrat', value: 'avec contrat de maintenance' },
      { label: "File d'attente", value: 'OPS-01-INFORMATIQUE, niveau 1' },
      { label: 'Statut', value: 'assigné' },
    ]);
    expect(notice.deadlines).toEqual([
      {
        label: 'Première réponse',
        due: '2026-11-23T13:00:00.000+01:00',
        dueText: '23/11/2026 13:00',
        left: 'dans 2 h 15',
        late: false,
      },
      {
        label: 'Résolution',
        due: '2026-11-24T16:30:00.000+01:00',
        dueText: '24/11/2026 16:30',
        left: 'dans 29 h 45',
        late: false,
      },
    ]);
    expect(notice.actions.map((a) => [a.label, a.value, a.style, a.input?.required ?? null])).toEqual([
      ['Je prends', 'guichet:take:T20261123.0001', 'primary', null],
      ['Répondre', 'guichet:reply:T20261123.0001', 'default', true],
      ['Escalader', 'guichet:escalate:T20261123.0001', 'danger', true],
      ['En attente client', 'guichet:wait:T20261123.0001', 'default', false],
      ['Résolu', 'guichet:resolve:T20261123.0001', 'default', true],
    ]);
    expect(notice.recipients.map((t) => t.id)).toEqual(['philippe', 'jerome']);
    expect(notice.text).toContain('Première réponse avant le 23/11/2026 13:00');
  });

  it('marks a critique ticket urgent and sends it to the on-call technician too', () => {
    const critique = ticket({ priority: 'critique', domain: 'telecom', queue: 'OPS-02-TELECOM', level: 1 });
    const notice = technicianNotice(policy, 'ticket_opened', critique, at('2026-11-23T10:00:00+01:00'));
    expect(notice.urgent).toBe(true);
    expect(notice.headline).toContain('URGENT : production à l’arrêt');
    expect(notice.recipients.map((t) => t.id)).toEqual(['jerome', 'pascal']);
  });

  it('says who escalated and why, to the next level', () => {
    const escalated = ticket({ level: 2 });
    const notice = technicianNotice(policy, 'ticket_escalated', escalated, at('2026-11-23T10:00:00+01:00'), {
      by: 'jerome',
      fromLevel: 1,
      reason: 'Droits d’administration nécessaires',
    });
    expect(notice.facts.slice(-2)).toEqual([
      { label: 'Escaladé par', value: 'jerome' },
      { label: "Motif de l'escalade", value: 'Droits d’administration nécessaires' },
    ]);
    expect(notice.recipients.map((t) => t.id)).toEqual(['philippe', 'pascal']);
  });

  it('offers to call back the caller of a draft, with their number', () => {
    const draft = ticket({ status: 'draft', contactPhone: '+33 6 12 34 56 78' });
    const notice = technicianNotice(policy, 'draft_ticket', draft, at('2026-11-23T10:00:00+01:00'));
    expect(notice.facts).toContainEqual({ label: "Numéro de l'appelant", value: '+33 6 12 34 56 78' });
    expect(notice.actions.find((a) => a.action === 'call_back')).toEqual({
      action: 'call_back',
      label: 'Rappeler',
      value: 'guichet:call_back:T20261123.0001',
      style: 'default',
      url: 'tel:+33612345678',
    });
  });

  it('shows who took it, a met first response and a late resolution, without a take button', () => {
    const taken = ticket({
      status: 'in_progress',
      assignee: 'philippe',
      takenAt: '2026-11-23T10:20:00+01:00',
      firstRespondedAt: '2026-11-23T10:20:00+01:00',
    });
    const notice = technicianNotice(policy, 'ticket_updated', taken, at('2026-11-24T17:00:00+01:00'));
    expect(notice.assignee?.name).toBe('Philippe');
    expect(notice.facts).toContainEqual({ label: 'Pris par', value: 'Philippe' });
    expect(notice.deadlines.map((d) => [d.left, d.late])).toEqual([
      ['tenue', false],
      ['en retard de 30 min', true],
    ]);
    expect(notice.actions.map((a) => a.action)).toEqual(['reply', 'escalate', 'wait', 'resolve']);
  });

  it('offers only to reopen a resolved ticket, and no deadline without contract', () => {
    const resolved = ticket({ status: 'resolved', contract: false, firstResponseDue: null, resolutionDue: null });
    const notice = technicianNotice(policy, 'ticket_updated', resolved, at('2026-11-23T10:00:00+01:00'));
    expect(notice.actions.map((a) => a.action)).toEqual(['reopen']);
    expect(notice.deadlines).toEqual([]);
    expect(notice.facts).toContainEqual({ label: 'Contrat', value: 'sans contrat' });
  });

  it('takes the queue’s channels from the policy', () => {
    const withChannels = {
      ...policy,
      resources: {
        ...policy.resources,
        channels: { 'OPS-01-INFORMATIQUE': { slack: 'C0OPS01', teams: '19:ops01@thread.tacv2' } },
      },
    };
    const notice = technicianNotice(withChannels, 'ticket_opened', ticket(), at('2026-11-23T10:00:00+01:00'));
    expect(notice.channels).toEqual({ slack: 'C0OPS01', teams: '19:ops01@thread.tacv2' });
  });
});

describe('the value of a button', () => {
  it.each(['take', 'reply', 'escalate', 'wait', 'resolve', 'reopen', 'call_back'] as const)(
    'reads back %s',
    (action) => {
      expect(parseActionValue(actionValue(action, 'T20261123.0042'))).toEqual({ action, number: 'T20261123.0042' });
    },
  );

  it.each([
    '',
    'take:T20261123.0001',
    'guichet:delete:T20261123.0001',
    'guichet:take:20261123',
    'guichet:take:T1; drop',
  ])('refuses %j', (value) => {
    expect(parseActionValue(value)).toBeUndefined();
  });
});
