import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { fileURLToPath } from 'node:url';
import { App, HTTPReceiver } from '@slack/bolt';
import { pino } from 'pino';
import { createSlackChannel } from '../src/channels/slack/index.js';
import { readConfig } from '../src/config/config.js';
import { fixedClock } from '../src/domain.js';
import { createGuichet } from '../src/main.js';
import { DEFAULT_ACCOUNTS_PATH, DEFAULT_POLICY_PATH } from '../src/policy/load.js';
import { listen, stopServer } from '../src/server/lifecycle.js';
import { createHttpServer } from '../src/server/server.js';
import {
  type BenchRow,
  type ChildServer,
  measureOnce,
  median,
  postBody,
  type ServerFigures,
  serveChild,
  serverFigures,
  withChildServer,
} from './harness.js';

/**
 * Slack message events on loopback, signed as Slack signs them, posted to two servers in turn,
 * each in a process of its own: `guichet start` with the Slack channel (real engine, classifier
 * and in-memory SQLite store, every delivery claimed in the store), and a bare Bolt app (its own
 * HTTPReceiver) answering every message with a fixed text. Both post their answer to the same
 * stand-in of the Web API, in this process, which counts them. Open loop at 200 events/s for the
 * p99 time to the HTTP acknowledgement; closed loop for the throughput, counted until every
 * event's answer has reached the stand-in (an acknowledgement alone is not the work done).
 */

const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
const BOT_TOKEN = 'xoxb-bench-0000000000-aaaaaaaaaaaaaaaaaaaaaaaa';
const RATE_PER_SECOND = 200;
const DURATION_MS = 3_000;
const RUNS = 5;
const THROUGHPUT_EVENTS = 1_200;
const THROUGHPUT_CONCURRENCY = 16;
/** Contacts of the shipped accounts file: the first by chatIds.slack, the others by profile e-mail. */
const USERS: Record<string, string | null> = {
  U0DURAND01: null,
  U0MARTIN01: 'l.bernard@martin-avocats.fr',
  U0MARTIN02: 's.martin@martin-avocats.fr',
  U0DURAND02: null,
};
const DESCRIPTIONS = [
  "mon imprimante n'imprime plus",
  'je ne reçois plus mes mails depuis ce matin',
  'mon poste ne démarre plus',
  'le standard téléphonique ne répond plus',
];

type Target = 'guichet' | 'bolt';

