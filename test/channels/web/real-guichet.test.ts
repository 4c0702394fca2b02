import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Guichet } from '../../../src/app.js';
import { readConfig } from '../../../src/config/config.js';
import { fixedClock } from '../../../src/domain.js';
import type { TurnResult } from '../../../src/engine/turn.js';
import { createGuichet } from '../../../src/main.js';
import { DEFAULT_ACCOUNTS_PATH, DEFAULT_POLICY_PATH } from '../../../src/policy/load.js';
import { channels } from '../../../src/server/channels.js';
import { createHttpServer } from '../../../src/server/server.js';
import type { LogLine } from '../../server/fake-guichet.js';
import { type RunningServer, run } from '../../server/http-harness.js';

/** A Monday within business hours. */
const NOW = '2026-11-23T10:00:00+01:00';
const MARIE = 'marie.lefevre@transports-durand.fr';

let dir: string;
let app: Guichet;
let http: RunningServer;
let logs: LogLine[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-web-api-'));
  logs = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  app = await createGuichet({
    database: join(dir, 'guichet.sqlite'),
    clock: fixedClock(NOW),
    policyPath: DEFAULT_POLICY_PATH,
    accountsPath: DEFAULT_ACCOUNTS_PATH,
    logger: pino({ level: 'info' }, sink),
  });
  http = await run(createHttpServer(app, readConfig({ WEB_TRUST_USER_ID: 'true' }), channels), app);
});

afterEach(async () => {
  await http.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

async function post(
  path: string,
  body: unknown,
): Promise<{ status: number; json: TurnResult & Record<string, unknown> }> {
  const response = await http.postJson(path, body);
  return { status: response.status, json: (await response.json()) as TurnResult & Record<string, unknown> };
}

const text = (result: TurnResult) => result.replies.map((reply) => reply.text).join('\n');

describe('the web API on the real Guichet', () => {
  it('takes a known contact from the first message to a stored ticket, by text and by choices', async () => {
    const begun = await post('/api/web/begin', { userId: MARIE });
    expect(begun.status).toBe(200);
    const conversationId = begun.json.conversationId as string;
    expect(text(begun.json)).toMatch(/Bonjour Marie Lefèvre.*Que se passe-t-il/s);

    const steps: { send: Record<string, string>; expect: RegExp }[] = [
      { send: { text: "l'imprimante du 2e étage n'imprime plus" }, expect: /Je propose ce titre/ },
      { send: { choice: 'accept' }, expect: /Je récapitule/ },
      { send: { choice: 'confirm', messageId: 'confirm-1' }, expect: /votre ticket est le T20261123\.\d{4}/ },
    ];
    let last: TurnResult | undefined;
    for (const step of steps) {
      const answer = await post('/api/web/messages', { conversationId, userId: MARIE, ...step.send });
      expect(answer.status).toBe(200);
      expect(text(answer.json)).toMatch(step.expect);
      last = answer.json;
    }
    const number = last?.ticket?.number ?? '';
    expect(number).toMatch(/^T20261123\.\d{4}$/);
    expect(last?.effects).toContainEqual({ type: 'ticket_opened', ticketNumber: number });
    const stored = await app.store.getTicket(number);
    expect(stored).toMatchObject({ source: 'web', account: 'Transports Durand', contactEmail: MARIE });

    // The same confirmation delivered twice (a retried request) does not open a second ticket.
    await post('/api/web/messages', { conversationId, userId: MARIE, choice: 'confirm', messageId: 'confirm-1' });
    expect(await app.store.listTickets()).toHaveLength(1);
  });

  it('resumes a conversation after a reload of the page', async () => {
    const { json } = await post('/api/web/begin', {});
    const conversationId = json.conversationId as string;
    await post('/api/web/messages', { conversationId, text: "l'imprimante du 2e étage n'imprime plus" });
    const resumed = await post('/api/web/begin', { conversationId });
    expect(resumed.json.conversationId).toBe(conversationId);
    expect(text(resumed.json)).toMatch(/Pour quelle entreprise/);
  });

  it.each([
    { name: 'a bad payload', body: { conversationId: 'x' }, status: 400 },
    { name: 'an oversize one', body: { conversationId: 'abcdefgh', text: 'é'.repeat(12_000) }, status: 413 },
  ])('refuses $name with $status and a log line', async ({ body, status }) => {
    const response = await http.postJson('/api/web/messages', body);
    expect(response.status).toBe(status);
    const reqId = response.headers.get('x-request-id');
    expect(logs.some((line) => line.reqId === reqId && line.level === 40)).toBe(true);
  });

  it('reports the store in /healthz: ok, then 503 once the store is closed', async () => {
    const ok = await http.get('/healthz');
    expect([ok.status, await ok.json()]).toEqual([200, { status: 'ok', store: 'ok' }]);
    await app.store.close();
    const down = await http.get('/healthz');
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'unavailable', store: 'failed' });
  });
});
