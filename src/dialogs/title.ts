import { capitalize, shorten } from './text.js';

/** The longest title proposed; the procedure asks for "description du problème en quelques mots". */
export const TITLE_MAX = 70;

const OPENERS =
  /^(?:(?:bonjour|bonsoir|salut|hello|hi|allo|oui|alors|voila|voilà|euh|donc|dear support|good morning)[\s,!.]*)+/i;
const SELF_INTRO =
  /^(?:(?:je suis|ici|c'est|c’est|this is|i am|i'm)\s+[^,.!?]{1,60}?(?:\s+(?:de|chez|from|at)\s+[^,.!?]{1,60})?[,.!]\s*)/i;

/**
 * A short ticket title from the description ("Titre du ticket : description du problème en
 * quelques mots", 004): the first sentence, without greetings or self-introduction, cut on a
 * word boundary.
 */
export function proposeTitle(description: string): string {
  let text = description.replace(/\s+/g, ' ').trim();
  text = text.replace(OPENERS, '').replace(SELF_INTRO, '').replace(OPENERS, '');
  const sentence = text.split(/(?<=[.!?])\s|\n/)[0] ?? text;
  const clean = sentence.replace(/[.!?\s]+$/, '').trim();
  return capitalize(shorten(clean === '' ? description.trim() : clean, TITLE_MAX));
}
