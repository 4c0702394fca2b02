import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { pino } from 'pino';
import restify from 'restify';
import { createTeamsChannel } from '../src/channels/teams/index.js';
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
 * The Teams channel under load on loopback: message activities posted to /api/messages of the
 * real `guichet start` server (engine, SQLite store in memory, TEAMS_ANONYMOUS), each conversation
 * a description then two "oui" (the title, then the summary: a ticket is opened), with a Bot
 * Connector stand-in in this process taking the replies. In the same run, the same activities go
 * to a bare CloudAdapter echo bot on restify replying to the same connector: the peer the
 * throughput is compared with. Each server runs in a process of its own, both at once, their runs
 * alternating; the load is open loop at 200 activities/s (latency counted from each activity's
 * scheduled instant) for the p99, and closed loop for the throughput.
 */

const RATE_PER_SECOND = 200;
const DURATION_MS = 3_000;
const LANES = 25;
const RUNS = 5;
const THROUGHPUT_ACTIVITIES = 900;
const THROUGHPUT_CONCURRENCY = 16;
const SERVER_MODE = 'GUICHET_BENCH_TEAMS_SERVER';

const USERS = [
  { id: '29:bench-lucas', email: 'l.bernard@martin-avocats.fr' },
  { id: '29:bench-marie', email: 'marie.lefevre@transports-durand.fr' },
  { id: '29:bench-sophie', email: 's.martin@martin-avocats.fr' },
];
const SAYS = ["mon imprimante n'imprime plus", 'oui', 'oui'];

