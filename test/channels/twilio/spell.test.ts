import { describe, expect, it } from 'vitest';
import { keypadSentence, menuSentence, spellTicketNumber } from '../../../src/channels/twilio/spell.js';
import { loadDialogs } from '../../../src/dialogs/load.js';

const phone = loadDialogs().messages('fr').phone;
const english = loadDialogs().messages('en').phone;

describe('spellTicketNumber', () => {
  it.each([
    ['T20261122.0004', 'T 2 0 2 6 1 1 2 2 point 0 0 0 4'],
    ['T20261231.1234', 'T 2 0 2 6 1 2 3 1 point 1 2 3 4'],
    ['t2026-01', 'T 2 0 2 6 tiret 0 1'],
  ])('%s is read %s', (number, spoken) => {
    expect(spellTicketNumber(number, phone)).toBe(spoken);
  });

  it.each([
    ['T20261122.0004', 'T 2 0 2 6 1 1 2 2 dot 0 0 0 4'],
    ['t2026-01/2', 'T 2 0 2 6 dash 0 1 slash 2'],
  ])('%s is read %s in English', (number, spoken) => {
    expect(spellTicketNumber(number, english)).toBe(spoken);
  });
});

describe('keypadSentence and menuSentence', () => {
  it.each([
    [{ digit: '1', label: "Oui, c'est juste" }, "Tapez 1 pour oui, c'est juste."],
    [{ digit: '2', label: 'Non, je corrige.' }, 'Tapez 2 pour non, je corrige.'],
    [{ digit: '3', label: 'VPN' }, 'Tapez 3 pour VPN.'],
  ])('%o → %s', (choice, sentence) => {
    expect(keypadSentence(choice, phone)).toBe(sentence);
  });

  it.each([
    [{ digit: '1', label: 'Yes, that title is fine' }, 'Press 1: yes, that title is fine.'],
    [{ digit: '2', label: "I'll give another title" }, "Press 2: I'll give another title."],
  ])('%o → %s in English', (choice, sentence) => {
    expect(keypadSentence(choice, english)).toBe(sentence);
  });

  it('reads a menu option as "Pour …, tapez N."', () => {
    expect(menuSentence({ digit: '2', label: 'le support technique' }, phone)).toBe(
      'Pour le support technique, tapez 2.',
    );
  });

  it('reads an English option as "For …, press N.", the name of the language keeping its capital', () => {
    expect(menuSentence({ digit: '9', label: 'English' }, english, 'en')).toBe('For English, press 9.');
  });
});
