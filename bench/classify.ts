/**
 * Classifier throughput and latency on the labelled utterances (the four sets: tuning and
 * held-out, the first ones and the persona ones; French and English, chat, e-mails with their
 * signatures and quoted history, phone transcripts), cycled. Goals of issue 3: at least 20,000
 * utterances per second on one core, p99 latency under 1 ms.
 */
import { resolve } from 'node:path';
import { createClassifier } from '../src/intents/classifier.js';
import { readUtterances } from '../src/intents/evaluate.js';
import { loadPolicy } from '../src/policy/load.js';
import { type BenchRow, medianOf, opsPerSecond, percentile } from './harness.js';

const RUNS = 5;
const CALLS = 20_000;

export async function run(): Promise<BenchRow[]> {
  const fixtures = resolve(import.meta.dirname, '..', 'test', 'fixtures', 'utterances');
  const texts = ['tuning.jsonl', 'heldout.jsonl', 'personas-tuning.jsonl', 'personas-heldout.jsonl']
    .flatMap((name) => readUtterances(resolve(fixtures, name)))
    .map((u) => u.text);
  const classifier = createClassifier(loadPolicy());
  const classify = (i: number) => classifier.classify(texts[i % texts.length] ?? '');

  const throughput = await medianOf(RUNS, () => opsPerSecond(CALLS, classify));
  const p99 = await medianOf(RUNS, () => {
    const latencies: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const start = process.hrtime.bigint();
      classify(i);
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return percentile(latencies, 99);
  });
  const note = `${texts.length} labelled utterances`;
  return [
    {
      name: 'classify: utterances per second',
      median: throughput,
      unit: 'utterances/s',
      goal: { value: 20_000, higherIsBetter: true },
      runs: RUNS,
      note,
    },
    {
      name: 'classify: p99 latency per utterance',
      median: p99,
      unit: 'ms',
      goal: { value: 1, higherIsBetter: false },
      runs: RUNS,
      note,
    },
  ];
}
