import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/config.js';
import type { Channel } from '../../src/server/channel.js';
import { healthHandler } from '../../src/server/health.js';
import { createHttpServer, enabledChannels } from '../../src/server/server.js';
import { fakeGuichet } from './fake-guichet.js';
import { type RunningServer, run } from './http-harness.js';

/** A channel that answers on /probe/NAME, enabled or not. */
function probeChannel(name: string, on: boolean): Channel {
  return {
    name,
    enabled: () => on,
    mount(server) {
      server.get(`/probe/${name}`, async (_req, res) => {
        res.send(200, { channel: name });
      });
      server.post(`/probe/${name}`, async (req, res) => {
        res.send(200, { received: req.body });
      });
      server.get(`/probe/${name}/throws`, async () => {
        throw new Error('secret internal detail');
      });
    },
  };
}

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function start(options: { storeFails?: boolean } = {}, channels: Channel[] = []) {
  const fake = fakeGuichet(options);
  running = await run(createHttpServer(fake.app, readConfig({}), channels), fake.app);
  return { ...fake, http: running };
}

describe('GET /healthz', () => {
  it.each([
    { store: 'answering', storeFails: false, status: 200, body: { status: 'ok', store: 'ok' } },
    { store: 'failing', storeFails: true, status: 503, body: { status: 'unavailable', store: 'failed' } },
  ])('answers $status when the store is $store', async ({ storeFails, status, body }) => {
    const { http, logs } = await start({ storeFails });
    const response = await http.get('/healthz');
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject(body);
    const errors = logs.filter((line) => line.level >= 50);
    expect(errors.length).toBe(storeFails ? 1 : 0);
  });
});

describe('the health probe', () => {
  it('answers 503 when the store does not answer in time', async () => {
    const fake = fakeGuichet({ storeHangs: true });
    const probe: Channel = {
      name: 'probe',
      enabled: () => true,
      mount: (server, app) => server.get('/quick-healthz', healthHandler(app, 50)),
    };
    running = await run(createHttpServer(fake.app, readConfig({}), [probe]), fake.app);
    const response = await running.get('/quick-healthz');
    expect(response.status).toBe(503);
    expect(JSON.stringify(fake.logs)).toContain('did not answer within 50 ms');
  });
});

describe('channel mounting', () => {
  it('mounts the enabled channels only', async () => {
    const channels = [probeChannel('on', true), probeChannel('off', false)];
    expect(enabledChannels(channels, readConfig({})).map((c) => c.name)).toEqual(['on']);
    const { http } = await start({}, channels);
    expect((await http.get('/probe/on')).status).toBe(200);
    expect((await http.get('/probe/off')).status).toBe(404);
  });

  it('parses JSON and form posts for the channels', async () => {
    const { http } = await start({}, [probeChannel('forms', true)]);
    const form = await http.post(
      '/probe/forms',
      'CallSid=CA1&Digits=2',
      'application/x-www-form-urlencoded; charset=utf-8',
    );
    expect(await form.json()).toEqual({ received: { CallSid: 'CA1', Digits: '2' } });
    const json = await http.postJson('/probe/forms', { a: 1 });
    expect(await json.json()).toEqual({ received: { a: 1 } });
  });
});

describe('errors', () => {
  it.each([
    { name: 'an unknown route', method: 'GET', path: '/nowhere', status: 404, code: 'guichet_not_found' },
    {
      name: 'malformed JSON',
      method: 'POST',
      path: '/probe/forms',
      body: '{"text": ',
      type: 'application/json',
      status: 400,
      code: 'guichet_invalid_input',
    },
    {
      name: 'a body above the limit',
      method: 'POST',
      path: '/probe/forms',
      body: JSON.stringify({ text: 'x'.repeat(25_000) }),
      type: 'application/json',
      status: 413,
      code: 'guichet_payload_too_large',
    },
    {
      name: 'an unsupported media type',
      method: 'POST',
      path: '/probe/forms',
      body: '<xml/>',
      type: 'application/xml',
      status: 415,
      code: 'guichet_unsupported_media_type',
    },
    {
      name: 'a handler that throws',
      method: 'GET',
      path: '/probe/forms/throws',
      status: 500,
      code: 'guichet_internal',
    },
  ])('answers $name with $status, a JSON error and a log line', async ({ method, path, body, type, status, code }) => {
    const { http, logs } = await start({}, [probeChannel('forms', true)]);
    const response =
      method === 'GET' ? await http.get(path) : await http.post(path, body ?? '', type ?? 'application/json');
    expect(response.status).toBe(status);
    const answer = (await response.json()) as { code: string; message: string };
    expect(answer.code).toBe(code);
    expect(answer.message).not.toContain('secret internal detail');
    const reqId = response.headers.get('x-request-id');
    expect(reqId).toBeTruthy();
    const line = logs.find((l) => l.reqId === reqId && l.status === status);
    expect(line?.level).toBe(status >= 500 ? 50 : 40);
    // The server is still up after each of them.
    expect((await http.get('/healthz')).status).toBe(200);
  });

  it('keeps a request id set by a proxy', async () => {
    const { http } = await start();
    const response = await fetch(`${http.base}/healthz`, { headers: { 'x-request-id': 'lb-1234' } });
    expect(response.headers.get('x-request-id')).toBe('lb-1234');
  });
});

describe('shutdown', () => {
  it('closes the application after the server', async () => {
    const fake = fakeGuichet();
    const http = await run(createHttpServer(fake.app, readConfig({}), []), fake.app);
    expect((await http.get('/healthz')).status).toBe(200);
    await http.stop();
    expect(fake.closedCount()).toBe(1);
    await expect(http.get('/healthz')).rejects.toThrow();
  });
});
