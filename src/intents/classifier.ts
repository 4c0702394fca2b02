import type { Policy } from '../policy/schema.js';
import type { Classification, ClassificationContext, Classifier } from './classification.js';
import { compileIntents } from './compile.js';
import { decide } from './decide.js';
import { loadIntents } from './load.js';
import { matchConcepts } from './match.js';
import { detectLanguage, statedDelayDays, tokenize } from './normalize.js';
import type { IntentSet } from './schema.js';

export { DEFAULT_INTENTS_DIR, loadIntents } from './load.js';
export type { IntentSet } from './schema.js';

/**
 * The keyword-intent classifier: decides incident or request, priority, domain and queue the way
 * the helpdesk's rules (seed 000) do, and says which rule it applied and why. The intents are
 * compiled once (keywords stemmed and indexed); each call is pure and synchronous.
 */
export function createClassifier(policy: Policy, intents: IntentSet = loadIntents()): Classifier {
  const compiled = compileIntents(intents);
  return {
    classify(text: string, context: ClassificationContext = {}): Classification {
      const tokens = tokenize(text, compiled.language);
      const language = detectLanguage(tokens, compiled.language);
      const found = matchConcepts(tokens, compiled, language);
      return decide(compiled, policy, {
        found,
        language,
        delayDays: statedDelayDays(tokens, compiled.language),
        context,
      });
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
