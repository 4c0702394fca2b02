import { jaroWinkler, levenshtein, stemEn, stemFr } from './natural.js';
import { BOUNDARY, foldText } from './normalize.js';
import type { Concept } from './schema.js';

/**
 * The concepts' words compiled once into a trie of keys, so that matching a message costs one
 * lookup per word and phrase. A word's keys are its exact form ("w:pc"), its French stem
 * ("fr:imprim") and its English stem ("en:printer"); a negated word also has the same keys
 * prefixed with "!".
 */
export interface TrieNode {
  children: Map<string, TrieNode>;
  /** Concepts whose term ends here. */
  concepts: number[];
}

/** Keys of one word of a message, computed once and cached. */
export interface WordKeys {
  plain: string[];
  negated: string[];
}

/** In a term, a count of people or machines large enough to be a group. */
const COUNT_MARK = '#';
const COUNT_KEY = 'n:#';

/** Words shorter than this are matched by their exact form only (stems of "pc", "vpn" are noise). */
const MIN_STEMMED = 4;
/** Words at least this long are matched with a typo; twice the distance from FUZZY_TWO on. */
const FUZZY_ONE = 6;
const FUZZY_TWO = 11;
const FUZZY_MIN_SIMILARITY = 0.9;
/** The cache of word keys is cleared past this size, so a long-running server stays bounded. */
const CACHE_LIMIT = 50_000;

export class Lexicon {
  readonly root: TrieNode = { children: new Map(), concepts: [] };
  readonly conceptNames: string[];
  private readonly knownKeys = new Set<string>();
  /** The same folded forms, for an exact lookup. */
  private readonly knownForms = new Set<string>();
  /** Short one-word terms ("vpn", "3cx", "tse"), that a transcript may spell letter by letter. */
  private readonly spelledForms = new Set<string>();
  /** Folded forms of the concepts' words, by length, for typo tolerance. */
  private readonly vocabulary = new Map<number, string[]>();
  private readonly cache = new Map<string, WordKeys>();

  /**
   * @param groupFrom a number from which "#" in a term matches it: "nous sommes #" matches
   *   "nous sommes 9" (language.yaml, `clauses.groupFrom`).
   */
  constructor(
    concepts: Record<string, Concept>,
    private readonly groupFrom = Number.POSITIVE_INFINITY,
  ) {
    this.conceptNames = Object.keys(concepts);
    this.conceptNames.forEach((name, index) => {
      const concept = concepts[name];
      if (!concept) return;
      for (const term of concept.fr) this.addTerm(term, 'fr', index);
      for (const term of concept.en) this.addTerm(term, 'en', index);
    });
  }

  private addTerm(term: string, language: 'fr' | 'en', concept: number): void {
    const path: string[] = [];
    for (const raw of term.split(/\s+/)) {
      if (raw === COUNT_MARK) {
        path.push(COUNT_KEY);
        continue;
      }
      const negated = raw.startsWith('!') || raw.startsWith('=!') || raw.startsWith('!=');
      const exact = raw.includes('=');
      const parts = foldText(raw.replace(/[!=]/g, '')).filter((w) => w !== BOUNDARY);
      parts.forEach((part, i) => {
        let key = exact || part.length < MIN_STEMMED ? `w:${part}` : stemKey(part, language);
        if (negated && i === parts.length - 1) key = `!${key}`;
        path.push(key);
        this.knownKeys.add(key.replace(/^!/, ''));
        if (part.length >= FUZZY_ONE && /^[a-z]+$/.test(part)) this.addVocabulary(part);
        if (parts.length === 1 && part.length >= 2 && part.length <= 4 && /[a-z]/.test(part))
          this.spelledForms.add(part);
      });
    }
    let node = this.root;
    for (const key of path) {
      let next = node.children.get(key);
      if (!next) {
        next = { children: new Map(), concepts: [] };
        node.children.set(key, next);
      }
      node = next;
    }
    if (!node.concepts.includes(concept)) node.concepts.push(concept);
  }

  private addVocabulary(word: string): void {
    this.knownForms.add(word);
    const list = this.vocabulary.get(word.length) ?? [];
    if (!list.includes(word)) list.push(word);
    this.vocabulary.set(word.length, list);
  }

  /**
   * The keys of two words written as one known word ("out look", "a crobat", "team viewer": a
   * transcript splits a name it does not know), or undefined when their join is no known word.
   */
  joinedKeys(first: string, second: string): WordKeys | undefined {
    // Only long plain words are known forms (addVocabulary): one lookup settles it.
    const form = first + second;
    return this.knownForms.has(form) ? this.keys(form) : undefined;
  }

