/**
 * `npm run eval:intents`: measures the keyword classifier on the held-out labelled utterances
 * (never used to tune the intents) next to a baseline, natural's naive Bayes classifier trained on
 * the tuning utterances. Two held-out sets: `heldout.jsonl` (the first set) and
 * `personas-heldout.jsonl` (messages written by persona: receptionist, manager's assistant,
 * accountant, warehouse worker on the phone, IT-savvy employee, English speaker). Prints the
 * accuracy of type, priority (exact) and domain, per style, per persona, per expected type and
 * priority and per rule applied, then the confusion matrices.
 *
 * `--tuning` measures on the tuning sets instead; `--failures` (with `--tuning` only) lists the
 * tuning utterances the intents get wrong. The held-out sets are measured, never read one by one.
 */
import { resolve } from 'node:path';
import { createClassifier } from '../src/intents/classifier.js';
import {
  bayesBaselinePredictor,
  classifierPredictor,
  evaluate,
  evaluateBy,
  expectedTier,
  formatReport,
  type LabelledUtterance,
  type Prediction,
  readUtterances,
  type SliceFigures,
} from '../src/intents/evaluate.js';
import { loadPolicy } from '../src/policy/load.js';

const fixtures = resolve(import.meta.dirname, '..', 'test', 'fixtures', 'utterances');
const read = (name: string) => readUtterances(resolve(fixtures, name));
const onTuning = process.argv.includes('--tuning');
if (process.argv.includes('--failures') && !onTuning) {
  process.stderr.write(
    '--failures lists tuning utterances only: add --tuning (the held-out sets are not read one by one)\n',
  );
  process.exit(2);
}
const tuningFirst = read('tuning.jsonl');
const tuningPersonas = read('personas-tuning.jsonl');
const first = onTuning ? tuningFirst : read('heldout.jsonl');
const personas = onTuning ? tuningPersonas : read('personas-heldout.jsonl');
const part = onTuning ? 'tuning' : 'held-out';

const keyword = classifierPredictor(createClassifier(loadPolicy()));
const baseline = bayesBaselinePredictor([...tuningFirst, ...tuningPersonas]);
const out = (text: string) => process.stdout.write(`${text}\n`);

out(`# Keyword intents and the naive Bayes baseline on the ${part} sets\n`);
out(`## Overall\n`);
out(
  table(
    ['set', 'model', 'type', 'priority (exact)', 'domain'],
    [
      ...figuresRows(`first ${part} (${first.length})`, first),
      ...figuresRows(`personas ${part} (${personas.length})`, personas),
      ...figuresRows(`both (${first.length + personas.length})`, [...first, ...personas]),
    ],
  ),
);
out(`## Personas ${part}, per style\n`);
out(slices(personas, (u) => u.style));
out(`## Personas ${part}, per persona\n`);
out(slices(personas, (u) => u.persona ?? 'none'));
out(`## Both ${part} sets, per expected type and priority\n`);
out(slices([...first, ...personas], expectedTier));
out(`## Both ${part} sets, per rule applied (keyword intents: how often the rule it decided on was right)\n`);
out(
  table(
    ['rule applied', 'utterances', 'type right', 'priority right', 'domain right'],
    evaluateBy([...first, ...personas], keyword, (_u, p) => p.rule ?? '(none)').map((s) => [
      s.slice,
      String(s.count),
      pct(s.type),
      pct(s.priority),
      pct(s.domain),
    ]),
  ),
);
for (const [name, set] of [
  [`first ${part}`, first],
  [`personas ${part}`, personas],
] as const) {
  out(formatReport(`Keyword intents on the ${name} set`, evaluate(set, keyword)));
  out('');
  out(formatReport(`Baseline (natural BayesClassifier trained on tuning) on the ${name} set`, evaluate(set, baseline)));
  out('');
}
if (process.argv.includes('--failures')) {
  out('## Tuning utterances the intents get wrong\n');
  for (const u of [...first, ...personas]) {
    const p = keyword(u.text);
    if (p.type === u.type && p.priority === u.priority && p.domain === u.domain) continue;
    out(
      `- expected ${u.type} P${u.priority} ${u.domain}, got ${p.type} P${p.priority} ${p.domain} (${p.rule ?? 'no rule'}): ${JSON.stringify(u.text)}`,
    );
  }
}

function figuresRows(set: string, items: LabelledUtterance[]): string[][] {
  const k = evaluate(items, keyword);
  const b = evaluate(items, baseline);
  return [
    [set, 'keyword intents', pct(k.type.accuracy), pct(k.priority.accuracy), pct(k.domain.accuracy)],
    [set, 'baseline (Bayes)', pct(b.type.accuracy), pct(b.priority.accuracy), pct(b.domain.accuracy)],
  ];
}

/** One row per slice: the keyword intents' three figures, then the baseline's. */
function slices(items: LabelledUtterance[], by: (u: LabelledUtterance) => string): string {
  const name = (u: LabelledUtterance, _p: Prediction) => by(u);
  const k = evaluateBy(items, keyword, name);
  const b = new Map<string, SliceFigures>(evaluateBy(items, baseline, name).map((s) => [s.slice, s]));
  return table(
    ['slice', 'utterances', 'type', 'priority', 'domain', 'baseline type', 'baseline priority', 'baseline domain'],
    k.map((s) => {
      const base = b.get(s.slice);
      return [
        s.slice,
        String(s.count),
        pct(s.type),
        pct(s.priority),
        pct(s.domain),
        pct(base?.type ?? 0),
        pct(base?.priority ?? 0),
        pct(base?.domain ?? 0),
      ];
    }),
  );
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line), ''].join('\n');
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}
