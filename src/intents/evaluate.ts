import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DOMAINS, TICKET_TYPES } from '../domain.js';
import { ErrorCode, GuichetError } from '../errors.js';
import type { Classifier } from './classification.js';
import { BayesClassifier } from './natural.js';

/**
 * The people whose way of writing the persona sets imitate: the first six in `personas-*.jsonl`,
 * the next seven in `personas2-*.jsonl` (`employee`: anyone's voice transcript, e-mail or terse
 * chat; `bilingual`: French mixed with English, and English from non-native speakers), the next
 * fourteen in `personas3-*.jsonl`, fourteen in `personas4-*.jsonl` and the last fourteen in
 * `personas5-*.jsonl`.
 */
export const PERSONAS = [
  'receptionist',
  'assistant',
  'accountant',
  'warehouse',
  'it-savvy',
  'english',
  'shop-manager',
  'nurse',
  'legal-secretary',
  'school-admin',
  'sales-rep',
  'bilingual',
  'employee',
  'hotel-receptionist',
  'site-foreman',
  'dental-assistant',
  'dispatcher',
  'estate-agent',
  'hr-manager',
  'developer',
  'notary-clerk',
  'architect',
  'pharmacist',
  'factory-supervisor',
  'expat-cfo',
  'intern',
  'elderly-employee',
  'restaurant-manager',
  'lab-technician',
  'call-centre-agent',
  'insurance-broker',
  'town-hall-clerk',
  'garage-owner',
  'temp-worker',
  'office-manager',
  'translator',
  'security-guard',
  'consultant',
  'travel-agent',
  'baker',
  'logistics-planner',
  'event-planner',
  'veterinary-nurse',
  'car-rental-agent',
  'cleaning-supervisor',
  'hairdresser',
  'school-teacher',
  'bank-advisor',
  'museum-guide',
  'trades-boss',
  'care-home-nurse',
  'print-shop-operator',
  'radio-journalist',
  'ngo-coordinator',
  'wine-merchant',
  'optician',
  'property-manager',
  'sports-club-manager',
  'kindergarten-director',
  'uk-export-manager',
  'audit-partner',
  'web-developer',
  'hospital-secretary',
  'site-engineer',
  'us-account-exec',
  'librarian',
  'startup-founder',
  'parts-counter-clerk',
  'physiotherapist',
  'irish-support-lead',
  'driving-school-owner',
  'funeral-home-assistant',
  'recruitment-consultant',
  'ski-resort-receptionist',
  'dutch-logistics-coordinator',
  'florist',
  'dental-lab-technician',
  'campsite-manager',
  'tax-advisor',
  'scottish-quality-engineer',
  'belgian-sales-director',
  'imaging-centre-secretary',
  'coworking-manager',
  'fleet-mechanic',
  'canadian-hr-partner',
  'music-school-secretary',
  'craft-brewery-owner',
  'claims-handler',
  'pharmacy-buyer',
  'australian-site-manager',
  'law-firm-receptionist',
  'care-coordinator',
  'car-dealer',
  'print-plant-operator',
  'german-controller',
  'surveyor',
  'garden-centre-manager',
  'ambulance-manager',
  'school-bursar',
  'welsh-procurement-officer',
  'notary',
  'cinema-manager',
  'forklift-team-leader',
  'social-worker',
  'nz-winemaker',
  'yoga-studio-owner',
  'logistics-customs-clerk',
  'nursing-home-director',
  'real-estate-notary-assistant',
  'spanish-export-assistant',
  'bike-shop-mechanic',
  'city-council-it-liaison',
  'dental-surgeon',
  'bookshop-manager',
  'indian-software-consultant',
  'hotel-manager-director',
  'architecture-intern',
  'accounting-firm-secretary',
  'chemist-lab-manager',
  'quebec-project-lead',
  'bakery-chain-manager',
  'sports-physio-secretary',
  'transport-planner-night',
  'irish-hr-assistant',
  'tiling-company-owner',
  'garage-receptionist',
  'museum-registrar',
  'event-caterer-owner',
  'payroll-officer',
  'scottish-distillery-guide',
  'veterinary-surgeon-owner',
  'school-principal-assistant',
  'marina-harbourmaster',
  'electrician-foreman',
  'south-african-it-manager',
  'hearing-centre-assistant',
  'farm-coop-accountant',
  'theatre-box-office-manager',
  'courier-depot-dispatcher',
  'singapore-regional-director',
  'ophthalmology-secretary',
  'pool-company-boss',
  'student-residence-manager',
  'wedding-photo-studio',
  'american-franchise-owner',
  'hospital-pharmacy-technician',
  'auction-house-assistant',
  'laundry-manager',
  'chiropractor',
  'northern-english-warehouse-manager',
  'bailiff-office-clerk',
  'greenhouse-grower',
  'sawmill-foreman',
  'language-school-director',
  'kenyan-procurement-lead',
] as const;

/** One labelled utterance of test/fixtures/utterances/*.jsonl. */
export const labelledUtteranceSchema = z.object({
  text: z.string().min(1),
  type: z.enum(TICKET_TYPES),
  priority: z.number().int().min(1).max(4),
  domain: z.enum(DOMAINS),
  style: z.enum(['chat', 'phone', 'email']),
  lang: z.enum(['fr', 'en']),
  /** Who wrote it, in the persona sets (receptionist, accountant…); absent in the first sets. */
  persona: z.enum(PERSONAS).optional(),
  /** The bullet of seed 000 that gives the label, in the sets that say it (`personas2-*.jsonl`). */
  seed: z.string().min(1).optional(),
});
export type LabelledUtterance = z.output<typeof labelledUtteranceSchema>;

