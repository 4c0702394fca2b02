import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { memoryIo } from '../../helpers/memory-io.js';
import { buttonsOf, clickPayload, clickThrough, dmEvent, type Posted, postedMessages } from './helpers/dm.js';
import { type SlackServer, startSlackServer } from './helpers/harness.js';
import { SlackApiStandIn } from './helpers/slack-api.js';
import { BOT_TOKEN, fixture, SIGNING_SECRET } from './helpers/slack-events.js';

/** Level 1 of OPS-01-INFORMATIQUE is Philippe and Jérôme; level 2 Philippe and Pascal (policy/policy.yaml). */
const PHILIPPE = { user: 'U0PHILIPPE', dm: 'D0PHILIPPE' };
const JEROME = { user: 'U0JEROME', dm: 'D0JEROME' };
const PASCAL = { user: 'U0PASCAL', dm: 'D0PASCAL' };
const EMPLOYEE_DM = 'D0MARTIN01';

/**
 * The rest of the technicians' loop in Slack, end to end: the real server receiving signed
 * payloads, the local stand-in of the Slack Web API receiving what Guichet posts. An escalation
 * reaching level 2 from the button and from the employee, a resolved ticket reopened by the
 * employee's own message, and `guichet tickets` updating the technicians' copies.
 */
