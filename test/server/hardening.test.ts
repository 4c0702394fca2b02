import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { webChannel } from '../../src/channels/web/channel.js';
import { readConfig } from '../../src/config/config.js';
import { MAX_BODY_BYTES, readRawBody, readsOwnBody } from '../../src/server/body.js';
import type { Channel } from '../../src/server/channel.js';
import { createHttpServer } from '../../src/server/server.js';
import { fakeGuichet } from './fake-guichet.js';
import { type RunningServer, run } from './http-harness.js';

/** A route that reads its own body, as a channel checking a signature over the raw bytes does. */
const rawChannel: Channel = {
  name: 'raw',
  enabled: () => true,
  mount(server) {
    readsOwnBody(server, '/raw');
    server.post('/raw', async (req, res) => {
      const raw = await readRawBody(req, res);
      if (raw === null) return;
      res.send(200, { bytes: raw.length, parsed: (req as { body?: unknown }).body ?? null });
    });
  },
};

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function start(timeoutMs = 10_000) {
  const fake = fakeGuichet();
  running = await run(
    createHttpServer(fake.app, readConfig({}), [webChannel, rawChannel], { maxBytes: MAX_BODY_BYTES, timeoutMs }),
    fake.app,
  );
  return { ...fake, http: running };
}

/**
 * Writes raw bytes on a new connection and resolves with everything the server sent back once it
 * closes the connection (or after `waitMs`, whichever comes first), and whether it closed it.
 */
function rawExchange(
  base: string,
  head: string,
  body = '',
  waitMs = 3_000,
): Promise<{ text: string; closed: boolean }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false });
    }, waitMs);
    socket.on('data', (chunk) => {
      text += String(chunk);
    });
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
    socket.write(head.replace(/\n/g, '\r\n'));
    if (body !== '') socket.write(body);
  });
}

describe('request bodies the server does not take', () => {
  it.each([
    { name: 'a gzip header on bytes that are not gzip', body: Buffer.from('notgzip') },
    { name: 'a real gzip stream', body: gzipSync(JSON.stringify({})) },
    // 19 KB of gzip that would inflate to 20 MB: refused as it is, never inflated.
    { name: 'a gzip bomb under the limit', body: gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20)) },
  ])('refuses $name with 415, and stays up', async ({ body }) => {
    const { http, begun, logs } = await start();
    for (const path of ['/api/web/begin', '/twilio/voice', '/raw']) {
      const response = await fetch(`${http.base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body,
      });
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({ code: 'guichet_unsupported_media_type' });
    }
    expect(begun).toEqual([]);
    expect(logs.filter((line) => line.level === 40 && /Content-Encoding/.test(line.msg))).toHaveLength(3);
    expect((await http.get('/healthz')).status).toBe(200);
  });

  it('refuses at once, and disconnects, a body announced above the limit that never comes', async () => {
    const { http } = await start();
    const { text, closed } = await rawExchange(
      http.base,
      'POST /api/web/begin HTTP/1.1\nHost: x\nContent-Type: application/json\nContent-Length: 10000000000\n\n',
    );
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toContain('guichet_payload_too_large');
    expect(closed).toBe(true);
  });

  it('refuses a chunked body once it passes the limit, on parsed routes and on a route reading its own', async () => {
    const { http } = await start();
    for (const path of ['/api/web/begin', '/raw']) {
      const chunk = 'x'.repeat(8 * 1024);
      const chunks = Array.from({ length: 4 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('');
      const { text, closed } = await rawExchange(
        http.base,
        `POST ${path} HTTP/1.1\nHost: x\nContent-Type: application/json\nTransfer-Encoding: chunked\n\n`,
        chunks,
      );
      expect(text).toMatch(/^HTTP\/1\.1 413 /);
      expect(closed).toBe(true);
    }
  });

  it('answers 408 and disconnects a client whose body stalls', async () => {
    const { http } = await start(300);
    const { text, closed } = await rawExchange(
      http.base,
      'POST /api/web/begin HTTP/1.1\nHost: x\nContent-Type: application/json\nContent-Length: 100\n\n',
      '{"conv',
    );
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(text).toContain('guichet_request_timeout');
    expect(closed).toBe(true);
  });

  it('leaves the raw bytes to a route that reads its own body', async () => {
    const { http } = await start();
    const response = await http.post('/raw', 'a=1&b=%C3%A9', 'application/x-www-form-urlencoded');
    expect(await response.json()).toEqual({ bytes: 12, parsed: null });
  });
});

describe('request heads', () => {
  it.each(['|', '<x>', 'a b'])('refuses a Host header that is no host (%s) with 400, and stays up', async (host) => {
    const { http } = await start();
    const { text } = await rawExchange(http.base, `GET /healthz HTTP/1.1\nHost: ${host}\nConnection: close\n\n`);
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(text).toContain('the Host header is not a host name');
    expect((await http.get('/healthz')).status).toBe(200);
  });
});

describe('HEAD', () => {
  it.each(['/', '/healthz'])('answers HEAD %s as GET, without a body', async (path) => {
    const { http } = await start();
    const response = await fetch(`${http.base}${path}`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});

describe('timeouts', () => {
  it('gives clients a bounded time for their headers and their whole request', async () => {
    const fake = fakeGuichet();
    const server = createHttpServer(fake.app, readConfig({}), []);
    // Node's defaults are 60 s and 300 s: a client could hold a connection for minutes.
    expect(server.server.headersTimeout).toBeLessThanOrEqual(10_000);
    expect(server.server.requestTimeout).toBeLessThanOrEqual(30_000);
  });
});
