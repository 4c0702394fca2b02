import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
/**
 * A tiny benchmark harness: each benchmark runs several times and reports the median, so one
 * noisy run on a shared machine does not decide the figure.
 */
export interface BenchRow {
  name: string;
  /** The measured median, in `unit`. */
  median: number;
  unit: string;
  /** The goal, in the same unit, and whether higher is better. */
  goal?: { value: number; higherIsBetter: boolean };
  runs: number;
  note?: string;
}

/** Runs `fn` `runs` times (after one warm-up) and returns the median of what it returns. */
export async function medianOf(runs: number, fn: () => number | Promise<number>): Promise<number> {
  await fn();
  const values: number[] = [];
  for (let i = 0; i < runs; i++) values.push(await fn());
  values.sort((a, b) => a - b);
  const mid = Math.floor(values.length / 2);
  return values.length % 2 === 1 ? (values[mid] ?? 0) : ((values[mid - 1] ?? 0) + (values[mid] ?? 0)) / 2;
}

/** The median of a list of numbers (NaN for none). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * The figures of one server over the alternating runs of a channel benchmark: p99 and median
 * latency of each open-loop run, throughput of each closed-loop run and the server's CPU time per
 * message handled in it.
 */
export interface ServerFigures {
  p99: number[];
  p50: number[];
  throughput: number[];
  cpuMsPerMessage: number[];
}

export function serverFigures(): ServerFigures {
  return { p99: [], p50: [], throughput: [], cpuMsPerMessage: [] };
}

/**
 * One open-loop run (`open` gives the latencies) and one closed-loop run (`closed` gives how many
 * messages it handled and in how many seconds) against `server`, added to its figures.
 */
export async function measureOnce(
  server: ChildServer,
  figures: ServerFigures,
  open: () => Promise<number[]>,
  closed: () => Promise<{ messages: number; seconds: number }>,
): Promise<void> {
  const latencies = await open();
  figures.p99.push(percentile(latencies, 99));
  figures.p50.push(percentile(latencies, 50));
  const cpuBefore = await server.cpuMs();
  const { messages, seconds } = await closed();
  const cpu = (await server.cpuMs()) - cpuBefore;
  figures.throughput.push(messages / seconds);
  figures.cpuMsPerMessage.push(cpu / messages);
}

/** Operations per second of `op` repeated `count` times. */
export function opsPerSecond(count: number, op: (i: number) => void): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) op(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return count / seconds;
}

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function format(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(3);
}

/** Prints the rows as a Markdown table with the goal and the ratio to it. */
export function printTable(rows: BenchRow[]): string {
  const header = '| benchmark | median | unit | goal | ratio to goal | met | runs |';
  const rule = '|---|---:|---|---:|---:|---|---:|';
  const lines = rows.map((r) => {
    const goal = r.goal ? `${r.goal.higherIsBetter ? '≥' : '<'} ${format(r.goal.value)}` : '';
    const ratio = r.goal ? (r.goal.higherIsBetter ? r.median / r.goal.value : r.goal.value / r.median) : undefined;
    const met = r.goal ? (r.goal.higherIsBetter ? r.median >= r.goal.value : r.median < r.goal.value) : undefined;
    return `| ${r.name}${r.note ? ` (${r.note})` : ''} | ${format(r.median)} | ${r.unit} | ${goal} | ${
      ratio === undefined ? '' : `${ratio.toFixed(2)}×`
    } | ${met === undefined ? '' : met ? 'yes' : 'no'} | ${r.runs} |`;
  });
  return [header, rule, ...lines].join('\n');
}

/** A benchmark server running in a child process, as the work given to `withChildServer` sees it. */
export interface ChildServer {
  origin: string;
  /**
   * The CPU time (user + system, in ms) the child has used since it started: its own work, counted
   * apart from the other processes of a shared machine, which only lengthen the wall-clock time.
   */
  cpuMs(): Promise<number>;
}

