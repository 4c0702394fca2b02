import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dmEvent, postedMessages } from './helpers/dm.js';
import { type SlackServer, startSlackServer } from './helpers/harness.js';
import { SlackApiStandIn } from './helpers/slack-api.js';

const APP_TOKEN = 'xapp-1-A0GUICHET1-1234567890-0123456789abcdef0123456789abcdef';

/** Socket Mode: Guichet opens the connection to Slack (here the stand-in's WebSocket), no public URL. */
describe('Slack in Socket Mode', () => {
  let api: SlackApiStandIn;
  let server: SlackServer;

  beforeEach(async () => {
    api = new SlackApiStandIn();
    await api.start();
    api.addUser({ id: 'U0MARTIN01', email: 'l.bernard@martin-avocats.fr' });
    server = await startSlackServer(api, { env: { SLACK_APP_TOKEN: APP_TOKEN } });
    await api.waitFor((stand) => stand.sockets.size === 1, 'the Socket Mode connection');
  });
  afterEach(async () => {
    await server.stop();
    await api.stop();
  });

  it('connects with the app-level token, acknowledges each envelope and handles a retried event once', async () => {
    expect(api.tokens.get('apps.connections.open')).toBe(`Bearer ${APP_TOKEN}`);
    const event = dmEvent("mon imprimante n'imprime plus", { eventId: 'Ev0SOCKET001' });
    api.sendEnvelope({
      envelope_id: 'env-1',
      type: 'events_api',
      payload: event,
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: '',
    });
    await api.waitFor((stand) => stand.callsOf('chat.postMessage').length === 1, 'the answer in the DM');
    expect(api.socketMessages).toContainEqual(expect.objectContaining({ envelope_id: 'env-1' }));
    expect(postedMessages(api)[0]).toMatchObject({ channel: 'D0MARTIN01' });
    expect(postedMessages(api)[0]?.text).toMatch(/^Je propose ce titre/);

    // Slack sends the same event again in a new envelope: acknowledged, not answered twice.
    api.sendEnvelope({
      envelope_id: 'env-2',
      type: 'events_api',
      payload: event,
      accepts_response_payload: false,
      retry_attempt: 1,
      retry_reason: 'timeout',
    });
    await api.waitFor(
      (stand) => stand.socketMessages.some((message) => message.envelope_id === 'env-2'),
      'the second acknowledgement',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(api.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('takes no request at /slack/events', async () => {
    const response = await server.slack.event(dmEvent('bonjour', { eventId: 'Ev0SOCKET002' }));
    expect(response.status).toBe(404);
  });
});