/** What a model says about one utterance, for the three targets that are measured. */
export interface Prediction {
  type: string;
  priority: number;
  domain: string;
  /** The seed rule that decided, when the model names one (the keyword intents do). */
  rule?: string;
}

/** Accuracy and confusion matrix (confusion[expected][predicted] = count) of one target. */
export interface TargetReport {
  accuracy: number;
  labels: string[];
  confusion: Record<string, Record<string, number>>;
}

export interface EvaluationReport {
  count: number;
  type: TargetReport;
  priority: TargetReport;
  domain: TargetReport;
}

/** Reads a JSON-lines file of labelled utterances; a bad line names the file and the line. */
export function readUtterances(path: string): LabelledUtterance[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const items: LabelledUtterance[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new GuichetError(ErrorCode.InvalidInput, `${path}:${index + 1}: not valid JSON`);
    }
    const parsed = labelledUtteranceSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new GuichetError(
        ErrorCode.InvalidInput,
        `${path}:${index + 1}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`,
      );
    }
    items.push(parsed.data);
  });
  return items;
}

/** Measures a predictor on labelled utterances. */
export function evaluate(items: LabelledUtterance[], predict: (text: string) => Prediction): EvaluationReport {
  const predictions = items.map((item) => predict(item.text));
  const target = (get: (p: Prediction | LabelledUtterance) => string, labels: string[]): TargetReport => {
    const confusion: Record<string, Record<string, number>> = {};
    for (const expected of labels) confusion[expected] = Object.fromEntries(labels.map((l) => [l, 0]));
    let right = 0;
    items.forEach((item, i) => {
      const prediction = predictions[i];
      if (!prediction) return;
      const expected = get(item);
      const predicted = get(prediction);
      const row = confusion[expected] ?? {};
      row[predicted] = (row[predicted] ?? 0) + 1;
      confusion[expected] = row;
      if (expected === predicted) right++;
    });
    return { accuracy: items.length === 0 ? 0 : right / items.length, labels, confusion };
  };
  return {
    count: items.length,
    type: target((p) => p.type, [...TICKET_TYPES]),
    priority: target((p) => String(p.priority), ['1', '2', '3', '4']),
    domain: target((p) => p.domain, [...DOMAINS]),
  };
}

/** The keyword classifier as a predictor. */
export function classifierPredictor(classifier: Classifier): (text: string) => Prediction {
  return (text) => {
    const c = classifier.classify(text);
    const rule = c.rules[0]?.id;
    return { type: c.type, priority: c.priorityNumber, domain: c.domain, ...(rule === undefined ? {} : { rule }) };
  };
}

/**
 * The baseline: natural's naive Bayes classifier trained on the tuning utterances, one model per
 * target (type, priority, domain).
 */
export function bayesBaselinePredictor(training: LabelledUtterance[]): (text: string) => Prediction {
  const models = {
    type: new BayesClassifier(),
    priority: new BayesClassifier(),
    domain: new BayesClassifier(),
  };
  for (const item of training) {
    models.type.addDocument(item.text, item.type);
    models.priority.addDocument(item.text, String(item.priority));
    models.domain.addDocument(item.text, item.domain);
  }
  models.type.train();
  models.priority.train();
  models.domain.train();
  return (text) => ({
    type: models.type.classify(text),
    priority: Number(models.priority.classify(text)),
    domain: models.domain.classify(text),
  });
}

/** A report as text: the three accuracies, then each confusion matrix (rows expected). */
export function formatReport(title: string, report: EvaluationReport): string {
  const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
  const lines = [
    `${title} (${report.count} utterances)`,
    `  type accuracy:     ${percent(report.type.accuracy)}`,
    `  priority accuracy: ${percent(report.priority.accuracy)} (exact)`,
    `  domain accuracy:   ${percent(report.domain.accuracy)}`,
  ];
  for (const [name, target] of [
    ['type', report.type],
    ['priority', report.priority],
    ['domain', report.domain],
  ] as const) {
    const width = Math.max(12, ...target.labels.map((l) => l.length + 2));
    lines.push('', `  ${name}: rows expected, columns predicted`);
    lines.push(`  ${''.padEnd(width)}${target.labels.map((l) => l.padStart(width)).join('')}`);
    for (const expected of target.labels) {
      const row = target.confusion[expected] ?? {};
      lines.push(
        `  ${expected.padEnd(width)}${target.labels.map((l) => String(row[l] ?? 0).padStart(width)).join('')}`,
      );
    }
  }
  return lines.join('\n');
}

/** Accuracy of type, priority and domain on one slice of the utterances. */
export interface SliceFigures {
  slice: string;
  count: number;
  type: number;
  priority: number;
  domain: number;
}

/**
 * The figures per slice: `by` names each utterance's slice (its style, its persona, its expected
 * type and priority…). Slices come out in the order of `order`, then by name.
 */
export function evaluateBy(
  items: LabelledUtterance[],
  predict: (text: string) => Prediction,
  by: (item: LabelledUtterance, prediction: Prediction) => string,
): SliceFigures[] {
  const slices = new Map<string, { count: number; type: number; priority: number; domain: number }>();
  for (const item of items) {
    const p = predict(item.text);
    const name = by(item, p);
    const s = slices.get(name) ?? { count: 0, type: 0, priority: 0, domain: 0 };
    s.count++;
    if (p.type === item.type) s.type++;
    if (p.priority === item.priority) s.priority++;
    if (p.domain === item.domain) s.domain++;
    slices.set(name, s);
  }
  return [...slices.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([slice, s]) => ({
      slice,
      count: s.count,
      type: s.type / s.count,
      priority: s.priority / s.count,
      domain: s.domain / s.count,
    }));
}

/** The slice of an utterance by the type and priority its label expects ("incident P1"). */
export function expectedTier(item: LabelledUtterance): string {
  return `${item.type} P${item.priority}`;
}
