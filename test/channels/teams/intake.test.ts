import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { memoryIo } from '../../helpers/memory-io.js';
import type { ConnectorCall } from './helpers/connector.js';
import { cardOf, cardText, LUCAS, startTeams, type TeamsUnderTest } from './helpers/harness.js';

type Posted = NonNullable<ConnectorCall['body']>;

/** The posted activity with a card offering buttons, the last one, with the connector's id of it. */
function lastQuestion(teams: TeamsUnderTest): { call: ConnectorCall; index: number } | undefined {
  const calls = teams.connector.calls;
  for (let i = calls.length - 1; i >= 0; i--) {
    const call = calls[i];
    if (call?.method === 'POST' && (cardOf(call.body)?.actions?.length ?? 0) > 0) return { call, index: i };
  }
  return undefined;
}

/** The id the connector gave the n-th activity posted (the stand-in numbers them in order). */
function postedId(teams: TeamsUnderTest, call: ConnectorCall): string {
  const posts = teams.connector.calls.filter((c) => c.method === 'POST' && c.status < 300);
  return `bot-activity-${posts.indexOf(call) + 1}`;
}

/** Clicks a button of a question card, as Teams posts an Action.Submit. */
function click(teams: TeamsUnderTest, call: ConnectorCall, button = 0): Promise<Response> {
  const action = cardOf(call.body)?.actions?.[button];
  if (!action) throw new Error('no such button');
  return teams.post(teams.activity('card-submit', { value: action.data, replyToId: postedId(teams, call) }));
}

describe('a Teams personal chat, end to end with the real engine', () => {
  let teams: TeamsUnderTest;
  let dir: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'guichet-teams-'));
    // The typing indicator at the start of every turn, so the whole exchange is the same each run.
    teams = await startTeams({ database: join(dir, 'guichet.sqlite'), typingDelayMs: 0 });
  });
  afterEach(async () => {
    await teams.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('greets the installer by name, takes "mon imprimante n\'imprime plus" to a ticket with card buttons, and lists it with source teams', async () => {
    const installed = await teams.post(teams.activity('conversation-update'));
    expect(installed.status).toBe(200);
    expect(teams.connector.messages()[0]?.text).toMatch(/^Bonjour Lucas Bernard/);
    expect(teams.connector.calls.some((c) => c.method === 'GET' && c.memberId === LUCAS.id)).toBe(true);

    const message = teams.activity('message');
    const first = await teams.post(message);
    expect(first.status).toBe(200);
    // The typing indicator goes out first, in reply to the message, then the answer.
    const replies = teams.connector.calls.filter((c) => c.method === 'POST' && c.activityId === message.id);
    expect(replies.map((c) => c.body?.type)).toEqual(['typing', 'message']);

    let ticketCard: Posted | undefined;
    for (let i = 0; i < 8 && !ticketCard; i++) {
      const question = lastQuestion(teams);
      expect(question, 'a question card with buttons').toBeDefined();
      if (!question) break;
      const card = cardOf(question.call.body);
      expect(card?.version).toBe('1.5');
      expect(card?.actions?.every((a) => a.type === 'Action.Submit')).toBe(true);
      const answer = await click(teams, question.call);
      expect(answer.status).toBe(200);
      // The card clicked is rewritten with the answer and without its buttons.
      const update = teams.connector.calls.find(
        (c) => c.method === 'PUT' && c.activityId === postedId(teams, question.call),
      );
      expect(update?.body?.attachments?.[0]?.content.actions).toBeUndefined();
      expect(cardText(cardOf(update?.body))).toContain(`Votre réponse : ${card?.actions?.[0]?.title}`);
      ticketCard = teams.connector.messages().find((m) => cardText(cardOf(m)).startsWith('Ticket T'));
    }

    expect(ticketCard, 'the ticket card').toBeDefined();
    const text = cardText(cardOf(ticketCard));
    expect(text).toContain('Ticket T20261123.0001');
    expect(text).toMatch(/Type: Incident/);
    expect(text).toMatch(/Priorité: \w+/);
    expect(text).toMatch(/Pourquoi: .+/);
    expect(text).toMatch(/File d'attente: \S+/);
    expect(text).toMatch(/Première réponse avant: .*novembre/);
    expect(text).toMatch(/Résolution avant: .*(novembre|décembre)/);
    expect(text).toMatch(/En cas de retard: .+/);
    expect(ticketCard?.text).toContain('T20261123.0001');

    const [ticket] = await teams.app.store.listTickets();
    expect(ticket).toMatchObject({ number: 'T20261123.0001', source: 'teams', account: 'Cabinet Martin Avocats' });
    expect(JSON.parse(ticket?.conversationRef ?? '{}')).toMatchObject({
      conversation: { id: (message.conversation as { id: string }).id },
      serviceUrl: teams.connector.serviceUrl,
    });

    const io = memoryIo();
    expect(await main(['tickets', 'list', '--json', '--db', join(dir, 'guichet.sqlite')], io)).toBe(0);
    const listed = JSON.parse(io.out()) as { number: string; source: string }[];
    expect(listed).toEqual([expect.objectContaining({ number: 'T20261123.0001', source: 'teams' })]);
  });

  it("keeps the person's words, not Teams' markup, in the ticket", async () => {
    const message = teams.activity('message', {
      text: "<p>l'imprimante &amp; le scanner de <at>Julie</at> n&#39;impriment plus</p>",
    });
    expect((await teams.post(message)).status).toBe(200);
    for (let i = 0; i < 8 && (await teams.app.store.listTickets()).length === 0; i++) {
      const question = lastQuestion(teams);
      if (!question) break;
      expect((await click(teams, question.call)).status).toBe(200);
    }
    const [ticket] = await teams.app.store.listTickets();
    expect(ticket?.description).toBe("l'imprimante & le scanner de @Julie n'impriment plus");
  });
});
