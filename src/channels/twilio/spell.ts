import type { Messages } from '../../dialogs/messages.js';
import type { Language } from '../../domain.js';

/** The phone's own sentences of dialogs/*.yaml. */
export type PhoneSentences = Messages['phone'];

/**
 * Words for the ear: the phone procedure (004) has the agent give the ticket number, and a number
 * such as "T20261122.0004" read as one word is lost on the phone, so it is read sign by sign.
 */

/**
 * "T20261122.0004" → "T 2 0 2 6 1 1 2 2 point 0 0 0 4" in French, "… dot …" in English: the
 * signs between the digits are said with the words of the call's language (phone.signs).
 */
export function spellTicketNumber(number: string, phone: Pick<PhoneSentences, 'signs'>): string {
  const words: Readonly<Record<string, string>> = {
    '.': phone.signs.dot,
    '-': phone.signs.dash,
    '/': phone.signs.slash,
  };
  return [...number]
    .filter((sign) => sign.trim() !== '')
    .map((sign) => words[sign] ?? sign.toUpperCase())
    .join(' ');
}

/** A keypad choice as the caller hears it: "Tapez 1 pour oui, c'est juste." (phone.keypad) */
export function keypadSentence(choice: { digit: string; label: string }, phone: PhoneSentences): string {
  const label = choice.label.trim().replace(/[.!?…]+$/, '');
  return phone.keypad(choice.digit, lowerFirst(label));
}

/**
 * A menu option as the caller hears it: "Pour le support technique, tapez 2.", "For English, press
 * 9." (phone.menuOption). A French label is lowered after "Pour"; an English one is said as the
 * policy writes it (the name of a language keeps its capital).
 */
export function menuSentence(
  option: { digit: string; label: string },
  phone: PhoneSentences,
  language: Language = 'fr',
): string {
  const label = option.label.trim();
  return phone.menuOption(language === 'fr' ? lowerFirst(label) : label, option.digit);
}

function lowerFirst(text: string): string {
  // Keep acronyms ("VPN"), proper names and the English "I" ("I'll give another title") as
  // written: only a capitalized ordinary word is lowered.
  if (/^I(?:['’\s]|$)/.test(text)) return text;
  if (/^[A-ZÀ-Ý](?:[a-zà-ÿ]|['’])/.test(text)) return text.charAt(0).toLowerCase() + text.slice(1);
  return text;
}