/** The Web API stand-in: answers as Slack does and counts the answers posted. */
class WebApi {
  posted = 0;
  private server: http.Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const method = (req.url ?? '').replace(/^\/api\//, '');
        const args = parseQuery(Buffer.concat(chunks).toString());
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(this.answer(method, args)));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  private answer(method: string, args: NodeJS.Dict<string | string[]>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'U0GUICHETBOT', bot_id: 'B0GUICHET1', team_id: 'T0GUICHET' };
      case 'chat.postMessage':
        this.posted += 1;
        return { ok: true, channel: args.channel, ts: `${Date.now() / 1000}` };
      case 'users.info': {
        const email = USERS[String(args.user)] ?? null;
        return { ok: true, user: { id: args.user, profile: email ? { email } : {} } };
      }
      default:
        return { ok: true };
    }
  }

  async waitForPosted(count: number): Promise<void> {
    while (this.posted < count) await new Promise((resolve) => setTimeout(resolve, 2));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

let sequence = 0;

/** One message.im event callback, new event id, new DM (a new conversation each), as Slack sends it. */
function messageEvent(): string {
  const n = ++sequence;
  const users = Object.keys(USERS);
  const ts = `${Math.floor(Date.now() / 1000)}.${String(n % 1_000_000).padStart(6, '0')}`;
  return JSON.stringify({
    token: 'bench',
    team_id: 'T0GUICHET',
    api_app_id: 'A0GUICHET1',
    event: {
      type: 'message',
      user: users[n % users.length],
      text: DESCRIPTIONS[n % DESCRIPTIONS.length],
      ts,
      client_msg_id: `bench-${n}`,
      channel: `D${n.toString(36).toUpperCase().padStart(10, '0')}`,
      event_ts: ts,
      channel_type: 'im',
    },
    type: 'event_callback',
    event_id: `EvBENCH${n}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0GUICHET', user_id: 'U0GUICHETBOT', is_bot: true, is_enterprise_install: false }],
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** Posts one signed event; resolves when the HTTP acknowledgement is received. */
function post(origin: string, body: string): Promise<void> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex');
  const headers = {
    'content-type': 'application/json',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': `v0=${signature}`,
  };
  return postBody(agent, `${origin}/slack/events`, headers, body);
}

/** The server side: Guichet with the Slack channel, or the bare Bolt app, on a free port of loopback. */
async function serve(target: Target, apiUrl: string): Promise<void> {
  if (target === 'guichet') {
    const app = await createGuichet({
      database: ':memory:',
      clock: fixedClock('2026-11-23T10:00:00+01:00'),
      policyPath: DEFAULT_POLICY_PATH,
      accountsPath: DEFAULT_ACCOUNTS_PATH,
      logger: pino({ level: 'silent' }),
    });
    const env = { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: apiUrl };
    const server = createHttpServer(app, readConfig(env), [createSlackChannel()]);
    const address = await listen(server, 0, '127.0.0.1');
    serveChild(address.port, () => stopServer(server, app, 1_000));
    return;
  }
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET });
  const bolt = new App({ token: BOT_TOKEN, receiver, clientOptions: { slackApiUrl: apiUrl } });
  bolt.message(async ({ say }) => {
    await say("Merci, c'est noté : un technicien vous répondra.");
  });
  const server = (await bolt.start(0)) as http.Server;
  serveChild((server.address() as AddressInfo).port, async () => {
    await bolt.stop();
  });
}

/** Runs the server of `target` in a child process (this file, in server mode) for the time of `work`. */
async function withServer<T>(target: Target, apiUrl: string, work: (server: ChildServer) => Promise<T>): Promise<T> {
  return withChildServer(
    fileURLToPath(import.meta.url),
    { GUICHET_BENCH_SLACK_SERVER: target, GUICHET_BENCH_SLACK_API: apiUrl },
    target,
    work,
  );
}

/** Open loop: each event sent at its scheduled instant; latency from that instant to the acknowledgement. */
async function openLoop(origin: string, api: WebApi): Promise<number[]> {
  const total = Math.round((RATE_PER_SECOND * DURATION_MS) / 1000);
  const interval = 1000 / RATE_PER_SECOND;
  const latencies: number[] = [];
  const start = performance.now();
  const before = api.posted;
  const sent: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const scheduled = start + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sent.push(post(origin, messageEvent()).then(() => void latencies.push(performance.now() - scheduled)));
  }
  await Promise.all(sent);
  // Let the work after the acknowledgements finish before the next run.
  await api.waitForPosted(before + total);
  return latencies;
}

/** Closed loop: events handled, and the seconds until every answer has been posted to the Web API. */
async function closedLoop(origin: string, api: WebApi): Promise<{ messages: number; seconds: number }> {
  const perWorker = Math.ceil(THROUGHPUT_EVENTS / THROUGHPUT_CONCURRENCY);
  const before = api.posted;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: THROUGHPUT_CONCURRENCY }, async () => {
      for (let i = 0; i < perWorker; i++) await post(origin, messageEvent());
    }),
  );
  await api.waitForPosted(before + perWorker * THROUGHPUT_CONCURRENCY);
  return { messages: perWorker * THROUGHPUT_CONCURRENCY, seconds: (performance.now() - start) / 1000 };
}

export async function run(): Promise<BenchRow[]> {
  const api = new WebApi();
  await api.start();
  try {
    const bare = serverFigures();
    const guichet = serverFigures();
    const ratios: number[] = [];
    // Both servers run at once and their runs alternate, so the load of a shared machine weighs on
    // both alike; the ratio is taken run by run.
    const once = (server: ChildServer, figures: ServerFigures) =>
      measureOnce(
        server,
        figures,
        () => openLoop(server.origin, api),
        () => closedLoop(server.origin, api),
      );
    await withServer('bolt', api.url, (boltServer) =>
      withServer('guichet', api.url, async (guichetServer) => {
        // Warm-up of both (module caches, JIT, the auth.test and users.info caches).
        await closedLoop(boltServer.origin, api);
        await closedLoop(guichetServer.origin, api);
        for (let i = 0; i < RUNS; i++) {
          await once(boltServer, bare);
          await once(guichetServer, guichet);
          ratios.push((guichet.throughput.at(-1) ?? 0) / (bare.throughput.at(-1) ?? 1));
        }
      }),
    );
    const open = `open loop, ${DURATION_MS / 1000} s at ${RATE_PER_SECOND} events/s`;
    return [
      {
        name: 'slack event p99 time to the HTTP acknowledgement at 200 events/s',
        median: median(guichet.p99),
        unit: 'ms',
        goal: { value: 100, higherIsBetter: false },
        runs: RUNS,
        note: `${open}, Guichet`,
      },
      {
        name: 'slack event p99 time to the HTTP acknowledgement at 200 events/s, bare Bolt app',
        median: median(bare.p99),
        unit: 'ms',
        runs: RUNS,
        note: 'runs alternating with the row above',
      },
      {
        name: 'slack event median time to the acknowledgement at 200 events/s',
        median: median(guichet.p50),
        unit: 'ms',
        runs: RUNS,
        note: `Guichet; bare Bolt app ${median(bare.p50).toFixed(3)} ms`,
      },
      {
        name: 'slack events handled per second (acknowledged, turn run, answer posted)',
        median: median(guichet.throughput),
        unit: 'events/s',
        runs: RUNS,
        note: `closed loop, ${THROUGHPUT_CONCURRENCY} senders, ${THROUGHPUT_EVENTS} events, Guichet`,
      },
      {
        name: 'slack events handled per second, bare Bolt app (fixed answer)',
        median: median(bare.throughput),
        unit: 'events/s',
        runs: RUNS,
        note: 'runs alternating with the row above',
      },
      {
        name: 'slack throughput, Guichet / bare Bolt app',
        median: median(ratios),
        unit: '×',
        goal: { value: 0.5, higherIsBetter: true },
        runs: RUNS,
        note: `median of the ratios of each pair of runs: ${ratios.map((r) => r.toFixed(2)).join(', ')}`,
      },
      {
        name: 'slack server CPU time per event handled, Guichet',
        median: median(guichet.cpuMsPerMessage),
        unit: 'ms',
        runs: RUNS,
        note: `user + system of its process over the closed loop; bare Bolt app ${median(bare.cpuMsPerMessage).toFixed(3)} ms`,
      },
      {
        name: 'slack CPU time per event, bare Bolt app / Guichet',
        median: median(bare.cpuMsPerMessage) / median(guichet.cpuMsPerMessage),
        unit: '×',
        runs: RUNS,
        note: 'the throughput ratio each server would reach alone on a core of its own, whatever else the machine runs',
      },
    ];
  } finally {
    agent.destroy();
    await api.stop();
  }
}

const serverTarget = process.env.GUICHET_BENCH_SLACK_SERVER;
if (serverTarget === 'guichet' || serverTarget === 'bolt')
  await serve(serverTarget, process.env.GUICHET_BENCH_SLACK_API ?? '');
