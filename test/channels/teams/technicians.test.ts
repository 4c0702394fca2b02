import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../../src/store/ticket-store.js';
import { slaReport } from '../../../src/tickets/sla-report.js';
import type { Attachment } from './helpers/connector.js';
import { cardOf, cardText, startTeams, type TeamsUnderTest } from './helpers/harness.js';
import {
  buttonData,
  click,
  EMPLOYEE_CHAT,
  install,
  JEROME,
  OUTSIDER,
  openTicket,
  PHILIPPE,
} from './helpers/technicians.js';

/** The technician card posted to a conversation (the first one), with its activity id. */
function postedCard(t: TeamsUnderTest, conversation: string): { id: string; card: Attachment['content'] } {
  const posts = t.connector.calls.filter((c) => c.method === 'POST' && c.status < 300);
  const index = posts.findIndex(
    (c) => c.conversationId === conversation && cardText(cardOf(c.body)).includes('Nouveau ticket'),
  );
  const call = posts[index];
  const card = cardOf(call?.body);
  if (!call || !card) throw new Error(`no technician card in ${conversation}`);
  // The stand-in numbers the activities it receives in order: bot-activity-1, -2…
  const all = t.connector.calls.filter((c) => c.method === 'POST' && c.status < 300);
  return { id: `bot-activity-${all.indexOf(call) + 1}`, card };
}

