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
import { CODE_CONCEPTS, CODE_GROUPS } from './references.js';

/** Below this confidence the classification carries the questions that would settle it. */
export const QUESTION_THRESHOLD = 0.6;

/**
 * How sure a classification is, by what supports it: a rule that matched with nothing against
 * it, a rule with a rival of another type or priority close behind, a rule contradicted by the
 * other type's words, or no rule at all (the seed's catch-all bullets).
 */
export const CONFIDENCE = { clear: 0.9, rivalled: 0.7, contradicted: 0.5, fallback: 0.35 } as const;
/** How much a part's domain vote counts beside its whole's (see voteDomain). */
const PART_VOTE = 0.9;
/** A rival whose score is within this much of the best one makes the classification "rivalled". */
const RIVAL_MARGIN = 0.5;

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

/** What the message says, once the dialog's answers are added: what the seed's rules read. */
interface Facts {
  present: Set<number>;
  has: (name: string) => boolean;
  evidence: Record<TicketType, number>;
  scope: Scope | undefined;
  /** People counted, a whole team or department ("nous sommes neuf", "l'équipe paie au complet"). */
  group: boolean;
  outage: boolean;
  workaround: boolean | undefined;
  noRush: boolean;
  contextWords: Map<number, string[]>;
}

/** The priority as the rules leave it, with the rules and notes that explain it. */
interface Decision {
  priority: 1 | 2 | 3 | 4;
  rules: MatchedRule[];
  notes: Bilingual[];
}

/**
 * Applies the seed's rules to the concepts found, in the seed's order: the intent that describes
 * the message best gives the type and its bullet's priority; then, for an incident, the rules that
 * change a priority (a whole site or department, a workaround, no rush), for a request the
 * long-term rule and the cap at priority 2; then the domain, the queue, how sure it is, the
 * questions that would settle it, and the reason.
 */
