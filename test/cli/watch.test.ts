import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { memoryIo } from '../helpers/memory-io.js';
import { newTicket } from '../store/new-ticket.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'guichet.js');
const run = promisify(execFile);
const env = { ...process.env, LOG_LEVEL: 'info', DATABASE_URL: '', TWILIO_AUTH_TOKEN: '' };

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'guichet-cli-watch-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** `guichet watch --once` as its own process: its JSON lines, and its log's technician notifications. */
async function watchOnce(db: string, now: string) {
  const { stdout, stderr } = await run(process.execPath, [BIN, 'watch', '--once', '--db', db, '--now', now], { env });
  const lines = stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { ticket: string; step: string; level: number; notified: string[] });
  const notifications = stderr
    .split('\n')
    .filter((l) => l.includes('"technician notification"'))
    .map(
      (l) => (JSON.parse(l) as { notification: { kind: string; level: number; recipients: string[] } }).notification,
    );
  return { lines, notifications };
}

async function events(db: string, number: string) {
  const io = memoryIo();
  expect(await main(['tickets', 'show', number, '--json', '--db', db], io)).toBe(0);
  return (JSON.parse(io.out()) as { events: { kind: string; by: string; data?: Record<string, unknown> }[] }).events;
}

describe('guichet watch --once, as a process', () => {
  it('escalates a normale ticket never taken to level 2 exactly once, run twice and from two processes at once; then to level 3, once', async () => {
    const db = join(folder, 'done-when.sqlite');
    const chat = memoryIo("l'imprimante du 2e étage n'imprime plus\nTransports Durand\nMarie Lefèvre\n1\n1\n");
    expect(await main(['chat', '--jsonl', '--db', db, '--now', '2026-11-23T10:00:00+01:00'], chat)).toBe(0);
    const opened = JSON.parse(chat.out().trim().split('\n').at(-1) ?? '{}') as { ticket: { number: string } };
    const number = opened.ticket.number;
    expect(number).toBe('T20261123.0001');

    const runs = [await watchOnce(db, '2026-11-24T11:31:00+01:00'), await watchOnce(db, '2026-11-24T11:31:00+01:00')];
    runs.push(
      ...(await Promise.all([watchOnce(db, '2026-11-24T11:31:00+01:00'), watchOnce(db, '2026-11-24T11:31:00+01:00')])),
    );
    expect(runs.flatMap((r) => r.lines).map((l) => [l.ticket, l.step, l.level, l.notified])).toEqual([
      [number, 'take_charge', 2, ['philippe', 'pascal']],
    ]);
    // The escalation once, then the copies of its message updated once, by the process that sent it.
    expect(runs.flatMap((r) => r.notifications).map((n) => [n.kind, n.level, n.recipients])).toEqual([
      ['ticket_escalated', 2, ['philippe', 'pascal']],
      ['ticket_updated', 2, ['philippe', 'pascal']],
    ]);
    const escalated = (await events(db, number)).filter((e) => e.kind === 'escalated');
    expect(escalated.map((e) => [e.by, e.data?.fromLevel, e.data?.toLevel])).toEqual([['sla-watch', 1, 2]]);

    const later = await Promise.all([
      watchOnce(db, '2026-11-24T16:00:00+01:00'),
      watchOnce(db, '2026-11-24T16:00:00+01:00'),
    ]);
    expect(later.flatMap((r) => r.lines).map((l) => [l.step, l.level])).toEqual([['resolution', 3]]);
    // Two processes may share the messages out: each once, in whichever process sent it.
    const sent = later.flatMap((r) => r.notifications).map((n) => [n.kind, n.recipients]);
    expect(sent.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['sla_warning', ['loic']],
      ['ticket_escalated', ['pascal', 'loic']],
      ['ticket_updated', ['pascal', 'loic']],
    ]);
    expect((await events(db, number)).filter((e) => e.kind === 'escalated').map((e) => e.data?.toLevel)).toEqual([
      2, 3,
    ]);
    expect((await watchOnce(db, '2026-11-30T10:00:00+01:00')).lines).toEqual([]);

    const report = memoryIo();
    expect(await main(['report', '--db', db, '--now', '2026-11-25T10:00:00+01:00'], report)).toBe(0);
    expect(report.out()).toMatch(/^Normale\s+1\s+0\s+1$/m);
  }, 120_000);

  it('fires each of many due timers once when two processes race over one SQLite file', async () => {
    const db = join(folder, 'race.sqlite');
    const store = SqliteStore.open(db);
    const numbers: string[] = [];
    for (let i = 0; i < 40; i++) {
      numbers.push((await store.createTicket(newTicket({ createdAt: '2026-11-23T09:00:00Z' }))).ticket.number);
    }
    await store.close();
    // Both plan the timers of these tickets (opened before any watch) and fire them at once:
    // first the warnings, which change nothing on a ticket, then the escalations.
    const warnings = await Promise.all([
      watchOnce(db, '2026-11-23T14:31:00+01:00'),
      watchOnce(db, '2026-11-23T14:31:00+01:00'),
    ]);
    const warned = warnings.flatMap((r) => r.lines).map((l) => `${l.ticket}/${l.step}`);
    expect(warned.sort()).toEqual(numbers.map((n) => `${n}/first_response_warning`));
    expect(warnings.flatMap((r) => r.notifications).filter((n) => n.kind === 'sla_warning')).toHaveLength(40);
    const runs = await Promise.all([
      watchOnce(db, '2026-11-24T11:31:00+01:00'),
      watchOnce(db, '2026-11-24T11:31:00+01:00'),
    ]);
    const fired = runs.flatMap((r) => r.lines).filter((l) => l.step === 'take_charge');
    expect(fired.map((l) => l.ticket).sort()).toEqual(numbers);
    expect(runs.flatMap((r) => r.notifications).filter((n) => n.kind === 'ticket_escalated')).toHaveLength(40);
    const check = SqliteStore.open(db);
    for (const number of numbers) {
      const escalated = (await check.listEvents(number)).filter((e) => e.kind === 'escalated');
      expect(escalated).toHaveLength(1);
    }
    await check.close();
  }, 120_000);

  it('refuses to run without --once, and explains itself', async () => {
    const io = memoryIo();
    expect(await main(['watch', '--db', join(folder, 'x.sqlite')], io)).toBe(1);
    expect(io.err()).toContain('--once is required');
    const help = memoryIo();
    expect(await main(['watch', '--help'], help)).toBe(0);
    expect(help.out()).toContain('Usage: guichet watch --once');
  });
});

