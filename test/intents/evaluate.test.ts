import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/intents/classifier.js';
import {
  bayesBaselinePredictor,
  classifierPredictor,
  evaluate,
  formatReport,
  readUtterances,
} from '../../src/intents/evaluate.js';
import { loadPolicy } from '../../src/policy/load.js';

const fixtures = resolve(import.meta.dirname, '..', 'fixtures', 'utterances');

describe('the held-out evaluation', () => {
  it('classifies every held-out utterance and prints the figures next to the baseline', () => {
    const heldOut = readUtterances(resolve(fixtures, 'heldout.jsonl'));
    const tuning = readUtterances(resolve(fixtures, 'tuning.jsonl'));
    const keyword = evaluate(heldOut, classifierPredictor(createClassifier(loadPolicy())));
    const baseline = evaluate(heldOut, bayesBaselinePredictor(tuning));
    process.stdout.write(`${formatReport('Keyword intents, held-out', keyword)}\n`);
    process.stdout.write(`${formatReport('Bayes baseline, held-out', baseline)}\n`);
    for (const report of [keyword, baseline]) {
      expect(report.count).toBe(heldOut.length);
      for (const target of [report.type, report.priority, report.domain]) {
        expect(target.accuracy).toBeGreaterThanOrEqual(0);
        expect(target.accuracy).toBeLessThanOrEqual(1);
        const counted = Object.values(target.confusion).reduce(
          (sum, row) => sum + Object.values(row).reduce((a, b) => a + b, 0),
          0,
        );
        expect(counted).toBe(heldOut.length);
      }
    }
  });

  it('has at least 300 labelled utterances, split about 60/40, in both languages and all styles', () => {
    const heldOut = readUtterances(resolve(fixtures, 'heldout.jsonl'));
    const tuning = readUtterances(resolve(fixtures, 'tuning.jsonl'));
    const all = [...tuning, ...heldOut];
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(heldOut.length / all.length).toBeGreaterThan(0.3);
    expect(new Set(all.map((u) => u.lang))).toEqual(new Set(['fr', 'en']));
    expect(new Set(all.map((u) => u.style))).toEqual(new Set(['chat', 'phone', 'email']));
    const texts = new Set(tuning.map((u) => u.text));
    expect(heldOut.filter((u) => texts.has(u.text))).toEqual([]);
  });
});
