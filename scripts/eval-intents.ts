/**
 * `npm run eval:intents`: measures the keyword classifier on the held-out labelled utterances
 * (never used to tune the intents) next to a baseline, natural's naive Bayes classifier trained on
 * the tuning utterances. Prints the accuracy of type, priority (exact) and domain, and the
 * confusion matrices. `--tuning` measures on the tuning part instead.
 */
import { resolve } from 'node:path';
import { createClassifier } from '../src/intents/classifier.js';
import {
  bayesBaselinePredictor,
  classifierPredictor,
  evaluate,
  formatReport,
  readUtterances,
} from '../src/intents/evaluate.js';
import { loadPolicy } from '../src/policy/load.js';

const fixtures = resolve(import.meta.dirname, '..', 'test', 'fixtures', 'utterances');
const onTuning = process.argv.includes('--tuning');
const tuning = readUtterances(resolve(fixtures, 'tuning.jsonl'));
const measured = onTuning ? tuning : readUtterances(resolve(fixtures, 'heldout.jsonl'));
const part = onTuning ? 'tuning' : 'held-out';

const classifier = createClassifier(loadPolicy());
const keyword = evaluate(measured, classifierPredictor(classifier));
const baseline = evaluate(measured, bayesBaselinePredictor(tuning));

process.stdout.write(`${formatReport(`Keyword intents on the ${part} part`, keyword)}\n\n`);
process.stdout.write(
  `${formatReport(`Baseline (natural BayesClassifier trained on tuning) on the ${part} part`, baseline)}\n\n`,
);
process.stdout.write(
  [
    `| ${part} (${keyword.count}) | type | priority (exact) | domain |`,
    '|---|---:|---:|---:|',
    `| keyword intents | ${pct(keyword.type.accuracy)} | ${pct(keyword.priority.accuracy)} | ${pct(keyword.domain.accuracy)} |`,
    `| baseline (Bayes) | ${pct(baseline.type.accuracy)} | ${pct(baseline.priority.accuracy)} | ${pct(baseline.domain.accuracy)} |`,
    '',
  ].join('\n'),
);

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}
