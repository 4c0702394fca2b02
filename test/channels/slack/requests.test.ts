import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SLACK_MAX_BODY_BYTES } from '../../../src/channels/slack/receiver.js';
import { MONDAY_10H } from '../../helpers/transcript.js';
import { dmEvent } from './helpers/dm.js';
import { type SlackServer, startSlackServer } from './helpers/harness.js';
import { SlackApiStandIn } from './helpers/slack-api.js';
import { fixture, slackHeaders } from './helpers/slack-events.js';

/** What reaches POST /slack/events and is refused, or answered without the engine. */
describe('Slack: the requests at /slack/events', () => {
  let api: SlackApiStandIn;
  let server: SlackServer;

  beforeEach(async () => {
    api = new SlackApiStandIn();
    await api.start();
    api.addUser({ id: 'U0MARTIN01', email: 'l.bernard@martin-avocats.fr' });
    server = await startSlackServer(api);
  });
  afterEach(async () => {
    await server.stop();
    await api.stop();
  });

  const warnings = () => server.logs.filter((line) => line.level === 40);

  it('answers the url_verification challenge', async () => {
    const response = await server.slack.event(fixture('url-verification.json'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });

  it('refuses a forged signature with 401, logs it and changes nothing', async () => {
    const response = await server.slack.event(
      dmEvent('mon imprimante est en panne', { eventId: 'Ev0FORGED01' }),
      {},
      { secret: 'not-the-signing-secret' },
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'guichet_unauthorized' });
    expect(warnings().some((line) => /signature/.test(String(line.reason)))).toBe(true);
    await server.adapter.http?.idle();
    expect(api.calls).toEqual([]);
    expect(await server.app.store.loadConversation('slack', 'T0GUICHET:D0MARTIN01', new Date(MONDAY_10H))).toBeNull();
  });

  it('refuses a request without signature headers with 401', async () => {
    const response = await fetch(`${server.base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(dmEvent('bonjour', { eventId: 'Ev0UNSIGNED' })),
    });
    expect(response.status).toBe(401);
    await server.adapter.http?.idle();
    expect(api.callsOf('chat.postMessage')).toEqual([]);
  });

  it('refuses a timestamp older than 5 minutes with 401, even correctly signed (a replay)', async () => {
    const stale = Math.floor(Date.now() / 1000) - 5 * 60 - 1;
    const response = await server.slack.event(
      dmEvent('mon imprimante est en panne', { eventId: 'Ev0STALE001' }),
      {},
      { timestamp: stale },
    );
    expect(response.status).toBe(401);
    expect(warnings().some((line) => /stale/.test(String(line.reason)))).toBe(true);
    await server.adapter.http?.idle();
    expect(api.calls).toEqual([]);
  });

  it('answers a signed body that is not JSON with 400 and a log line', async () => {
    const response = await server.slack.raw('{"type": "event_callback", ', 'application/json');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 'guichet_invalid_input',
      message: 'the body is not valid JSON',
    });
    expect(warnings().some((line) => line.status === 400)).toBe(true);
  });

  it('answers a signed event callback without its event_id with 400 naming the field', async () => {
    const { event_id: _dropped, ...body } = dmEvent('bonjour', { eventId: 'Ev0NOID0001' });
    const response = await server.slack.event(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain('event_id');
    await server.adapter.http?.idle();
    expect(api.callsOf('chat.postMessage')).toEqual([]);
  });

  it('answers a signed interactivity form whose payload is not JSON with 400', async () => {
    const response = await server.slack.raw('payload=%7Bnot%20json', 'application/x-www-form-urlencoded');
    expect(response.status).toBe(400);
  });

  it('refuses a compressed body with 415 before reading it', async () => {
    const body = gzipSync(JSON.stringify(dmEvent('bonjour', { eventId: 'Ev0GZIP0001' })));
    const response = await fetch(`${server.base}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        ...slackHeaders(body.toString('latin1')),
      },
      body,
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ code: 'guichet_unsupported_media_type' });
  });

  it(`takes an interactivity payload above the web chat's 20 KiB, and refuses one above ${SLACK_MAX_BODY_BYTES} bytes with 413`, async () => {
    const large = { ...fixture('block-actions.json'), padding: 'é'.repeat(30_000) };
    const taken = await server.slack.interaction(large);
    expect(taken.status).toBe(200);
    const huge = { ...fixture('block-actions.json'), padding: 'x'.repeat(SLACK_MAX_BODY_BYTES) };
    const refused = await server.slack.interaction(huge);
    expect(refused.status).toBe(413);
  });

  it("answers Slack's unsigned ssl_check with 200 and does nothing else", async () => {
    const response = await fetch(`${server.base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'ssl_check=1&token=Jhj5dZrVaK7ZwHHjRyZWjbDl&command=%2Fticket&user_id=U0MARTIN01',
    });
    expect(response.status).toBe(200);
    await server.adapter.http?.idle();
    expect(api.calls).toEqual([]);
  });

  it('acknowledges an event retried with X-Slack-Retry-Num once more, and handles it once', async () => {
    const event = dmEvent("mon imprimante n'imprime plus", { eventId: 'Ev0RETRY001' });
    expect((await server.slack.event(event)).status).toBe(200);
    const retry = await server.slack.event(event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(retry.status).toBe(200);
    await server.adapter.http?.idle();
    expect(api.callsOf('chat.postMessage')).toHaveLength(1);
    expect(server.logs.some((line) => line.msg === 'Slack delivery already handled' && line.retryNum === 1)).toBe(true);
  });

  it('answers the HTTP request before the work is done (the acknowledgement does not wait for Slack)', async () => {
    // The stand-in is stopped: every Web API call after the acknowledgement fails slowly, retries included.
    await api.stop();
    const response = await server.slack.event(dmEvent('mon imprimante est en panne', { eventId: 'Ev0ACKFIRST' }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});