describe('Slack: escalations, the employee reopening, and the command line', () => {
  let api: SlackApiStandIn;
  let server: SlackServer;
  let folder: string;
  let database: string;
  let clicks = 0;
  let events = 0;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'guichet-slack-loop-'));
    database = join(folder, 'guichet.sqlite');
    api = new SlackApiStandIn();
    await api.start();
    api.addUser({ id: 'U0MARTIN01', email: 'l.bernard@martin-avocats.fr' });
    server = await startSlackServer(api, { database, channel: { technicianRetry: { attempts: 3, pauseMs: 5 } } });
  });
  afterEach(async () => {
    await server.stop();
    await api.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  /** The employee writes `text` in their DM with Guichet, as a new event. */
  async function employeeSays(text: string): Promise<void> {
    events += 1;
    const response = await server.slack.event(dmEvent(text, { eventId: `Ev0LOOP${String(events).padStart(5, '0')}` }));
    expect(response.status).toBe(200);
  }

  async function openTicket(): Promise<string> {
    await employeeSays("mon imprimante n'imprime plus");
    await api.waitFor((stand) => stand.callsOf('chat.postMessage').length === 1, 'the first answer');
    await clickThrough(api, server.slack);
    await api.waitFor(() => copiesIn(PHILIPPE.dm).length === 1 && copiesIn(JEROME.dm).length === 1, 'both copies');
    const [ticket] = await server.app.store.listTickets();
    if (!ticket) throw new Error('no ticket was opened');
    return ticket.number;
  }

  const copiesIn = (dm: string) => postedMessages(api).filter((m) => m.channel === dm);
  const updatesOf = (dm: string) => api.callsOf('chat.update').filter((c) => c.args.channel === dm);
  const toEmployee = () => postedMessages(api).filter((m) => m.channel === EMPLOYEE_DM);
  const header = (m: Posted) => m.blocks.find((b) => b.type === 'header')?.text?.text ?? '';

  function click(message: Posted, label: string, user: string): Promise<Response> {
    const index = buttonsOf(message).findIndex((b) => b.label === label);
    if (index < 0) throw new Error(`no "${label}" button in ${message.channel}`);
    const payload = clickPayload(message, index, user) as { actions: { action_ts: string }[] };
    clicks += 1;
    (payload.actions[0] as { action_ts: string }).action_ts = `1764591000.${String(clicks).padStart(6, '0')}`;
    return server.slack.interaction(payload);
  }

  async function submitModal(user: string, text: string): Promise<void> {
    const opened = api.callsOf('views.open').at(-1)?.args.view as { private_metadata: string; callback_id: string };
    const payload = fixture<Record<string, unknown> & { view: Record<string, unknown> }>('view-submission.json');
    payload.user = { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0GUICHET' };
    clicks += 1;
    payload.view = {
      ...payload.view,
      id: `V0LOOP${clicks}`,
      callback_id: opened.callback_id,
      private_metadata: opened.private_metadata,
      state: { values: { text: { value: { type: 'plain_text_input', value: text } } } },
    };
    expect((await server.slack.interaction(payload)).status).toBe(200);
  }

  /** Clicks a button that opens a modal, then submits it with `text`. */
  async function act(message: Posted, label: string, user: string, text: string): Promise<void> {
    const modals = api.callsOf('views.open').length;
    await click(message, label, user);
    await api.waitFor(() => api.callsOf('views.open').length === modals + 1, `the ${label} modal`);
    await submitModal(user, text);
  }

  it('"Escalader" with its reason reaches the level-2 technician’s DM, and the employee is told', async () => {
    const number = await openTicket();
    await act(copiesIn(JEROME.dm)[0] as Posted, 'Escalader', JEROME.user, 'Pilote réseau à reprendre, droits admin');
    await api.waitFor(() => copiesIn(PASCAL.dm).length === 1, 'the level-2 copy');
    const escalation = copiesIn(PASCAL.dm)[0] as Posted;
    expect(header(escalation)).toContain(number);
    const facts = JSON.stringify(escalation.blocks);
    expect(facts).toContain('Pilote réseau à reprendre, droits admin');
    expect(facts).toContain('jerome');
    expect(buttonsOf(escalation).map((b) => b.label)).toContain('Je prends');
    expect(await server.app.tickets.get(number)).toMatchObject({ level: 2, assignee: null });
    await api.waitFor(() => toEmployee().some((m) => m.text.includes('confié au niveau 2')), 'the employee told');
    // Level 1's copies show the ticket at level 2 now.
    await api.waitFor(() => updatesOf(JEROME.dm).length >= 1, 'the level-1 copies updated');
    expect(JSON.stringify(updatesOf(JEROME.dm).at(-1)?.args.blocks)).toContain('niveau 2');
    // Pascal takes it from his own copy.
    await click(escalation, 'Je prends', PASCAL.user);
    await api.waitFor(() => updatesOf(PASCAL.dm).length >= 1, 'Pascal’s copy updated');
    expect((await server.app.tickets.get(number))?.assignee).toBe('pascal');
  });

  it('an escalation the employee asks for in their DM reaches the level-2 technicians', async () => {
    const number = await openTicket();
    await employeeSays(`je veux escalader le ticket ${number}`);
    await api.waitFor(() => copiesIn(PASCAL.dm).length === 1, 'the level-2 copy');
    expect(header(copiesIn(PASCAL.dm)[0] as Posted)).toContain(number);
    expect(JSON.stringify(copiesIn(PASCAL.dm)[0]?.blocks)).toContain('Escalade');
    expect((await server.app.tickets.get(number))?.level).toBe(2);
  });

  it('a ticket resolved from its message is reopened by the employee’s "ça ne marche toujours pas", every copy updated', async () => {
    const number = await openTicket();
    await click(copiesIn(PHILIPPE.dm)[0] as Posted, 'Je prends', PHILIPPE.user);
    await api.waitFor(() => updatesOf(JEROME.dm).length === 1, 'the take on every copy');
    await act(copiesIn(PHILIPPE.dm)[0] as Posted, 'Résolu', PHILIPPE.user, 'Pilote réinstallé.');
    await api.waitFor(() => toEmployee().some((m) => m.text.includes('a résolu votre ticket')), 'the resolution told');
    await api.waitFor(() => updatesOf(JEROME.dm).length === 2, 'the resolution on every copy');

    await employeeSays('ça ne marche toujours pas');
    await api.waitFor(() => toEmployee().some((m) => m.text.includes('Je rouvre votre ticket')), 'the employee told');
    expect(toEmployee().find((m) => m.text.includes('Je rouvre'))?.text).toContain(
      `Je rouvre votre ticket ${number} : Philippe, qui s'en occupait, est prévenu`,
    );
    expect(await server.app.tickets.get(number)).toMatchObject({ status: 'in_progress', assignee: 'philippe' });
    // Philippe, who had it, gets a new message with the employee's words.
    await api.waitFor(() => copiesIn(PHILIPPE.dm).length === 2, 'the reopening posted to Philippe');
    const reopened = copiesIn(PHILIPPE.dm)[1] as Posted;
    expect(header(reopened)).toContain('rouvert');
    expect(JSON.stringify(reopened.blocks)).toContain('ça ne marche toujours pas');
    expect(copiesIn(JEROME.dm)).toHaveLength(1);
    // Every earlier copy shows it in progress again, with its buttons back.
    await api.waitFor(() => updatesOf(JEROME.dm).length === 3, 'the reopening on every copy');
    const last = updatesOf(JEROME.dm).at(-1)?.args.blocks as Posted['blocks'];
    expect(JSON.stringify(last)).toContain('*Statut*\\nen cours');
    expect(buttonsOf({ ...(copiesIn(JEROME.dm)[0] as Posted), blocks: last }).map((b) => b.label)).toContain('Résolu');
  });

  it('`guichet tickets take` and `resolve` from the command line update the copies and tell the employee', async () => {
    const number = await openTicket();
    const cli = async (...args: string[]) => {
      const io = memoryIo('', {
        LOG_LEVEL: 'silent',
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: api.apiUrl,
      });
      const status = await main(['tickets', ...args, '--db', database], io);
      return { status, out: io.out(), err: io.err() };
    };
    const taken = await cli('take', number, '--by', 'jerome');
    expect(taken.err).toBe('');
    expect(taken.out).toContain('the person was told');
    expect(taken.status).toBe(0);
    for (const dm of [PHILIPPE.dm, JEROME.dm]) {
      expect(updatesOf(dm)).toHaveLength(1);
      expect(updatesOf(dm)[0]?.args.ts).toBe(copiesIn(dm)[0]?.ts);
      expect(JSON.stringify(updatesOf(dm)[0]?.args.blocks)).toContain('Jérôme');
    }
    expect(toEmployee().at(-1)?.text).toMatch(/Jérôme, technicien du support, a pris en charge votre ticket/);

    expect((await cli('resolve', number, '--by', 'jerome', '--text', 'Bac 2 débloqué.')).status).toBe(0);
    const last = updatesOf(PHILIPPE.dm).at(-1)?.args.blocks as Posted['blocks'];
    expect(buttonsOf({ ...(copiesIn(PHILIPPE.dm)[0] as Posted), blocks: last }).map((b) => b.label)).toEqual([
      'Rouvrir',
    ]);
    expect(toEmployee().at(-1)?.text).toContain('Bac 2 débloqué.');
  });
});
