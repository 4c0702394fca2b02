import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ANSWERS_PATH, loadAnswerWords, shippedAnswerWords } from '../../src/dialogs/answer-words.js';
import { isGreetingOnly, parseDomain, parseScope, parseType, parseYesNo } from '../../src/dialogs/answers.js';
import { pickedChoice } from '../../src/dialogs/intake.js';
import { loadDialogs } from '../../src/dialogs/load.js';
import { reply } from '../../src/dialogs/reply.js';

const words = shippedAnswerWords();

describe('parseYesNo', () => {
  it.each([
    ['oui', true],
    ['Oui bien sûr', true],
    ['y', true],
    ['O', true],
    ['ok', true],
    ["c'est bon", true],
    ["c'est correct", true],
    ['pas de souci', true],
    ['no problem', true],
    ['non', false],
    ['n', false],
    ['non merci', false],
    ['pas du tout', false],
    ['no', false],
    ["n'importe quand", null],
    ["n'importe quoi", null],
    ["y a pas de solution de contournement pour l'instant", null],
    ['o365 ne marche plus', null],
    ['le 3 décembre', null],
  ] as const)('%s → %s', (text, expected) => {
    expect(parseYesNo(text, words)).toBe(expected);
  });
});

describe('the other closed questions, read from dialogs/answers.yaml', () => {
  it.each([
    ['juste moi', 'one_user'],
    ["toute l'équipe compta", 'team'],
    ['tout le site', 'site'],
    ['only me', 'one_user'],
    ['le 3 décembre', null],
  ] as const)('scope of %s → %s', (text, expected) => {
    expect(parseScope(text, words)).toBe(expected);
  });

  it.each([
    ["c'est la téléphonie", 'telecom'],
    ['le standard', 'telecom'],
    ['mon ordinateur', 'informatique'],
    ['aucune idée', null],
  ] as const)('domain of %s → %s', (text, expected) => {
    expect(parseDomain(text, words)).toBe(expected);
  });

  it.each([
    ["j'ai besoin d'une installation", 'request'],
    ['ça ne marche plus', 'incident'],
    ['je ne sais pas', null],
  ] as const)('type of %s → %s', (text, expected) => {
    expect(parseType(text, words)).toBe(expected);
  });

  it.each([
    ['Bonjour !', true],
    ['salut, ça va ?', true],
    ['bonjour mon imprimante est en panne', false],
  ] as const)('%s is a greeting only: %s', (text, expected) => {
    expect(isGreetingOnly(text, words)).toBe(expected);
  });
});

describe('dialogs/answers.yaml is data', () => {
  const dirs: string[] = [];
  afterEach(() => {
    while (dirs.length > 0) rmSync(dirs.pop() ?? '', { recursive: true, force: true });
  });
  function edited(edit: (yaml: string) => string): string {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-answers-'));
    dirs.push(dir);
    const path = join(dir, 'answers.yaml');
    writeFileSync(path, edit(readFileSync(DEFAULT_ANSWERS_PATH, 'utf8')));
    return path;
  }

  it('a word added to the yes list is a yes', () => {
    expect(parseYesNo('volontiers', words)).toBeNull();
    const path = edited((yaml) => yaml.replace('yes: [oui,', 'yes: [volontiers, oui,'));
    expect(parseYesNo('Volontiers !', loadAnswerWords(path))).toBe(true);
  });

  it('a missing list stops start-up naming the file and the field', () => {
    const path = edited((yaml) => yaml.replace(/^ {2}restart: .*\n/m, ''));
    expect(() => loadAnswerWords(path)).toThrow(`${path}: invalid\n  - interruptions.restart:`);
  });
});

describe('a typed choice', () => {
  const l = loadDialogs().messages('fr').labels;
  const prompt = reply('fr', 'Je propose ce titre', {
    choices: [
      { label: l.titleAccept, value: 'accept' },
      { label: l.titleOther, value: 'other' },
    ],
  });
  it.each([
    ['oui ce titre va', 'accept'],
    ['Oui, ce titre convient.', 'accept'],
    ["j'écris un autre titre", 'other'],
    ['2', 'other'],
    ['le titre', null],
    ['Imprimante HP en panne', null],
  ] as const)('%s picks %s', (text, expected) => {
    expect(pickedChoice(prompt, { text })).toBe(expected);
  });
});
