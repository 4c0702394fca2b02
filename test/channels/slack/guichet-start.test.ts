import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { memoryIo } from '../../helpers/memory-io.js';
import { buttonsOf, clickPayload, dmEvent, postedMessages } from './helpers/dm.js';
import { SlackApiStandIn } from './helpers/slack-api.js';
import { BOT_TOKEN, SIGNING_SECRET, SlackPoster } from './helpers/slack-events.js';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'guichet.js');

/** What the issue calls done, run as a deployer runs it: `guichet start` with the two Slack variables. */
describe('guichet start with Slack, as a process', () => {
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  let api: SlackApiStandIn | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
    await api?.stop();
    child = undefined;
    dir = undefined;
    api = undefined;
  });

  it('takes a DM from a known profile e-mail to the ticket card, once, and `tickets list` shows it from slack', async () => {
    const stand = new SlackApiStandIn();
    api = stand;
    await stand.start();
    stand.addUser({ id: 'U0MARTIN01', email: 'l.bernard@martin-avocats.fr' });
    dir = mkdtempSync(join(tmpdir(), 'guichet-slack-start-'));
    const db = join(dir, 'guichet.sqlite');
    const env = {
      ...process.env,
      LOG_LEVEL: 'info',
      PORT: '',
      TWILIO_AUTH_TOKEN: '',
      SLACK_APP_TOKEN: '',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: stand.apiUrl,
    };
    const started = spawn(
      process.execPath,
      [BIN, 'start', '--port', '0', '--host', '127.0.0.1', '--db', db, '--now', '2026-11-23T10:00:00+01:00'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = started;
    let out = '';
    started.stdout?.on('data', (chunk) => {
      out += String(chunk);
    });
    started.stderr?.resume();
    const exited = new Promise<number | null>((resolve) => started.on('exit', (code) => resolve(code)));
    await expect.poll(() => out, { timeout: 45_000 }).toMatch(/web chat: http:\/\/127\.0\.0\.1:\d+\//);
    expect(out).toMatch(/channels: web, slack\b/);
    const base = /web chat: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1] ?? '';
    const slack = new SlackPoster(base);

    // The same event delivered twice (Slack's retry): one reply.
    const event = dmEvent("mon imprimante n'imprime plus", { eventId: 'Ev0DONEWHEN1' });
    expect((await slack.event(event)).status).toBe(200);
    expect(
      (await slack.event(event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).status,
    ).toBe(200);
    await stand.waitFor((s) => s.callsOf('chat.postMessage').length >= 1, 'the first answer');

    // The remaining questions answered with buttons; the last one (open the ticket) clicked twice.
    // The technicians' copies of the new ticket go to their own DMs, left aside here.
    const inDm = () => postedMessages(stand).filter((message) => message.channel === 'D0MARTIN01');
    for (let i = 0; i < 8; i++) {
      const last = inDm().at(-1);
      if (!last || last.blocks.some((block) => block.type === 'header')) break;
      const count = inDm().length;
      const click = clickPayload(last, 0);
      const confirming = buttonsOf(last)[0]?.label === 'Oui, ouvrir le ticket';
      await Promise.all([slack.interaction(click), ...(confirming ? [slack.interaction(click)] : [])]);
      await stand.waitFor(() => inDm().length > count, 'the next answer');
    }
    const card = inDm().at(-1);
    expect(card?.channel).toBe('D0MARTIN01');
    expect(card?.blocks.find((block) => block.type === 'header')?.text?.text).toBe('Ticket T20261123.0001');
    const texts = postedMessages(stand).map((message) => message.text);
    expect(texts.filter((text) => text.startsWith('Je propose ce titre'))).toHaveLength(1);
    expect(texts.filter((text) => text.startsWith("C'est enregistré"))).toHaveLength(1);

    started.kill('SIGTERM');
    expect(await exited).toBe(0);

    const table = memoryIo();
    expect(await main(['tickets', 'list', '--db', db], table)).toBe(0);
    expect(table.out()).toContain('T20261123.0001');
    const json = memoryIo();
    expect(await main(['tickets', 'list', '--json', '--db', db], json)).toBe(0);
    const tickets = JSON.parse(json.out()) as { number: string; source: string; contact: string }[];
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ number: 'T20261123.0001', source: 'slack', contact: 'Lucas Bernard' });
  });
});
