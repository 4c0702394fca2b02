import type { Domain, Priority, TicketType } from '../../src/domain.js';
import { PRIORITY_NUMBER } from '../../src/domain.js';
import type {
  ClarifyingQuestion,
  Classification,
  ClassificationContext,
  Classifier,
} from '../../src/intents/classification.js';

/**
 * A tiny, predictable classifier for the engine's own tests, so they do not move when the
 * keyword intents are tuned: "panne générale" is critique, "imprimante" normale, "mot de passe"
 * a haute request, "logo" a basse request; anything else is an unsure incident that asks
 * who is blocked and whether there is a workaround.
 */
export function fakeClassifier(): Classifier {
  return {
    classify(text: string, context: ClassificationContext = {}): Classification {
      const t = text.toLowerCase();
      let type: TicketType = 'incident';
      let priority: Priority = 'normale';
      let domain: Domain = 'informatique';
      let domainKnown = true;
      let questions: ClarifyingQuestion[] = [];
      // The keyword recognized, reported in `rules` as the real classifier reports matched words.
      const keyword = ['panne générale', 'mot de passe', 'password', 'logo', 'imprimante', 'printer', 'standard'].find(
        (k) => t.includes(k),
      );
      if (t.includes('panne générale') || context.scope === 'site') priority = 'critique';
      else if (t.includes('mot de passe') || t.includes('password')) {
        type = 'request';
        priority = 'haute';
      } else if (t.includes('logo')) {
        type = 'request';
        priority = 'basse';
      } else if (t.includes('imprimante') || t.includes('printer')) priority = 'normale';
      else if (t.includes('standard')) domain = 'telecom';
      else {
        domainKnown = false;
        questions = ['scope', 'workaround'];
        if (context.workaround === false) priority = 'haute';
      }
      if (context.type) type = context.type;
      if (context.domain) domain = context.domain;
      return {
        type,
        priority,
        priorityNumber: PRIORITY_NUMBER[priority],
        domain,
        queue: domain === 'telecom' ? 'OPS-02-TELECOM' : 'OPS-01-INFORMATIQUE',
        category: 'test',
        confidence: questions.length > 0 ? 0.3 : 0.9,
        domainKnown,
        noRush: context.noRush ?? false,
        rules: [
          { id: `test.${priority}`, rule: 'règle de test', matched: keyword ? [keyword] : [], score: keyword ? 1 : 0 },
        ],
        reason: `règle de test ${priority}`,
        reasons: { fr: `règle de test ${priority}`, en: `test rule ${priority}` },
        questions,
        language: /\b(the|my|is|not)\b/.test(t) ? 'en' : 'fr',
      };
    },
    reportsFault(text: string): boolean {
      return /marche (pas|plus)|probl[eè]me|souci|not working|issue/.test(text.toLowerCase());
    },
  };
}
