import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../src/store/ticket-store.js';
import type { ConnectorCall } from './helpers/connector.js';
import { cardOf, cardText, startTeams, type TeamsUnderTest } from './helpers/harness.js';

/** Runs the printer intake to its ticket, clicking the first button of each question. */
async function openTicket(t: TeamsUnderTest): Promise<Ticket> {
  await t.post(t.activity('message'));
  for (let i = 0; i < 8 && (await t.app.store.listTickets()).length === 0; i++) {
    const posts = t.connector.calls.filter((c) => c.method === 'POST' && c.status < 300);
    const question = [...posts].reverse().find((c) => (cardOf(c.body)?.actions?.length ?? 0) > 0) as ConnectorCall;
    const data = cardOf(question.body)?.actions?.[0]?.data;
    await t.post(t.activity('card-submit', { value: data, replyToId: `bot-activity-${posts.indexOf(question) + 1}` }));
  }
  const [ticket] = await t.app.store.listTickets();
  if (!ticket) throw new Error('no ticket opened');
  return ticket;
}

describe('writing later to the person in the Teams chat that opened the ticket', () => {
  let t: TeamsUnderTest;
  beforeEach(async () => {
    t = await startTeams();
  });
  afterEach(async () => {
    await t.stop();
  });

  it('registers the Teams messenger and sends a message with the ticket card to the stored conversation', async () => {
    const ticket = await openTicket(t);
    expect(t.app.messengers.has('teams')).toBe(true);
    const before = t.connector.calls.length;

    const sent = await t.app.messengers.send('teams', ticket.conversationRef, {
      text: `Votre ticket ${ticket.number} a été pris en charge par Philippe.`,
    });
    expect(sent).toBe(true);

    const [call] = t.connector.calls.slice(before);
    // A new message in the conversation, not a reply to an activity.
    expect(call).toMatchObject({
      method: 'POST',
      conversationId: 'a:1Kx9Vq2mT7pLwR4sN8eB3yF6hJ0uC5dZ1oXgQvIaEkMnSbWtYrPzOlUiHjGf-DcA',
      body: { type: 'message', text: 'Votre ticket T20261123.0001 a été pris en charge par Philippe.' },
    });
    expect(call?.activityId).toBeUndefined();
    expect(t.logs.some((l) => l.msg === 'Teams message sent to the person')).toBe(true);
  });

  it('attaches the ticket card when the message carries one', async () => {
    const ticket = await openTicket(t);
    const before = t.connector.calls.length;
    const opened = await t.app.engine.handleTurn({
      channel: 'teams',
      conversationId: (JSON.parse(ticket.conversationRef ?? '{}') as { conversation: { id: string } }).conversation.id,
      userId: 'l.bernard@martin-avocats.fr',
      text: `où en est ${ticket.number} ?`,
    });
    const card = opened.replies.find((r) => r.card)?.card;
    expect(card?.number).toBe(ticket.number);
    if (!card) return;
    await t.app.messengers.send('teams', ticket.conversationRef, { text: 'Votre ticket est résolu.', card });
    const [call] = t.connector.calls.slice(before);
    expect(call?.body?.text).toBe('Votre ticket est résolu.');
    expect(cardText(cardOf(call?.body))).toContain(`Ticket ${ticket.number}`);
  });

  it('retries once, then throws when the connector refuses the message twice', async () => {
    const ticket = await openTicket(t);
    t.connector.failNext(2, 502);
    await expect(t.app.messengers.send('teams', ticket.conversationRef, { text: 'Résolu.' })).rejects.toThrow(
      /refused the message/,
    );
    expect(t.connector.calls.filter((c) => c.status === 502)).toHaveLength(2);
  });

  it('refuses a reference that is not a Teams conversation reference', async () => {
    await expect(t.app.messengers.send('teams', '{"conversation":{}}', { text: 'x' })).rejects.toThrow(
      /Teams conversation reference/,
    );
    await expect(t.app.messengers.send('teams', 'not json', { text: 'x' })).rejects.toThrow(
      /Teams conversation reference/,
    );
  });
});