/**
 * Runs `script` in a child process of its own (a benchmark's server mode, with `env` added) for the
 * time of `work`: the child (`serveChild`) prints a JSON line `{"port": N}` once it listens, answers
 * each `cpu` line of its stdin with `{"cpuMs": …}`, and is stopped by closing its stdin (killed
 * after 3 s if it lingers). `label` names it in the error of an early exit.
 * With GUICHET_BENCH_PROFILE set to a folder, the child writes its CPU profile there when it exits
 * (`node --cpu-prof`, in a folder named by `label`, to open in Chrome's DevTools).
 */
export async function withChildServer<T>(
  script: string,
  env: Record<string, string>,
  label: string,
  work: (server: ChildServer) => Promise<T>,
): Promise<T> {
  const profile = process.env.GUICHET_BENCH_PROFILE;
  const flags = profile ? ['--cpu-prof', '--cpu-prof-dir', join(profile, label)] : [];
  const child: ChildProcess = spawn(process.execPath, [...flags, '--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const cpuAnswers: ((ms: number) => void)[] = [];
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let buffered = '';
      child.once('exit', (code) => reject(new Error(`the ${label} benchmark server exited (${code})`)));
      child.stdout?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines.filter((l) => l.startsWith('{'))) {
          const said = JSON.parse(line) as { port?: number; cpuMs?: number };
          if (said.port !== undefined) resolve(said.port);
          if (said.cpuMs !== undefined) cpuAnswers.shift()?.(said.cpuMs);
        }
      });
    });
    const cpuMs = () =>
      new Promise<number>((resolve) => {
        cpuAnswers.push(resolve);
        child.stdin?.write('cpu\n');
      });
    return await work({ origin: `http://127.0.0.1:${port}`, cpuMs });
  } finally {
    child.stdin?.end();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const timer = setTimeout(() => child.kill(), 3_000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * The child's side of `withChildServer`: says the port it listens on, answers the CPU time it has
 * used, and when its stdin closes, stops the server (`stop`) and exits.
 */
export function serveChild(port: number, stop: () => Promise<void>): void {
  process.stdout.write(`${JSON.stringify({ port })}\n`);
  let buffered = '';
  process.stdin.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line !== 'cpu') continue;
      const { user, system } = process.cpuUsage();
      process.stdout.write(`${JSON.stringify({ cpuMs: (user + system) / 1000 })}\n`);
    }
  });
  process.stdin.on('end', () => {
    void stop().then(() => process.exit(0));
  });
}

/** How many POSTs were sent again after the server had closed the kept-alive socket they went out on. */
export let resentAfterReset = 0;

/**
 * POSTs `body` to `url` on `agent` and resolves once the answer is read, rejecting when its status
 * is not `expected`. A request that went out on a kept-alive socket the server had just closed
 * (ECONNRESET or EPIPE on a reused socket: the server's keep-alive timeout and the reuse crossed)
 * never reached the server, and is sent once more on a new socket, as Node's documentation of
 * `request.reusedSocket` advises; anything else rejects.
 */
export function postBody(
  agent: http.Agent,
  url: string,
  headers: http.OutgoingHttpHeaders,
  body: string,
  expected = 200,
): Promise<void> {
  const send = (retry: boolean): Promise<void> =>
    new Promise((resolve, reject) => {
      const request = http.request(
        url,
        { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
        (response) => {
          response.resume();
          response.on('end', () =>
            response.statusCode === expected ? resolve() : reject(new Error(`${url} answered ${response.statusCode}`)),
          );
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (retry && request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
          resentAfterReset += 1;
          send(false).then(resolve, reject);
        } else {
          process.stderr.write(
            `POST ${url} failed (${error.code}, reused socket: ${request.reusedSocket}, retry left: ${retry})\n`,
          );
          reject(error);
        }
      });
      request.end(body);
    });
  return send(true);
}
