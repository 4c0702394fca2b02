import type { Language } from '../../domain.js';
import type { IntentSet } from '../../intents/schema.js';

/** Twilio takes hints of at most 100 characters each; a hundred phrases is plenty for one question. */
const MAX_HINTS = 100;
const MAX_HINT_LENGTH = 100;

/**
 * The phrases speech recognition is told to expect in one language: the policy's hints of that
 * language first (phoneLine.languages.<language>.hints, written with their accents, for the ear),
 * then the words of that language for the things the intents know (intents/concepts.yaml, kind
 * "object": serveur, imprimante, standard… or server, printer, switchboard…), so the recognizer
 * hears the helpdesk's vocabulary. The intents' matching marks (`=`, `!`) are dropped.
 */
export function speechHints(
  curated: readonly string[],
  intents: IntentSet | null,
  language: Language = 'fr',
): string[] {
  const hints: string[] = [];
  const seen = new Set<string>();
  const add = (phrase: string) => {
    const hint = phrase
      .replace(/^[=!]+/, '')
      .replace(/\s+/g, ' ')
      .trim();
    const key = fold(hint);
    // A plural adds nothing for the recognizer once the singular is there.
    const singular = key.replace(/[sx]$/, '');
    if (hint.length < 2 || hint.length > MAX_HINT_LENGTH || seen.has(key) || seen.has(singular)) return;
    seen.add(key);
    hints.push(hint);
  };
  for (const phrase of curated) add(phrase);
  // One word of every thing first, then the second of each…, so a long list of one thing (serveur,
  // serveurs, serveur de fichiers…) does not push the télécom words out of the budget.
  const things = Object.values(intents?.concepts ?? {})
    .filter((concept) => concept.kind === 'object')
    .map((concept) => concept[language]);
  const longest = Math.max(0, ...things.map((terms) => terms.length));
  for (let rank = 0; rank < longest && hints.length < MAX_HINTS; rank++) {
    for (const terms of things) {
      const phrase = terms[rank];
      if (phrase !== undefined) add(phrase);
    }
  }
  return hints.slice(0, MAX_HINTS);
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
