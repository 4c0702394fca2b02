import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Guichet } from '../../../src/app.js';
import { TEAMS_MAX_BODY_BYTES, teamsChannel } from '../../../src/channels/teams/index.js';
import { readConfig } from '../../../src/config/config.js';
import { MAX_BODY_BYTES } from '../../../src/server/body.js';
import { listen, stopServer } from '../../../src/server/lifecycle.js';
import { createHttpServer } from '../../../src/server/server.js';
import { testGuichet } from '../../helpers/guichet.js';

/** How long the server under test waits for a body: short, so a stalled one is seen quickly. */
const BODY_TIMEOUT_MS = 200;

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

/** `guichet start` with Teams on (anonymous) and a short body timeout. */
async function start(): Promise<{ app: Guichet; base: string }> {
  const { app } = await testGuichet();
  const server = createHttpServer(app, readConfig({ TEAMS_ANONYMOUS: 'true' }), [teamsChannel], {
    maxBytes: MAX_BODY_BYTES,
    timeoutMs: BODY_TIMEOUT_MS,
  });
  const address = await listen(server, 0, '127.0.0.1');
  stop = () => stopServer(server, app, 1_000);
  return { app, base: `http://127.0.0.1:${address.port}` };
}

/** Writes `head` and `body` on a new connection; resolves with what came back once the server closes it. */
function rawExchange(base: string, head: string, body: string): Promise<{ text: string; closed: boolean }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false });
    }, 5_000);
    socket.on('data', (chunk) => {
      text += String(chunk);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
    socket.on('error', reject);
    socket.write(`${head}\r\n\r\n${body}`);
  });
}

function post(base: string, body: string, contentType = 'application/json'): Promise<Response> {
  return fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
}

describe('the body of /api/messages', () => {
  it('answers 408 and closes the connection when the announced activity never arrives', async () => {
    const { base } = await start();
    const head = [
      'POST /api/messages HTTP/1.1',
      'Host: 127.0.0.1',
      'Content-Type: application/json',
      'Content-Length: 5000',
    ].join('\r\n');
    const answer = await rawExchange(base, head, '{"type": "message", "text": "');
    expect(answer.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer.text).toContain('guichet_request_timeout');
    expect(answer.closed).toBe(true);
  });

  it('answers 413 to a chunked activity that grows past TEAMS_MAX_BODY_BYTES', async () => {
    const { base } = await start();
    const chunk = 'a'.repeat(64 * 1024);
    const chunks = Array.from({ length: TEAMS_MAX_BODY_BYTES / chunk.length + 1 }, () => chunk);
    const body = `${chunks.map((c) => `${c.length.toString(16)}\r\n${c}\r\n`).join('')}0\r\n\r\n`;
    const head = [
      'POST /api/messages HTTP/1.1',
      'Host: 127.0.0.1',
      'Content-Type: application/json',
      'Transfer-Encoding: chunked',
    ].join('\r\n');
    const answer = await rawExchange(base, head, body);
    expect(answer.text).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.text).toContain(`at most ${TEAMS_MAX_BODY_BYTES} bytes`);
  });

  it('answers 400 to malformed JSON and 415 to a body that is not JSON', async () => {
    const { base } = await start();
    const malformed = await post(base, '{"type": "message",');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { message: string }).message).toMatch(/^malformed JSON body/);
    expect((await post(base, '')).status).toBe(400);
    const form = await post(base, 'type=message&text=bonjour', 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
  });
});
