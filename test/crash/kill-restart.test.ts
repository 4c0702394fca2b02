import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { freshSchema, testDatabaseUrl } from '../helpers/postgres-schema.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'guichet.js');
/** A Monday within business hours, so every ticket gets its SLA dates. */
const NOW = '2026-11-23T10:00:00+01:00';
const MARIE = 'marie.lefevre@transports-durand.fr';
/** Conversations going on at once while the server is killed. */
const CLIENTS = 8;
/** Tickets announced before the kill, so the load is well under way. */
const ANNOUNCED_BEFORE_KILL = 12;

/** The messages of one intake, from the first words to the ticket (the known contact skips the rest). */
const SCRIPT: Record<string, string>[] = [
  { text: "l'imprimante du 2e étage n'imprime plus" },
  { choice: 'accept' },
  { choice: 'confirm' },
  // The same person reports the same printer again and again: each conversation insists on a
  // ticket of its own when told one is already open (sent only when no ticket was announced yet).
  { choice: 'new' },
];

interface Reply {
  replies: { text: string }[];
  ticket?: { number: string };
}

/** `guichet start` as a process of its own, on a free port. */
interface Instance {
  base: string;
  child: ChildProcess;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

async function startInstance(database: string): Promise<Instance> {
  const child = spawn(
    process.execPath,
    [BIN, 'start', '--port', '0', '--host', '127.0.0.1', '--db', database, '--now', NOW],
    {
      env: { ...process.env, WEB_TRUST_USER_ID: 'true', LOG_LEVEL: 'warn', PORT: '', TWILIO_AUTH_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => {
    out += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    err += String(chunk);
  });
  await expect
    .poll(() => out + (child.exitCode === null ? '' : `exited ${child.exitCode}: ${err}`), { timeout: 30_000 })
    .toMatch(/web chat: http:\/\/127\.0\.0\.1:\d+\//);
  const base = /web chat: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1] ?? '';
  return { base, child };
}

async function post(base: string, path: string, body: unknown): Promise<Reply> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Reply;
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

const said = (reply: Reply) => reply.replies.map((r) => r.text).join('\n');

/** One conversation's progress: how far its script went, and the ticket it was told. */
interface Conversation {
  id: string;
  next: number;
  ticket: string | null;
}

/** Sends the script's messages from `conversation.next` on; each keeps its id, so a resend is taken once. */
async function converse(base: string, conversation: Conversation): Promise<void> {
  if (conversation.next === 0) {
    await post(base, '/api/web/begin', { conversationId: conversation.id, userId: MARIE });
  }
  for (let step = Math.max(conversation.next, 0); step < SCRIPT.length; step += 1) {
    conversation.next = step;
    if (step === SCRIPT.length - 1 && conversation.ticket !== null) continue;
    const reply = await post(base, '/api/web/messages', {
      conversationId: conversation.id,
      userId: MARIE,
      messageId: `${conversation.id}-${step}`,
      ...SCRIPT[step],
    });
    // A store or lock failure is answered 200 with an apology: that is no continuation.
    expect(said(reply)).not.toMatch(/problème technique/);
    if (reply.ticket) conversation.ticket = reply.ticket.number;
  }
  conversation.next = SCRIPT.length;
}

/**
 * Runs intakes from CLIENTS clients against `guichet start` on `database`, kills the process with
 * SIGKILL once ANNOUNCED_BEFORE_KILL tickets were announced, restarts it on the same database,
 * lets every interrupted conversation go on with its next message, and checks the store.
 */
async function killUnderLoadAndRestart(database: string): Promise<void> {
  const first = await startInstance(database);
  const conversations: Conversation[] = [];
  let killed = false;
  const client = async (k: number) => {
    for (let n = 0; !killed; n += 1) {
      const conversation: Conversation = { id: `crash-${k}-${n}-${Date.now()}`, next: 0, ticket: null };
      conversations.push(conversation);
      try {
        await converse(first.base, conversation);
      } catch (error) {
        if (!killed) throw error;
        return;
      }
    }
  };
  const clients = Array.from({ length: CLIENTS }, (_, k) => client(k));
  await expect
    .poll(() => conversations.filter((c) => c.ticket !== null).length, { timeout: 60_000, interval: 5 })
    .toBeGreaterThanOrEqual(ANNOUNCED_BEFORE_KILL);
  killed = true;
  first.child.kill('SIGKILL');
  await Promise.all(clients);
  const announcedBefore = conversations.filter((c) => c.ticket !== null).map((c) => c.ticket);
  const interrupted = conversations.filter((c) => c.next < SCRIPT.length);
  expect(interrupted.length).toBeGreaterThan(0);

  const second = await startInstance(database);
  // Every interrupted conversation goes on where it stopped, at once: no lock of the dead process
  // holds it, and its last message, sent again, is taken once.
  await Promise.all(interrupted.map((conversation) => converse(second.base, conversation)));
  for (const conversation of conversations) expect(conversation.ticket, conversation.id).toMatch(/^T20261123\.\d{4}$/);
  second.child.kill('SIGTERM');
  await new Promise((resolve) => second.child.once('exit', resolve));

  const store = await openStore(database);
  try {
    const stored = (await store.listTickets({ limit: 10_000 })).map((ticket) => ticket.number);
    const announced = conversations.map((c) => c.ticket as string);
    // Every number announced to a client is in the store, none was given twice, and no intake
    // left a second ticket behind (one conversation, one ticket).
    for (const number of announcedBefore) expect(stored).toContain(number);
    expect(new Set(announced).size).toBe(announced.length);
    expect([...stored].sort()).toEqual([...announced].sort());
  } finally {
    await store.close();
  }
}

describe('guichet start killed with SIGKILL under load, then restarted', () => {
  let folder: string | undefined;
  afterEach(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = undefined;
  });

  it('on SQLite: loses no announced ticket, gives no number twice, and every conversation goes on', async () => {
    folder = mkdtempSync(join(tmpdir(), 'guichet-crash-'));
    await killUnderLoadAndRestart(join(folder, 'guichet.sqlite'));
  }, 180_000);

  const url = testDatabaseUrl;
  if (url) {
    it('on PostgreSQL: loses no announced ticket, gives no number twice, and every conversation goes on', async () => {
      const { schema, drop } = await freshSchema(url);
      try {
        const withSchema = new URL(url);
        withSchema.searchParams.set('options', `-c search_path=${schema}`);
        await killUnderLoadAndRestart(withSchema.toString());
      } finally {
        await drop();
      }
    }, 180_000);
  } else if (process.env.CI === 'true') {
    it('on PostgreSQL needs TEST_DATABASE_URL under CI', () => {
      throw new Error('TEST_DATABASE_URL is not set: CI must run the crash test on PostgreSQL (postgres://…)');
    });
  } else {
    it.skip('on PostgreSQL (skipped: set TEST_DATABASE_URL=postgres://… to run it)', () => {});
    process.stderr.write('crash test on PostgreSQL skipped: TEST_DATABASE_URL is not set.\n');
  }
});
