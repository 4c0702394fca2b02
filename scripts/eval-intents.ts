/**
 * `npm run eval:intents`: measures the keyword classifier on the held-out labelled utterances
 * (never used to tune the intents) next to a baseline, natural's naive Bayes classifier trained on
 * the tuning utterances. Eleven held-out sets: `heldout.jsonl` (the first set),
 * `personas-heldout.jsonl` (messages written by persona: receptionist, manager's assistant,
 * accountant, warehouse worker on the phone, IT-savvy employee, English speaker),
 * `personas2-heldout.jsonl` (shop manager, nurse, legal secretary, school administrator, sales rep
 * on the road, bilingual writers; voice transcripts, e-mails, terse chat),
 * `personas3-heldout.jsonl` (hotel receptionist, site foreman, dental assistant, dispatcher, estate
 * agent, HR manager, developer, notary clerk, architect, pharmacist, factory supervisor, an English
 * CFO, an intern, an elderly employee on the phone), `personas4-heldout.jsonl` (restaurant
 * manager, lab technician, call-centre agent, insurance broker, town-hall clerk, garage owner, temp
 * worker, office manager, translator, security guard, consultant, travel agent, baker, logistics
 * planner), `personas5-heldout.jsonl` (event planner, veterinary nurse, car-rental agent,
 * cleaning supervisor, hairdresser, school teacher, bank advisor, museum guide, a plumbing firm's
 * owner, care-home nurse, print-shop operator, radio journalist, a charity's coordinator, wine
 * merchant), `personas6-heldout.jsonl` (optician, property manager, sports club manager, nursery
 * director, audit partner, web developer, hospital secretary, site engineer, librarian, start-up
 * founder, parts-counter clerk, physiotherapist, driving-school owner, funeral-home assistant,
 * recruitment consultant, ski-lift receptionist; English, Irish, American and Dutch writers in
 * English), `personas7-heldout.jsonl` (florist, dental-lab technician, campsite manager, tax
 * advisor, a Belgian sales director, an imaging centre's secretary, coworking manager, fleet
 * mechanic, music school secretary, craft brewery owner, claims handler, pharmacy buyer, law
 * firm receptionist, home-care coordinator, car dealer, print-plant operator; Scottish, Canadian,
 * Australian and German writers in English), `personas8-heldout.jsonl` (surveyor, garden
 * centre manager, ambulance company manager, school bursar, notary, cinema manager, forklift team
 * leader, social worker, yoga studio owner, customs clerk, nursing home director, property
 * management assistant, bike-shop mechanic, town hall liaison, dental surgeon, bookshop manager;
 * Welsh, New Zealand, Spanish and Indian writers in English) and `personas9-heldout.jsonl` (bakery
 * chain manager, sports medicine secretary, night transport planner, tiling company owner, hotel
 * manager, architecture intern, accounting firm secretary, quality lab manager, a project lead
 * from Québec; an Irish writer in English) and `personas10-heldout.jsonl` (a two-site vet, a private
 * school principal's assistant, a harbourmaster, an electrical foreman, a garage receptionist, a
 * museum registrar, a caterer, a payroll officer, a hearing-aid centre assistant, a farm
 * cooperative's accountant, a theatre box office manager, a courier depot dispatcher, an
 * ophthalmology secretary, a pool installer, a student residence manager, a photo studio; South
 * African, Scottish, Singaporean and American writers in English). Prints the accuracy of
 * type, priority (exact) and domain, per style, per persona, per expected type and priority and per
 * rule applied, then the confusion matrices.
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
const part = onTuning ? 'tuning' : 'held-out';
/** The labelled sets, each a tuning file and a held-out file; `personas` sets are sliced by style and persona. */
const SETS = [
  { name: 'first', prefix: '', personas: false },
  { name: 'personas', prefix: 'personas-', personas: true },
  { name: 'personas2', prefix: 'personas2-', personas: true },
  { name: 'personas3', prefix: 'personas3-', personas: true },
  { name: 'personas4', prefix: 'personas4-', personas: true },
  { name: 'personas5', prefix: 'personas5-', personas: true },
  { name: 'personas6', prefix: 'personas6-', personas: true },
  { name: 'personas7', prefix: 'personas7-', personas: true },
  { name: 'personas8', prefix: 'personas8-', personas: true },
  { name: 'personas9', prefix: 'personas9-', personas: true },
  { name: 'personas10', prefix: 'personas10-', personas: true },
] as const;
const tuningSets = SETS.map((set) => read(`${set.prefix}tuning.jsonl`));
const sets = SETS.map((set, i) => ({
  ...set,
  items: onTuning ? (tuningSets[i] ?? []) : read(`${set.prefix}heldout.jsonl`),
}));
const all = sets.flatMap((set) => set.items);

const keyword = classifierPredictor(createClassifier(loadPolicy()));
const baseline = bayesBaselinePredictor(tuningSets.flat());
const out = (text: string) => process.stdout.write(`${text}\n`);

out(`# Keyword intents and the naive Bayes baseline on the ${part} sets\n`);
out(`## Overall\n`);
out(
  table(
    ['set', 'model', 'type', 'priority (exact)', 'domain'],
    [
      ...sets.flatMap((set) => figuresRows(`${set.name} ${part} (${set.items.length})`, set.items)),
      ...figuresRows(`all (${all.length})`, all),
    ],
  ),
);
for (const set of sets.filter((s) => s.personas)) {
  out(`## ${set.name} ${part}, per style\n`);
  out(slices(set.items, (u) => u.style));
  out(`## ${set.name} ${part}, per persona\n`);
  out(slices(set.items, (u) => u.persona ?? 'none'));
}
out(`## All ${part} sets, per style\n`);
out(slices(all, (u) => u.style));
out(`## All ${part} sets, per expected type and priority\n`);
out(slices(all, expectedTier));
out(`## All ${part} sets, per rule applied (keyword intents: how often the rule it decided on was right)\n`);
out(
  table(
    ['rule applied', 'utterances', 'type right', 'priority right', 'domain right'],
    evaluateBy(all, keyword, (_u, p) => p.rule ?? '(none)').map((s) => [
      s.slice,
      String(s.count),
      pct(s.type),
      pct(s.priority),
      pct(s.domain),
    ]),
  ),
);
for (const set of sets) {
  out(formatReport(`Keyword intents on the ${set.name} ${part} set`, evaluate(set.items, keyword)));
  out('');
  out(
    formatReport(
      `Baseline (natural BayesClassifier trained on tuning) on the ${set.name} ${part} set`,
      evaluate(set.items, baseline),
    ),
  );
  out('');
}
if (process.argv.includes('--failures')) {
  out('## Tuning utterances the intents get wrong\n');
  for (const u of all) {
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
