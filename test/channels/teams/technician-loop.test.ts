import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { memoryIo } from '../../helpers/memory-io.js';
import type { Attachment, ConnectorCall } from './helpers/connector.js';
import { cardOf, cardText, startTeams, type TeamsUnderTest } from './helpers/harness.js';
import {
  buttonData,
  click,
  EMPLOYEE_CHAT,
  install,
  JEROME,
  openTicket,
  PASCAL,
  PHILIPPE,
} from './helpers/technicians.js';

/** The activities the bot sent to a conversation (POST), oldest first. */
function sentTo(t: TeamsUnderTest, conversation: string): ConnectorCall[] {
  return t.connector.calls.filter((c) => c.method === 'POST' && c.status < 300 && c.conversationId === conversation);
}

/** The card updates (PUT) of a conversation, oldest first. */
function updatesIn(t: TeamsUnderTest, conversation: string): ConnectorCall[] {
  return t.connector.calls.filter((c) => c.method === 'PUT' && c.status < 300 && c.conversationId === conversation);
}

/** The technician cards posted to a conversation whose text contains `headline`, with their activity ids. */
function cardsIn(t: TeamsUnderTest, conversation: string, headline: string) {
  const all = t.connector.calls.filter((c) => c.method === 'POST' && c.status < 300);
  return all
    .map((call, index) => ({ call, id: `bot-activity-${index + 1}`, card: cardOf(call.body) }))
    .filter((p) => p.call.conversationId === conversation && p.card && cardText(p.card).includes(headline)) as {
    call: ConnectorCall;
    id: string;
    card: Attachment['content'];
  }[];
}

/** The employee writes in their chat with Guichet. */
async function employeeSays(t: TeamsUnderTest, text: string): Promise<void> {
  const res = await t.post(t.activity('message', { text }));
  expect(res.status).toBeLessThan(300);
}

/**
 * The rest of the technicians' loop in Teams, end to end: the real server receiving the Bot
 * Connector's activities, the local stand-in of the Bot Connector receiving what Guichet sends.
 */
describe('Teams: escalations, the employee reopening, and the command line', () => {
  let t: TeamsUnderTest;
  let folder: string;
  let database: string;
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'guichet-teams-loop-'));
    database = join(folder, 'guichet.sqlite');
    t = await startTeams({ database });
    for (const person of [PHILIPPE, JEROME, PASCAL]) await install(t, person);
  });
  afterEach(async () => {
    await t.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('"Escalader" with its reason reaches the level-2 technician’s chat, and the employee is told', async () => {
    const ticket = await openTicket(t);
    const [jerome] = cardsIn(t, JEROME.chat, 'Nouveau ticket');
    if (!jerome) throw new Error('no card for Jérôme');
    await click(t, JEROME, buttonData(jerome.card, 'Escalader'), jerome.id, 'Profil corrompu, droits admin requis');
    const [escalation] = cardsIn(t, PASCAL.chat, 'Escalade du ticket');
    expect(cardText(escalation?.card)).toContain(ticket.number);
    expect(cardText(escalation?.card)).toContain('Profil corrompu, droits admin requis');
    expect(await t.app.store.getTicket(ticket.number)).toMatchObject({ level: 2, assignee: null });
    expect(sentTo(t, EMPLOYEE_CHAT).at(-1)?.body?.text).toContain('confié au niveau 2');
    // Level 1's cards show level 2 now; Pascal takes the ticket from his.
    expect(cardText(cardOf(updatesIn(t, JEROME.chat).at(-1)?.body))).toContain('niveau 2');
    await click(t, PASCAL, buttonData(escalation?.card as Attachment['content'], 'Je prends'), escalation?.id ?? '');
    expect((await t.app.store.getTicket(ticket.number))?.assignee).toBe('pascal');
    expect(updatesIn(t, PASCAL.chat)).not.toHaveLength(0);
  });

  it('an escalation the employee asks for in their chat reaches the level-2 technicians', async () => {
    const ticket = await openTicket(t);
    await employeeSays(t, `je veux escalader le ticket ${ticket.number}`);
    const [escalation] = cardsIn(t, PASCAL.chat, 'Escalade du ticket');
    expect(cardText(escalation?.card)).toContain(ticket.number);
    expect((await t.app.store.getTicket(ticket.number))?.level).toBe(2);
  });

  it('a resolved ticket is reopened by the employee’s "toujours le même problème", its cards updated', async () => {
    const ticket = await openTicket(t);
    const [philippe] = cardsIn(t, PHILIPPE.chat, 'Nouveau ticket');
    if (!philippe) throw new Error('no card for Philippe');
    await click(t, PHILIPPE, buttonData(philippe.card, 'Je prends'), philippe.id);
    await click(t, PHILIPPE, buttonData(philippe.card, 'Résolu'), philippe.id, 'Bac papier remis en place.');
    expect((await t.app.store.getTicket(ticket.number))?.status).toBe('resolved');
    const updatesBefore = updatesIn(t, JEROME.chat).length;

    await employeeSays(t, 'toujours le même problème, rien ne sort');
    expect(sentTo(t, EMPLOYEE_CHAT).at(-1)?.body?.text).toContain(
      `Je rouvre votre ticket ${ticket.number} : Philippe, qui s'en occupait, est prévenu`,
    );
    expect(await t.app.store.getTicket(ticket.number)).toMatchObject({ status: 'in_progress', assignee: 'philippe' });
    const [reopened] = cardsIn(t, PHILIPPE.chat, 'Ticket rouvert par la personne');
    expect(cardText(reopened?.card)).toContain('toujours le même problème, rien ne sort');
    expect(cardsIn(t, JEROME.chat, 'Ticket rouvert')).toHaveLength(0);
    const update = updatesIn(t, JEROME.chat).at(-1);
    expect(updatesIn(t, JEROME.chat).length).toBe(updatesBefore + 1);
    expect(cardText(cardOf(update?.body))).toContain('en cours');
    expect((cardOf(update?.body)?.actions ?? []).map((a) => a.title)).toContain('Résolu');
  });

  it('`guichet tickets take` from the command line updates the technicians’ cards and tells the employee', async () => {
    const ticket = await openTicket(t);
    const io = memoryIo('', { LOG_LEVEL: 'silent', TEAMS_ANONYMOUS: 'true' });
    const status = await main(['tickets', 'take', ticket.number, '--by', 'philippe', '--db', database], io);
    expect(io.err()).toBe('');
    expect(status).toBe(0);
    expect(io.out()).toContain('the person was told');
    for (const chat of [PHILIPPE.chat, JEROME.chat]) {
      const update = updatesIn(t, chat).at(-1);
      expect(update?.activityId).toBe(cardsIn(t, chat, 'Nouveau ticket')[0]?.id);
      expect(cardText(cardOf(update?.body))).toContain('Philippe');
      expect((cardOf(update?.body)?.actions ?? []).map((a) => a.title)).not.toContain('Je prends');
    }
    expect(sentTo(t, EMPLOYEE_CHAT).at(-1)?.body?.text).toContain('Philippe, technicien du support, a pris en charge');
  });
});
