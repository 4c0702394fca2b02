import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Ticket } from '../../src/store/ticket-store.js';
import { memoryIo } from '../helpers/memory-io.js';
import { newTicket } from '../store/new-ticket.js';

let folder: string;
let db: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'guichet-cli-tickets-'));
  db = join(folder, 'guichet.sqlite');
  const store = SqliteStore.open(db);
  await store.createTicket(
    newTicket({ createdAt: '2026-11-20T16:30:00Z', priority: 'critique', title: 'Serveur de fichiers arrêté' }),
  );
  await store.createTicket(
    newTicket({
      createdAt: '2026-11-23T08:05:00Z',
      account: 'Cabinet Martin Avocats',
      status: 'new',
      domain: 'telecom',
      queue: 'OPS-02-TELECOM',
    }),
  );
  await store.updateTicket(
    'T20261120.0001',
    { status: 'resolved', resolvedAt: '2026-11-23T11:00:00.000+01:00' },
    { at: '2026-11-23T10:00:00Z', kind: 'status_changed', by: 'pascal', data: { from: 'assigned', to: 'resolved' } },
  );
  await store.close();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function guichet(...args: string[]) {
  const io = memoryIo();
  const status = await main(['tickets', ...args, '--db', db], io);
  return { status, out: io.out(), err: io.err() };
}

describe('guichet tickets list', () => {
  it('prints a table, most recent first, with the creation time in Paris', async () => {
    const { status, out } = await guichet('list');
    expect(status).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^number\s+created\s+priority\s+type\s+status\s+queue\s+account\s+title$/);
    expect(lines.slice(2).map((l) => l.split(/\s{2,}/))).toEqual([
      [
        'T20261123.0001',
        '2026-11-23 09:05',
        'normale',
        'incident',
        'new',
        'OPS-02-TELECOM',
        'Cabinet Martin Avocats',
        'Imprimante du 2e étage hors service',
      ],
      [
        'T20261120.0001',
        '2026-11-20 17:30',
        'critique',
        'incident',
        'resolved',
        'OPS-01-INFORMATIQUE',
        'Transports Durand',
        'Serveur de fichiers arrêté',
      ],
    ]);
  });

  it.each([
    [['--status', 'resolved'], ['T20261120.0001']],
    [['--status', 'new,assigned'], ['T20261123.0001']],
    [
      ['--status', 'new', '--status', 'resolved'],
      ['T20261123.0001', 'T20261120.0001'],
    ],
    [['--account', 'Transports Durand'], ['T20261120.0001']],
    [['--account', 'Nobody'], []],
    [['--limit', '1'], ['T20261123.0001']],
  ])('filters with %j', async (filter, numbers) => {
    const { status, out } = await guichet('list', '--json', ...filter);
    expect(status).toBe(0);
    expect((JSON.parse(out) as Ticket[]).map((t) => t.number)).toEqual(numbers);
  });

  it('says when nothing matches', async () => {
    expect((await guichet('list', '--account', 'Nobody')).out).toBe('No ticket matches.\n');
  });

  it.each([
    [['list', '--status', 'open'], /--status expects draft, new, assigned/],
    [['list', '--limit', 'ten'], /--limit expects a whole number/],
    [['list', '--colour'], /Unknown option '--colour'/],
  ])('refuses %j with exit 1 and what to write instead', async (args, message) => {
    const { status, err } = await guichet(...args);
    expect(status).toBe(1);
    expect(err).toMatch(message);
  });

  it.each([[[]], [['remove']], [['show']], [['show', 'T1', 'T2']]])('shows the usage for %j', async (args) => {
    const { status, err } = await guichet(...args);
    expect(status).toBe(2);
    expect(err).toMatch(/Usage: guichet tickets list/);
  });
});

