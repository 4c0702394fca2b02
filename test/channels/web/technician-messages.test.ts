import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { type RunningServer, run } from '../../server/http-harness.js';

/** A Monday within business hours. */
const NOW = '2026-11-23T10:00:00+01:00';
const MARIE = 'marie.lefevre@transports-durand.fr';

let dir: string;
let app: Guichet;
let http: RunningServer;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-web-tech-'));
  app = await createGuichet({
    database: join(dir, 'guichet.sqlite'),
    clock: fixedClock(NOW),
    policyPath: DEFAULT_POLICY_PATH,
    accountsPath: DEFAULT_ACCOUNTS_PATH,
    logger: pino({ level: 'silent' }),
  });
  http = await run(createHttpServer(app, readConfig({ WEB_TRUST_USER_ID: 'true' }), channels), app);
});

afterEach(async () => {
  await http.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

async function post<T = TurnResult & Record<string, unknown>>(
  path: string,
  body: unknown,
): Promise<{ status: number; json: T }> {
  const response = await http.postJson(path, body);
  return { status: response.status, json: (await response.json()) as T };
}

type Updates = { messages: { id: number; at: string; text: string; language: string }[] };

/** Marie's printer ticket, opened through the web API. */
async function webTicket(): Promise<{ conversationId: string; number: string }> {
  const begun = await post('/api/web/begin', { userId: MARIE });
  const conversationId = begun.json.conversationId as string;
  const say = (send: Record<string, string>) => post('/api/web/messages', { conversationId, userId: MARIE, ...send });
  await say({ text: "l'imprimante du 2e étage n'imprime plus" });
  await say({ choice: 'accept' });
  const opened = await say({ choice: 'confirm' });
  const number = opened.json.ticket?.number ?? '';
  expect(number).toMatch(/^T20261123\.\d{4}$/);
  return { conversationId, number };
}

describe('the technicians’ messages in the web chat', () => {
  it('keeps each message to the person of a web ticket for its page, in order, fetched after the last one shown', async () => {
    const { conversationId, number } = await webTicket();
    expect((await post<Updates>('/api/web/updates', { conversationId })).json.messages).toEqual([]);

    const taken = await app.technicianActions.run({ action: 'take', number, by: 'philippe' });
    expect(taken).toMatchObject({ ok: true, told: 'sent' });
    await app.technicianActions.run({ action: 'reply', number, by: 'philippe', text: 'Je passe à 14 h.' });

    const first = await post<Updates>('/api/web/updates', { conversationId, after: 0 });
    expect(first.status).toBe(200);
    expect(first.json.messages.map((m) => [m.id, m.text])).toEqual([
      [
        1,
        `Philippe, technicien du support, a pris en charge votre ticket ${number}. Il revient vers vous au plus vite.`,
      ],
      [2, `Message de Philippe au sujet de votre ticket ${number} :\nJe passe à 14 h.`],
    ]);
    expect(first.json.messages[0]?.language).toBe('fr');

    await app.technicianActions.run({ action: 'escalate', number, by: 'philippe', text: 'Carte réseau HS' });
    await app.technicianActions.run({ action: 'resolve', number, by: 'pascal', text: 'Carte remplacée.' });
    const later = await post<Updates>('/api/web/updates', { conversationId, after: 2 });
    expect(later.json.messages.map((m) => m.id)).toEqual([3, 4]);
    expect(later.json.messages[0]?.text).toContain('confié au niveau 2');
    expect(later.json.messages[1]?.text).toContain('Pascal a résolu votre ticket');
    // Recorded as sent: the person is reached, not only logged.
    const told = (await app.store.listEvents(number)).filter((e) => e.data?.kind === 'person_told');
    expect(told.map((e) => e.data?.told)).toEqual(['sent', 'sent', 'sent', 'sent']);

    // Another conversation sees none of them.
    const other = await post<Updates>('/api/web/updates', { conversationId: 'another-conversation-1' });
    expect(other.json.messages).toEqual([]);
  });

  it('reopens the resolved ticket when the person says in the page that it still does not work', async () => {
    const { conversationId, number } = await webTicket();
    await app.technicianActions.run({ action: 'take', number, by: 'philippe' });
    await app.technicianActions.run({ action: 'resolve', number, by: 'philippe', text: 'Pilote réinstallé.' });
    const answer = await post('/api/web/messages', {
      conversationId,
      userId: MARIE,
      text: 'ça ne marche toujours pas',
    });
    expect(answer.json.replies.map((r) => r.text).join('\n')).toContain(`Je rouvre votre ticket ${number}`);
    expect((await app.store.getTicket(number))?.status).toBe('in_progress');
  });

  it('refuses an update request without a valid conversation id', async () => {
    const response = await post<{ code: string; message: string }>('/api/web/updates', { after: 1 });
    expect(response.status).toBe(400);
    expect(response.json.message).toContain('conversationId');
  });
});