describe('the SLA watch inside guichet start', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    child = undefined;
  });

  it('refuses a bad --watch-interval', async () => {
    const io = memoryIo('', {});
    expect(await main(['start', '--watch-interval', 'often'], io)).toBe(1);
    expect(io.err()).toContain('--watch-interval expects a number of seconds');
  });

  it('runs a pass at start-up and every --watch-interval, and stops before the store closes', async () => {
    const db = join(folder, 'start.sqlite');
    const store = SqliteStore.open(db);
    const { ticket } = await store.createTicket(newTicket({ createdAt: '2026-11-23T09:00:00Z' }));
    await store.close();
    const started = spawn(
      process.execPath,
      [
        BIN,
        'start',
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--db',
        db,
        '--now',
        '2026-11-24T11:31:00+01:00',
        '--watch-interval',
        '1',
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = started;
    let log = '';
    started.stderr?.on('data', (chunk) => {
      log += String(chunk);
    });
    const exited = new Promise<number | null>((resolve) => started.on('exit', (code) => resolve(code)));
    await expect.poll(() => log, { timeout: 20_000 }).toContain('"msg":"SLA watch step"');
    started.kill('SIGTERM');
    expect(await exited).toBe(0);
    const steps = log
      .split('\n')
      .filter((l) => l.includes('"SLA watch step"'))
      .map((l) => (JSON.parse(l) as { watch: { ticket: string; step: string } }).watch);
    expect(steps.map((s) => [s.ticket, s.step])).toEqual([[ticket.number, 'take_charge']]);
    expect(log).toContain('"msg":"server stopped"');
  }, 60_000);
});
