import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MONDAY_10H } from '../../helpers/transcript.js';
import { buttonsOf, clickPayload, clickThrough, dmEvent, postedMessages } from './helpers/dm.js';
import { type SlackServer, startSlackServer } from './helpers/harness.js';
import { SlackApiStandIn } from './helpers/slack-api.js';
import { fixture, textFixture } from './helpers/slack-events.js';

describe('Slack: mentions, /ticket, buttons and API failures', () => {
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

  it('answers a mention in a thread under the message, the thread being the conversation', async () => {
    // Marie Lefèvre is known by chatIds.slack (U0DURAND01): no profile lookup is needed.
    const mention = fixture<{ event: { ts: string } }>('app-mention.json');
    expect((await server.slack.event(mention)).status).toBe(200);
    await api.waitFor((stand) => stand.callsOf('chat.postMessage').length === 1, 'the answer in the thread');
    expect(api.callsOf('users.info')).toEqual([]);
    const [answer] = postedMessages(api);
    expect(answer).toMatchObject({ channel: 'C0SUPPORT01', threadTs: '1764583500.000200' });
    // The bot's own mention is not part of the description.
    const saved = (await server.app.store.loadConversation(
      'slack',
      'T0GUICHET:C0SUPPORT01:1764583500.000200',
      new Date(MONDAY_10H),
    )) as {
      intake: { description: string };
    };
    expect(saved.intake.description).toBe("l'imprimante ne marche plus");

    const card = await clickThrough(api, server.slack);
    expect(card).toMatchObject({ channel: 'C0SUPPORT01', threadTs: '1764583500.000200' });
    const [ticket] = await server.app.store.listTickets();
    expect(ticket).toMatchObject({ source: 'slack', contact: 'Marie Lefèvre', account: 'Transports Durand' });
    expect(JSON.parse(ticket?.conversationRef ?? '{}')).toEqual({
      team: 'T0GUICHET',
      channel: 'C0SUPPORT01',
      threadTs: '1764583500.000200',
    });
  });

  it('/ticket opens the intake in the DM and says so privately where it was typed', async () => {
    const form = textFixture('slash-command.txt').replace(
      /response_url=[^&]+/,
      `response_url=${encodeURIComponent(api.responseUrl('ticket'))}`,
    );
    const response = await server.slack.command(form);
    expect(response.status).toBe(200);
    await api.waitFor((stand) => stand.callsOf('response_url').length === 1, 'the private answer');
    expect(api.callsOf('conversations.open')[0]?.args.users).toBe('U0MARTIN01');
    const [greeting] = postedMessages(api);
    expect(greeting?.channel).toBe('D0MARTIN01');
    expect(greeting?.text).toMatch(/^Bonjour Lucas Bernard, ici Guichet/);
    expect(api.callsOf('response_url')[0]?.args).toMatchObject({
      response_type: 'ephemeral',
      text: 'Je vous écris en message privé.',
    });
  });

  it('/ticket with a text takes it as the first message of the DM', async () => {
    const form = textFixture('slash-command.txt')
      .replace('text=&', `text=${encodeURIComponent("l'imprimante du 2e étage n'imprime plus")}&`)
      .replace(/response_url=[^&]+/, `response_url=${encodeURIComponent(api.responseUrl('ticket'))}`);
    expect((await server.slack.command(form)).status).toBe(200);
    await api.waitFor((stand) => stand.callsOf('chat.postMessage').length === 1, 'the DM');
    const saved = (await server.app.store.loadConversation('slack', 'T0GUICHET:D0MARTIN01', new Date(MONDAY_10H))) as {
      intake: { description: string };
    };
    expect(saved.intake.description).toBe("l'imprimante du 2e étage n'imprime plus");
  });

  it('/ticket status T… answers privately with the status, nothing in the DM', async () => {
    await server.slack.event(dmEvent("mon imprimante n'imprime plus", { eventId: 'Ev0STATUS01' }));
    await api.waitFor((stand) => stand.callsOf('chat.postMessage').length === 1, 'the first answer');
    await clickThrough(api, server.slack);
    const [ticket] = await server.app.store.listTickets();
    const before = api.callsOf('chat.postMessage').length;

    const form = textFixture('slash-command.txt')
      .replace('text=&', `text=${encodeURIComponent(`status ${ticket?.number}`)}&`)
      .replace(/response_url=[^&]+/, `response_url=${encodeURIComponent(api.responseUrl('status'))}`);
    expect((await server.slack.command(form)).status).toBe(200);
    await api.waitFor((stand) => stand.callsOf('response_url').length === 1, 'the private status');
    const answer = api.callsOf('response_url')[0]?.args as { response_type: string; text: string; blocks: unknown[] };
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain(
      `Le ticket ${ticket?.number} « Mon imprimante n'imprime plus » est assigné à un technicien, priorité normale.`,
    );
    expect(JSON.stringify(answer.blocks)).not.toContain('"actions"');
    expect(api.callsOf('chat.postMessage')).toHaveLength(before);
  });

  it('handles a message whose buttons are clicked twice once, and tells the second click privately', async () => {
    await server.slack.event(dmEvent("mon imprimante n'imprime plus", { eventId: 'Ev0TWICE001' }));
    await api.waitFor((stand) => stand.callsOf('chat.postMessage').length === 1, 'the first answer');
    const [question] = postedMessages(api);
    if (!question) throw new Error('no question');
    expect(buttonsOf(question).length).toBeGreaterThan(1);
    // Two clicks at once (a double click, or two buttons before the message was updated).
    const [a, b] = await Promise.all([
      server.slack.interaction(clickPayload(question, 0)),
      server.slack.interaction(clickPayload(question, 1)),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await server.adapter.http?.idle();
    expect(api.callsOf('chat.update')).toHaveLength(1);
    expect(api.callsOf('chat.postMessage')).toHaveLength(2);
    const [ephemeral] = api.callsOf('chat.postEphemeral');
    expect(ephemeral?.args).toMatchObject({ channel: 'D0MARTIN01', user: 'U0MARTIN01' });
    expect(String(ephemeral?.args.text)).toMatch(/^Ce bouton a déjà servi/);

    // The same click delivered again later (after the update) is refused the same way.
    await server.slack.interaction(clickPayload(question, 0));
    await server.adapter.http?.idle();
    expect(api.callsOf('chat.postMessage')).toHaveLength(2);
    expect(api.callsOf('chat.postEphemeral')).toHaveLength(2);
  });

  it('logs a Slack API error with its method and code, and tells the person in plain text', async () => {
    api.fail('chat.postMessage', 'invalid_blocks');
    await server.slack.event(dmEvent("mon imprimante n'imprime plus", { eventId: 'Ev0APIFAIL1' }));
    await server.adapter.http?.idle();
    const failed = server.logs.find(
      (line) => line.method === 'chat.postMessage' && line.slackError === 'invalid_blocks',
    );
    expect(failed).toMatchObject({ level: 50, channel: 'slack' });
    const calls = api.callsOf('chat.postMessage');
    expect(calls).toHaveLength(2);
    expect(String(calls[1]?.args.text)).toMatch(/^Désolé, Slack a refusé ma réponse/);
    expect(String(calls[1]?.args.text)).toContain('04 84 26 83 10');
  });

  it('asks for the company when the profile lookup fails, and logs the failure', async () => {
    api.fail('users.info', 'missing_scope');
    await server.slack.event(dmEvent("mon imprimante n'imprime plus", { eventId: 'Ev0LOOKUP01' }));
    await server.adapter.http?.idle();
    expect(server.logs.some((line) => line.method === 'users.info' && line.slackError === 'missing_scope')).toBe(true);
    expect(postedMessages(api)[0]?.text).toContain('Pour quelle entreprise travaillez-vous ?');
    // The failure is not cached: the next message looks the profile up again.
    await server.slack.event(dmEvent('Cabinet Martin', { eventId: 'Ev0LOOKUP02' }));
    await server.adapter.http?.idle();
    expect(api.callsOf('users.info')).toHaveLength(2);
  });

  it('says the ticket could not be saved when the store fails, and handles the delivery anyway', async () => {
    await server.slack.event(dmEvent("mon imprimante n'imprime plus", { eventId: 'Ev0STOREKO1' }));
    await api.waitFor((stand) => stand.callsOf('chat.postMessage').length === 1, 'the first answer');
    // The store stops answering: the claim of each delivery and the ticket's creation fail.
    const store = server.app.store;
    store.claimInbound = async () => {
      throw new Error('the database is unreachable');
    };
    store.createTicket = async () => {
      throw new Error('the database is unreachable');
    };
    let last = postedMessages(api).at(-1);
    for (let i = 0; i < 8 && last && !last.text.startsWith('Désolé'); i++) {
      const count = api.callsOf('chat.postMessage').length;
      await server.slack.interaction(clickPayload(last, 0));
      await api.waitFor((stand) => stand.callsOf('chat.postMessage').length > count, 'the next answer');
      last = postedMessages(api).at(-1);
    }
    expect(last?.text).toMatch(/^Désolé, un problème technique m'empêche d'enregistrer le ticket/);
    expect(buttonsOf(last ?? ({ blocks: [] } as never)).map((button) => button.label)).toContain('Réessayer');
    expect(server.logs.some((line) => line.msg === 'the Slack delivery could not be claimed; handling it anyway')).toBe(
      true,
    );
  });

  it('logs a refused bot token with auth.test and its code, and asks Slack again with the next payload', async () => {
    api.fail('auth.test', 'invalid_auth');
    const refused = dmEvent("mon imprimante n'imprime plus", { eventId: 'Ev0AUTHKO01' });
    // Bolt acknowledges a payload it cannot authorize, and calls no listener.
    expect((await server.slack.event(refused)).status).toBe(200);
    await server.adapter.http?.idle();
    expect(server.logs.some((line) => line.method === 'auth.test' && line.slackError === 'invalid_auth')).toBe(true);
    expect(api.callsOf('chat.postMessage')).toEqual([]);
    // The failure is not kept: once the token works again, the next message is answered.
    await server.slack.event(dmEvent("mon imprimante n'imprime plus", { eventId: 'Ev0AUTHOK01' }));
    await server.adapter.http?.idle();
    expect(api.callsOf('auth.test')).toHaveLength(2);
    expect(api.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('ignores its own messages and edits in the DM', async () => {
    const own = dmEvent('Bonjour', { eventId: 'Ev0OWNMSG01' }) as { event: Record<string, unknown> };
    own.event.bot_id = 'B0GUICHET1';
    own.event.user = 'U0GUICHETBOT';
    const edit = dmEvent('corrigé', { eventId: 'Ev0EDITED01' }) as { event: Record<string, unknown> };
    edit.event.subtype = 'message_changed';
    expect((await server.slack.event(own)).status).toBe(200);
    expect((await server.slack.event(edit)).status).toBe(200);
    await server.adapter.http?.idle();
    expect(api.callsOf('chat.postMessage')).toEqual([]);
  });
});
