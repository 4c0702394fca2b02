import type { Domain, Priority, TicketType } from '../domain.js';
import { PRIORITIES } from '../domain.js';
import type { Policy } from '../policy/schema.js';
import type {
  ClarifyingQuestion,
  Classification,
  ClassificationContext,
  MatchedRule,
  Scope,
} from './classification.js';
import type { CompiledIntent, CompiledIntents } from './compile.js';
import type { MessageMatches } from './match.js';
import { type Bilingual, explain } from './reason.js';

/** Below this confidence the classification carries the questions that would settle it. */
export const QUESTION_THRESHOLD = 0.6;

/** How an intent matched: its best clause's score and the words behind it. */
export interface IntentMatch {
  intent: CompiledIntent;
  score: number;
  groups: number;
  /** Score plus the type's evidence: what ranks the candidates. */
  total: number;
  /** Position of the first thing (object) it names: on a tie, the subject named first wins. */
  firstObject: number;
}

/** What the decision needs beside the matches. */
export interface DecisionInput {
  found: MessageMatches;
  language: 'fr' | 'en';
  /** Days of the longest delay the message names ("dans 10 jours"), if any. */
  delayDays: number | undefined;
  context: ClassificationContext;
}

/** Named concepts the decision reads; absent ones simply never match. */
interface Cues {
  concept: (name: string) => number | undefined;
  has: (name: string) => boolean;
}

/**
 * Applies the seed's rules to the concepts found: picks the intent that matches best, then the
 * rules that change a priority (a whole site or department impacted, a workaround, no rush, the
 * highest request priority being 2), the domain and queue, and explains the result.
 */
