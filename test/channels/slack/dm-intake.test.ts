import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf, clickThrough, dmEvent, postedMessages } from './helpers/dm.js';
import { type SlackServer, startSlackServer } from './helpers/harness.js';
import { SlackApiStandIn } from './helpers/slack-api.js';

describe('Slack: an intake in a DM, with the real engine and store', () => {
  let api: SlackApiStandIn;
  let server: SlackServer;

  beforeEach(async () => {
    api = new SlackApiStandIn();
    await api.start();
    // Lucas Bernard of Cabinet Martin Avocats: known by the e-mail of his Slack profile only.
    api.addUser({ id: 'U0MARTIN01', email: 'l.bernard@martin-avocats.fr' });
    server = await startSlackServer(api);
  });
  afterEach(async () => {
    await server.stop();
    await api.stop();
  });

  it('takes "mon imprimante n\'imprime plus" to the ticket card in the DM and a ticket of source slack', async () => {
    const response = await server.slack.event(dmEvent("mon imprimante n'imprime plus", { eventId: 'Ev0DM0000001' }));
    expect(response.status).toBe(200);
    await api.waitFor((stand) => stand.callsOf('chat.postMessage').length === 1, 'the first answer');

    // Known from the profile e-mail: not asked for company or name.
    expect(api.callsOf('users.info')[0]?.args.user).toBe('U0MARTIN01');
    const first = postedMessages(api)[0];
    expect(first?.channel).toBe('D0MARTIN01');
    expect(first?.threadTs).toBeUndefined();
    expect(first?.text).not.toMatch(/entreprise|À quel nom/);
    expect(buttonsOf(first ?? ({ blocks: [] } as never)).length).toBeGreaterThan(0);

    const card = await clickThrough(api, server.slack);
    expect(card.channel).toBe('D0MARTIN01');
    const header = card.blocks.find((block) => block.type === 'header');
    expect(header?.text?.text).toMatch(/^Ticket T20261123\.0001$/);
    const fields = card.blocks.flatMap((block) => block.fields ?? []).map((field) => field.text);
    expect(fields.join('\n')).toMatch(/\*Priorité\*\n/);
    expect(fields.join('\n')).toMatch(/\*File\*\nOPS-01-INFORMATIQUE/);
    expect(fields.join('\n')).toMatch(/\*Première réponse au plus tard\*\n/);
    expect(fields.join('\n')).toMatch(/\*Résolution au plus tard\*\n/);
    const context = JSON.stringify(card.blocks.filter((block) => block.type === 'context'));
    expect(context).toContain('Pourquoi cette priorité');
    expect(context).toContain('Escalade');

    // Each click replaced the buttons of the message clicked by the answer chosen.
    const updates = api.callsOf('chat.update');
    expect(updates.length).toBeGreaterThan(0);
    for (const update of updates) {
      const blocks = update.args.blocks as { type: string; elements?: { text: string }[] }[];
      expect(blocks.some((block) => block.type === 'actions')).toBe(false);
      expect(blocks.at(-1)?.elements?.[0]?.text).toMatch(/^✅ /);
    }

    const tickets = await server.app.store.listTickets();
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({
      source: 'slack',
      account: 'Cabinet Martin Avocats',
      contact: 'Lucas Bernard',
      contactEmail: 'l.bernard@martin-avocats.fr',
    });
    expect(JSON.parse(tickets[0]?.conversationRef ?? '{}')).toEqual({ team: 'T0GUICHET', channel: 'D0MARTIN01' });
  });

  it("keeps the person's words, not Slack's markup, in the ticket", async () => {
    // As Slack sends it: & < > escaped, a link with its label, a mention of a colleague.
    const slackText =
      "l'imprimante &amp; le scanner de <@U0OTHER01|julie> n'impriment plus, voir <https://intranet.example.fr/imprimantes|la page>";
    await server.slack.event(dmEvent(slackText, { eventId: 'Ev0DM0000002' }));
    await api.waitFor((stand) => stand.callsOf('chat.postMessage').length === 1, 'the first answer');
    const card = await clickThrough(api, server.slack);
    expect(card.channel).toBe('D0MARTIN01');
    const [ticket] = await server.app.store.listTickets();
    expect(ticket?.description).toBe("l'imprimante & le scanner de @julie n'impriment plus, voir la page");
  });
});
