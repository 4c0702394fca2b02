import { describe, expect, it } from 'vitest';
import type { Priority } from '../../src/domain.js';
import { loadPolicy } from '../../src/policy/load.js';
import type { Ticket } from '../../src/store/ticket-store.js';
import { slaReport, targetOutcome } from '../../src/tickets/sla-report.js';
import { slaReportText } from '../../src/tickets/sla-report-text.js';
import { newTicket } from '../store/new-ticket.js';

const policy = loadPolicy();
const MINUTE = 60_000;
const due = '2026-11-23T12:00:00.000+01:00';
const shift = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * MINUTE).toISOString();

describe('targetOutcome', () => {
  const now = new Date('2026-11-23T11:00:00Z'); // 12:00 in Paris: exactly the due date
  it.each([
    ['done before the due date', shift(due, -30), now, 'met'],
    ['done exactly at the due date', due, now, 'met'],
    ['done one minute late', shift(due, 1), now, 'missed'],
    ['not done, due date reached but not past', null, now, 'pending'],
    ['not done, due date past', null, new Date(Date.parse(due) + 1000), 'missed'],
    ['not done, not yet due', null, new Date(Date.parse(due) - MINUTE), 'pending'],
  ])('%s: %s', (_, doneAt, at, expected) => {
    expect(targetOutcome(doneAt, due, at)).toBe(expected);
  });
});

/** `count` tickets of `priority`, of which the first `frMet` answered and `resMet` resolved in time. */
function tickets(priority: Priority, count: number, frMet: number, resMet: number): Ticket[] {
  return Array.from({ length: count }, (_, i) => ({
    ...newTicket({ priority, firstResponseDue: due, resolutionDue: due }),
    number: `T20170101.${i}`,
    firstRespondedAt: shift(due, i < frMet ? -1 : 1),
    resolvedAt: shift(due, i < resMet ? -1 : 1),
    assignee: null,
    takenAt: null,
  }));
}

describe('slaReport', () => {
  // The seed's sheet (004, "Résultats engagement de niveau de service", 01/01/2017 to 18/05/2017).
  const seed = [
    ...tickets('basse', 6923, 6871, 6879),
    ...tickets('critique', 8, 8, 8),
    ...tickets('haute', 31, 28, 29),
    ...tickets('normale', 598, 549, 527),
  ];
  const report = slaReport(policy, seed, { now: new Date('2017-05-18T18:00:00Z') });
  const rounded = (p: number | null) => (p === null ? null : Math.round(p));

  it.each([
    ['critique', 8, 8, 100, 8, 100],
    ['haute', 31, 28, 90, 29, 94],
    ['normale', 598, 549, 92, 527, 88],
    ['basse', 6923, 6871, 99, 6879, 99],
    ['global', 7560, 7456, 99, 7443, 98],
  ])('reproduces the seed’s %s line', (priority, count, frMet, frPercent, resMet, resPercent) => {
    const line = priority === 'global' ? report.global : report.lines.find((l) => l.priority === priority);
    expect(line?.tickets).toBe(count);
    expect([line?.firstResponse.met, rounded(line?.firstResponse.percent ?? null)]).toEqual([frMet, frPercent]);
    expect([line?.resolution.met, rounded(line?.resolution.percent ?? null)]).toEqual([resMet, resPercent]);
  });

  it('compares each line with its objective, and the global line with the global objective', () => {
    const goals = [...report.lines, report.global].map((l) => [l.label, l.resolution.goal, l.resolution.goalMet]);
    expect(goals).toEqual([
      ['Critique', 100, true],
      ['Haute', 90, true],
      ['Normale', 85, true],
      ['Basse', 80, true],
      ['Résultat Global', 90, true],
    ]);
    // 28 of 31 is 90.3 %: the 90 % objective of "Haut" is met, just.
    expect(report.lines[1]?.firstResponse.goalMet).toBe(true);
  });

  it('prints the sheet with the seed’s percentages', () => {
    const text = slaReportText(report, 'Europe/Paris');
    expect(text).toMatch(/^Résultats engagement de niveau de service/);
    expect(text).toMatch(/Résultat Global\s+7560\s+7456\s+99%\s+90%\s+atteint\s+7443\s+98%\s+90%/);
    expect(text).toMatch(/Haute\s+31\s+28\s+90%\s+90%\s+atteint\s+29\s+94%/);
  });

  it('keeps pending tickets, tickets without contract and drafts out of the percentages', () => {
    const now = new Date('2026-11-23T10:00:00Z'); // 11:00 in Paris, before the 12:00 due date
    const open = {
      ...newTicket({ firstResponseDue: due, resolutionDue: due }),
      number: 'A',
      firstRespondedAt: null,
      resolvedAt: null,
      assignee: null,
      takenAt: null,
    };
    const late = { ...open, number: 'B', firstResponseDue: shift(due, -120), resolutionDue: shift(due, -120) };
    const answered = { ...open, number: 'C', firstRespondedAt: shift(due, -90) };
    const noContract = { ...open, number: 'D', contract: false, firstResponseDue: null, resolutionDue: null };
    const draft = { ...open, number: 'E', status: 'draft' as const };
    const sheet = slaReport(policy, [open, late, answered, noContract, draft], { now });
    const normale = sheet.lines.find((l) => l.priority === 'normale');
    expect(normale?.tickets).toBe(3);
    expect(normale?.firstResponse).toMatchObject({ met: 1, missed: 1, pending: 1, percent: 50, goalMet: false });
    expect(normale?.resolution).toMatchObject({ met: 0, missed: 1, pending: 2, percent: 0 });
    expect([sheet.notApplicable, sheet.drafts]).toEqual([1, 1]);
    const empty = sheet.lines.find((l) => l.priority === 'basse');
    expect(empty?.firstResponse).toMatchObject({ percent: null, goalMet: null });
  });
});
