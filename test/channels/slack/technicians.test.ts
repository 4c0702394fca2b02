import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slaReport } from '../../../src/tickets/sla-report.js';
import { technicianNotice } from '../../../src/tickets/technician-notice.js';
import { buttonsOf, clickPayload, clickThrough, dmEvent, type Posted, postedMessages } from './helpers/dm.js';
import { type SlackServer, startSlackServer } from './helpers/harness.js';
import { SlackApiStandIn } from './helpers/slack-api.js';
import { fixture } from './helpers/slack-events.js';

/** Level 1 of OPS-01-INFORMATIQUE in policy/policy.yaml: Philippe and Jérôme, each in their DM. */
const PHILIPPE = { user: 'U0PHILIPPE', dm: 'D0PHILIPPE' };
const JEROME = { user: 'U0JEROME', dm: 'D0JEROME' };
const EMPLOYEE_DM = 'D0MARTIN01';

describe('Slack: technicians get the ticket in their DM and act from the message', () => {
  let api: SlackApiStandIn;
  let server: SlackServer;
  let clicks = 0;

  beforeEach(async () => {
    api = new SlackApiStandIn();
    await api.start();
    api.addUser({ id: 'U0MARTIN01', email: 'l.bernard@martin-avocats.fr' });
    server = await startSlackServer(api, { channel: { technicianRetry: { attempts: 3, pauseMs: 5 } } });
  });
  afterEach(async () => {
    await server.stop();
    await api.stop();
  });

  /** The employee opens "mon imprimante n'imprime plus" in their DM, to the ticket card. */
  async function openTicket(): Promise<string> {
    await server.slack.event(dmEvent("mon imprimante n'imprime plus", { eventId: 'Ev0TECH00001' }));
    await api.waitFor((stand) => stand.callsOf('chat.postMessage').length === 1, 'the first answer');
    await clickThrough(api, server.slack);
    await api.waitFor(
      () => postedMessages(api).some((m) => m.channel === EMPLOYEE_DM && m.blocks.some((b) => b.type === 'header')),
      'the ticket card',
    );
    const [ticket] = await server.app.store.listTickets();
    if (!ticket) throw new Error('no ticket was opened');
    return ticket.number;
  }

  function copyIn(dm: string): Posted {
    const copy = postedMessages(api).find((m) => m.channel === dm);
    if (!copy) throw new Error(`nothing posted in ${dm}`);
    return copy;
  }

  /** `user` clicks the button labelled `label` of `message`, with a click instant of its own. */
  function click(message: Posted, label: string, user: string): Promise<Response> {
    const index = buttonsOf(message).findIndex((b) => b.label === label);
    if (index < 0) throw new Error(`no "${label}" button in ${message.channel}`);
    const payload = clickPayload(message, index, user) as { actions: { action_ts: string }[] };
    clicks += 1;
    (payload.actions[0] as { action_ts: string }).action_ts = `1764590000.${String(clicks).padStart(6, '0')}`;
    return server.slack.interaction(payload);
  }

  /** Submits the modal the last views.open showed, as `user`, with `text`. */
  function submitModal(user: string, text: string): Promise<Response> {
    const opened = api.callsOf('views.open').at(-1)?.args.view as { private_metadata: string; callback_id: string };
    const payload = fixture<Record<string, unknown> & { view: Record<string, unknown> }>('view-submission.json');
    payload.user = { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0GUICHET' };
    clicks += 1;
    payload.view = {
      ...payload.view,
      id: `V0TECH${clicks}`,
      callback_id: opened.callback_id,
      private_metadata: opened.private_metadata,
      state: { values: { text: { value: { type: 'plain_text_input', value: text } } } },
    };
    return server.slack.interaction(payload);
  }

  const updatesOf = (dm: string) => api.callsOf('chat.update').filter((c) => c.args.channel === dm);
  const ephemeralsTo = (user: string) => api.callsOf('chat.postEphemeral').filter((c) => c.args.user === user);
  const toEmployee = () => postedMessages(api).filter((m) => m.channel === EMPLOYEE_DM);

  it('posts a new ticket to each level-1 technician’s DM with its facts, deadlines and buttons', async () => {
    const number = await openTicket();
    await api.waitFor(
      () => postedMessages(api).filter((m) => m.channel.startsWith('D0P') || m.channel.startsWith('D0J')).length === 2,
      'both copies',
    );
    expect(api.callsOf('conversations.open').map((c) => c.args.users)).toEqual(
      expect.arrayContaining([PHILIPPE.user, JEROME.user]),
    );
    const copy = copyIn(PHILIPPE.dm);
    expect(copy.blocks.find((b) => b.type === 'header')?.text?.text).toContain(number);
    const fields = copy.blocks
      .flatMap((b) => b.fields ?? [])
      .map((f) => f.text)
      .join('\n');
    expect(fields).toContain('Cabinet Martin Avocats');
    expect(fields).toMatch(/Première réponse[^\n]*\n\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(dans /);
    expect(buttonsOf(copy).map((b) => b.label)).toEqual([
      'Je prends',
      'Répondre',
      'Escalader',
      'En attente client',
      'Résolu',
    ]);
    expect(buttonsOf(copy)[0]?.value).toBe(`guichet:take:${number}`);
    // The copies are recorded with the ticket, to be updated after an action.
    const copies = await server.adapter.technicians.copies(number);
    expect(copies.map((c) => c.channel).sort()).toEqual([JEROME.dm, PHILIPPE.dm]);
  });

  it('"Je prends" puts the ticket in progress, counts its first response, updates every copy and tells the employee', async () => {
    const number = await openTicket();
    await api.waitFor(() => postedMessages(api).some((m) => m.channel === JEROME.dm), 'Jérôme’s copy');
    const before = toEmployee().length;
    expect((await click(copyIn(PHILIPPE.dm), 'Je prends', PHILIPPE.user)).status).toBe(200);
    await api.waitFor(() => updatesOf(PHILIPPE.dm).length === 1 && updatesOf(JEROME.dm).length === 1, 'both updates');

    const ticket = await server.app.tickets.get(number);
    expect(ticket).toMatchObject({ status: 'in_progress', assignee: 'philippe' });
    expect(ticket?.firstRespondedAt).not.toBeNull();
    const report = slaReport(server.app.policy, await server.app.store.listTickets(), { now: server.app.clock.now() });
    expect(report.global.firstResponse.met).toBe(1);

    for (const dm of [PHILIPPE.dm, JEROME.dm]) {
      const update = updatesOf(dm)[0];
      expect(update?.args.ts).toBe(copyIn(dm).ts);
      const blocks = update?.args.blocks as Posted['blocks'];
      const text = JSON.stringify(blocks);
      expect(text).toContain('Philippe');
      expect(text).toContain('*Statut*\\nen cours');
      expect(buttonsOf({ ...copyIn(dm), blocks }).map((b) => b.label)).not.toContain('Je prends');
    }
    await api.waitFor(() => toEmployee().length > before, 'the employee told');
    expect(toEmployee().at(-1)?.text).toMatch(/Philippe, technicien du support, a pris en charge votre ticket/);
  });

  it('of two takes at once, one gets the ticket and the other is told privately who has it', async () => {
    const number = await openTicket();
    await api.waitFor(() => postedMessages(api).some((m) => m.channel === JEROME.dm), 'Jérôme’s copy');
    await Promise.all([
      click(copyIn(PHILIPPE.dm), 'Je prends', PHILIPPE.user),
      click(copyIn(JEROME.dm), 'Je prends', JEROME.user),
    ]);
    await api.waitFor(() => api.callsOf('chat.postEphemeral').length === 1, 'the loser told');
    const ticket = await server.app.tickets.get(number);
    const winner = ticket?.assignee === 'philippe' ? 'Philippe' : 'Jérôme';
    const loser = ticket?.assignee === 'philippe' ? JEROME : PHILIPPE;
    expect(['philippe', 'jerome']).toContain(ticket?.assignee);
    const told = ephemeralsTo(loser.user)[0];
    expect(told?.args.channel).toBe(loser.dm);
    expect(told?.args.text).toBe(`Le ticket ${number} est déjà pris en charge par ${winner}.`);
    const assigned = (await server.app.store.listEvents(number)).filter((e) => e.kind === 'assigned');
    expect(assigned).toHaveLength(1);
  });

  it('refuses someone outside the directory privately and changes nothing', async () => {
    const number = await openTicket();
    await api.waitFor(() => postedMessages(api).some((m) => m.channel === PHILIPPE.dm), 'Philippe’s copy');
    await click(copyIn(PHILIPPE.dm), 'Je prends', 'U0MARTIN01');
    await api.waitFor(() => ephemeralsTo('U0MARTIN01').length === 1, 'the refusal');
    expect(ephemeralsTo('U0MARTIN01')[0]?.args.text).toMatch(/pas dans l’annuaire des techniciens/);
    const ticket = await server.app.tickets.get(number);
    expect(ticket?.assignee).toBeNull();
    expect(ticket?.status).not.toBe('in_progress');
    expect(updatesOf(PHILIPPE.dm)).toHaveLength(0);
  });

  it('relays a reply through its modal to the employee’s DM, then resolves with a note', async () => {
    const number = await openTicket();
    await api.waitFor(() => postedMessages(api).some((m) => m.channel === PHILIPPE.dm), 'Philippe’s copy');
    await click(copyIn(PHILIPPE.dm), 'Répondre', PHILIPPE.user);
    await api.waitFor(() => api.callsOf('views.open').length === 1, 'the reply modal');
    const modal = api.callsOf('views.open')[0]?.args.view as { blocks: { label: { text: string } }[] };
    expect(modal.blocks[0]?.label.text).toBe('Votre message à la personne');
    // Nothing changes before the text is sent.
    expect((await server.app.store.listEvents(number)).some((e) => e.kind === 'replied')).toBe(false);

    await submitModal(PHILIPPE.user, 'Pouvez-vous redémarrer l’imprimante ?');
    await api.waitFor(() => toEmployee().some((m) => m.text.includes('redémarrer')), 'the reply relayed');
    expect(toEmployee().at(-1)?.text).toBe(
      `Message de Philippe au sujet de votre ticket ${number} :\nPouvez-vous redémarrer l’imprimante ?`,
    );
    const replied = (await server.app.store.listEvents(number)).find((e) => e.kind === 'replied');
    expect(replied).toMatchObject({ by: 'philippe', data: { text: 'Pouvez-vous redémarrer l’imprimante ?' } });

    await click(copyIn(PHILIPPE.dm), 'Résolu', PHILIPPE.user);
    await api.waitFor(() => api.callsOf('views.open').length === 2, 'the resolve modal');
    await submitModal(PHILIPPE.user, 'Pilote réinstallé.');
    await api.waitFor(() => toEmployee().some((m) => m.text.includes('a résolu votre ticket')), 'the resolution told');
    expect((await server.app.tickets.get(number))?.status).toBe('resolved');
    await api.waitFor(() => updatesOf(JEROME.dm).length === 2, 'the copies updated');
    const last = updatesOf(JEROME.dm).at(-1)?.args.blocks as Posted['blocks'];
    expect(buttonsOf({ ...copyIn(JEROME.dm), blocks: last }).map((b) => b.label)).toEqual(['Rouvrir']);
  });

  it('retries a refused post, and records the technician it could not reach without losing the ticket', async () => {
    // Philippe's DM is refused on all three attempts; Jérôme's once, and the second attempt reaches him.
    api.fail('conversations.open', 'ratelimited', 4);
    const number = await openTicket();
    const copies = await server.adapter.technicians.copies(number);
    expect(copies.map((c) => c.channel)).toEqual([JEROME.dm]);
    expect(server.logs.some((l) => l.msg === 'Slack refused a technician message; trying again')).toBe(true);
    const notified = (await server.app.store.listEvents(number)).find(
      (e) => e.kind === 'notified' && e.data?.kind === 'ticket_opened',
    );
    expect(notified?.data).toMatchObject({ ok: false });
    expect(String(notified?.data?.error)).toContain('philippe: ratelimited');
    expect(String(notified?.data?.error)).not.toContain('jerome');
    expect(await server.app.tickets.get(number)).not.toBeNull();
  });
  it('posts once in the queue’s channel with the technicians mentioned, marked urgent, and updates it there', async () => {
    const number = await openTicket();
    const ticket = await server.app.tickets.get(number);
    if (!ticket) throw new Error('no ticket');
    // As a critique ticket of a queue with its Slack channel set in the policy would be described.
    const notice = {
      ...technicianNotice(server.app.policy, 'ticket_escalated', ticket, server.app.clock.now()),
      urgent: true,
      channels: { slack: 'C0OPS01' },
    };
    const { recipients, text } = notice;
    await server.adapter.technicians.deliver({
      kind: 'ticket_escalated',
      ticket,
      recipients,
      urgent: true,
      text,
      notice,
    });
    const inChannel = postedMessages(api).filter((m) => m.channel === 'C0OPS01');
    expect(inChannel).toHaveLength(1);
    const blocks = JSON.stringify(inChannel[0]?.blocks);
    expect(blocks).toContain('🚨 URGENT : production à l’arrêt');
    expect(blocks).toContain('Pour <@U0PHILIPPE>, <@U0JEROME> :');
    expect(inChannel[0]?.text).toMatch(/^Pour <@U0PHILIPPE>, <@U0JEROME> : 🚨 URGENT/);
    expect((await server.adapter.technicians.copies(number)).some((c) => c.channel === 'C0OPS01')).toBe(true);

    await click(inChannel[0] as Posted, 'Je prends', JEROME.user);
    await api.waitFor(() => updatesOf('C0OPS01').length === 1, 'the channel copy updated');
    expect(JSON.stringify(updatesOf('C0OPS01')[0]?.args.blocks)).toContain('<@U0JEROME>');
    expect((await server.app.tickets.get(number))?.assignee).toBe('jerome');
  });
});
