import type { Language } from '../domain.js';
import type { Choice, Expectation, Reply, TicketCard } from '../engine/turn.js';
import { toSpeech } from './speech.js';

/** A choice before its keypad digit is given. */
export interface Option {
  label: string;
  value: string;
}

/** Numbers the options 1..9, in order, for the keypad and for people who type a digit. */
export function numbered(options: Option[]): Choice[] {
  return options.slice(0, 9).map((o, i) => ({ label: o.label, digit: String(i + 1), value: o.value }));
}

/**
 * Builds a channel-neutral reply: the text, its spoken form, the numbered choices and what is
 * expected next. A reply with choices expects a choice unless told otherwise.
 */
export function reply(
  language: Language,
  text: string,
  options: { choices?: Option[]; expects?: Expectation; card?: TicketCard; spoken?: string } = {},
): Reply {
  const choices = numbered(options.choices ?? []);
  const expects = options.expects ?? (choices.length > 0 ? 'choice' : 'text');
  // `spoken`: what the phone says instead of the text, when the text is written for the eye.
  const speech = toSpeech(options.spoken ?? text, language);
  const result: Reply = { text, speech, choices, expects, language };
  if (options.card) result.card = options.card;
  return result;
}

/** Puts a sentence before a reply (e.g. "Noted." before the next question), keeping its choices. */
export function prefixed(language: Language, before: string, next: Reply): Reply {
  const text = `${before}\n${next.text}`;
  // A reply with a spoken form of its own keeps it after the sentence put before it.
  const ownSpeech = next.speech !== toSpeech(next.text, language);
  const speech = ownSpeech
    ? `${toSpeech(before, language).replace(/[\s:,]+$/, '')}. ${next.speech}`.replace(/([.?!])\. /, '$1 ')
    : toSpeech(text, language);
  return { ...next, text, speech };
}