export function decide(compiled: CompiledIntents, policy: Policy, input: DecisionInput): Classification {
  const { found, context } = input;
  const present = new Set(found.present);
  const cues: Cues = {
    concept: (name) => compiled.conceptIndex.get(name),
    has: (name) => {
      const c = compiled.conceptIndex.get(name);
      return c !== undefined && present.has(c);
    },
  };
  const contextWords = new Map<number, string[]>();
  applyContext(present, context, cues, contextWords);

  // Weight of each present concept by index (-1: absent), for the intents' inner loop.
  const weights = new Float64Array(compiled.concepts.length).fill(-1);
  const evidence = { incident: 0, request: 0 };
  for (const c of present) {
    const concept = compiled.concepts[c];
    weights[c] = concept?.weight ?? 1;
    if (concept?.signal) evidence[concept.signal] += concept.weight;
  }

  const firstPosition = new Map<number, number>();
  for (const m of found.matches) if (!firstPosition.has(m.concept)) firstPosition.set(m.concept, m.start);
  const candidates: IntentMatch[] = [];
  for (const intent of compiled.intents) {
    if (context.type && intent.type !== context.type) continue;
    const match = scoreIntent(intent, weights);
    if (!match) continue;
    const other = intent.type === 'incident' ? 'request' : 'incident';
    match.total = match.score + 0.5 * evidence[intent.type] - 0.3 * evidence[other];
    match.firstObject = firstObjectOf(intent, firstPosition);
    candidates.push(match);
  }
  candidates.sort((a, b) => {
    if (Math.abs(b.total - a.total) > 1e-9) return b.total - a.total;
    return a.firstObject - b.firstObject || b.groups - a.groups || a.intent.priority - b.intent.priority;
  });
  const best = candidates[0];
  const type: TicketType =
    best?.intent.type ?? context.type ?? (evidence.request > evidence.incident ? 'request' : 'incident');

  const scope = scopeOf(cues, context);
  const outage = [...present].some((c) => isOutage(compiled, c));
  const workaround =
    context.workaround ?? (cues.has('no_workaround') ? false : cues.has('workaround') ? true : undefined);
  const delayNoRush = input.delayDays !== undefined && input.delayDays > compiled.language.noRushAfterDays;
  const noRush =
    context.noRush ?? (context.urgent === true ? false : cues.has('no_rush') || (delayNoRush && !cues.has('urgent')));

  const rules: MatchedRule[] = [];
  const base =
    best?.intent ?? (type === 'incident' ? compiled.byRole.fallbackIncident : compiled.byRole.fallbackRequest);
  let priority: 1 | 2 | 3 | 4 = (base?.priority ?? 4) as 1 | 2 | 3 | 4;
  const notes: Bilingual[] = [];
  if (best) rules.push(toRule(best, found, contextWords));
  else if (base) rules.push({ id: base.id, rule: base.rule, matched: [], score: 0 });

  if (type === 'incident') {
    const widespread =
      (scope === 'site' || scope === 'company' || cues.has('scope_department')) && scope !== 'one_user';
    const canSpread = !best || best.intent.widespread;
    if (widespread && outage && canSpread && priority > 1 && compiled.byRole.widespread) {
      // Seed 000, P1: "Tout incident impactant directement l'activité de l'entreprise, d'un site
      // complet ou d'un département entier".
      priority = 1;
      rules.unshift(roleRule(compiled.byRole.widespread, scopeWords(found, cues)));
    } else if (!best && scope === 'team') {
      // Not one user, not a whole department: the SLA sheet's "incident gênant" (normale).
      priority = 3;
      notes.push({ fr: 'plusieurs collaborateurs sont concernés', en: 'several employees are affected' });
    }
    if (workaround === true && !noRush) {
      if (priority <= 2) {
        // SLA sheet: "Moyen — Incident non bloquant ou solution de backup possible".
        priority = 3;
        notes.push({ fr: 'une solution de contournement existe', en: 'a workaround exists' });
      } else if (priority === 3 && compiled.byRole.workaround) {
        // Seed 000, P4: "… pouvant être contourné par une solution temporaire".
        priority = 4;
        rules.unshift(roleRule(compiled.byRole.workaround, wordsOfConcept(found, cues, 'workaround')));
      }
    }
    if (noRush && priority < 4 && compiled.byRole.noRush) {
      // Seed 000, P4: "le client indique clairement qu'il n'a pas besoin de résolution rapide".
      priority = 4;
      rules.unshift(roleRule(compiled.byRole.noRush, wordsOfConcept(found, cues, 'no_rush')));
    }
  } else if (priority === 1) {
    // Seed 000: "Il n'y a pas de requête avec priorité critique. Le plus haut niveau est 2".
    priority = 2;
  }
  if (!best) {
    notes.push({ fr: 'aucune règle précise ne correspond au message', en: 'no specific rule matches the message' });
  }
  // Other rules of the same type and priority that the message also matches back the decision.
  for (const other of candidates.slice(1)) {
    if (rules.length >= 3) break;
    if (other.intent.type !== type || other.intent.priority !== priority) continue;
    if (rules.some((r) => r.id === other.intent.id)) continue;
    rules.push(toRule(other, found, contextWords));
  }

  const domainFromVotes = voteDomain(compiled, present);
  const domain: Domain = context.domain ?? best?.intent.domain ?? domainFromVotes ?? 'informatique';
  const domainKnown =
    context.domain !== undefined || best?.intent.domain !== undefined || domainFromVotes !== undefined;
  const queue = policy.queues.find((q) => q.domain === domain)?.id ?? '';
  const { category, subcategory } = categoryOf(compiled, best?.intent ?? base, present);

  const second = candidates.find(
    (c) => c !== best && (c.intent.type !== best?.intent.type || c.intent.priority !== best?.intent.priority),
  );
  const otherType = type === 'incident' ? 'request' : 'incident';
  let confidence: number;
  if (best) {
    confidence = 0.55 + 0.1 * Math.min(2, best.groups - 1);
    confidence += second ? Math.min(0.25, (best.total - second.total) * 0.1) : 0.25;
    if (evidence[otherType] > evidence[type]) confidence -= 0.2;
  } else {
    confidence = 0.3 + Math.min(0.2, Math.abs(evidence.incident - evidence.request) * 0.1);
  }
  if (!domainKnown) confidence -= 0.05;
  confidence = Math.round(Math.min(0.99, Math.max(0.05, confidence)) * 100) / 100;

  const label = PRIORITIES[priority - 1] as Priority;
  const questions: ClarifyingQuestion[] = [];
  if (confidence < QUESTION_THRESHOLD && !context.type) {
    const typeUnclear = !best || evidence[otherType] > 0 || (second !== undefined && second.intent.type !== type);
    if (typeUnclear && !context.type) questions.push('type');
    if (type === 'incident') {
      if (context.scope === undefined && scope === undefined && priority > 1) questions.push('scope');
      if (context.workaround === undefined && workaround === undefined && priority > 1 && priority < 4) {
        questions.push('workaround');
      }
      if (context.urgent === undefined && !noRush && priority === 4) questions.push('urgency');
    }
    if (!domainKnown && context.domain === undefined) questions.push('domain');
  }

  const priorityLabel = policy.priorities[label].label;
  const reasons = explain({
    type,
    priority,
    label: { fr: priorityLabel.fr.toLowerCase(), en: priorityLabel.en.toLowerCase() },
    decisive: rules[0],
    base: best?.intent ?? base,
    compiled,
    notes,
  });

  const result: Classification = {
    type,
    priority: label,
    priorityNumber: priority,
    domain,
    queue,
    category,
    confidence,
    domainKnown,
    noRush,
    rules,
    reason: reasons.fr,
    reasons,
    questions,
    language: input.language,
  };
  if (subcategory !== undefined) result.subcategory = subcategory;
  if (scope !== undefined) result.scope = scope;
  if (workaround !== undefined) result.workaround = workaround;
  return result;
}

