/**
 * The English twins of the French reasons the dialog has classified. A ticket keeps the French
 * sentence (technicians read French), and the announcement is built from the ticket alone; the
 * engine classifies the intake just before it opens the ticket, so the English twin of that
 * sentence is here when the announcement is written for a person who writes English.
 */

/** Enough for every sentence the intents can produce; the oldest are forgotten first. */
const MAX_REMEMBERED = 1000;

const englishOf = new Map<string, string>();

/** Remembers the English twin of a French reason (the most recent one stays longest). */
export function rememberReasons(reasons: { fr: string; en: string }): void {
  englishOf.delete(reasons.fr);
  englishOf.set(reasons.fr, reasons.en);
  if (englishOf.size > MAX_REMEMBERED) {
    const oldest = englishOf.keys().next();
    if (!oldest.done) englishOf.delete(oldest.value);
  }
}

/** The English twin of a French reason the dialog classified, or undefined when it never did. */
export function englishReason(french: string): string | undefined {
  return englishOf.get(french);
}