  /** The keys of a short term spelled letter by letter ("v p n", "3 c x"), or undefined. */
  spelledKeys(form: string): WordKeys | undefined {
    return this.spelledForms.has(form) ? this.keys(form) : undefined;
  }

  /** The keys of one folded word, with a typo corrected when the word is unknown and long. */
  keys(form: string): WordKeys {
    const cached = this.cache.get(form);
    if (cached) return cached;
    let plain = rawKeys(form);
    if (/^\d+$/.test(form)) {
      if (Number(form) >= this.groupFrom) plain.push(COUNT_KEY);
    } else if (!plain.some((k) => this.knownKeys.has(k))) {
      const corrected = this.correct(form);
      if (corrected !== undefined) plain = rawKeys(corrected);
    }
    const keys = { plain, negated: plain.map((k) => `!${k}`) };
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(form, keys);
    return keys;
  }

  /** The known word closest to `form`, if it is close enough to be a typo or a mis-heard word. */
  private correct(form: string): string | undefined {
    if (form.length < FUZZY_ONE || !/^[a-z]+$/.test(form)) return undefined;
    const maxDistance = form.length >= FUZZY_TWO ? 2 : 1;
    let best: string | undefined;
    let bestScore = 0;
    for (let length = form.length - maxDistance; length <= form.length + maxDistance; length++) {
      for (const candidate of this.vocabulary.get(length) ?? []) {
        if (candidate === form) continue;
        const similarity = jaroWinkler(form, candidate);
        if (similarity < FUZZY_MIN_SIMILARITY || similarity <= bestScore) continue;
        const distance = levenshtein(form, candidate);
        // Two letters swapped ("imprimnate") is one slip, whatever the length.
        const swapped = distance === 2 && transposed(form, candidate);
        if (!swapped && (distance > maxDistance || (distance === 1 && !plausibleTypo(form, candidate)))) continue;
        best = candidate;
        bestScore = similarity;
      }
    }
    return best;
  }
}

/** Keyboard rows, QWERTY and AZERTY: a slip of the finger lands on a key next to the one meant. */
const KEY_ROWS = [
  ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'],
  ['azertyuiop', 'qsdfghjklm', 'wxcvbn'],
];

function neighbouringKeys(a: string, b: string): boolean {
  return KEY_ROWS.some((rows) =>
    rows.some((row, r) => {
      const i = row.indexOf(a);
      if (i < 0) return false;
      return [rows[r - 1], row, rows[r + 1]].some((other) => {
        const j = other?.indexOf(b) ?? -1;
        return j >= 0 && Math.abs(i - j) <= 1;
      });
    }),
  );
}

/**
 * Whether one edit turns `form` into `candidate` the way a typo does: a key next to the one meant
 * ("imprimamte"), a doubled letter typed once or twice ("redemare"), a letter left out inside a
 * long word ("ordinaeur"). A word that differs otherwise is another word or another form of it
 * ("clique" is no "claque", "disant" no "distant", "sometime" no "sometimes").
 */
function plausibleTypo(form: string, candidate: string): boolean {
  if (form.length === candidate.length) {
    let i = 0;
    while (form[i] === candidate[i]) i++;
    return neighbouringKeys(form[i] ?? '', candidate[i] ?? '');
  }
  const [long, short] = form.length > candidate.length ? [form, candidate] : [candidate, form];
  let i = 0;
  while (i < short.length && long[i] === short[i]) i++;
  const extra = long[i];
  if (long[i - 1] === extra || long[i + 1] === extra) return true;
  // "ajouté" for "ajouter": a French participle and its infinitive are one verb.
  if (long === `${short}r` && short.endsWith('e')) return true;
  return long.length >= LONG_WORD && i < long.length - 2;
}

/** Whether `a` and `b` differ by two neighbouring letters swapped. */
function transposed(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** From this length on, a letter left out inside the word is a typo. */
const LONG_WORD = 8;

function stemKey(word: string, language: 'fr' | 'en'): string {
  return language === 'fr' ? `fr:${stemFr.stem(word)}` : `en:${stemEn.stem(word)}`;
}

function rawKeys(form: string): string[] {
  const keys = [`w:${form}`];
  if (form.length >= MIN_STEMMED && /^[a-z]+$/.test(form)) keys.push(stemKey(form, 'fr'), stemKey(form, 'en'));
  return keys;
}