function applyContext(
  present: Set<number>,
  context: ClassificationContext,
  cues: Cues,
  words: Map<number, string[]>,
): void {
  const set = (name: string, on: boolean, why: string) => {
    const c = cues.concept(name);
    if (c === undefined) return;
    if (on) {
      present.add(c);
      words.set(c, [why]);
    } else present.delete(c);
  };
  if (context.management === true) set('management', true, 'contact de la direction');
  if (context.scope !== undefined) {
    for (const s of ['scope_one', 'scope_several', 'scope_department', 'scope_site', 'scope_company'])
      set(s, false, '');
    const name = { one_user: 'scope_one', team: 'scope_several', site: 'scope_site', company: 'scope_company' }[
      context.scope
    ];
    set(name, true, `portée : ${context.scope}`);
  }
  if (context.workaround !== undefined) {
    set('workaround', context.workaround, 'solution de contournement');
    set('no_workaround', !context.workaround, 'pas de contournement');
  }
  if (context.noRush !== undefined) set('no_rush', context.noRush, 'pas urgent');
  if (context.urgent === true) set('no_rush', false, '');
}

function scoreIntent(intent: CompiledIntent, weights: Float64Array): IntentMatch | undefined {
  let best: IntentMatch | undefined;
  for (const clause of intent.clauses) {
    let score = 0;
    let ok = clause.length > 0;
    for (const group of clause) {
      let top = -1;
      for (const c of group) {
        const w = weights[c] ?? -1;
        if (w > top) top = w;
      }
      if (top < 0) {
        ok = false;
        break;
      }
      score += top;
    }
    if (!ok) continue;
    score += 0.25 * clause.length + intent.boost;
    if (!best || score > best.score) {
      best = { intent, score, groups: clause.length, total: score, firstObject: 0 };
    }
  }
  return best;
}

function wordsOf(intent: CompiledIntent, found: MessageMatches, contextWords: Map<number, string[]>): string[] {
  const words: string[] = [];
  for (const m of found.matches) if (intent.conceptSet.has(m.concept)) words.push(m.words.join(' '));
  for (const [c, w] of contextWords) if (intent.conceptSet.has(c)) words.push(...w);
  return [...new Set(words)];
}

function firstObjectOf(intent: CompiledIntent, firstPosition: Map<number, number>): number {
  let first = Number.MAX_SAFE_INTEGER;
  for (const c of intent.objectConcepts) first = Math.min(first, firstPosition.get(c) ?? first);
  return first;
}

function wordsOfConcept(found: MessageMatches, cues: Cues, name: string): string[] {
  const c = cues.concept(name);
  return [...new Set(found.matches.filter((m) => m.concept === c).map((m) => m.words.join(' ')))];
}

function scopeWords(found: MessageMatches, cues: Cues): string[] {
  return ['scope_site', 'scope_company', 'scope_department', 'production_stopped'].flatMap((n) =>
    wordsOfConcept(found, cues, n),
  );
}

function toRule(match: IntentMatch, found: MessageMatches, contextWords: Map<number, string[]>): MatchedRule {
  return {
    id: match.intent.id,
    rule: match.intent.rule,
    matched: wordsOf(match.intent, found, contextWords),
    score: Math.round(match.score * 100) / 100,
  };
}

function roleRule(intent: CompiledIntent, matched: string[]): MatchedRule {
  return { id: intent.id, rule: intent.rule, matched, score: 0 };
}

function scopeOf(cues: Cues, context: ClassificationContext): Scope | undefined {
  if (context.scope !== undefined) return context.scope;
  if (cues.has('scope_one')) return 'one_user';
  if (cues.has('scope_company')) return 'company';
  if (cues.has('scope_site') || cues.has('production_stopped')) return 'site';
  if (cues.has('scope_department') || cues.has('scope_several')) return 'team';
  return undefined;
}

const OUTAGE = new Set([
  'broken',
  'unreachable',
  'no_start',
  'cut',
  'cannot',
  'absence',
  'negated',
  'production_stopped',
]);
function isOutage(compiled: CompiledIntents, concept: number): boolean {
  return OUTAGE.has(compiled.lexicon.conceptNames[concept] ?? '');
}

function voteDomain(compiled: CompiledIntents, present: Set<number>): Domain | undefined {
  const votes = { informatique: 0, telecom: 0 };
  for (const c of present) {
    const d = compiled.concepts[c]?.domain;
    if (d) votes[d] += compiled.concepts[c]?.weight ?? 1;
  }
  if (votes.telecom === 0 && votes.informatique === 0) return undefined;
  return votes.telecom > votes.informatique ? 'telecom' : 'informatique';
}

function categoryOf(
  compiled: CompiledIntents,
  intent: CompiledIntent | undefined,
  present: Set<number>,
): { category: string; subcategory?: string } {
  if (intent && intent.category !== 'Autre') {
    return intent.subcategory === undefined
      ? { category: intent.category }
      : { category: intent.category, subcategory: intent.subcategory };
  }
  let top: { category: string; subcategory?: string; weight: number } | undefined;
  for (const c of present) {
    const concept = compiled.concepts[c];
    if (concept?.kind !== 'object' || !concept.category) continue;
    if (!top || concept.weight > top.weight) {
      top = { category: concept.category, weight: concept.weight };
      if (concept.subcategory !== undefined) top.subcategory = concept.subcategory;
    }
  }
  if (!top) return { category: intent?.category ?? 'Autre' };
  return top.subcategory === undefined
    ? { category: top.category }
    : { category: top.category, subcategory: top.subcategory };
}
