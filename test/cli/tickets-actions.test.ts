import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Ticket, TicketEvent } from '../../src/store/ticket-store.js';
import { memoryIo } from '../helpers/memory-io.js';
import { newTicket } from '../store/new-ticket.js';

let folder: string;
let db: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'guichet-cli-actions-'));
  db = join(folder, 'guichet.sqlite');
  const store = SqliteStore.open(db);
  // T20261123.0001, normale, first response due at 13:05.
  await store.createTicket(
    newTicket({
      createdAt: '2026-11-23T08:05:00Z',
      firstResponseDue: '2026-11-23T13:05:00+01:00',
      resolutionDue: '2026-11-24T12:05:00+01:00',
    }),
  );
  await store.close();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function guichet(...args: string[]) {
  const io = memoryIo('', { LOG_LEVEL: 'silent' });
  const status = await main(['tickets', ...args, '--db', db], io);
  return { status, out: io.out(), err: io.err() };
}

async function stored(): Promise<{ ticket: Ticket; events: TicketEvent[] }> {
  return JSON.parse((await guichet('show', 'T20261123.0001', '--json')).out) as {
    ticket: Ticket;
    events: TicketEvent[];
  };
}

const N = 'T20261123.0001';

describe('guichet tickets take|reply|escalate|wait|resolve|reopen', () => {
  it('refuses someone outside the directory, and changes nothing', async () => {
    const { status, err } = await guichet('take', N, '--by', 'intrus');
    expect(status).toBe(1);
    expect(err).toBe(
      'guichet tickets take: "intrus" is not a technician of the directory (policy resources.technicians)\n',
    );
    expect((await stored()).ticket.assignee).toBeNull();
  });

  it('takes the ticket: assigned, in progress, take-charge and first response at --now', async () => {
    const { status, out } = await guichet('take', N, '--by', 'philippe', '--now', '2026-11-23T10:15:00+01:00');
    expect(status).toBe(0);
    expect(out).toContain('take: done by Philippe; the person has no channel to be told in: logged.');
    expect(out).toMatch(/^taken by:\s+philippe$/m);
    const { ticket } = await stored();
    expect(ticket).toMatchObject({
      assignee: 'philippe',
      status: 'in_progress',
      takenAt: '2026-11-23T10:15:00+01:00',
      firstRespondedAt: '2026-11-23T10:15:00+01:00',
    });
  });

  it('tells a second technician who has the ticket', async () => {
    const { status, err } = await guichet('take', N, '--by', 'jerome');
    expect(status).toBe(1);
    expect(err).toBe(`guichet tickets take: ${N} is already taken by Philippe\n`);
  });

  it('counts the first response of the take in guichet report', async () => {
    const io = memoryIo('', { LOG_LEVEL: 'silent' });
    expect(await main(['report', '--db', db, '--json', '--now', '2026-11-23T16:00:00+01:00'], io)).toBe(0);
    const sheet = JSON.parse(io.out()) as {
      lines: { priority: string; tickets: number; firstResponse: { met: number } }[];
    };
    expect(sheet.lines.find((l) => l.priority === 'normale')).toMatchObject({ tickets: 1, firstResponse: { met: 1 } });
  });

  it('replies with --text, kept in the event log', async () => {
    const { status } = await guichet('reply', N, '--by', 'philippe', '--text', 'Je passe à 14 h.');
    expect(status).toBe(0);
    const { events } = await stored();
    expect(events.find((e) => e.kind === 'replied')).toMatchObject({
      by: 'philippe',
      data: { text: 'Je passe à 14 h.' },
    });
  });

  it('needs --text to resolve, then resolves, then reopens', async () => {
    const missing = await guichet('resolve', N, '--by', 'philippe');
    expect(missing.status).toBe(1);
    expect(missing.err).toContain('resolve needs the resolution note (--text)');
    expect((await guichet('resolve', N, '--by', 'philippe', '--text', 'Pilote réinstallé.')).status).toBe(0);
    expect((await stored()).ticket.status).toBe('resolved');
    const reopened = await guichet('reopen', N, '--by', 'philippe', '--json');
    expect(reopened.status).toBe(0);
    expect(JSON.parse(reopened.out)).toMatchObject({ ok: true, changed: true, ticket: { status: 'in_progress' } });
  });

  it('waits for the person, then escalates with a reason to level 2', async () => {
    expect((await guichet('wait', N, '--by', 'philippe')).status).toBe(0);
    expect((await stored()).ticket.status).toBe('waiting_customer');
    const { status } = await guichet('escalate', N, '--by', 'philippe', '--text', 'Droits admin nécessaires');
    expect(status).toBe(0);
    const { ticket, events } = await stored();
    expect(ticket).toMatchObject({ level: 2, assignee: null });
    expect(events.find((e) => e.kind === 'escalated')?.data).toMatchObject({ reason: 'Droits admin nécessaires' });
  });

  it.each([
    [['take', 'T20991231.0001', '--by', 'philippe'], 1, 'no ticket has the number T20991231.0001'],
    [['take', N], 1, '--by expects who acts'],
    [['take'], 2, 'take|reply|escalate|wait|resolve|reopen NUMBER'],
    [['respond', N, '--by', 'intrus'], 1, '"intrus" is not a technician of the directory'],
  ])('refuses %j (exit %i) saying %s', async (args, code, says) => {
    const { status, err } = await guichet(...args);
    expect(status).toBe(code);
    expect(err).toContain(says);
  });
});