describe('technicians receive tickets in Teams and act from the card', () => {
  let t: TeamsUnderTest;
  beforeEach(async () => {
    t = await startTeams();
    await install(t, PHILIPPE);
    await install(t, JEROME);
  });
  afterEach(async () => {
    await t.stop();
  });

  it('posts the new ticket to each level-1 technician, and "Je prends" takes it, updates every copy and tells the employee', async () => {
    const ticket = await openTicket(t);
    expect(ticket.queue).toBe('OPS-01-INFORMATIQUE');
    const philippe = postedCard(t, PHILIPPE.chat);
    const jerome = postedCard(t, JEROME.chat);
    expect(philippe.card.version).toBe('1.5');
    expect(cardText(philippe.card)).toContain(ticket.number);
    expect(cardText(philippe.card)).toContain(ticket.title);
    expect((philippe.card.actions ?? []).map((a) => a.title)).toContain('Je prends');

    const before = t.connector.calls.length;
    const res = await click(t, PHILIPPE, buttonData(philippe.card, 'Je prends'), philippe.id);
    expect(res.status).toBeLessThan(300);

    const taken = await t.app.store.getTicket(ticket.number);
    expect(taken).toMatchObject({ status: 'in_progress', assignee: 'philippe' });
    expect(taken?.firstRespondedAt).not.toBeNull();
    const report = slaReport(t.app.policy, [taken as Ticket], { now: t.clock.now() });
    expect(report.global.firstResponse.met).toBe(1);

    const after = t.connector.calls.slice(before);
    const updates = after.filter((c) => c.method === 'PUT' && c.status < 300);
    expect(updates.map((c) => [c.conversationId, c.activityId]).sort()).toEqual(
      [
        [PHILIPPE.chat, philippe.id],
        [JEROME.chat, jerome.id],
      ].sort(),
    );
    for (const update of updates) {
      const text = cardText(cardOf(update.body));
      expect(text).toContain('Philippe');
      expect((cardOf(update.body)?.actions ?? []).map((a) => a.title)).not.toContain('Je prends');
    }
    const told = after.find((c) => c.method === 'POST' && c.conversationId === EMPLOYEE_CHAT);
    expect(told?.body?.text).toContain('Philippe');
  });

  it('gives the ticket to one of two technicians taking it at once, and tells the other who has it', async () => {
    const ticket = await openTicket(t);
    const philippe = postedCard(t, PHILIPPE.chat);
    const jerome = postedCard(t, JEROME.chat);
    const before = t.connector.calls.length;
    await Promise.all([
      click(t, PHILIPPE, buttonData(philippe.card, 'Je prends'), philippe.id),
      click(t, JEROME, buttonData(jerome.card, 'Je prends'), jerome.id),
    ]);
    const taken = await t.app.store.getTicket(ticket.number);
    expect(['philippe', 'jerome']).toContain(taken?.assignee);
    const holder = taken?.assignee === 'philippe' ? PHILIPPE : JEROME;
    const other = holder === PHILIPPE ? JEROME : PHILIPPE;
    const toOther = t.connector.calls
      .slice(before)
      .filter((c) => c.method === 'POST' && c.conversationId === other.chat)
      .map((c) => c.body?.text);
    expect(toOther).toContain(`Le ticket ${ticket.number} est déjà pris par ${holder.name}.`);
    const events = await t.app.store.listEvents(ticket.number);
    expect(events.filter((e) => e.kind === 'assigned')).toHaveLength(1);
  });

  it('refuses a click by someone who is not in the directory, in their own chat, and changes nothing', async () => {
    const ticket = await openTicket(t);
    const philippe = postedCard(t, PHILIPPE.chat);
    const before = t.connector.calls.length;
    const res = await click(t, OUTSIDER, buttonData(philippe.card, 'Je prends'), philippe.id);
    expect(res.status).toBeLessThan(300);
    const after = t.connector.calls.slice(before);
    expect(after.filter((c) => c.method === 'PUT')).toHaveLength(0);
    const replies = after.filter((c) => c.method === 'POST' && c.body?.type === 'message');
    expect(replies.map((c) => c.conversationId)).toEqual([OUTSIDER.chat]);
    expect(replies[0]?.body?.text).toMatch(/annuaire des techniciens/);
    expect(await t.app.store.getTicket(ticket.number)).toMatchObject({ status: ticket.status, assignee: null });
  });

  it('relays a reply to the employee’s Teams chat and resolves with the note', async () => {
    const ticket = await openTicket(t);
    const philippe = postedCard(t, PHILIPPE.chat);
    let before = t.connector.calls.length;
    await click(
      t,
      PHILIPPE,
      buttonData(philippe.card, 'Répondre'),
      philippe.id,
      'Pouvez-vous redémarrer l’imprimante ?',
    );
    const relayed = t.connector.calls
      .slice(before)
      .find((c) => c.method === 'POST' && c.conversationId === EMPLOYEE_CHAT);
    expect(relayed?.body?.text).toContain('Pouvez-vous redémarrer l’imprimante ?');
    const replied = (await t.app.store.listEvents(ticket.number)).find((e) => e.kind === 'replied');
    expect(replied).toMatchObject({ by: 'philippe', data: { text: 'Pouvez-vous redémarrer l’imprimante ?' } });

    before = t.connector.calls.length;
    await click(t, PHILIPPE, buttonData(philippe.card, 'Résolu'), philippe.id, 'Bac papier remis en place.');
    expect(await t.app.store.getTicket(ticket.number)).toMatchObject({ status: 'resolved' });
    const after = t.connector.calls.slice(before);
    expect(after.find((c) => c.method === 'POST' && c.conversationId === EMPLOYEE_CHAT)?.body?.text).toContain(
      'Bac papier remis en place.',
    );
    const update = after.find((c) => c.method === 'PUT' && c.conversationId === PHILIPPE.chat);
    expect((cardOf(update?.body)?.actions ?? []).map((a) => a.title)).toEqual(['Rouvrir']);
  });

  it('asks for the text a button needs instead of acting without it', async () => {
    const ticket = await openTicket(t);
    const philippe = postedCard(t, PHILIPPE.chat);
    const before = t.connector.calls.length;
    await click(t, PHILIPPE, buttonData(philippe.card, 'Résolu'), philippe.id, '   ');
    const reply = t.connector.calls
      .slice(before)
      .find((c) => c.method === 'POST' && c.conversationId === PHILIPPE.chat);
    expect(reply?.body?.text).toMatch(/^Action refusée/);
    expect((await t.app.store.getTicket(ticket.number))?.status).toBe(ticket.status);
  });

  it('records a card the connector refused as a failed notification of the ticket', async () => {
    t.connector.failNext(2, 503, (c) => c.method === 'POST' && c.conversationId === JEROME.chat);
    const ticket = await openTicket(t);
    expect(postedCard(t, PHILIPPE.chat).card).toBeDefined();
    const events = await t.app.store.listEvents(ticket.number);
    const opened = events.find((e) => e.kind === 'notified' && e.data?.kind === 'ticket_opened');
    expect(opened?.data).toMatchObject({ ok: false, recipients: ['philippe', 'jerome'] });
    expect(String(opened?.data?.error)).toMatch(/teams: .*jerome: the connector refused the card/);
    // Philippe's copy went through and is kept, to be updated after an action.
    const posted = events.find((e) => e.kind === 'notified' && e.data?.kind === 'teams_cards_posted');
    expect(JSON.stringify(posted?.data)).toContain(PHILIPPE.chat);
    expect(JSON.stringify(posted?.data)).not.toContain(JEROME.chat);
    expect(t.logs.some((l) => l.level >= 50 && String(l.msg).includes('refused a reply twice'))).toBe(true);
    const logged = t.logs.find((l) => l.msg === 'the Teams technician card could not reach every recipient');
    expect(logged).toMatchObject({ level: 50, ticket: ticket.number });
  });
});
