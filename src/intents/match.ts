import { type CompiledIntents, NEGATED_CONCEPT } from './compile.js';
import type { TrieNode, WordKeys } from './lexicon.js';
import { BOUNDARY, type Token } from './normalize.js';

/** One concept found in a message. */
export interface ConceptMatch {
  concept: number;
  /** Token range [start, end). */
  start: number;
  end: number;
  /** The words, as folded; empty when the fact came from the context. */
  words: string[];
}

/** The concepts found in a message, and the object words it excluded. */
export interface MessageMatches {
  matches: ConceptMatch[];
  /** Concepts matched at least once, for fast lookup. */
  present: Set<number>;
  excludedWords: string[];
}

/**
 * Finds the concepts of a message: at each word, the longest term of the trie that starts there
 * (so "serveur de messagerie" is the mail server, not a server), then on from its end. An object
 * named as not being the subject ("ce n'est pas l'imprimante") is dropped; a negated verb no
 * concept names becomes the weak symptom "negated".
 */
export function matchConcepts(tokens: Token[], compiled: CompiledIntents): MessageMatches {
  const { lexicon, concepts, language } = compiled;
  const matches: ConceptMatch[] = [];
  const excludedWords: string[] = [];
  const covered = new Uint8Array(tokens.length);
  const keys = tokens.map((t) => (t.form === BOUNDARY ? undefined : lexicon.keys(t.form)));
  const best: Walk = { length: 0, concepts: [], tokens, keys };
  const negatedConcept = compiled.conceptIndex.get(NEGATED_CONCEPT);
  let i = 0;
  while (i < tokens.length) {
    best.length = 0;
    best.concepts = [];
    walk(best, lexicon.root, i, 0);
    if (best.length === 0) {
      i++;
      continue;
    }
    const end = i + best.length;
    const words = tokens.slice(i, end).map((t) => t.form);
    const excluded = tokens.slice(i, end).some((t) => t.excluded);
    // "won't connect", "can't install": an action said in the negative describes what fails,
    // not a change asked for, so it counts as the weak symptom, like any other negated verb.
    const negatedAction = negatedConcept !== undefined && tokens.slice(i, end).every((t) => t.negated);
    for (const concept of best.concepts) {
      const kind = concepts[concept]?.kind;
      if (excluded && kind === 'object') {
        excludedWords.push(words.join(' '));
        continue;
      }
      if (negatedAction && kind === 'action') {
        matches.push({ concept: negatedConcept, start: i, end, words });
        continue;
      }
      matches.push({ concept, start: i, end, words });
    }
    covered.fill(1, i, end);
    i = end;
  }

  const negated = negatedConcept;
  if (negated !== undefined) {
    tokens.forEach((t, p) => {
      if (
        t.negated &&
        !covered[p] &&
        !language.notSymptoms.has(t.form) &&
        !language.frClosers.has(t.form) &&
        !language.skipAfterExclusion.has(t.form)
      ) {
        matches.push({ concept: negated, start: p, end: p + 1, words: [t.form] });
      }
    });
  }
  return { matches, present: new Set(matches.map((m) => m.concept)), excludedWords };
}

/** The state of the longest-match search at one position of the message. */
interface Walk {
  length: number;
  concepts: number[];
  tokens: Token[];
  keys: (WordKeys | undefined)[];
}

/** Follows every key of each word down the trie and keeps the longest terms found. */
function walk(best: Walk, node: TrieNode, position: number, depth: number): void {
  if (depth > 0 && node.concepts.length > 0) {
    if (depth > best.length) {
      best.length = depth;
      best.concepts = [...node.concepts];
    } else if (depth === best.length) {
      for (const c of node.concepts) if (!best.concepts.includes(c)) best.concepts.push(c);
    }
  }
  const k = best.keys[position];
  const token = best.tokens[position];
  if (!k || !token || node.children.size === 0) return;
  for (const key of k.plain) {
    const next = node.children.get(key);
    if (next) walk(best, next, position + 1, depth + 1);
  }
  if (token.negated) {
    for (const key of k.negated) {
      const next = node.children.get(key);
      if (next) walk(best, next, position + 1, depth + 1);
    }
  }
}