export function decide(compiled: CompiledIntents, policy: Policy, input: DecisionInput): Classification {
  const { found, context } = input;
  const facts = readFacts(compiled, input);
  const candidates = rankIntents(compiled, facts, found, context);
  const best = candidates[0];
  const notes: Bilingual[] = [];

  let type: TicketType;
  if (best) type = best.intent.type;
  else if (context.type) type = context.type;
  else if (facts.evidence.request > facts.evidence.incident) type = 'request';
  else {
    type = 'incident';
    if (context.asked?.includes('type')) {
      // Asked once already: the answer did not settle it, so the seed's default, said as such.
      notes.push({
        fr: 'faute de réponse claire, le ticket est traité comme un incident (ce qui ne fonctionne pas comme il le devrait)',
        en: 'without a clear answer, the ticket is handled as an incident (something not working as it should)',
      });
    }
  }
  if (facts.scope === undefined && context.asked?.includes('scope')) {
    facts.scope = 'one_user';
    notes.push({
      fr: 'faute de réponse claire, un seul utilisateur est considéré comme concerné',
      en: 'without a clear answer, a single user is taken as affected',
    });
  }

  const base =
    best?.intent ?? (type === 'incident' ? compiled.byRole.fallbackIncident : compiled.byRole.fallbackRequest);
  const decision: Decision = {
    priority: (base?.priority ?? 4) as Decision['priority'],
    rules: best ? [toRule(best, found, facts)] : base ? [{ id: base.id, rule: base.rule, matched: [], score: 0 }] : [],
    notes,
  };
  const rulesInOrder = type === 'incident' ? INCIDENT_RULES : REQUEST_RULES;
  for (const rule of rulesInOrder) rule({ compiled, facts, found, best, decision });
  if (!best) {
    notes.push({ fr: 'aucune règle précise ne correspond au message', en: 'no specific rule matches the message' });
  }
  // Other rules of the same type and priority that the message also matches back the decision.
  for (const other of candidates.slice(1)) {
    if (decision.rules.length >= 3) break;
    if (other.intent.type !== type || other.intent.priority !== decision.priority) continue;
    if (decision.rules.some((r) => r.id === other.intent.id)) continue;
    decision.rules.push(toRule(other, found, facts));
  }

  const domainFromVotes = voteDomain(compiled, facts.present);
  const domain: Domain = context.domain ?? best?.intent.domain ?? domainFromVotes ?? 'informatique';
  const domainKnown =
    context.domain !== undefined || best?.intent.domain !== undefined || domainFromVotes !== undefined;
  const queue = policy.queues.find((q) => q.domain === domain)?.id ?? '';
  const { category, subcategory } = categoryOf(compiled, best?.intent ?? base, facts.present);

  const rival = candidates.find(
    (c) => c !== best && (c.intent.type !== best?.intent.type || c.intent.priority !== best?.intent.priority),
  );
  const otherType: TicketType = type === 'incident' ? 'request' : 'incident';
  const confidence = !best
    ? CONFIDENCE.fallback
    : facts.evidence[otherType] > facts.evidence[type]
      ? CONFIDENCE.contradicted
      : rival && best.total - rival.total < RIVAL_MARGIN
        ? CONFIDENCE.rivalled
        : CONFIDENCE.clear;

  const questions = confidence < QUESTION_THRESHOLD ? questionsFor(type, decision, facts, context, domainKnown) : [];
  const label = PRIORITIES[decision.priority - 1] as Priority;
  const priorityLabel = policy.priorities[label].label;
  const reasons = explain({
    type,
    priority: decision.priority,
    label: { fr: priorityLabel.fr.toLowerCase(), en: priorityLabel.en.toLowerCase() },
    decisive: decision.rules[0],
    base: best?.intent ?? base,
    compiled,
    notes: decision.notes,
  });

  const result: Classification = {
    type,
    priority: label,
    priorityNumber: decision.priority,
    domain,
    queue,
    category,
    confidence,
    domainKnown,
    noRush: facts.noRush,
    rules: decision.rules,
    reason: reasons.fr,
    reasons,
    questions,
    language: input.language,
  };
  if (subcategory !== undefined) result.subcategory = subcategory;
  if (facts.scope !== undefined) result.scope = facts.scope;
  if (facts.workaround !== undefined) result.workaround = facts.workaround;
  return result;
}

/** One rule of the seed that may change the priority the intent gave. */
type PriorityRule = (step: {
  compiled: CompiledIntents;
  facts: Facts;
  found: MessageMatches;
  best: IntentMatch | undefined;
  decision: Decision;
}) => void;

/**
 * Seed 000, P1: "Tout incident impactant directement l'activité de l'entreprise, d'un site complet
 * ou d'un département entier". People counted, a department, or machines named as a group are
 * always that; "tout le monde" or "personne" alone is, except where the bullet already covers a
 * thing everyone shares (a printer, the mail server, a network folder: `widespread: false`).
 */
const widespreadImpact: PriorityRule = ({ compiled, facts, found, best, decision }) => {
  const rule = compiled.byRole.widespread;
  if (!rule || decision.priority === 1 || !facts.outage || facts.scope === 'one_user') return;
  const broad = facts.scope === 'site' || facts.scope === 'company';
  const bulletAllows = !best || best.intent.widespread;
  // "aucun ordinateur de l'atelier", "none of the scanners": the machines the problem is about.
  // "le logiciel de caisse est figé sur les 4 caisses": software down on a group of machines.
  const hosts = compiled.groups.get(CODE_GROUPS.hosts);
  const onMachines =
    best?.intent.objectConcepts.includes(compiled.named.app) === true &&
    [...found.groupedObjects].some((c) => hosts?.has(c));
  const machines = best
    ? onMachines || best.intent.objectConcepts.some((c) => found.groupedObjects.has(c))
    : found.groupedObjects.size > 0;
  if (facts.group || machines || (broad && bulletAllows)) {
    decision.priority = 1;
    decision.rules.unshift(roleRule(rule, scopeWords(compiled, found)));
  } else if (!best && facts.scope === 'team') {
    // Not one user, not a whole department: the SLA sheet's "incident gênant" (normale).
    decision.priority = 3;
    decision.notes.push({ fr: 'plusieurs collaborateurs sont concernés', en: 'several employees are affected' });
  }
};

