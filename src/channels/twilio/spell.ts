import type { Messages } from '../../dialogs/messages.js';

/** The phone's own sentences of dialogs/*.yaml. */
export type PhoneSentences = Messages['phone'];

/**
 * Words for the ear: the phone procedure (004) has the agent give the ticket number, and a number
 * such as "T20261122.0004" read as one word is lost on the phone, so it is read sign by sign.
 */

const SIGN_WORDS: Readonly<Record<string, string>> = { '.': 'point', '-': 'tiret', '/': 'barre' };

/** "T20261122.0004" → "T 2 0 2 6 1 1 2 2 point 0 0 0 4". */
export function spellTicketNumber(number: string): string {
  return [...number]
    .filter((sign) => sign.trim() !== '')
    .map((sign) => SIGN_WORDS[sign] ?? sign.toUpperCase())
    .join(' ');
}

/** A keypad choice as the caller hears it: "Tapez 1 pour oui, c'est juste." (phone.keypad) */
export function keypadSentence(choice: { digit: string; label: string }, phone: PhoneSentences): string {
  const label = choice.label.trim().replace(/[.!?…]+$/, '');
  return phone.keypad(choice.digit, lowerFirst(label));
}

/** A menu option as the caller hears it: "Pour le support technique, tapez 2." (phone.menuOption) */
export function menuSentence(option: { digit: string; label: string }, phone: PhoneSentences): string {
  return phone.menuOption(lowerFirst(option.label.trim()), option.digit);
}

function lowerFirst(text: string): string {
  // Keep acronyms ("VPN") and proper names as written: only a capitalized ordinary word is lowered.
  if (/^[A-ZÀ-Ý](?:[a-zà-ÿ]|['’])/.test(text)) return text.charAt(0).toLowerCase() + text.slice(1);
  return text;
}
