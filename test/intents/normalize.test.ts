import { describe, expect, it } from 'vitest';
import { loadIntents } from '../../src/intents/classifier.js';
import {
  compileLanguage,
  detectLanguage,
  messageBody,
  statedDelayDays,
  tokenize,
} from '../../src/intents/normalize.js';

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

describe('messageBody', () => {
  const mails: [string, string, string][] = [
    [
      'a closing and a signature',
      'Bonjour,\n\nLe VPN ne marche plus.\n\nCordialement,\nClaire Martin\nAssistante de direction',
      'Bonjour,\n\nLe VPN ne marche plus.\n',
    ],
    [
      'a quoted reply',
      'Le VPN ne marche plus.\n\nLe 3 mars à 10:12, Support a écrit :\n> Le serveur est hors service.',
      'Le VPN ne marche plus.\n',
    ],
    [
      'a forwarded header block',
      "Merci de regarder.\n-----Message d'origine-----\nDe : Support\nObjet : Nouveau compte",
      'Merci de regarder.',
    ],
    ['an English closing', 'Hi,\nmy laptop is dead\nThanks,\nTom', 'Hi,\nmy laptop is dead'],
    ['quoted lines only', '> the printer is down', '> the printer is down'],
  ];
  it.each(mails)('keeps the text before %s', (_name, text, body) => {
    expect(messageBody(text, rules)).toBe(body);
  });

  it('keeps a one-line message and a "Merci de…" sentence as they are', () => {
    expect(messageBody('Merci de réinitialiser mon mot de passe.', rules)).toBe(
      'Merci de réinitialiser mon mot de passe.',
    );
    expect(messageBody('Bonjour,\nMerci de faire vite.\nNadia', rules)).toBe('Bonjour,\nMerci de faire vite.\nNadia');
  });
});
