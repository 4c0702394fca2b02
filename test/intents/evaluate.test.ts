import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClassifier, loadIntents } from '../../src/intents/classifier.js';
import {
  bayesBaselinePredictor,
  classifierPredictor,
  evaluate,
  formatReport,
  readUtterances,
} from '../../src/intents/evaluate.js';
import { loadPolicy } from '../../src/policy/load.js';

const fixtures = resolve(import.meta.dirname, '..', 'fixtures', 'utterances');
/** The texts of these labelled files, to check that a held-out part repeats none of them. */
const textsOf = (files: string[]) => files.flatMap((f) => readUtterances(resolve(fixtures, f)).map((u) => u.text));

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

  it('has at least 600 persona utterances, tuning and held-out apart, every persona in both parts', () => {
    const heldOut = readUtterances(resolve(fixtures, 'personas-heldout.jsonl'));
    const tuning = readUtterances(resolve(fixtures, 'personas-tuning.jsonl'));
    expect(heldOut.length + tuning.length).toBeGreaterThanOrEqual(600);
    const personas = ['receptionist', 'assistant', 'accountant', 'warehouse', 'it-savvy', 'english'];
    for (const part of [heldOut, tuning]) {
      expect(new Set(part.map((u) => u.persona))).toEqual(new Set(personas));
      expect(new Set(part.map((u) => u.style))).toEqual(new Set(['chat', 'phone', 'email']));
      // E-mails carry their signature or quoted history; transcripts have no accents.
      expect(part.filter((u) => u.style === 'email' && u.text.includes('\n')).length).toBeGreaterThan(20);
      expect(part.filter((u) => u.style === 'phone' && /[éèàçêù]/.test(u.text))).toEqual([]);
    }
    const seen = new Set(textsOf(['tuning.jsonl', 'heldout.jsonl', 'personas-tuning.jsonl']));
    expect(heldOut.filter((u) => seen.has(u.text))).toEqual([]);
  });

  it('has a second persona set of at least 300, halves apart, each label justified by a bullet of the seed', () => {
    const heldOut = readUtterances(resolve(fixtures, 'personas2-heldout.jsonl'));
    const tuning = readUtterances(resolve(fixtures, 'personas2-tuning.jsonl'));
    expect(heldOut.length + tuning.length).toBeGreaterThanOrEqual(300);
    expect(Math.abs(heldOut.length - tuning.length)).toBeLessThanOrEqual(1);
    const rules = loadIntents().intents;
    for (const part of [heldOut, tuning]) {
      expect(new Set(part.map((u) => u.style))).toEqual(new Set(['chat', 'phone', 'email']));
      expect(new Set(part.map((u) => u.lang))).toEqual(new Set(['fr', 'en']));
      expect(new Set(part.map((u) => u.domain))).toEqual(new Set(['informatique', 'telecom']));
      expect(new Set(part.map((u) => `${u.type} ${u.priority}`))).toEqual(
        new Set(['incident 1', 'incident 2', 'incident 3', 'incident 4', 'request 2', 'request 3', 'request 4']),
      );
      expect(part.filter((u) => u.style === 'phone' && /[éèàçêù]/.test(u.text))).toEqual([]);
      // The bullet named is the rule of an intent of the same type and priority.
      const unjustified = part.filter(
        (u) => !rules.some((r) => r.rule === u.seed && r.type === u.type && r.priority === u.priority),
      );
      expect(unjustified.map((u) => u.text)).toEqual([]);
    }
    const seen = new Set(
      textsOf([
        'tuning.jsonl',
        'heldout.jsonl',
        'personas-tuning.jsonl',
        'personas-heldout.jsonl',
        'personas2-tuning.jsonl',
      ]),
    );
    expect(heldOut.filter((u) => seen.has(u.text))).toEqual([]);
  });

  it.each([
    ['personas3', 90],
    ['personas4', 120],
    ['personas5', 120],
    ['personas6', 160],
    ['personas7', 160],
    ['personas8', 160],
    ['personas9', 80],
    ['personas10', 240],
  ])('has a set %s of new writers, halves of at least %i apart, each naming a bullet of the seed', (name, size) => {
    const heldOut = readUtterances(resolve(fixtures, `${name}-heldout.jsonl`));
    const tuning = readUtterances(resolve(fixtures, `${name}-tuning.jsonl`));
    expect(Math.abs(heldOut.length - tuning.length)).toBeLessThanOrEqual(2);
    const bullets = new Set(loadIntents().intents.map((r) => r.rule));
    for (const part of [heldOut, tuning]) {
      expect(part.length).toBeGreaterThanOrEqual(size);
      expect(new Set(part.map((u) => u.style))).toEqual(new Set(['chat', 'phone', 'email']));
      expect(new Set(part.map((u) => u.lang))).toEqual(new Set(['fr', 'en']));
      expect(new Set(part.map((u) => u.domain))).toEqual(new Set(['informatique', 'telecom']));
      expect(part.filter((u) => u.style === 'phone' && /[éèàçêù]/.test(u.text)).map((u) => u.text)).toEqual([]);
      expect(part.filter((u) => !u.seed || !bullets.has(u.seed) || !u.persona).map((u) => u.text)).toEqual([]);
    }
    // No text of a set is in another; the writers of each set are their own.
    const others = readdirSync(fixtures).filter((f) => f.endsWith('.jsonl') && !f.startsWith(`${name}-`));
    const seen = new Set(textsOf(others));
    expect([...heldOut, ...tuning].filter((u) => seen.has(u.text)).map((u) => u.text)).toEqual([]);
    const tuned = new Set(tuning.map((u) => u.text));
    expect(heldOut.filter((u) => tuned.has(u.text)).map((u) => u.text)).toEqual([]);
    const writers = new Set([...heldOut, ...tuning].map((u) => u.persona));
    const otherWriters = new Set(others.flatMap((f) => readUtterances(resolve(fixtures, f)).map((u) => u.persona)));
    expect([...writers].filter((w) => otherWriters.has(w))).toEqual([]);
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
