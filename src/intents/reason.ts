import type { TicketType } from '../domain.js';
import type { MatchedRule } from './classification.js';
import type { CompiledIntent, CompiledIntents } from './compile.js';

/** A phrase in both languages of the helpdesk. */
export interface Bilingual {
  fr: string;
  en: string;
}

/** What the explanation of a classification is made of. */
export interface ReasonInput {
  type: TicketType;
  priority: 1 | 2 | 3 | 4;
  /** The priority's label, lower case ("critique", "critical"). */
  label: Bilingual;
  /** The rule that decided the priority. */
  decisive: MatchedRule | undefined;
  /** The intent that described the problem or the request. */
  base: CompiledIntent | undefined;
  compiled: CompiledIntents;
  /** Other facts that changed the priority, as phrases in both languages. */
  notes: Bilingual[];
}

/**
 * The sentence saying why, in French and in English: the type and priority, then the seed rule
 * applied, e.g. "Incident de priorité 1 (critique) : un switch ou un firewall ne fonctionne plus ou
 * n'est plus accessible." and "Incident, priority 1 (critical): a switch or a firewall no longer
 * works or cannot be reached."
 */
export function explain(input: ReasonInput): Bilingual {
  const { type, priority, label, decisive, base, compiled, notes } = input;
  const decisiveIntent = compiled.intents.find((i) => i.id === decisive?.id) ?? base;
  const fr = [
    `${type === 'incident' ? 'Incident' : 'Demande'} de priorité ${priority} (${label.fr}) : ${whyFr(decisiveIntent)}.`,
  ];
  const en = [
    `${type === 'incident' ? 'Incident' : 'Request'}, priority ${priority} (${label.en}): ${whyEn(decisiveIntent)}.`,
  ];
  if (notes.length > 0) {
    fr.push(`${upperFirst(notes.map((n) => n.fr).join(' ; '))}.`);
    en.push(`${upperFirst(notes.map((n) => n.en).join('; '))}.`);
  }
  if (base && decisiveIntent && base.id !== decisiveIntent.id) {
    fr.push(`Sans cela : « ${base.rule} » (priorité ${base.priority}).`);
    en.push(`Otherwise: ${base.reasonEn} (priority ${base.priority}).`);
  }
  if (type === 'request' && priority === 4) {
    // Seed 000: "Pour toute demande de priorité BASSE une date doit être définie avec le client".
    fr.push("Une date d'intervention est à convenir ensemble.");
    en.push('A date for the work is to be agreed together.');
  }
  return { fr: fr.join(' '), en: en.join(' ') };
}

function whyFr(intent: CompiledIntent | undefined): string {
  return intent?.reason ?? lowerFirst(intent?.rule ?? 'aucune règle ne correspond');
}

function whyEn(intent: CompiledIntent | undefined): string {
  return intent?.reasonEn ?? 'no rule matches';
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