/**
 * Seed 000, P4: "… pouvant être contourné par une solution temporaire" for a priority-3 incident;
 * a priority 1–2 one with a workaround is the SLA sheet's "Moyen — solution de backup possible".
 */
const temporaryWorkaround: PriorityRule = ({ compiled, facts, found, decision }) => {
  if (facts.workaround !== true || facts.noRush) return;
  if (decision.priority <= 2) {
    decision.priority = 3;
    decision.notes.push({ fr: 'une solution de contournement existe', en: 'a workaround exists' });
  } else if (decision.priority === 3 && compiled.byRole.workaround) {
    decision.priority = 4;
    decision.rules.unshift(roleRule(compiled.byRole.workaround, wordsOfConcept(compiled, found, 'workaround')));
  }
};

/**
 * Seed 000, P4: "Tout incident pour lequel le client indique clairement qu'il n'a pas besoin de
 * résolution rapide ou pour lequel un rendez-vous a été convenu plus tard que dans les 5 jours".
 */
const noQuickFixNeeded: PriorityRule = ({ compiled, facts, found, decision }) => {
  if (!facts.noRush || decision.priority === 4 || !compiled.byRole.noRush) return;
  decision.priority = 4;
  decision.rules.unshift(roleRule(compiled.byRole.noRush, wordsOfConcept(compiled, found, 'no_rush')));
};

/**
 * Seed 000, request P4: "Toute demande dont on peut raisonnablement prévoir qu'elle ne pourra pas
 * être résolue dans un délai de moins d'une semaine" (migrating every mailbox, replacing every PC
 * of a site), whatever the change it is made of.
 */
const longTermRequest: PriorityRule = ({ compiled, facts, found, decision }) => {
  const rule = compiled.byRole.longTerm;
  if (!rule || decision.priority === 4 || !facts.has('long_project')) return;
  decision.priority = 4;
  decision.rules.unshift(roleRule(rule, wordsOfConcept(compiled, found, 'long_project')));
};

/** Seed 000: "Il n'y a pas de requête avec priorité critique. Le plus haut niveau est 2". */
const noCriticalRequest: PriorityRule = ({ decision }) => {
  if (decision.priority === 1) decision.priority = 2;
};

const INCIDENT_RULES: PriorityRule[] = [widespreadImpact, temporaryWorkaround, noQuickFixNeeded];
const REQUEST_RULES: PriorityRule[] = [longTermRequest, noCriticalRequest];

