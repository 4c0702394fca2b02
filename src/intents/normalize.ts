import type { LanguageLexicon } from './schema.js';

/** A word of a message after normalization, with what the negation rules found about it. */
export interface Token {
  /** Lower case, accents folded, digits for spelled-out numbers; "|" for a clause boundary. */
  form: string;
  /** In the scope of a negation ("ne marche pas": "marche"). */
  negated: boolean;
  /** Named as NOT the subject ("ce n'est pas l'imprimante": "imprimante"). */
  excluded: boolean;
}

/** The clause boundary token: phrases never match across it. */
export const BOUNDARY = '|';

/** Folds case and accents and splits a text into words and clause boundaries. */
export function foldText(text: string): string[] {
  // "Olivier V. (dir. commercial)": the period of a short abbreviation before a word in lower
  // case ends no clause.
  let folded = (text.includes('.') ? text.replace(ABBREVIATION, '$1$2') : text).toLowerCase();
  // Only text outside plain ASCII needs the slower folding passes.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is the ASCII test itself.
  if (/[^\x00-\x7f]/.test(folded)) {
    folded = folded
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae')
      .replace(/[’‘´]/g, "'");
  }
  if (folded.includes("'") || folded.includes('`') || folded.includes('cannot')) {
    folded = folded
      .replace(/`/g, "'")
      // English contractions become words the negation rules know ("doesn't" → "does not").
      .replace(/\bwon't\b/g, 'will not')
      .replace(/\bcan't\b/g, 'can not')
      .replace(/\bcannot\b/g, 'can not')
      .replace(/n't\b/g, ' not');
  }
  // Elisions and possessives ("l'imprimante" → "l imprimante"), clause punctuation, the rest: one
  // pass over the characters (this runs for every message and every phrase of the intents).
  const words: string[] = [];
  let start = -1;
  let boundary = false;
  for (let i = 0; i <= folded.length; i++) {
    const code = i < folded.length ? folded.charCodeAt(i) : 32;
    const wordChar = (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
    if (wordChar) {
      if (start === -1) {
        if (boundary && words[words.length - 1] !== BOUNDARY) words.push(BOUNDARY);
        boundary = false;
        start = i;
      }
      continue;
    }
    let drive = false;
    if (start !== -1) {
      // "le P:", "the S: drive": a network drive named by its letter reads "lecteur p" ("C:" and
      // "D:" are a computer's own disks).
      drive =
        code === COLON && i - start === 1 && folded.charCodeAt(start) >= E_CODE && folded.charCodeAt(start) <= Z_CODE;
      const previous = words[words.length - 1];
      if (drive && previous !== DRIVE_WORD && previous !== 'drive') words.push(DRIVE_WORD);
      words.push(folded.slice(start, i));
      start = -1;
    }
    if (CLAUSE_PUNCTUATION.has(code) && !drive) boundary = true;
  }
  if (boundary && words.length > 0 && words[words.length - 1] !== BOUNDARY) words.push(BOUNDARY);
  return words;
}

/** Participles and adjectives of state, folded ("attribué", "accessible", "branchées"). */
const STATE_ENDING = /(e|es|ee|ees|ible|ibles|able|ables|ed)$/;
const ABBREVIATION = /\b(\p{L}{1,4})\.(\s+)(?=\p{Ll})/gu;
const COLON = ':'.charCodeAt(0);
const E_CODE = 'e'.charCodeAt(0);
const Z_CODE = 'z'.charCodeAt(0);
/** The word a drive letter is read with ("le P:" → "le lecteur p"), as in concepts.yaml. */
const DRIVE_WORD = 'lecteur';

/** Punctuation that ends a clause: phrases never match across it. */
const CLAUSE_PUNCTUATION = new Set([...'.,;:!?()[]{}…—–|'].map((c) => c.charCodeAt(0)));

/** The compiled language rules: sets for fast membership tests. */
export interface LanguageRules {
  fillers: Set<string>;
  multiFillers: string[][];
  multiFillerStarts: Set<string>;
  numbers: Map<string, number>;
  unmarkedContractions: Map<string, string>;
  frOpeners: Set<string>;
  frClosers: Set<string>;
  enMarkers: Set<string>;
  enAuxiliaries: Set<string>;
  notSymptoms: Set<string>;
  excludingVerbs: Set<string>;
  skipAfterExclusion: Set<string>;
  /** "ne … que": the words that make "ne" mean only ("ne garde que 7 jours"). */
  frRestrictive: Set<string>;
  /** The words that open a purpose ("pour que", "so that"), by their first word. */
  purpose: Map<string, string[][]>;
  exclusionStops: Set<string>;
  hintsFr: Set<string>;
  hintsEn: Set<string>;
  delayBefore: Set<string>;
  delayUnits: Map<string, number>;
  noRushAfterDays: number;
  closings: Set<string>;
  quoteHeaders: string[];
  /** "je vous transfère la demande ci-dessous", "Fwd:": the history quoted is the request. */
  forwards: string[];
  headerFields: Set<string>;
  /** Contrast and cause words together ("mais", "et depuis"), by their first word. */
  clauseMarkers: Map<string, string[][]>;
  /** The words that open a cause clause ("depuis que", "ever since"), by their first word. */
  causeOpeners: Map<string, string[][]>;
  timeWords: Set<string>;
  pastAuxiliaries: Set<string>;
  recentPast: Set<string>;
  /** French auxiliaries, whose participle a negation reaches past its closer. */
  auxiliaries: Set<string>;
  pronouns: Set<string>;
  locatives: Set<string>;
  partOf: Set<string>;
  others: Map<string, string[][]>;
  /** "les autres", "the others" with no noun: the others only when said to work right after. */
  othersAlone: Map<string, string[][]>;
  /** "the scanners or PCs": words that join two things named alike. */
  coordinators: Set<string>;
  /** Past participles that do not end like most ("fait", "mis", "done"). */
  participles: Set<string>;
  /** What one tries to find a fault ("essayé", "redémarré"; "swapped", "rebooted"). */
  attempts: { fr: Set<string>; en: Set<string>; words: number; stopAt: { fr: Set<string>; en: Set<string> } };
  /** Words between an auxiliary and its participle ("déjà", "bien"), and the pronouns. */
  betweenAuxiliary: Set<string>;
  /** "le Dell avec toute la compta": before "tout", what a thing holds, not who is affected. */
  holds: Set<string>;
  /** Before "only mine", "que moi": the negation that says it is not the writer alone. */
  notOnly: Set<string>;
  /** Between an absence and what is absent, words that only stress it ("plus du tout de"). */
  absenceStress: Set<string>;
  /** "… are working normally": the things up to `window` words before are said to work. */
  working: { phrases: Map<string, string[][]>; window: number };
  /** How many words apart a computer and the management may be for the computer to be theirs. */
  managementNear: number;
  /** How many words before a workaround's may be its means, in a clause of their own. */
  workaroundClause: number;
  /** A visit planned ("lors de votre passage"): what follows in its clause is its other purpose. */
  visits: Map<string, string[][]>;
  /** Determiners only ever plural ("les PC"), whatever the noun's ending. */
  pluralOnlyDeterminers: Set<string>;
  /** "un", "a": before a thing asked for, one more. */
  indefinites: Set<string>;
  /** "l'autre", "the other": one that exists. */
  otherOnes: Set<string>;
  /** "détectée", "found": after a quantified thing, a message shown. */
  detected: Set<string>;
  /** "M.", "Dr": a title before a name. */
  honorifics: Set<string>;
  /** "c'est notre", "she's our": what follows says who someone is. */
  identifies: Map<string, string[][]>;
  /** Before a workaround's words, these make them no workaround ("le logiciel que j'utilise"). */
  notWorkarounds: { after: Set<string>; subjects: Set<string> };
  /** A later date (`dates`) after a need in its clause or right after `before` is a deadline. */
  deadlines: { dates: Set<string>; needs: Set<string>; before: Set<string>; soon: Set<string> };
  fine: Map<string, string[][]>;
  selfIntro: Map<string, string[][]>;
  ownPossessives: Set<string>;
  otherPossessives: Set<string>;
  /** partOf and skipAfterExclusion together: what may stand between a part and its whole. */
  partOfOrDeterminer: Set<string>;
  /** …and the locatives: what a qualifier never starts with. */
  linking: Set<string>;
  negativeSubjects: Map<string, string[][]>;
  modals: Set<string>;
  onePerson: Set<string>;
  noneAfter: Set<string>;
  pluralDeterminers: Set<string>;
  determiners: Set<string>;
  /** "le", "mon", "the", "my": before "nouveau", "new", a thing that exists, not one asked for. */
  definiteDeterminers: Set<string>;
  outputs: Set<string>;
  /** How far what a device shows runs after "affiche", and the words that end it sooner. */
  shownMessage: { words: number; endsAt: Set<string> };
  meanwhile: Set<string>;
  stillWorks: Set<string>;
  quantifiers: string[][];
  whole: Set<string>;
  complete: string[][];
  groupFrom: number;
}

/** Compiles language.yaml into the sets the tokenizer uses. */
export function compileLanguage(lexicon: LanguageLexicon): LanguageRules {
  const split = (w: string) => foldText(w).filter((t) => t !== BOUNDARY);
  const set = (words: string[]) => new Set(words.flatMap(split));
  /** Each phrase folded whole ("merci d avance"), for lookups of a joined phrase. */
  const phrases = (words: string[]) => new Set(words.map((w) => split(w).join(' ')));
  const units = new Map<string, number>();
  for (const w of lexicon.delay.days) units.set(split(w).join(' '), 1);
  for (const w of lexicon.delay.weeks) units.set(split(w).join(' '), 7);
  for (const w of lexicon.delay.months) units.set(split(w).join(' '), 30);
  return {
    fillers: new Set(
      lexicon.fillers
        .map(split)
        .filter((w) => w.length === 1)
        .map((w) => w[0] ?? ''),
    ),
    multiFillers: lexicon.fillers.map(split).filter((w) => w.length > 1),
    multiFillerStarts: new Set(
      lexicon.fillers
        .map(split)
        .filter((w) => w.length > 1)
        .map((w) => w[0] ?? ''),
    ),
    numbers: new Map(Object.entries(lexicon.numbers).map(([w, n]) => [split(w).join(' '), n])),
    unmarkedContractions: new Map(Object.entries(lexicon.unmarkedContractions)),
    frOpeners: set(lexicon.negation.frOpeners),
    frClosers: set(lexicon.negation.frClosers),
    enMarkers: set(lexicon.negation.enMarkers),
    enAuxiliaries: set(lexicon.negation.enAuxiliaries),
    notSymptoms: set(lexicon.negation.notSymptoms),
    excludingVerbs: set(lexicon.negation.excludingVerbs),
    skipAfterExclusion: set(lexicon.negation.skipAfterExclusion),
    purpose: byFirstWord(lexicon.negation.purpose.map(split)),
    frRestrictive: set(lexicon.negation.frRestrictive),
    exclusionStops: set(lexicon.negation.exclusionStops),
    hintsFr: set(lexicon.hints.fr),
    hintsEn: set(lexicon.hints.en),
    delayBefore: phrases(lexicon.delay.before),
    delayUnits: units,
    noRushAfterDays: lexicon.delay.noRushAfterDays,
    closings: phrases(lexicon.email.closings),
    quoteHeaders: lexicon.email.quoteHeaders.map((w) => split(w).join(' ')),
    forwards: lexicon.email.forwards.map((w) => split(w).join(' ')),
    headerFields: phrases(lexicon.email.headerFields),
    clauseMarkers: byFirstWord([...lexicon.clauses.contrast, ...lexicon.clauses.cause].map(split)),
    causeOpeners: byFirstWord(lexicon.clauses.causeOpeners.map(split)),
    timeWords: set(lexicon.clauses.timeWords),
    pastAuxiliaries: set(lexicon.clauses.pastAuxiliaries),
    recentPast: set(lexicon.clauses.recentPast),
    auxiliaries: set(lexicon.negation.frAuxiliaries),
    pronouns: set(lexicon.clauses.pronouns),
    locatives: set(lexicon.clauses.locatives),
    partOf: set(lexicon.clauses.partOf),
    others: byFirstWord(lexicon.clauses.others.map(split)),
    othersAlone: byFirstWord(lexicon.clauses.othersAlone.map(split)),
    coordinators: set(lexicon.clauses.coordinators),
    participles: set(lexicon.clauses.participles),
    attempts: {
      fr: set(lexicon.clauses.attempts.fr),
      en: set(lexicon.clauses.attempts.en),
      words: lexicon.clauses.attempts.words,
      stopAt: { fr: set(lexicon.clauses.attempts.stopAt.fr), en: set(lexicon.clauses.attempts.stopAt.en) },
    },
    betweenAuxiliary: set([...lexicon.clauses.betweenAuxiliary, ...lexicon.clauses.pronouns]),
    holds: set(lexicon.clauses.holds),
    notOnly: set(lexicon.clauses.notOnly),
    absenceStress: set(lexicon.clauses.absenceStress),
    working: {
      phrases: byFirstWord(lexicon.clauses.working.phrases.map(split)),
      window: lexicon.clauses.working.window,
    },
    managementNear: lexicon.clauses.managementNear,
    workaroundClause: lexicon.clauses.workaroundClause,
    visits: byFirstWord(lexicon.clauses.visits.map(split)),
    pluralOnlyDeterminers: set(lexicon.clauses.pluralOnlyDeterminers),
    indefinites: set(lexicon.clauses.indefinites),
    otherOnes: set(lexicon.clauses.otherOnes),
    detected: set(lexicon.clauses.detected),
    honorifics: set(lexicon.clauses.honorifics),
    identifies: byFirstWord(lexicon.clauses.identifies.map(split)),
    notWorkarounds: {
      after: set(lexicon.clauses.notWorkarounds.after),
      subjects: set(lexicon.clauses.notWorkarounds.subjects),
    },
    deadlines: {
      dates: set(lexicon.clauses.deadlines.dates),
      needs: set(lexicon.clauses.deadlines.needs),
      before: set(lexicon.clauses.deadlines.before),
      soon: set(lexicon.clauses.deadlines.soon),
    },
    fine: byFirstWord(lexicon.clauses.fine.map(split)),
    selfIntro: byFirstWord(lexicon.clauses.selfIntro.map(split)),
    ownPossessives: set(lexicon.clauses.ownPossessives),
    otherPossessives: set(lexicon.clauses.otherPossessives),
    partOfOrDeterminer: set([...lexicon.clauses.partOf, ...lexicon.negation.skipAfterExclusion]),
    linking: set([...lexicon.clauses.partOf, ...lexicon.negation.skipAfterExclusion, ...lexicon.clauses.locatives]),
    negativeSubjects: byFirstWord(lexicon.clauses.negativeSubjects.map(split)),
    modals: set(lexicon.clauses.modals),
    onePerson: set(lexicon.clauses.onePerson),
    noneAfter: set(lexicon.clauses.noneAfter),
    pluralDeterminers: set(lexicon.clauses.pluralDeterminers),
    determiners: set(lexicon.clauses.determiners),
    definiteDeterminers: set(lexicon.clauses.definiteDeterminers),
    outputs: set(lexicon.clauses.outputs),
    shownMessage: { words: lexicon.clauses.shownMessage.words, endsAt: set(lexicon.clauses.shownMessage.endsAt) },
    meanwhile: phrases(lexicon.clauses.meanwhile),
    stillWorks: phrases(lexicon.clauses.stillWorks),
    quantifiers: lexicon.clauses.quantifiers.map(split),
    whole: set(lexicon.clauses.whole),
    complete: lexicon.clauses.complete.map(split),
    groupFrom: lexicon.clauses.groupFrom,
  };
}

/** Word sequences indexed by their first word, so that a scan tests one word per position. */
/** The word sequence (of those indexed by their first word) that starts at `p`, if one does. */
export function sequenceStartingAt(
  tokens: readonly Token[],
  p: number,
  sequences: Map<string, string[][]>,
): string[] | undefined {
  return sequences.get(tokens[p]?.form ?? '')?.find((words) => words.every((w, n) => tokens[p + n]?.form === w));
}

function byFirstWord(sequences: string[][]): Map<string, string[][]> {
  const map = new Map<string, string[][]>();
  for (const words of sequences) {
    const first = words[0];
    if (first === undefined) continue;
    map.set(first, [...(map.get(first) ?? []), words]);
  }
  return map;
}

/**
 * Turns a message into tokens: folded words without fillers ("euh", "du coup"), numbers as digits,
 * negation scopes and exclusions marked. Works the same on chat, e-mail and speech transcripts
 * (no punctuation, no accents).
 */
export function tokenize(text: string, rules: LanguageRules): Token[] {
  const words = foldText(messageBody(text, rules));
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const multi = rules.multiFillerStarts.has(word) ? matchMultiFiller(words, i, rules.multiFillers) : 0;
    if (multi > 0) {
      i += multi - 1;
      continue;
    }
    if (rules.fillers.has(word)) continue;
    const auxiliary = rules.unmarkedContractions.get(word);
    if (auxiliary !== undefined) {
      kept.push(auxiliary, 'not');
      continue;
    }
    const n = rules.numbers.get(word);
    kept.push(n === undefined ? word : String(n));
  }
  const tokens: Token[] = kept.map((form) => ({ form, negated: false, excluded: false }));
  markNegation(tokens, rules);
  unmarkPurpose(tokens, rules);
  markExclusion(tokens, rules);
  return tokens;
}

/**
 * "pouvez-vous régler le firewall pour que le wifi invités ne voie plus le NAS", "so that guests
 * can't see the NAS": what a purpose clause negates is the result asked for, not what fails. Its
 * words, up to the clause's end, are not negated.
 */
function unmarkPurpose(tokens: Token[], rules: LanguageRules): void {
  for (let p = 0; p < tokens.length; p++) {
    const opener = sequenceStartingAt(tokens, p, rules.purpose);
    if (!opener) continue;
    let q = p + opener.length;
    while (q < tokens.length && tokens[q]?.form !== BOUNDARY) {
      (tokens[q] as Token).negated = false;
      q++;
    }
    p = q;
  }
}

/**
 * The text an e-mail's author wrote for this message: without the signature that follows a
 * closing line ("Cordialement,") and without the history it quotes ("> …", "Le 3 mars, Support a
 * écrit :", "-----Message d'origine-----", "De : …"). Header lines before the text ("Objet : …") are
 * the message's own and stay. A one-line message is returned as it is.
 */
export function messageBody(text: string, rules: LanguageRules): string {
  if (!text.includes('\n')) return text;
  const lines = text.split(/\r?\n/);
  const { end } = ownTextEnd(lines, rules);
  const body = lines.slice(0, end).join('\n');
  if (body.trim() === '') return text;
  // "Je vous transfère la demande de ma responsable ci-dessous": what is forwarded is the request.
  if (end < lines.length) {
    const own = ` ${foldLine(body)} `;
    if (rules.forwards.some((f) => own.includes(` ${f} `))) return text;
  }
  return body;
}

/**
 * "Cordialement,\nPhilippe Garnier\nAssocié gérant": the line under the name that opens the
 * signature after a closing, when it reads as a role (short, no number nor address), else undefined.
 */
export function signatureRole(text: string, rules: LanguageRules): string | undefined {
  if (!text.includes('\n')) return undefined;
  const lines = text.split(/\r?\n/);
  const { end, closing } = ownTextEnd(lines, rules);
  if (!closing) return undefined;
  const block: string[] = [];
  for (let i = end + 1; i < lines.length && block.length < 2; i++) {
    const raw = (lines[i] ?? '').trim();
    if (raw.startsWith('>') || (raw === '' && block.length > 0)) break;
    if (raw !== '') block.push(raw);
  }
  const [name, role] = block;
  if (name === undefined || role === undefined || !NAME_LINE.test(name)) return undefined;
  return role.length <= SIGNATURE_ROLE_MAX_LENGTH && !/[\d@]/.test(role) ? role : undefined;
}

const NAME_LINE = /^[\p{Lu}][\p{L}'’-]*( [\p{Lu}][\p{L}'’.-]*){0,3}$/u;
const SIGNATURE_ROLE_MAX_LENGTH = 60;

/** Where an e-mail's own text ends, and whether a closing line ends it. */
function ownTextEnd(lines: string[], rules: LanguageRules): { end: number; closing: boolean } {
  let end = lines.length;
  let closing = false;
  let seenText = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? '').trim();
    if (raw === '') continue;
    const quoted = raw.startsWith('>');
    const header = !quoted && isQuoteHeader(raw, rules);
    // "Objet : …", "De : …" before any text are the message's own header, not a quoted one.
    if (!seenText && header) continue;
    if (quoted || raw === '--' || header) {
      end = i;
      break;
    }
    // A closing ends the text only once something was said ("Merci," alone as a first line is
    // not). Closings are short: longer lines are the message itself and are not folded here.
    if (seenText && raw.length <= CLOSING_MAX_LENGTH && rules.closings.has(foldLine(raw))) {
      end = i;
      closing = true;
      break;
    }
    // "Shot,", "Take care," then a name, a role and a company: a closing of one or two words of
    // any kind, known by the short signature lines that follow it to the end.
    if (seenText && /^[^\s,]+( [^\s,]+)?,$/.test(raw) && isSignature(lines.slice(i + 1))) {
      end = i;
      closing = true;
      break;
    }
    seenText = true;
  }
  return { end, closing };
}

/** The longest closing line looked at ("Merci et bonne journée à vous,"). */
const CLOSING_MAX_LENGTH = 40;

/** A signature: a few short lines (name, role, company, phone), none of them a sentence of the message. */
function isSignature(lines: string[]): boolean {
  const filled = lines.map((l) => l.trim()).filter((l) => l !== '');
  return (
    filled.length > 0 &&
    filled.length <= SIGNATURE_MAX_LINES &&
    filled.every((l) => l.length <= SIGNATURE_LINE_MAX_LENGTH && !/[.?!]$/.test(l))
  );
}

const SIGNATURE_MAX_LINES = 6;
const SIGNATURE_LINE_MAX_LENGTH = 80;

function foldLine(line: string): string {
  return foldText(line)
    .filter((w) => w !== BOUNDARY)
    .join(' ');
}

function isQuoteHeader(raw: string, rules: LanguageRules): boolean {
  // "Le 3 mars, Support a écrit :", "-----Message d'origine-----", "De : Support".
  if (raw.endsWith(':') || raw.startsWith('--')) {
    const folded = foldLine(raw);
    if (rules.quoteHeaders.some((h) => folded.endsWith(h) || (h.includes(' ') && folded.includes(h)))) return true;
  }
  const field = /^([^:]{1,12}):/.exec(raw)?.[1];
  return field !== undefined && rules.headerFields.has(foldLine(field));
}

function matchMultiFiller(words: string[], at: number, fillers: string[][]): number {
  for (const filler of fillers) {
    let ok = true;
    for (let k = 0; k < filler.length && ok; k++) ok = words[at + k] === filler[k];
    if (ok) return filler.length;
  }
  return 0;
}

function markNegation(tokens: Token[], rules: LanguageRules): void {
  for (let i = 0; i < tokens.length; i++) {
    const form = tokens[i]?.form ?? '';
    if (rules.frOpeners.has(form)) {
      // "ne … pas": the words up to the closer (at most 3); without a closer, the next word.
      let closer = -1;
      let restrictive = false;
      for (let k = i + 1; k <= i + 4 && k < tokens.length; k++) {
        const f = tokens[k]?.form ?? '';
        if (f === BOUNDARY) break;
        if (rules.frClosers.has(f)) {
          closer = k;
          break;
        }
        // "ne garde que 7 jours", "n'imprime qu'en noir": "ne … que" says only, not not.
        if (rules.frRestrictive.has(f)) {
          restrictive = true;
          break;
        }
      }
      if (restrictive) continue;
      const end = closer === -1 ? Math.min(i + 1, tokens.length - 1) : closer - 1;
      for (let k = i + 1; k <= end; k++) negate(tokens[k]);
      // "n'est plus reconnu", "n'a pas démarré": after an auxiliary, the participle is negated too.
      if (closer !== -1 && rules.auxiliaries.has(tokens[closer - 1]?.form ?? '')) negate(tokens[closer + 1]);
    } else if (rules.frClosers.has(form) && i > 0) {
      // Spoken French drops the "ne": "ça marche pas", "il s'allume plus".
      const previous = tokens[i - 1];
      if (previous && previous.form !== BOUNDARY && !rules.frOpeners.has(previous.form)) negate(previous);
    } else if (rules.enMarkers.has(form)) {
      const previous = tokens[i - 1];
      if (previous && rules.enAuxiliaries.has(previous.form)) negate(previous);
      // "does not work", "is not working", "not able to connect", "no longer works".
      for (let k = i + 1; k <= i + 3 && k < tokens.length; k++) {
        const t = tokens[k];
        if (!t || t.form === BOUNDARY) break;
        negate(t);
      }
    }
  }
}

function negate(token: Token | undefined): void {
  if (token && token.form !== BOUNDARY) token.negated = true;
}

function markExclusion(tokens: Token[], rules: LanguageRules): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t?.negated || !rules.excludingVerbs.has(t.form)) continue;
    // "ce n'est pas l'imprimante", "it's not the printer", "ne vient pas du serveur".
    let k = i + 1;
    while (k < tokens.length && (rules.frClosers.has(tokens[k]?.form ?? '') || tokens[k]?.form === 'not')) k++;
    // "le dossier n'est pas dans la sauvegarde": where a thing is not, not a thing set aside.
    if (rules.locatives.has(tokens[k]?.form ?? '')) continue;
    // "le numéro n'est pas attribué", "P: n'est pas accessible": a state said, not a thing set aside.
    const next = tokens[k]?.form ?? '';
    if (!rules.skipAfterExclusion.has(next) && STATE_ENDING.test(next)) continue;
    while (k < tokens.length && rules.skipAfterExclusion.has(tokens[k]?.form ?? '')) k++;
    for (let n = 0; n < 3 && k < tokens.length; n++, k++) {
      const excluded = tokens[k];
      if (!excluded || excluded.form === BOUNDARY || rules.exclusionStops.has(excluded.form)) break;
      excluded.excluded = true;
    }
  }
}

/** Whether the message reads as English rather than French (French on a tie). */
export function detectLanguage(tokens: Token[], rules: LanguageRules): 'fr' | 'en' {
  let fr = 0;
  let en = 0;
  for (const t of tokens) {
    if (rules.hintsFr.has(t.form)) fr++;
    if (rules.hintsEn.has(t.form)) en++;
  }
  return en > fr ? 'en' : 'fr';
}

/**
 * The longest delay the message names after "dans", "in", "avant"… ("dans 10 jours", "in 2 weeks"),
 * in days, or undefined.
 */
export function statedDelayDays(tokens: Token[], rules: LanguageRules): number | undefined {
  let longest: number | undefined;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const one = tokens[i]?.form ?? '';
    // A delay needs a number right after its preposition: most words are skipped at once.
    if (!/^\d/.test(tokens[i + 1]?.form ?? '') && !/^\d/.test(tokens[i + 2]?.form ?? '')) continue;
    const two = `${one} ${tokens[i + 1]?.form ?? ''}`;
    const start = rules.delayBefore.has(two) ? i + 2 : rules.delayBefore.has(one) ? i + 1 : -1;
    if (start === -1) continue;
    const amount = Number(tokens[start]?.form);
    const unit = rules.delayUnits.get(tokens[start + 1]?.form ?? '');
    if (!Number.isFinite(amount) || unit === undefined) continue;
    const days = amount * unit;
    longest = longest === undefined ? days : Math.max(longest, days);
  }
  return longest;
}
