import { PRIORITIES, type Priority } from '../src/domain.js';
import { loadPolicy } from '../src/policy/load.js';
import { SlaEngine } from '../src/sla/sla-engine.js';
import { type BenchRow, medianOf, opsPerSecond } from './harness.js';

const RUNS = 7;
const COUNT = 200_000;
const FROM = Date.UTC(2026, 0, 1);
const SPAN = Date.UTC(2028, 0, 1) - FROM;

/** A small deterministic generator (mulberry32), so every run measures the same inputs. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * SLA deadline computations per second on one core: each computation is one `deadlines()` call
 * (first response, resolution and escalation) for a random opening instant over two years and one
 * of the four priorities. Goal of issue 2: at least 200,000 per second.
 */
export async function run(): Promise<BenchRow[]> {
  const engine = new SlaEngine(loadPolicy());
  const next = random(20261120);
  const openedAt = Array.from({ length: COUNT }, () => new Date(FROM + Math.floor(next() * SPAN)));
  const priorities = Array.from({ length: COUNT }, (_, i) => PRIORITIES[i % PRIORITIES.length] ?? 'critique');
  let sink = 0;
  const deadlines = await medianOf(RUNS, () =>
    opsPerSecond(COUNT, (i) => {
      const d = engine.deadlines(openedAt[i] as Date, priorities[i] as Priority, true);
      sink += d ? d.resolutionDue.getTime() & 1 : 0;
    }),
  );
  const pairs = openedAt.map((at, i) => [at, openedAt[(i + 1) % COUNT] as Date] as const);
  const between = await medianOf(RUNS, () =>
    opsPerSecond(COUNT / 10, (i) => {
      const [a, b] = pairs[i] as readonly [Date, Date];
      sink += engine.calendar.businessSecondsBetween(a, b) > 0 ? 1 : 0;
    }),
  );
  // Keeps the results alive so the engine cannot optimise the work away.
  if (sink < 0) process.stderr.write(String(sink));
  return [
    {
      name: 'SLA deadlines',
      median: deadlines,
      unit: 'computations/s',
      goal: { value: 200_000, higherIsBetter: true },
      runs: RUNS,
      note: 'first response + resolution + escalation, random instants over 2 years × 4 priorities',
    },
    {
      name: 'SLA business time between two instants',
      median: between,
      unit: 'computations/s',
      runs: RUNS,
      note: 'random pairs up to 2 years apart',
    },
  ];
}
