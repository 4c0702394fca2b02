import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import twilio from 'twilio';
import { createTwilioChannel } from '../src/channels/twilio/index.js';
import { readConfig } from '../src/config/config.js';
import { fixedClock } from '../src/domain.js';
import { createGuichet } from '../src/main.js';
import { DEFAULT_ACCOUNTS_PATH, DEFAULT_POLICY_PATH } from '../src/policy/load.js';
import { listen, stopServer } from '../src/server/lifecycle.js';
import { createHttpServer } from '../src/server/server.js';
import { type BenchRow, medianOf, percentile } from './harness.js';

/**
 * The phone line under load on loopback: whole calls (incoming call, key 2, the caller's
 * description, hang-up status callback) posted and signed as Twilio does, against the real
 * `guichet start` server, engine and SQLite store, run in a process of its own so the load
 * generator does not share its event loop. Open loop at 200 requests/s: each request is sent at
 * its scheduled instant whatever happened before, and its latency counts from that instant, so a
 * server falling behind shows in the p99 instead of slowing the load down.
 */

const AUTH_TOKEN = 'bench-auth-token-0123456789abcdef';
const RATE_PER_SECOND = 200;
const DURATION_MS = 3_000;
const LANES = 25;
const RUNS = 3;
const THROUGHPUT_REQUESTS = 1_200;
const THROUGHPUT_CONCURRENCY = 16;

const DESCRIPTIONS = [
  'le standard téléphonique ne répond plus',
  "l'imprimante du deuxième étage n'imprime plus",
  'je ne reçois plus mes mails depuis ce matin',
  'mon poste ne démarre plus',
];

interface Step {
  path: string;
  params: Record<string, string>;
}

/** The four webhooks of one call, in order; the action URLs are those the server writes. */
function callSteps(n: number): Step[] {
  const callSid = `CA${n.toString(16).padStart(32, '0')}`;
  const base = {
    CallSid: callSid,
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    From: '+33491000001',
    To: '+33484268310',
    Direction: 'inbound',
  };
  return [
    { path: '/twilio/voice', params: { ...base, CallStatus: 'ringing' } },
    { path: '/twilio/menu?step=1', params: { ...base, CallStatus: 'in-progress', Digits: '2' } },
    {
      path: '/twilio/gather?step=2',
      params: {
        ...base,
        CallStatus: 'in-progress',
        SpeechResult: DESCRIPTIONS[n % DESCRIPTIONS.length] ?? '',
        Confidence: '0.9',
      },
    },
    { path: '/twilio/status', params: { ...base, CallStatus: 'completed', CallDuration: '40' } },
  ];
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(origin: string, step: Step): Promise<void> {
  const url = `${origin}${step.path}`;
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, step.params);
  const body = new URLSearchParams(step.params).toString();
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-twilio-signature': signature,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          if (response.statusCode === 200 || response.statusCode === 204) resolve();
          else reject(new Error(`${step.path} answered ${response.statusCode}`));
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** The server side of the benchmark: `guichet start` with the phone line, on a free port of loopback. */
async function serve(): Promise<void> {
  const app = await createGuichet({
    database: ':memory:',
    clock: fixedClock('2026-11-23T10:00:00+01:00'),
    policyPath: DEFAULT_POLICY_PATH,
    accountsPath: DEFAULT_ACCOUNTS_PATH,
    logger: pino({ level: 'silent' }),
  });
  const server = createHttpServer(app, readConfig({ TWILIO_AUTH_TOKEN: AUTH_TOKEN }), [createTwilioChannel()]);
  const address = await listen(server, 0, '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void stopServer(server, app, 1_000).then(() => process.exit(0));
  });
}

/** Runs the server in a child process (this file, in server mode) for the time of `work`. */
async function withServer<T>(work: (origin: string) => Promise<T>): Promise<T> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, GUICHET_BENCH_TWILIO_SERVER: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let buffered = '';
      child.once('exit', (code) => reject(new Error(`the benchmark server exited (${code})`)));
      child.stdout?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const line = buffered.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve((JSON.parse(line) as { port: number }).port);
      });
    });
    return await work(`http://127.0.0.1:${port}`);
  } finally {
    agent.destroy();
    child.stdin?.end();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const timer = setTimeout(() => child.kill(), 3_000);
    await exited;
    clearTimeout(timer);
  }
}

let calls = 0;

/** One open-loop run: latencies (ms) of every request and the rate actually achieved. */
async function openLoop(origin: string): Promise<{ latencies: number[]; perSecond: number }> {
  const total = Math.round((RATE_PER_SECOND * DURATION_MS) / 1000);
  const interval = 1000 / RATE_PER_SECOND;
  const lanes = Array.from({ length: LANES }, () => ({ steps: [] as Step[], busy: Promise.resolve() }));
  const latencies: number[] = [];
  const start = performance.now();
  const sent: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const scheduled = start + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const lane = lanes[i % LANES];
    if (lane === undefined) continue;
    if (lane.steps.length === 0) lane.steps = callSteps(++calls);
    const step = lane.steps.shift() as Step;
    // A call's webhooks are sequential, as Twilio sends them; the latency counts from the schedule.
    lane.busy = lane.busy.then(async () => {
      await post(origin, step);
      latencies.push(performance.now() - scheduled);
    });
    sent.push(lane.busy);
  }
  await Promise.all(sent);
  return { latencies, perSecond: total / ((performance.now() - start) / 1000) };
}

/** Closed loop: how many webhooks per second the server answers when it is kept busy. */
async function closedLoop(origin: string): Promise<number> {
  const perWorker = Math.ceil(THROUGHPUT_REQUESTS / THROUGHPUT_CONCURRENCY);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: THROUGHPUT_CONCURRENCY }, async () => {
      let done = 0;
      while (done < perWorker) {
        for (const step of callSteps(++calls)) {
          await post(origin, step);
          done += 1;
        }
      }
    }),
  );
  const requests = perWorker * THROUGHPUT_CONCURRENCY;
  return requests / ((performance.now() - start) / 1000);
}

export async function run(): Promise<BenchRow[]> {
  return withServer(async (origin) => {
    let achieved = 0;
    const medians: number[] = [];
    const p99 = await medianOf(RUNS, async () => {
      const { latencies, perSecond } = await openLoop(origin);
      achieved = perSecond;
      medians.push(percentile(latencies, 50));
      return percentile(latencies, 99);
    });
    const p50 = medians.sort((a, b) => a - b)[Math.floor(medians.length / 2)] ?? Number.NaN;
    const throughput = await medianOf(RUNS, () => closedLoop(origin));
    return [
      {
        name: 'twilio webhook p99 latency at 200 requests/s',
        median: p99,
        unit: 'ms',
        goal: { value: 50, higherIsBetter: false },
        runs: RUNS,
        note: `open loop, ${DURATION_MS / 1000} s, ${achieved.toFixed(0)} req/s sent, voice/menu/gather/status mix`,
      },
      {
        name: 'twilio webhook median latency at 200 requests/s',
        median: p50,
        unit: 'ms',
        runs: RUNS,
        note: 'same runs as the p99',
      },
      {
        name: 'twilio webhook throughput',
        median: throughput,
        unit: 'requests/s',
        goal: { value: RATE_PER_SECOND, higherIsBetter: true },
        runs: RUNS,
        note: `closed loop, ${THROUGHPUT_CONCURRENCY} concurrent calls, ${THROUGHPUT_REQUESTS} requests`,
      },
    ];
  });
}

if (process.env.GUICHET_BENCH_TWILIO_SERVER === '1') await serve();
