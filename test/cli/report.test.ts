import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodBound } from '../../src/cli/report.js';
import { main } from '../../src/cli.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { SlaReport } from '../../src/tickets/sla-report.js';
import { memoryIo } from '../helpers/memory-io.js';
import { newTicket } from '../store/new-ticket.js';

let folder: string;
let db: string;

/**
 * Four critique tickets with contract (first response due 10:00, resolution 13:00 in Paris) and
 * one without contract, answered and resolved at various times.
 */
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'guichet-cli-report-'));
  db = join(folder, 'guichet.sqlite');
  const store = SqliteStore.open(db);
  const dates = {
    priority: 'critique' as const,
    firstResponseDue: '2026-11-23T10:00:00.000+01:00',
    resolutionDue: '2026-11-23T13:00:00.000+01:00',
  };
  const cases: [string, Partial<Parameters<typeof newTicket>[0]>, string | null, string | null][] = [
    ['2026-11-23T08:00:00Z', dates, '2026-11-23T09:30:00+01:00', '2026-11-23T12:00:00+01:00'], // both met
    ['2026-11-23T08:01:00Z', dates, '2026-11-23T10:30:00+01:00', '2026-11-23T14:00:00+01:00'], // both late
    ['2026-11-23T08:02:00Z', dates, '2026-11-23T09:45:00+01:00', null], // answered, still open
    [
      '2026-11-24T08:00:00Z',
      { ...dates, firstResponseDue: '2026-11-24T10:00:00.000+01:00', resolutionDue: '2026-11-24T13:00:00.000+01:00' },
      null,
      null,
    ],
    [
      '2026-11-23T08:03:00Z',
      { contract: false, firstResponseDue: null, resolutionDue: null, escalationAt: null },
      null,
      null,
    ],
  ];
  for (const [createdAt, fields, respondedAt, resolvedAt] of cases) {
    const { ticket } = await store.createTicket(newTicket({ createdAt, ...fields }));
    const event = { at: createdAt, kind: 'note' as const, by: 'test' };
    if (respondedAt) await store.updateTicket(ticket.number, { firstRespondedAt: respondedAt }, event);
    if (resolvedAt) await store.updateTicket(ticket.number, { resolvedAt, status: 'resolved' }, event);
  }
  await store.close();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function guichet(...args: string[]) {
  const io = memoryIo();
  const status = await main(['report', '--db', db, ...args], io);
  return { status, out: io.out(), err: io.err() };
}

async function sheet(...args: string[]): Promise<SlaReport> {
  const { status, out, err } = await guichet('--json', ...args);
  expect(err).toBe('');
  expect(status).toBe(0);
  return JSON.parse(out) as SlaReport;
}

describe('guichet report', () => {
  it.each([
    ['on the Monday at noon: Tuesday’s ticket is pending', '2026-11-23T12:00:00+01:00', [2, 1, 1], [1, 1, 2]],
    ['on the Tuesday evening: everything open is late', '2026-11-24T19:00:00+01:00', [2, 2, 0], [1, 3, 0]],
  ])(
    'judges open tickets at --now, %s',
    async (_, now, [frMet, frMissed, frPending], [resMet, resMissed, resPending]) => {
      const report = await sheet('--now', now);
      const critique = report.lines.find((l) => l.priority === 'critique');
      expect(critique?.tickets).toBe(4);
      expect(critique?.firstResponse).toMatchObject({ met: frMet, missed: frMissed, pending: frPending, goal: 100 });
      expect(critique?.resolution).toMatchObject({ met: resMet, missed: resMissed, pending: resPending, goal: 100 });
      expect(report.global.tickets).toBe(4);
      expect(report.global.firstResponse.goal).toBe(90);
      expect(report.notApplicable).toBe(1);
    },
  );

  it.each([
    [['--from', '2026-11-24'], 1, 0],
    [['--to', '2026-11-23'], 3, 1],
    [['--from', '2026-11-23T09:01:00+01:00', '--to', '2026-11-23T09:03:00+01:00'], 2, 0],
    [['--account', 'Cabinet Martin Avocats'], 0, 0],
  ])('keeps the tickets of the period %j', async (period, inScope, notApplicable) => {
    const report = await sheet('--now', '2026-11-25T12:00:00+01:00', ...period);
    expect(report.global.tickets).toBe(inScope);
    expect(report.notApplicable).toBe(notApplicable);
  });

  it('prints the sheet with its period and the global line', async () => {
    const { status, out } = await guichet(
      '--now',
      '2026-11-24T19:00:00+01:00',
      '--from',
      '2026-11-01',
      '--to',
      '2026-11-30',
    );
    expect(status).toBe(0);
    expect(out).toMatch(/^Résultats engagement de niveau de service/);
    expect(out).toContain('Compte client : Tous    Période du : 01/11/2026 au 30/11/2026');
    expect(out).toMatch(/Critique\s+4\s+2\s+50%\s+100%\s+non atteint\s+1\s+25%\s+100%\s+non atteint\s+0 \/ 0/);
    expect(out).toMatch(/Résultat Global\s+4\s+2\s+50%\s+90%/);
    expect(out).toContain('Sans contrat de maintenance (N/A, hors engagement) : 1 ticket(s).');
  });

  it.each([
    [['--from', 'last monday'], /--from expects a date such as 2026-11-01/],
    [['--from', '2026-11-30', '--to', '2026-11-01'], /--from \(2026-11-30\) must come before --to \(2026-11-01\)/],
    [['--now', 'tomorrow'], /--now expects an ISO-8601 instant/],
    [['--now', '2026-11-24'], /--now expects an ISO-8601 instant with its UTC offset/],
    [['--now', '2026-11-24T12:00'], /--now expects an ISO-8601 instant with its UTC offset/],
  ])('refuses %j with exit 1', async (args, message) => {
    const { status, err } = await guichet(...args);
    expect(status).toBe(1);
    expect(err).toMatch(message);
  });
});

describe('periodBound', () => {
  it.each([
    ['2026-11-01', 'from', '2026-10-31T23:00:00.000Z'],
    ['2026-11-30', 'to', '2026-11-30T23:00:00.000Z'],
    ['2026-07-14', 'to', '2026-07-14T22:00:00.000Z'],
    ['2026-11-23T09:00', 'from', '2026-11-23T08:00:00.000Z'],
    ['2026-11-23T09:00:00-05:00', 'to', '2026-11-23T14:00:00.000Z'],
  ] as const)('reads %s as --%s %s', (text, option, expected) => {
    expect(periodBound(text, option, 'Europe/Paris')).toBe(expected);
  });
});