/** The concepts found, with the dialog's answers added, and what the rules read from them. */
function readFacts(compiled: CompiledIntents, input: DecisionInput): Facts {
  const { found, context } = input;
  // Copied only when the dialog's answers change it.
  const present = Object.keys(context).length === 0 ? found.present : new Set(found.present);
  const contextWords = new Map<number, string[]>();
  const set = (name: string, on: boolean, why: string) => {
    const c = compiled.conceptIndex.get(name);
    if (c === undefined) return;
    if (on) {
      present.add(c);
      contextWords.set(c, [why]);
    } else present.delete(c);
  };
  if (context.management === true) set(CODE_CONCEPTS.management, true, 'contact de la direction');
  if (context.scope !== undefined) {
    const byScope = {
      one_user: CODE_CONCEPTS.scopeOne,
      team: CODE_CONCEPTS.scopeSeveral,
      site: CODE_CONCEPTS.scopeSite,
      company: CODE_CONCEPTS.scopeCompany,
    };
    for (const name of [...Object.values(byScope), CODE_CONCEPTS.scopeDepartment]) set(name, false, '');
    set(byScope[context.scope], true, `portée : ${context.scope}`);
  }
  if (context.workaround !== undefined) {
    set(CODE_CONCEPTS.workaround, context.workaround, 'solution de contournement');
    set(CODE_CONCEPTS.noWorkaround, !context.workaround, 'pas de contournement');
  }
  if (context.noRush !== undefined) set(CODE_CONCEPTS.noRush, context.noRush, 'pas urgent');
  if (context.urgent === true) set(CODE_CONCEPTS.noRush, false, '');

  const has = (name: string) => {
    const c = compiled.conceptIndex.get(name);
    return c !== undefined && present.has(c);
  };
  const evidence = { incident: 0, request: 0 };
  for (const c of present) {
    const concept = compiled.concepts[c];
    if (concept?.signal) evidence[concept.signal] += concept.weight;
  }
  const outageGroup = compiled.groups.get(CODE_GROUPS.outage) ?? new Set<number>();
  const delayNoRush = input.delayDays !== undefined && input.delayDays > compiled.language.noRushAfterDays;
  const scope = scopeOf(has, context);
  return {
    present,
    has,
    evidence,
    scope,
    group: context.scope === undefined ? has(CODE_CONCEPTS.scopeDepartment) : false,
    outage: someIn(present, outageGroup),
    workaround:
      context.workaround ??
      (has(CODE_CONCEPTS.noWorkaround) ? false : has(CODE_CONCEPTS.workaround) ? true : undefined),
    noRush:
      context.noRush ??
      (context.urgent === true ? false : has(CODE_CONCEPTS.noRush) || (delayNoRush && !has(CODE_CONCEPTS.urgent))),
    contextWords,
  };
}

/** The intents the message matches, best first. */
function rankIntents(
  compiled: CompiledIntents,
  facts: Facts,
  found: MessageMatches,
  context: ClassificationContext,
): IntentMatch[] {
  // Weight of each present concept by index (-1: absent), for the intents' inner loop.
  const weights = new Float64Array(compiled.concepts.length).fill(-1);
  for (const c of facts.present) weights[c] = compiled.concepts[c]?.weight ?? 1;
  const firstPosition = new Map<number, number>();
  for (const m of found.matches) if (!firstPosition.has(m.concept)) firstPosition.set(m.concept, m.start);
  const candidates: IntentMatch[] = [];
  for (const intent of compiled.intents) {
    if (context.type && intent.type !== context.type) continue;
    // "le NAS n'apparaît plus, les autres postes ça va": not the shared thing, the writer's own access.
    if (intent.shared && facts.scope === 'one_user') continue;
    const match = scoreIntent(intent, weights);
    if (!match) continue;
    // The words of the message that point to the intent's type add to it, the other type's subtract.
    const other = intent.type === 'incident' ? 'request' : 'incident';
    match.total = match.score + 0.5 * facts.evidence[intent.type] - 0.3 * facts.evidence[other];
    match.firstObject = firstObjectOf(intent, firstPosition);
    candidates.push(match);
  }
  return candidates.sort((a, b) => {
    if (Math.abs(b.total - a.total) > 1e-9) return b.total - a.total;
    return a.firstObject - b.firstObject || b.groups - a.groups || a.intent.priority - b.intent.priority;
  });
}

/**
 * The questions that would settle an unsure classification, most useful first; never one the
 * dialog already asked (its answer, or the default said in the reason, stands).
 */
function questionsFor(
  type: TicketType,
  decision: Decision,
  facts: Facts,
  context: ClassificationContext,
  domainKnown: boolean,
): ClarifyingQuestion[] {
  const asked = new Set(context.asked ?? []);
  const questions: ClarifyingQuestion[] = [];
  if (context.type) return questions;
  // Incident or request is asked only when nothing specific matched: a thing described as
  // misbehaving is an incident by the seed's definition, without asking.
  if (decision.rules.every((r) => r.matched.length === 0)) questions.push('type');
  if (type === 'incident') {
    const { priority } = decision;
    if (context.scope === undefined && facts.scope === undefined && priority > 1) questions.push('scope');
    if (context.workaround === undefined && facts.workaround === undefined && priority > 1 && priority < 4) {
      questions.push('workaround');
    }
    if (context.urgent === undefined && !facts.noRush && priority === 4) questions.push('urgency');
  }
  if (!domainKnown && context.domain === undefined) questions.push('domain');
  return questions.filter((q) => !asked.has(q));
}