/** The Bot Connector stand-in: every reply and update accepted, every member known. */
async function startConnector(): Promise<{ serviceUrl: string; replies: () => number; close: () => Promise<void> }> {
  let replies = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const member = /\/members\/([^/]+)$/.exec(req.url ?? '');
      let body: unknown = { id: `bot-${++replies}` };
      if (member) {
        const id = decodeURIComponent(member[1] ?? '');
        body = { id, name: id, email: USERS.find((u) => u.id === id)?.email };
      }
      res.writeHead(member ? 200 : 201, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    replies: () => replies,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let activities = 0;

/** A personal-chat message activity as Teams posts it. */
function message(serviceUrl: string, conversation: number, text: string): string {
  const user = USERS[conversation % USERS.length] ?? USERS[0];
  return JSON.stringify({
    type: 'message',
    id: `bench-${process.pid}-${++activities}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: user?.id, name: user?.email },
    conversation: { conversationType: 'personal', id: `a:bench-${process.pid}-${conversation}` },
    recipient: { id: '28:bench-bot', name: 'Guichet' },
    text,
    textFormat: 'plain',
    locale: 'fr-FR',
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(origin: string, body: string): Promise<void> {
  return postBody(agent, `${origin}/api/messages`, { 'content-type': 'application/json' }, body);
}

/** Guichet's server with the Teams channel, anonymous, on a free port of loopback. */
async function serveGuichet(): Promise<{ port: number; stop: () => Promise<void> }> {
  const app = await createGuichet({
    database: ':memory:',
    clock: fixedClock('2026-11-23T10:00:00+01:00'),
    policyPath: DEFAULT_POLICY_PATH,
    accountsPath: DEFAULT_ACCOUNTS_PATH,
    logger: pino({ level: 'silent' }),
  });
  const server = createHttpServer(app, readConfig({ TEAMS_ANONYMOUS: 'true' }), [createTeamsChannel()]);
  const { port } = await listen(server, 0, '127.0.0.1');
  return { port, stop: () => stopServer(server, app, 1_000) };
}

/** The peer: a bare CloudAdapter echo bot on restify, as the Bot Framework samples write it. */
async function serveEcho(): Promise<{ port: number; stop: () => Promise<void> }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req as never, res as never, async (context) => {
      await context.sendActivity(`Echo: ${context.activity.text}`);
    });
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
  return { port, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Server mode: this file run as a child process serves one bot until its stdin closes. */
async function serve(kind: string): Promise<void> {
  const { port, stop } = kind === 'echo' ? await serveEcho() : await serveGuichet();
  serveChild(port, stop);
}

async function withServer<T>(kind: 'guichet' | 'echo', work: (server: ChildServer) => Promise<T>): Promise<T> {
  return withChildServer(fileURLToPath(import.meta.url), { [SERVER_MODE]: kind }, kind, work);
}

let conversations = 0;

/** One lane: a conversation's messages in order, a new conversation after its last. */
function lane(serviceUrl: string): () => string {
  let conversation = ++conversations;
  let said = 0;
  return () => {
    if (said === SAYS.length) {
      conversation = ++conversations;
      said = 0;
    }
    return message(serviceUrl, conversation, SAYS[said++] ?? 'oui');
  };
}

/** Open loop at RATE_PER_SECOND: the latency (ms) of every activity, from its scheduled instant. */
async function openLoop(origin: string, serviceUrl: string): Promise<number[]> {
  const total = Math.round((RATE_PER_SECOND * DURATION_MS) / 1000);
  const interval = 1000 / RATE_PER_SECOND;
  const lanes = Array.from({ length: LANES }, () => ({ next: lane(serviceUrl), busy: Promise.resolve() }));
  const latencies: number[] = [];
  const sent: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const scheduled = start + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const current = lanes[i % LANES];
    if (!current) continue;
    const body = current.next();
    // A person's messages are sequential; the latency counts from the schedule all the same.
    current.busy = current.busy.then(async () => {
      await post(origin, body);
      latencies.push(performance.now() - scheduled);
    });
    sent.push(current.busy);
  }
  await Promise.all(sent);
  return latencies;
}

/** Closed loop: activities answered per second when the bot is kept busy. */
async function closedLoop(origin: string, serviceUrl: string): Promise<{ messages: number; seconds: number }> {
  const perWorker = Math.ceil(THROUGHPUT_ACTIVITIES / THROUGHPUT_CONCURRENCY);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: THROUGHPUT_CONCURRENCY }, async () => {
      const next = lane(serviceUrl);
      for (let i = 0; i < perWorker; i++) await post(origin, next());
    }),
  );
  return { messages: perWorker * THROUGHPUT_CONCURRENCY, seconds: (performance.now() - start) / 1000 };
}

export async function run(): Promise<BenchRow[]> {
  const connector = await startConnector();
  try {
    const echo = serverFigures();
    const guichet = serverFigures();
    const ratios: number[] = [];
    // Both servers run at once and their runs alternate, so the load of a shared machine weighs on
    // both alike; the ratio is taken run by run.
    const { serviceUrl } = connector;
    const once = (server: ChildServer, figures: ServerFigures) =>
      measureOnce(
        server,
        figures,
        () => openLoop(server.origin, serviceUrl),
        () => closedLoop(server.origin, serviceUrl),
      );
    await withServer('echo', (echoServer) =>
      withServer('guichet', async (guichetServer) => {
        // Warm-up of both (module caches, JIT, the member lookups of the three users).
        await closedLoop(echoServer.origin, serviceUrl);
        await closedLoop(guichetServer.origin, serviceUrl);
        for (let i = 0; i < RUNS; i++) {
          await once(echoServer, echo);
          await once(guichetServer, guichet);
          ratios.push((guichet.throughput.at(-1) ?? 0) / (echo.throughput.at(-1) ?? 1));
        }
      }),
    );
    const load = `open loop, ${DURATION_MS / 1000} s at ${RATE_PER_SECOND}/s, conversations of 3 messages`;
    return [
      {
        name: 'teams activity p99 time to the HTTP answer at 200 activities/s',
        median: median(guichet.p99),
        unit: 'ms',
        goal: { value: 100, higherIsBetter: false },
        runs: RUNS,
        note: `${load}, Guichet`,
      },
      {
        name: 'teams activity median time to the HTTP answer at 200 activities/s',
        median: median(guichet.p50),
        unit: 'ms',
        runs: RUNS,
        note: `Guichet; echo bot ${median(echo.p50).toFixed(3)} ms`,
      },
      {
        name: 'bare CloudAdapter echo bot p99 at 200 activities/s (peer)',
        median: median(echo.p99),
        unit: 'ms',
        runs: RUNS,
        note: 'runs alternating with the rows above',
      },
      {
        name: 'teams activities answered per second',
        median: median(guichet.throughput),
        unit: 'activities/s',
        runs: RUNS,
        note: `closed loop, ${THROUGHPUT_CONCURRENCY} concurrent conversations, Guichet`,
      },
      {
        name: 'bare CloudAdapter echo bot activities per second (peer, same connector)',
        median: median(echo.throughput),
        unit: 'activities/s',
        runs: RUNS,
        note: 'runs alternating with the row above',
      },
      {
        name: 'teams throughput, Guichet / echo bot',
        median: median(ratios),
        unit: '×',
        goal: { value: 0.5, higherIsBetter: true },
        runs: RUNS,
        note: `median of the ratios of each pair of runs: ${ratios.map((r) => r.toFixed(2)).join(', ')}`,
      },
      {
        name: 'teams server CPU time per activity answered, Guichet',
        median: median(guichet.cpuMsPerMessage),
        unit: 'ms',
        runs: RUNS,
        note: `user + system of its process over the closed loop; echo bot ${median(echo.cpuMsPerMessage).toFixed(3)} ms`,
      },
      {
        name: 'teams CPU time per activity, echo bot / Guichet',
        median: median(echo.cpuMsPerMessage) / median(guichet.cpuMsPerMessage),
        unit: '×',
        runs: RUNS,
        note: 'the throughput ratio each server would reach alone on a core of its own, whatever else the machine runs',
      },
    ];
  } finally {
    agent.destroy();
    await connector.close();
  }
}

const mode = process.env[SERVER_MODE];
if (mode) void serve(mode);
