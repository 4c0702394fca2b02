import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshSchema, testDatabaseUrl } from '../../helpers/postgres-schema.js';
import { buttonsOf, clickPayload, dmEvent, postedMessages } from './helpers/dm.js';
import { type SlackServer, startSlackServer } from './helpers/harness.js';
import { SlackApiStandIn } from './helpers/slack-api.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function standIn(): Promise<SlackApiStandIn> {
  const api = new SlackApiStandIn();
  await api.start();
  api.addUser({ id: 'U0MARTIN01', email: 'l.bernard@martin-avocats.fr' });
  cleanups.push(() => api.stop());
  return api;
}

async function server(api: SlackApiStandIn, database: string): Promise<SlackServer> {
  const started = await startSlackServer(api, { database });
  cleanups.push(() => started.stop());
  return started;
}

describe('Slack deliveries across restarts', () => {
  it('handles an event retried after a restart once, the claim being in the SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-slack-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const database = join(dir, 'guichet.sqlite');
    const api = await standIn();
    const event = dmEvent("mon imprimante n'imprime plus", { eventId: 'Ev0RESTART1' });

    const first = await startSlackServer(api, { database });
    await first.slack.event(event);
    await first.stop();
    expect(api.callsOf('chat.postMessage')).toHaveLength(1);

    const second = await server(api, database);
    expect(
      (await second.slack.event(event, { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' })).status,
    ).toBe(200);
    await second.adapter.http?.idle();
    expect(api.callsOf('chat.postMessage')).toHaveLength(1);
  });
});

if (testDatabaseUrl) {
  const url = testDatabaseUrl;
  describe('two Guichet instances sharing PostgreSQL', () => {
    it('receiving the same event give one reply, and the same last click one ticket', async () => {
      const { schema, drop } = await freshSchema(url);
      cleanups.push(drop);
      const database = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const api = await standIn();
      const a = await server(api, database);
      const b = await server(api, database);

      // Slack retried to another instance while the first was still answering.
      const event = dmEvent("mon imprimante n'imprime plus", { eventId: 'Ev0TWOINST1' });
      const statuses = await Promise.all([a.slack.event(event), b.slack.event(event)]);
      expect(statuses.map((response) => response.status)).toEqual([200, 200]);
      await Promise.all([a.adapter.http?.idle(), b.adapter.http?.idle()]);
      expect(api.callsOf('chat.postMessage')).toHaveLength(1);

      // The conversation goes on from either instance; the confirmation reaches both at once.
      let last = postedMessages(api).at(-1);
      for (
        let i = 0;
        i < 8 && last && !buttonsOf(last).some((button) => button.label === 'Oui, ouvrir le ticket');
        i++
      ) {
        const count = api.callsOf('chat.postMessage').length;
        await (i % 2 === 0 ? a : b).slack.interaction(clickPayload(last, 0));
        await api.waitFor((stand) => stand.callsOf('chat.postMessage').length > count, 'the next question');
        last = postedMessages(api).at(-1);
      }
      if (!last) throw new Error('nothing posted');
      const confirm = clickPayload(last, 0);
      await Promise.all([a.slack.interaction(confirm), b.slack.interaction(confirm)]);
      await Promise.all([a.adapter.http?.idle(), b.adapter.http?.idle()]);
      const card = postedMessages(api).at(-1);
      expect(card?.blocks.some((block) => block.type === 'header')).toBe(true);
      expect(api.callsOf('chat.postEphemeral')).toHaveLength(1);
      const tickets = await a.app.store.listTickets();
      expect(tickets).toHaveLength(1);
      expect(tickets[0]?.source).toBe('slack');
      expect(await b.app.store.listTickets()).toHaveLength(1);
    });
  });
} else if (process.env.CI === 'true') {
  describe('two Guichet instances sharing PostgreSQL', () => {
    it('needs TEST_DATABASE_URL under CI', () => {
      throw new Error(
        'TEST_DATABASE_URL is not set: CI must run the Slack instances test on PostgreSQL (postgres://…)',
      );
    });
  });
} else {
  describe.skip('two Guichet instances sharing PostgreSQL (skipped: set TEST_DATABASE_URL=postgres://… to run it)', () => {
    it('receiving the same event give one reply', () => {});
  });
  process.stderr.write('Slack PostgreSQL instances test skipped: TEST_DATABASE_URL is not set.\n');
}
