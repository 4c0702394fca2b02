import { ErrorCode, GuichetError } from '../errors.js';
import { Lexicon } from './lexicon.js';
import { compileLanguage, type LanguageRules } from './normalize.js';
import { CODE_CONCEPTS } from './references.js';
import type { Concept, Intent, IntentSet } from './schema.js';

/** An intent with its clauses resolved to concept indices (groups expanded). */
export interface CompiledIntent extends Intent {
  /** Each clause: its groups; each group: the concept indices that satisfy it. */
  clauses: number[][][];
  /** Every concept its clauses name. */
  conceptSet: Set<number>;
  /** The concepts of kind object its clauses name. */
  objectConcepts: number[];
}

/** Everything the classifier needs, computed once from the intents folder. */
export interface CompiledIntents {
  lexicon: Lexicon;
  language: LanguageRules;
  concepts: Concept[];
  conceptIndex: Map<string, number>;
  /** The groups of concepts.yaml, as concept indices. */
  groups: Map<string, Set<number>>;
  /** The concepts the code reads by name (references.ts), as indices: -1 never matches. */
  named: Record<keyof typeof CODE_CONCEPTS, number>;
  intents: CompiledIntent[];
  /** Intents by role, for the rules the classifier applies on its own. */
  byRole: {
    widespread?: CompiledIntent;
    workaround?: CompiledIntent;
    noRush?: CompiledIntent;
    longTerm?: CompiledIntent;
    fallbackIncident?: CompiledIntent;
    fallbackRequest?: CompiledIntent;
  };
}

/** Compiles a validated intents folder: stems every keyword once and indexes it. */
export function compileIntents(set: IntentSet): CompiledIntents {
  const concepts: Record<string, Concept> = { ...set.concepts };
  const lexicon = new Lexicon(concepts, set.language.clauses.groupFrom);
  const conceptIndex = new Map(lexicon.conceptNames.map((name, i) => [name, i]));
  const resolve = (name: string, intent: Intent): number[] => {
    const names = name.startsWith('@') ? (set.groups[name.slice(1)] ?? []) : [name];
    return names.map((n) => {
      const index = conceptIndex.get(n);
      if (index === undefined) {
        throw new GuichetError(ErrorCode.PolicyInvalid, `intent "${intent.id}": "${n}" is not a concept`);
      }
      return index;
    });
  };
  const intents: CompiledIntent[] = set.intents.map((intent) => {
    const clauses = intent.when.map((clause) =>
      clause.map((group) => [...new Set(group.flatMap((n) => resolve(n, intent)))]),
    );
    const conceptSet = new Set(clauses.flat(2));
    const objectConcepts = [...conceptSet].filter((c) => concepts[lexicon.conceptNames[c] ?? '']?.kind === 'object');
    return { ...intent, clauses, conceptSet, objectConcepts };
  });
  const role = (r: Intent['role'], type?: Intent['type']) =>
    intents.find((i) => i.role === r && (type === undefined || i.type === type));
  const byRole: CompiledIntents['byRole'] = {};
  const assign = <K extends keyof CompiledIntents['byRole']>(key: K, value: CompiledIntent | undefined) => {
    if (value) byRole[key] = value;
  };
  assign('widespread', role('widespread', 'incident'));
  assign('workaround', role('workaround', 'incident'));
  assign('noRush', role('noRush', 'incident'));
  assign('longTerm', role('longTerm', 'request'));
  assign('fallbackIncident', role('fallback', 'incident'));
  assign('fallbackRequest', role('fallback', 'request'));
  const groups = new Map(
    Object.entries(set.groups).map(([name, members]) => [
      name,
      new Set(members.map((m) => conceptIndex.get(m)).filter((i) => i !== undefined)),
    ]),
  );
  const named = Object.fromEntries(
    Object.entries(CODE_CONCEPTS).map(([key, name]) => [key, conceptIndex.get(name) ?? -1]),
  ) as CompiledIntents['named'];
  return {
    lexicon,
    language: compileLanguage(set.language),
    concepts: lexicon.conceptNames.map((n) => concepts[n] as Concept),
    conceptIndex,
    groups,
    named,
    intents,
    byRole,
  };
}
