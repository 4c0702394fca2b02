import { expect } from 'vitest';
import type { Ticket } from '../../../../src/store/ticket-store.js';
import type { Attachment, ConnectorCall } from './connector.js';
import { cardOf, type TeamsUnderTest } from './harness.js';

/** The employee's chat of the fixtures; level 1 of OPS-01-INFORMATIQUE (Philippe, Jérôme) and level 2 (Philippe, Pascal). */
export const EMPLOYEE_CHAT = 'a:1Kx9Vq2mT7pLwR4sN8eB3yF6hJ0uC5dZ1oXgQvIaEkMnSbWtYrPzOlUiHjGf-DcA';
export const PHILIPPE = { id: '29:1philippe-itcom', name: 'Philippe', chat: 'a:philippe-guichet-chat' };
export const JEROME = { id: '29:1jerome-itcom', name: 'Jérôme', chat: 'a:jerome-guichet-chat' };
export const PASCAL = { id: '29:1pascal-itcom', name: 'Pascal', chat: 'a:pascal-guichet-chat' };
export const OUTSIDER = { id: '29:1someone-else', name: 'Quelqu’un', chat: 'a:outsider-guichet-chat' };
export type Person = typeof PHILIPPE;

/** A Teams user's personal chat with the bot: who writes and where, as Teams addresses it. */
export function from(person: Person) {
  return {
    from: { id: person.id, name: person.name },
    conversation: { conversationType: 'personal', tenantId: '9b2f6c4e-1a3d-4e5f-8c7b-2d1e0f9a8b7c', id: person.chat },
  };
}

/** The technician installs the app: Teams posts the conversationUpdate that adds the bot. */
export async function install(t: TeamsUnderTest, person: Person): Promise<void> {
  const res = await t.post(t.activity('conversation-update', from(person)));
  expect(res.status).toBeLessThan(300);
}

/** Runs the printer intake to its ticket, clicking the first button of each question. */
export async function openTicket(t: TeamsUnderTest): Promise<Ticket> {
  await t.post(t.activity('message'));
  for (let i = 0; i < 8 && (await t.app.store.listTickets()).length === 0; i++) {
    const posts = t.connector.calls.filter((c) => c.method === 'POST' && c.status < 300);
    const question = [...posts]
      .reverse()
      .find((c) => c.conversationId === EMPLOYEE_CHAT && (cardOf(c.body)?.actions?.length ?? 0) > 0) as ConnectorCall;
    const data = cardOf(question.body)?.actions?.[0]?.data;
    await t.post(t.activity('card-submit', { value: data, replyToId: 'bot-activity-1' }));
  }
  const [ticket] = await t.app.store.listTickets();
  if (!ticket) throw new Error('no ticket opened');
  return ticket;
}

/** The Action.Submit data of a card's button, found by its title (inside its ShowCard when it asks for a text). */
export function buttonData(card: Attachment['content'], title: string): Record<string, unknown> {
  const action = (card.actions ?? []).find((a) => a.title === title) as
    | { type: string; data?: Record<string, unknown>; card?: { actions: { data: Record<string, unknown> }[] } }
    | undefined;
  if (!action) throw new Error(`no button "${title}"`);
  const data = action.type === 'Action.ShowCard' ? action.card?.actions[0]?.data : action.data;
  if (!data) throw new Error(`the button "${title}" sends nothing`);
  return data;
}

/** A click on a technician card's button, as Teams posts it (the inputs merged into the data). */
export function click(t: TeamsUnderTest, person: Person, data: Record<string, unknown>, cardId: string, text?: string) {
  return t.post(
    t.activity('card-submit', {
      ...from(person),
      value: text === undefined ? data : { ...data, text },
      replyToId: cardId,
    }),
  );
}
