import type { Policy } from '../policy/schema.js';
import type { Classification, ClassificationContext, Classifier } from './classification.js';
import { compileIntents } from './compile.js';
import { decide } from './decide.js';
import { loadIntents } from './load.js';
import { matchConcepts } from './match.js';
import { detectLanguage, signatureRole, statedDelayDays, tokenize } from './normalize.js';
import type { IntentSet } from './schema.js';

export { DEFAULT_INTENTS_DIR, loadIntents } from './load.js';
export type { IntentSet } from './schema.js';

/** How many classifications are remembered (the last ones asked, the oldest forgotten first). */
const REMEMBERED = 512;

/** A classification and everything in it frozen, so the one remembered can be handed out again. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/**
 * The keyword-intent classifier: decides incident or request, priority, domain and queue the way
 * the helpdesk's rules (seed 000) do, and says which rule it applied and why. The intents are
 * compiled once (keywords stemmed and indexed); each call is pure and synchronous. A conversation
 * asks about the same description several times (the title, the summary, the confirmation): the
 * last REMEMBERED answers, by text and context, are kept and given again, frozen.
 */
export function createClassifier(policy: Policy, intents: IntentSet = loadIntents()): Classifier {
  const compiled = compileIntents(intents);
  const remembered = new Map<string, Classification>();
  const classify = (text: string, context: ClassificationContext): Classification => {
    const tokens = tokenize(text, compiled.language);
    const language = detectLanguage(tokens, compiled.language);
    const role = signatureRole(text, compiled.language);
    const found = matchConcepts(
      tokens,
      compiled,
      language,
      role === undefined ? undefined : tokenize(role, compiled.language),
    );
    return decide(compiled, policy, {
      found,
      language,
      delayDays: statedDelayDays(tokens, compiled.language),
      context,
    });
  };
  return {
    classify(text: string, context: ClassificationContext = {}): Classification {
      const key = `${JSON.stringify(context)}\u0000${text}`;
      const known = remembered.get(key);
      if (known) {
        // The most recently asked stay the longest.
        remembered.delete(key);
        remembered.set(key, known);
        return known;
      }
      const classification = deepFreeze(classify(text, context));
      if (remembered.size >= REMEMBERED) remembered.delete(remembered.keys().next().value ?? '');
      remembered.set(key, classification);
      return classification;
    },
    reportsFault(text: string): boolean {
      const tokens = tokenize(text, compiled.language);
      const found = matchConcepts(tokens, compiled, detectLanguage(tokens, compiled.language));
      return found.matches.some((m) => {
        const concept = compiled.concepts[m.concept];
        return concept?.kind === 'state' && concept.signal === 'incident' && m.words.length > 0;
      });
    },
  };
}
