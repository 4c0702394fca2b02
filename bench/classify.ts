/**
 * Classifier throughput and latency on the labelled utterances (the four sets: tuning and
 * held-out, the first ones and the persona ones; French and English, chat, e-mails with their
 * signatures and quoted history, phone transcripts), cycled. Goals of issue 3: at least 20,000
 * utterances per second on one core, p99 latency under 1 ms.
 */
import { resolve } from 'node:path';
import { createClassifier } from '../src/intents/classifier.js';
import { bayesBaselinePredictor, readUtterances } from '../src/intents/evaluate.js';
import { loadPolicy } from '../src/policy/load.js';
import { type BenchRow, medianOf, opsPerSecond, percentile } from './harness.js';

const RUNS = 5;
const CALLS = 20_000;

export async function run(): Promise<BenchRow[]> {
  const fixtures = resolve(import.meta.dirname, '..', 'test', 'fixtures', 'utterances');
  const sets = ['tuning.jsonl', 'heldout.jsonl', 'personas-tuning.jsonl', 'personas-heldout.jsonl'].map((name) =>
    readUtterances(resolve(fixtures, name)),
  );
  const texts = sets.flat().map((u) => u.text);
  // The peer measured in the same run, so that a loaded machine shows in both figures: the naive
  // Bayes baseline of the evaluation, trained on the tuning sets.
  const bayes = bayesBaselinePredictor([...(sets[0] ?? []), ...(sets[2] ?? [])]);
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
  const peer = await medianOf(RUNS, () => opsPerSecond(CALLS / 4, (i) => bayes(texts[i % texts.length] ?? '')));
  const note = `${texts.length} labelled utterances`;
  return [
    {
      name: 'classify: utterances per second',
      median: throughput,
      unit: 'utterances/s',
      goal: { value: 20_000, higherIsBetter: true },
      runs: RUNS,
      note: `${note}; ${(throughput / peer).toFixed(2)}× the naive Bayes peer`,
    },
    {
      name: 'classify peer: naive Bayes baseline, utterances per second',
      median: peer,
      unit: 'utterances/s',
      runs: RUNS,
      note: 'natural BayesClassifier, three models (type, priority, domain), same run',
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