function someIn(present: Set<number>, group: Set<number>): boolean {
  for (const c of present) if (group.has(c)) return true;
  return false;
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

function wordsOf(intent: CompiledIntent, found: MessageMatches, facts: Facts): string[] {
  const words: string[] = [];
  for (const m of found.matches)
    if (intent.conceptSet.has(m.concept) && m.words.length > 0) words.push(m.words.join(' '));
  for (const [c, w] of facts.contextWords) if (intent.conceptSet.has(c)) words.push(...w);
  return [...new Set(words)];
}

function firstObjectOf(intent: CompiledIntent, firstPosition: Map<number, number>): number {
  let first = Number.MAX_SAFE_INTEGER;
  for (const c of intent.objectConcepts) first = Math.min(first, firstPosition.get(c) ?? first);
  return first;
}

function wordsOfConcept(compiled: CompiledIntents, found: MessageMatches, name: string): string[] {
  const c = compiled.conceptIndex.get(name);
  return [...new Set(found.matches.filter((m) => m.concept === c).map((m) => m.words.join(' ')))];
}

function scopeWords(compiled: CompiledIntents, found: MessageMatches): string[] {
  const grouped = found.matches.filter((m) => found.groupedObjects.has(m.concept)).map((m) => m.words.join(' '));
  return [
    ...new Set([
      ...[
        CODE_CONCEPTS.scopeSite,
        CODE_CONCEPTS.scopeCompany,
        CODE_CONCEPTS.scopeDepartment,
        CODE_CONCEPTS.productionStopped,
      ].flatMap((n) => wordsOfConcept(compiled, found, n)),
      ...grouped,
    ]),
  ];
}

function toRule(match: IntentMatch, found: MessageMatches, facts: Facts): MatchedRule {
  return {
    id: match.intent.id,
    rule: match.intent.rule,
    matched: wordsOf(match.intent, found, facts),
    score: Math.round(match.score * 100) / 100,
  };
}

function roleRule(intent: CompiledIntent, matched: string[]): MatchedRule {
  return { id: intent.id, rule: intent.rule, matched, score: 0 };
}

function scopeOf(has: (name: string) => boolean, context: ClassificationContext): Scope | undefined {
  if (context.scope !== undefined) return context.scope;
  if (has(CODE_CONCEPTS.scopeOne)) return 'one_user';
  if (has(CODE_CONCEPTS.scopeCompany)) return 'company';
  if (has(CODE_CONCEPTS.scopeSite) || has(CODE_CONCEPTS.productionStopped)) return 'site';
  if (has(CODE_CONCEPTS.scopeDepartment) || has(CODE_CONCEPTS.scopeSeveral)) return 'team';
  return undefined;
}

/**
 * The domain the things named point to, each by its weight. A part ("le casque", "la batterie")
 * weighs a little less than its whole: on a tie with a whole named ("le combiné de mon poste
 * grésille, je prends le casque", "mon DECT n'a plus de batterie") the whole's domain wins; alone,
 * a part is its own.
 */
function voteDomain(compiled: CompiledIntents, present: Set<number>): Domain | undefined {
  const votes = { informatique: 0, telecom: 0 };
  const parts = compiled.groups.get(CODE_GROUPS.parts);
  for (const c of present) {
    const d = compiled.concepts[c]?.domain;
    if (d) votes[d] += (compiled.concepts[c]?.weight ?? 1) * (parts?.has(c) ? PART_VOTE : 1);
  }
  if (votes.telecom === 0 && votes.informatique === 0) return undefined;
  // A tie goes to telephony: a handset or a line named is the more specific of the two.
  return votes.telecom >= votes.informatique ? 'telecom' : 'informatique';
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