describe('guichet tickets show', () => {
  it('prints every field and the events', async () => {
    const { status, out } = await guichet('show', 'T20261120.0001');
    expect(status).toBe(0);
    expect(out).toMatch(/^number:\s+T20261120\.0001$/m);
    expect(out).toMatch(/^status:\s+resolved$/m);
    expect(out).toMatch(/^work type:\s+Support à distance \(Réactif\)$/m);
    expect(out).toMatch(/^first response due:\s+2026-11-23 13:00$/m);
    expect(out).toMatch(/^resolved:\s+2026-11-23 11:00$/m);
    expect(out).toMatch(/events \(2\):/);
    expect(out).toMatch(/2026-11-20 17:30\s+created\s+bot/);
    expect(out).toMatch(/2026-11-23 11:00\s+status_changed\s+pascal\s+\{"from":"assigned","to":"resolved"\}/);
  });

  it('writes the ticket and its events as JSON', async () => {
    const { status, out } = await guichet('show', 'T20261120.0001', '--json');
    expect(status).toBe(0);
    const shown = JSON.parse(out) as { ticket: Ticket; events: { kind: string }[] };
    expect(shown.ticket).toMatchObject({
      number: 'T20261120.0001',
      priority: 'critique',
      resolvedAt: '2026-11-23T11:00:00.000+01:00',
    });
    expect(shown.events.map((e) => e.kind)).toEqual(['created', 'status_changed']);
  });

  it('exits 1 with a clear message for an unknown number', async () => {
    const { status, out, err } = await guichet('show', 'T20261120.0099');
    expect(status).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(
      'guichet tickets: no ticket numbered "T20261120.0099"; list the tickets with `guichet tickets list`\n',
    );
  });
});

describe('guichet tickets respond|status: the technician’s actions', () => {
  let actionsDb: string;
  beforeAll(async () => {
    actionsDb = join(folder, 'actions.sqlite');
    const store = SqliteStore.open(actionsDb);
    await store.createTicket(
      newTicket({ createdAt: '2026-11-23T08:05:00Z', firstResponseDue: '2026-11-23T13:05:00+01:00' }),
    );
    await store.close();
  });

  async function act(...args: string[]) {
    const io = memoryIo();
    const status = await main(['tickets', ...args, '--db', actionsDb], io);
    return { status, out: io.out(), err: io.err() };
  }

  async function stored(): Promise<Ticket> {
    const { out } = await act('show', 'T20261123.0001', '--json');
    return (JSON.parse(out) as { ticket: Ticket }).ticket;
  }

  it('records the first response once, at the clock’s time, with who did it', async () => {
    const first = await act('respond', 'T20261123.0001', '--by', 'philippe', '--now', '2026-11-23T10:15:00+01:00');
    expect(first.status).toBe(0);
    expect(first.out).toContain('responded');
    await act('respond', 'T20261123.0001', '--by', 'jerome', '--now', '2026-11-23T11:00:00+01:00');
    expect((await stored()).firstRespondedAt).toBe('2026-11-23T10:15:00+01:00');
  });

  it('resolves the ticket and stamps the resolution time', async () => {
    const { status } = await act(
      'status',
      'T20261123.0001',
      'resolved',
      '--by',
      'philippe',
      '--now',
      '2026-11-23T16:40:00+01:00',
    );
    expect(status).toBe(0);
    const ticket = await stored();
    expect(ticket.status).toBe('resolved');
    expect(ticket.resolvedAt).toBe('2026-11-23T16:40:00+01:00');
  });

  it.each([
    { args: ['respond', 'T20261123.0001'], says: '--by expects who acts' },
    { args: ['status', 'T20261123.0001', 'fini', '--by', 'philippe'], says: 'STATUS expects draft, new, assigned' },
    { args: ['respond', 'T20991231.0001', '--by', 'philippe'], says: 'T20991231.0001' },
  ])('refuses $args with a message', async ({ args, says }) => {
    const { status, err } = await act(...args);
    expect(status).toBe(1);
    expect(err).toContain(says);
  });

  it('says what it expects when the words are off', async () => {
    const { status, err } = await act('status', 'T20261123.0001');
    expect(status).toBe(2);
    expect(err).toContain('"status NUMBER STATUS"');
  });
});
