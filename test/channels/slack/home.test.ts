import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackPersonMessenger } from '../../../src/channels/slack/messenger.js';
import { clickThrough, dmEvent, postedMessages } from './helpers/dm.js';
import { type SlackServer, startSlackServer } from './helpers/harness.js';
import { SlackApiStandIn } from './helpers/slack-api.js';
import { fixture } from './helpers/slack-events.js';

describe('Slack: the App Home tab, the modal and writing to the person later', () => {
  let api: SlackApiStandIn;
  let server: SlackServer;

  beforeEach(async () => {
    api = new SlackApiStandIn();
    await api.start();
    api.addUser({ id: 'U0MARTIN01', email: 'l.bernard@martin-avocats.fr' });
    api.addUser({ id: 'U0STRANGER', email: 'someone@elsewhere.example' });
    server = await startSlackServer(api);
  });
  afterEach(async () => {
    await server.stop();
    await api.stop();
  });

  async function openTicket(): Promise<string> {
    await server.slack.event(dmEvent("mon imprimante n'imprime plus", { eventId: 'Ev0HOMETKT1' }));
    await api.waitFor((stand) => stand.callsOf('chat.postMessage').length === 1, 'the first answer');
    await clickThrough(api, server.slack);
    const [ticket] = await server.app.store.listTickets();
    if (!ticket) throw new Error('no ticket');
    return ticket.number;
  }

  it('lists the open tickets of the person with status and deadlines, and the button to report a problem', async () => {
    const number = await openTicket();
    expect((await server.slack.event(fixture('app-home-opened.json'))).status).toBe(200);
    await api.waitFor((stand) => stand.callsOf('views.publish').length === 1, 'the Home tab');
    const publish = api.callsOf('views.publish')[0]?.args as {
      user_id: string;
      view: { type: string; blocks: unknown[] };
    };
    expect(publish.user_id).toBe('U0MARTIN01');
    expect(publish.view.type).toBe('home');
    const home = JSON.stringify(publish.view.blocks);
    expect(home).toContain('Vos tickets ouverts');
    expect(home).toContain(`*${number}* : Mon imprimante n'imprime plus`);
    expect(home).toContain('assigné à un technicien, priorité normale');
    expect(home).toContain('lundi 23 novembre à 15 h 30');
    expect(home).toContain('mardi 24 novembre à 16 h');
    expect(home).toContain('"action_id":"guichet_new_problem"');

    // A resolved ticket is no longer listed.
    await server.app.tickets.changeStatus(number, 'resolved', 'tech.n1');
    const again = { ...fixture('app-home-opened.json'), event_id: 'Ev0HOME000002' };
    await server.slack.event(again);
    await api.waitFor((stand) => stand.callsOf('views.publish').length === 2, 'the Home tab again');
    const after = JSON.stringify(api.callsOf('views.publish')[1]?.args.view);
    expect(after).not.toContain(number);
    expect(after).toContain("Vous n'avez aucun ticket ouvert.");
  });

  it('tells a person unknown to the accounts file that it will ask who they are', async () => {
    const event = fixture<{ event: Record<string, unknown> }>('app-home-opened.json');
    event.event.user = 'U0STRANGER';
    await server.slack.event(event);
    await api.waitFor((stand) => stand.callsOf('views.publish').length === 1, 'the Home tab');
    expect(JSON.stringify(api.callsOf('views.publish')[0]?.args.view)).toContain(
      'Je ne retrouve pas votre compte Slack',
    );
  });

  it('opens the modal from the Home button, and its description starts the intake in the DM', async () => {
    const click = fixture<Record<string, unknown>>('block-actions.json');
    click.container = { type: 'view', view_id: 'V0HOME00001' };
    delete click.channel;
    delete click.message;
    click.view = { id: 'V0HOME00001', type: 'home', callback_id: '' };
    click.actions = [
      {
        action_id: 'guichet_new_problem',
        block_id: 'home_actions',
        text: { type: 'plain_text', text: 'Signaler un nouveau problème' },
        type: 'button',
        action_ts: '1764583850.000001',
      },
    ];
    expect((await server.slack.interaction(click)).status).toBe(200);
    await api.waitFor((stand) => stand.callsOf('views.open').length === 1, 'the modal');
    const opened = api.callsOf('views.open')[0]?.args as {
      trigger_id: string;
      view: { type: string; callback_id: string };
    };
    expect(opened.view).toMatchObject({ type: 'modal', callback_id: 'guichet_new_problem_view' });

    const submission = await server.slack.interaction(fixture('view-submission.json'));
    expect(submission.status).toBe(200);
    // An empty answer closes the modal.
    expect(await submission.text()).toBe('');
    await api.waitFor((stand) => stand.callsOf('chat.postMessage').length === 1, 'the DM');
    expect(postedMessages(api)[0]?.channel).toBe('D0MARTIN01');
    const saved = (await server.app.store.loadConversation(
      'slack',
      'T0GUICHET:D0MARTIN01',
      new Date('2026-11-23T10:00:00+01:00'),
    )) as {
      intake: { description: string };
    };
    expect(saved.intake.description).toBe('Depuis ce matin le VPN coupe toutes les dix minutes');
  });

  it("writes to the person later in the ticket's DM, through the messenger the channel registered", async () => {
    const number = await openTicket();
    const ticket = await server.app.store.getTicket(number);
    expect(server.app.messengers.has('slack')).toBe(true);
    const sent = await server.app.messengers.send('slack', ticket?.conversationRef ?? null, {
      text: 'Un technicien a pris votre ticket en charge.',
    });
    expect(sent).toBe(true);
    const last = postedMessages(api).at(-1);
    expect(last).toMatchObject({ channel: 'D0MARTIN01', text: 'Un technicien a pris votre ticket en charge.' });
    expect(last?.threadTs).toBeUndefined();
  });

  it('writes in the thread of a mention, and throws when Slack refuses', async () => {
    const messenger = new SlackPersonMessenger(server.adapter.client, server.app.logger);
    const ref = JSON.stringify({ team: 'T0GUICHET', channel: 'C0SUPPORT01', threadTs: '1764583500.000200' });
    await messenger.send(ref, { text: 'Votre ticket est résolu.' });
    expect(postedMessages(api).at(-1)).toMatchObject({ channel: 'C0SUPPORT01', threadTs: '1764583500.000200' });
    api.fail('chat.postMessage', 'channel_not_found');
    await expect(messenger.send(ref, { text: 'Encore un mot.' })).rejects.toThrow(/channel_not_found/);
    await expect(messenger.send('{"not":"slack"}', { text: 'x' })).rejects.toThrow(/no Slack conversation/);
  });
});
