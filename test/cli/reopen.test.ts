import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { memoryIo } from '../helpers/memory-io.js';

const dir = mkdtempSync(join(tmpdir(), 'guichet-cli-reopen-'));
const db = join(dir, 'guichet.sqlite');
const NOW = '2026-11-23T10:00:00+01:00';
const LATER = '2026-11-23T11:00:00+01:00';

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Line {
  replies: { text: string }[];
  ticket?: { number: string; status: string };
}

/** `guichet chat --jsonl` in the conversation `conv-terminal-1`, as Marie, one line per message. */
async function chat(messages: string[], now: string): Promise<Line[]> {
  const io = memoryIo(`${messages.join('\n')}\n`, { LOG_LEVEL: 'silent' });
  const args = ['chat', '--jsonl', '--db', db, '--now', now, '--conversation', 'conv-terminal-1'];
  const status = await main([...args, '--user', 'marie.lefevre@transports-durand.fr'], io);
  expect(io.err()).toBe('');
  expect(status).toBe(0);
  return io
    .out()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
}

async function tickets(...args: string[]): Promise<{ status: number; out: string }> {
  const io = memoryIo('', { LOG_LEVEL: 'silent' });
  const status = await main(['tickets', ...args, '--db', db, '--now', LATER], io);
  return { status, out: io.out() };
}

describe('the terminal: resolved from the command line, reopened by the person', () => {
  it('reopens the ticket of the conversation when the person says it still does not work', async () => {
    const opened = await chat(["l'imprimante du 2e étage n'imprime plus", '1', '1'], NOW);
    const number = opened.find((l) => l.ticket)?.ticket?.number ?? '';
    expect(number).toBe('T20261123.0001');
    expect((await tickets('take', number, '--by', 'philippe')).status).toBe(0);
    const resolved = await tickets('resolve', number, '--by', 'philippe', '--text', 'Pilote réinstallé.');
    expect(resolved.status).toBe(0);
    // The terminal cannot be written to later: the person's message is logged, not sent.
    expect(resolved.out).toContain('the person has no channel to be told in: logged');

    const [, answer] = await chat(['ça ne marche toujours pas'], LATER);
    expect(answer?.replies.map((r) => r.text).join('\n')).toContain(
      `Je rouvre votre ticket ${number} : Philippe, qui s'en occupait, est prévenu`,
    );
    const shown = JSON.parse((await tickets('show', number, '--json')).out) as {
      ticket: { status: string; resolvedAt: string | null };
      events: { kind: string; data?: Record<string, unknown> }[];
    };
    expect(shown.ticket).toMatchObject({ status: 'in_progress', resolvedAt: null });
    expect(shown.events.find((e) => e.kind === 'person_replied')?.data).toMatchObject({
      text: 'ça ne marche toujours pas',
      reopens: true,
    });
  });
});
