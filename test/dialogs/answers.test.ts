import { describe, expect, it } from 'vitest';
import { parseYesNo } from '../../src/dialogs/answers.js';

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
    expect(parseYesNo(text)).toBe(expected);
  });
});
