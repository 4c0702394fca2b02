import { describe, expect, it } from 'vitest';
import { loadIntents } from '../../src/intents/classifier.js';
import { compileLanguage, detectLanguage, statedDelayDays, tokenize } from '../../src/intents/normalize.js';

const rules = compileLanguage(loadIntents().language);
const forms = (text: string) => tokenize(text, rules).map((t) => t.form);
const flagged = (text: string, flag: 'negated' | 'excluded') =>
  tokenize(text, rules)
    .filter((t) => t[flag])
    .map((t) => t.form);

describe('tokenize', () => {
  const folding: [string, string[]][] = [
    ["L'imprimante ÉCRAN", ['l', 'imprimante', 'ecran']],
    ['euh bah du coup le pare-feu', ['le', 'pare', 'feu']],
    ['dans dix jours', ['dans', '10', 'jours']],
    ["It doesn't work, can't log in", ['it', 'does', 'not', 'work', '|', 'can', 'not', 'log', 'in']],
    ['e-mail: HS', ['e', 'mail', '|', 'hs']],
  ];
  it.each(folding)('folds %s', (text, expected) => {
    expect(forms(text)).toEqual(expected);
  });

  const negation: [string, string[]][] = [
    ["l'imprimante ne marche pas", ['marche']],
    ['ça marche plus', ['marche']],
    ["je n'arrive plus à me connecter", ['arrive']],
    ['the printer does not work', ['does', 'work']],
    ['it is not working', ['is', 'working']],
    ['tout fonctionne', []],
  ];
  it.each(negation)('marks the negated words of %s', (text, expected) => {
    expect(flagged(text, 'negated')).toEqual(expected);
  });

  const exclusion: [string, string[]][] = [
    ["ce n'est pas l'imprimante, c'est mon PC", ['imprimante']],
    ["it's not the printer, my laptop won't start", ['printer']],
    ['le problème ne vient pas du serveur', ['serveur']],
    ["l'imprimante ne marche pas", []],
  ];
  it.each(exclusion)('marks what %s says is not the subject', (text, expected) => {
    expect(flagged(text, 'excluded')).toEqual(expected);
  });
});

describe('detectLanguage and statedDelayDays', () => {
  it.each([
    ["L'imprimante ne marche plus", 'fr'],
    ['The printer does not work', 'en'],
  ] as const)('%s is %s', (text, language) => {
    expect(detectLanguage(tokenize(text, rules), rules)).toBe(language);
  });

  it.each([
    ['on en a besoin dans dix jours', 10],
    ['can you look at it in 2 weeks', 14],
    ['ça ne marche plus depuis 10 jours', undefined],
  ] as const)('%s → %s days', (text, days) => {
    expect(statedDelayDays(tokenize(text, rules), rules)).toBe(days);
  });
});
