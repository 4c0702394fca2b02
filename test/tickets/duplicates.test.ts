import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEFAULT_POLICY_PATH, loadPolicy } from '../../src/policy/load.js';
import { significantWords, textSimilarity } from '../../src/tickets/duplicates.js';

describe('the words of two reports', () => {
  it('compares stems, accents and case aside, without the words that say nothing', () => {
    expect([...significantWords("L'imprimante n'imprime PLUS depuis ce matin")]).toEqual(['imprim', 'matin']);
    expect(textSimilarity("L'imprimante du 2e étage n'imprime plus", "l'imprimante de l'etage est bloquée")).toBe(1);
    expect(textSimilarity("L'imprimante du 2e étage n'imprime plus", 'Outlook ne se connecte plus')).toBe(0);
    expect(textSimilarity('', 'Outlook')).toBe(0);
  });
});

describe('the duplicates policy', () => {
  const variant = (duplicates: unknown) => {
    const policy = parse(readFileSync(DEFAULT_POLICY_PATH, 'utf8')) as Record<string, unknown>;
    if (duplicates === undefined) delete policy.duplicates;
    else policy.duplicates = duplicates;
    const path = join(tmpdir(), `policy-duplicates-${process.pid}-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(path, stringify(policy));
    return path;
  };

  it('ships a 24-hour window and half the words in common, also the defaults when left out', () => {
    expect(loadPolicy().duplicates).toEqual({ windowHours: 24, minSimilarity: 0.5 });
    expect(loadPolicy(variant(undefined)).duplicates).toEqual({ windowHours: 24, minSimilarity: 0.5 });
    expect(loadPolicy(variant({ windowHours: 4 })).duplicates).toEqual({ windowHours: 4, minSimilarity: 0.5 });
  });

  it('refuses a window that is not positive and a likeness outside 0 to 1, naming the field', () => {
    expect(() => loadPolicy(variant({ windowHours: 0 }))).toThrowError(/duplicates\.windowHours/);
    expect(() => loadPolicy(variant({ minSimilarity: 2 }))).toThrowError(/duplicates\.minSimilarity/);
  });
});
