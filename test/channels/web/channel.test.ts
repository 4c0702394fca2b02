import { afterEach, describe, expect, it } from 'vitest';
import { webChannel } from '../../../src/channels/web/channel.js';
import { readConfig } from '../../../src/config/config.js';
import { createHttpServer } from '../../../src/server/server.js';
import { fakeGuichet } from '../../server/fake-guichet.js';
import { type RunningServer, run } from '../../server/http-harness.js';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function start(options: { engineFails?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const fake = fakeGuichet(options);
  running = await run(createHttpServer(fake.app, readConfig(options.env ?? {}), [webChannel]), fake.app);
  return { ...fake, http: running };
}

const CONVERSATION = 'c0ffee00-1234-4abc-8def-000000000001';

describe('POST /api/web/begin', () => {
  it('generates a conversation id when the page has none', async () => {
    const { http, begun } = await start();
    const response = await http.postJson('/api/web/begin', {});
    expect(response.status).toBe(200);
    const body = (await response.json()) as { conversationId: string; replies: { text: string }[] };
    expect(body.conversationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.replies[0]?.text).toBe('Bonjour, que se passe-t-il ?');
    expect(begun).toEqual([{ channel: 'web', conversationId: body.conversationId }]);
  });

  it('ignores the identity the page gives unless WEB_TRUST_USER_ID is set', async () => {
    const { http, begun, turns } = await start();
    const userId = 'marie.lefevre@transports-durand.fr';
    await http.postJson('/api/web/begin', { conversationId: CONVERSATION, userId });
    await http.postJson('/api/web/messages', { conversationId: CONVERSATION, userId, text: 'mes tickets' });
    expect(begun).toEqual([{ channel: 'web', conversationId: CONVERSATION }]);
    expect(turns).toEqual([
      { channel: 'web', conversationId: CONVERSATION, text: 'mes tickets', conversationRef: CONVERSATION },
    ]);
  });

  it('resumes the conversation the page kept, with the identity given', async () => {
    const { http, begun } = await start({ env: { WEB_TRUST_USER_ID: 'true' } });
    const response = await http.postJson('/api/web/begin', {
      conversationId: CONVERSATION,
      userId: 'marie.lefevre@transports-durand.fr',
    });
    expect(((await response.json()) as { conversationId: string }).conversationId).toBe(CONVERSATION);
    expect(begun).toEqual([
      { channel: 'web', conversationId: CONVERSATION, userId: 'marie.lefevre@transports-durand.fr' },
    ]);
  });
});

describe('POST /api/web/messages', () => {
  it.each([
    {
      name: 'a typed message',
      payload: { conversationId: CONVERSATION, text: "l'imprimante n'imprime plus", messageId: 'm1' },
      turn: {
        channel: 'web',
        conversationId: CONVERSATION,
        conversationRef: CONVERSATION,
        text: "l'imprimante n'imprime plus",
        messageId: 'm1',
      },
      says: 'Pour quelle société ?',
    },
    {
      name: 'a clicked choice',
      payload: { conversationId: CONVERSATION, choice: 'Transports Durand' },
      turn: {
        channel: 'web',
        conversationId: CONVERSATION,
        conversationRef: CONVERSATION,
        text: '',
        choice: 'Transports Durand',
      },
      says: 'Choix reçu : Transports Durand',
    },
    {
      name: 'an empty message (the engine answers it)',
      payload: { conversationId: CONVERSATION, text: '' },
      turn: { channel: 'web', conversationId: CONVERSATION, conversationRef: CONVERSATION, text: '' },
      says: 'Pour quelle société ?',
    },
    {
      name: 'a 10,000-character message',
      payload: { conversationId: CONVERSATION, text: 'a'.repeat(10_000) },
      turn: { channel: 'web', conversationId: CONVERSATION, conversationRef: CONVERSATION, text: 'a'.repeat(10_000) },
      says: 'Pour quelle société ?',
    },
  ])('hands $name to the engine as one turn', async ({ payload, turn, says }) => {
    const { http, turns } = await start();
    const response = await http.postJson('/api/web/messages', payload);
    expect(response.status).toBe(200);
    const result = (await response.json()) as { replies: { text: string }[]; effects: unknown[] };
    expect(result.replies[0]?.text).toBe(says);
    expect(result.effects).toEqual([]);
    expect(turns).toEqual([turn]);
  });
});

describe('refused payloads', () => {
  it.each([
    {
      name: 'no conversation id',
      path: '/api/web/messages',
      body: JSON.stringify({ text: 'bonjour' }),
      status: 400,
      says: 'conversationId',
    },
    {
      name: 'a conversation id with markup',
      path: '/api/web/messages',
      body: JSON.stringify({ conversationId: '<script>alert(1)</script>', text: 'x' }),
      status: 400,
      says: 'conversationId must be',
    },
    {
      name: 'neither text nor choice',
      path: '/api/web/messages',
      body: JSON.stringify({ conversationId: CONVERSATION }),
      status: 400,
      says: 'a message needs "text"',
    },
    {
      name: 'text that is not a string',
      path: '/api/web/messages',
      body: JSON.stringify({ conversationId: CONVERSATION, text: 42 }),
      status: 400,
      says: 'text',
    },
    {
      name: 'a userId that is not an e-mail',
      path: '/api/web/begin',
      body: JSON.stringify({ userId: 'marie' }),
      status: 400,
      says: 'userId must be an e-mail address',
    },
    {
      name: 'a JSON array',
      path: '/api/web/begin',
      body: '[]',
      status: 400,
      says: 'body',
    },
    { name: 'malformed JSON', path: '/api/web/messages', body: '{"conversationId":', status: 400, says: 'malformed' },
    {
      name: 'an oversize message',
      path: '/api/web/messages',
      body: JSON.stringify({ conversationId: CONVERSATION, text: 'é'.repeat(12_000) }),
      status: 413,
      says: 'too large',
    },
    {
      name: 'a form post (no cross-site forms into a conversation)',
      path: '/api/web/messages',
      body: `conversationId=${CONVERSATION}&text=bonjour`,
      type: 'application/x-www-form-urlencoded',
      status: 415,
      says: 'application/json',
    },
  ])('answers $name with $status, a clear message and a log line', async ({ path, body, type, status, says }) => {
    const { http, logs, turns, begun } = await start();
    const response = await http.post(path, body, type ?? 'application/json');
    expect(response.status).toBe(status);
    const answer = (await response.json()) as { code: string; message: string };
    expect(answer.message).toContain(says);
    const reqId = response.headers.get('x-request-id');
    expect(logs.some((line) => line.reqId === reqId && line.level === 40 && line.status === status)).toBe(true);
    expect(turns).toEqual([]);
    expect(begun).toEqual([]);
  });

  it('answers 500 without the cause when the engine fails, and logs the cause', async () => {
    const { http, logs } = await start({ engineFails: true });
    const response = await http.postJson('/api/web/messages', { conversationId: CONVERSATION, text: 'bonjour' });
    expect(response.status).toBe(500);
    const answer = (await response.json()) as { message: string };
    expect(answer.message).not.toContain('locked');
    const line = logs.find((l) => l.level === 50 && l.reqId === response.headers.get('x-request-id'));
    expect(JSON.stringify(line)).toContain('database is locked');
  });
});

describe('GET /', () => {
  it('serves the self-contained French page under a strict CSP', async () => {
    const { http } = await start();
    const response = await http.get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    const html = await response.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain('<label for="message"');
    // No external asset: the machine serving it may have no internet.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toContain('innerHTML');
  });
});
