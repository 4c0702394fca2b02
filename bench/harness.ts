import { type ChildProcess, spawn } from 'node:child_process';
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

/**
 * Runs `script` in a child process of its own (a benchmark's server mode, with `env` added) for the
 * time of `work`: the child prints a JSON line `{"port": N}` once it listens, and is stopped by
 * closing its stdin (killed after 3 s if it lingers). `label` names it in the error of an early exit.
 */
export async function withChildServer<T>(
  script: string,
  env: Record<string, string>,
  label: string,
  work: (origin: string) => Promise<T>,
): Promise<T> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let buffered = '';
      child.once('exit', (code) => reject(new Error(`the ${label} benchmark server exited (${code})`)));
      child.stdout?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const line = buffered.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve((JSON.parse(line) as { port: number }).port);
      });
    });
    return await work(`http://127.0.0.1:${port}`);
  } finally {
    child.stdin?.end();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const timer = setTimeout(() => child.kill(), 3_000);
    await exited;
    clearTimeout(timer);
  }
}
