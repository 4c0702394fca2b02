import type { TicketType } from '../domain.js';
import type { MatchedRule } from './classification.js';
import type { CompiledIntent, CompiledIntents } from './compile.js';

/** What the explanation of a classification is made of. */
export interface ReasonInput {
  type: TicketType;
  priority: 1 | 2 | 3 | 4;
  /** The priority's label in French, lower case ("critique"). */
  label: string;
  /** The rule that decided the priority. */
  decisive: MatchedRule | undefined;
  /** The intent that described the problem or the request. */
  base: CompiledIntent | undefined;
  compiled: CompiledIntents;
  /** Other facts that changed the priority, as French phrases. */
  notes: string[];
}

/**
 * A French sentence saying why: the type and priority, then the seed rule applied, e.g. "Incident
 * de priorité 1 (critique) : un switch ou un firewall ne fonctionne plus ou n'est plus accessible."
 */
export function explain(input: ReasonInput): string {
  const { type, priority, label, decisive, base, compiled, notes } = input;
  const kind = type === 'incident' ? 'Incident' : 'Demande';
  const decisiveIntent = compiled.intents.find((i) => i.id === decisive?.id) ?? base;
  const why = decisiveIntent?.reason ?? lowerFirst(decisiveIntent?.rule ?? 'aucune règle ne correspond');
  const sentences = [`${kind} de priorité ${priority} (${label}) : ${why}.`];
  if (notes.length > 0) sentences.push(`${upperFirst(notes.join(' ; '))}.`);
  if (base && decisiveIntent && base.id !== decisiveIntent.id) {
    sentences.push(`Sans cela : « ${base.rule} » (priorité ${base.priority}).`);
  }
  if (type === 'request' && priority === 4) {
    // Seed 000: "Pour toute demande de priorité BASSE une date doit être définie avec le client".
    sentences.push('Une date doit être convenue avec le client.');
  }
  return sentences.join(' ');
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
