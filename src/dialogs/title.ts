import { capitalize, shorten } from './text.js';

/** The longest title proposed; the procedure asks for "description du problème en quelques mots". */
export const TITLE_MAX = 70;

const OPENERS =
  /^(?:(?:bonjour|bonsoir|salut|hello|hi|allo|oui|alors|voila|voilà|euh|donc|dear support|good morning)[\s,!.]*)+/i;
const SELF_INTRO =
  /^(?:(?:je suis|ici|c'est|c’est|this is|i am|i'm)\s+[^,.!?]{1,60}?(?:\s+(?:de|chez|from|at)\s+[^,.!?]{1,60})?[,.!]\s*)/i;

/**
 * A short ticket title from the description ("Titre du ticket : description du problème en
 * quelques mots", 004): the sentence that says most of the problem (by `weight`, when given: the
 * first of the heaviest; otherwise the first one), without greetings or self-introduction, cut on a
 * word boundary.
 */
export function proposeTitle(description: string, weight?: (sentence: string) => number): string {
  const sentences = description
    .split(/(?<=[.!?])\s|\n/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .map((s) => s.replace(OPENERS, '').replace(SELF_INTRO, '').replace(OPENERS, ''))
    .map((s) => s.replace(/[.!?\s]+$/, '').trim())
    .filter((s) => s !== '');
  const weights = sentences.map((s) => weight?.(s) ?? 0);
  const sentence = sentences[weights.indexOf(Math.max(...weights))];
  const kept = sentence && weight ? withoutLeadingContext(sentence, weight) : sentence;
  return capitalize(shorten(kept ?? description.replace(/\s+/g, ' ').trim(), TITLE_MAX));
}

/**
 * The sentence from its first clause that says something of the problem: "Marie Lefèvre,
 * Transports Durand, mon téléphone n'a plus de tonalité" is titled by its last clause.
 */
function withoutLeadingContext(sentence: string, weight: (clause: string) => number): string {
  const clauses = sentence.split(/,\s+/);
  if (clauses.length < 2 || weight(clauses[0] ?? '') > 0) return sentence;
  const first = clauses.findIndex((clause) => weight(clause) > 0);
  return first > 0 ? clauses.slice(first).join(', ') : sentence;
}
