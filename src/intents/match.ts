import type { CompiledIntents } from './compile.js';
import type { TrieNode, WordKeys } from './lexicon.js';
import { BOUNDARY, type LanguageRules, sequenceStartingAt, type Token } from './normalize.js';
import { CODE_GROUPS } from './references.js';

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
  /** Things named as not being the subject ("ce n'est pas l'imprimante"). */
  excludedWords: string[];
  /** Words read as context, not as the problem or the request (a cause, a host, a workaround). */
  contextWords: string[];
  /** Machines named as a group ("aucun ordinateur", "none of the scanners"), by concept. */
  groupedObjects: Set<number>;
}

/**
 * Finds the concepts of a message: at each word, the longest term of the trie that starts there
 * (so "serveur de messagerie" is the mail server, not a server), then on from its end. Then the
 * clause rules set context apart: an object named as not being the subject ("ce n'est pas
 * l'imprimante"), a change already made ("a été réinitialisé"), what comes before a contrast or a
 * cause when the problem comes after ("…, mais le serveur ne répond plus"), a host named after
 * "sur" or "on" ("installer Zoom sur le PC"), a brand after its thing ("softphone Wildix"), the
 * means of a workaround ("je passe par mon téléphone"), and the management named after someone
 * else's role ("le chauffeur du PDG"). Others read what the message adds: the others said to work
 * ("les autres postes ça va": only the writer), the business stopped ("on peut plus encaisser"), a
 * problem said absent ("pas de bug"), a repair asked, and a change asked right after a request
 * ("pouvez-vous l'ajouter"). A negated verb no concept names becomes the weak symptom
 * "negated"; a thing named with neither a symptom nor a change asked becomes "described".
 */
export function matchConcepts(
  tokens: Token[],
  compiled: CompiledIntents,
  language: 'fr' | 'en' = 'fr',
  signatureRole?: Token[],
): MessageMatches {
  const { lexicon, concepts, named } = compiled;
  const rules = compiled.language;
  const matches: ConceptMatch[] = [];
  const excludedWords: string[] = [];
  const covered = new Uint8Array(tokens.length);
  const keys = tokens.map((t) => (t.form === BOUNDARY ? undefined : lexicon.keys(t.form)));
  const best: Walk = { length: 0, concepts: [], tokens, keys };
  const kindOf = (c: number) => concepts[c]?.kind;
  let i = 0;
  while (i < tokens.length) {
    best.length = 0;
    best.concepts = [];
    walk(best, lexicon.root, i, 0);
    walkJoined(best, compiled, i);
    walkSpelled(best, compiled, i);
    if (best.length === 0) {
      i++;
      continue;
    }
    const end = i + best.length;
    const words: string[] = [];
    let excluded = false;
    let verbNegated = false;
    for (let p = i; p < end; p++) {
      const t = tokens[p] as Token;
      words.push(t.form);
      excluded ||= t.excluded;
      verbNegated ||= t.negated;
    }
    // "won't connect", "ne se connecte plus", "can't install": a verb said in the negative
    // describes what fails, not a change asked for: the weak symptom, like any negated verb.
    const actionNegated = tokens[end - 1]?.negated === true;
    // "le switch", "the update": a word that is both a thing and a change, after a determiner, is the thing.
    // "the new switch": past a "new" just matched.
    const newBefore = matches[matches.length - 1]?.end === i && matches[matches.length - 1]?.concept === named.new;
    const determiner = tokens[newBefore ? i - 2 : i - 1]?.form ?? '';
    const thing = best.concepts.some((c) => kindOf(c) === 'object') && rules.determiners.has(determiner);
    for (const concept of best.concepts) {
      const kind = kindOf(concept);
      if (thing && kind === 'action') continue;
      // "but I can't reach…", "je ne peux pas utiliser…": a workaround said in the negative is none.
      if (concept === named.workaround && actionNegated) continue;
      if (excluded && kind === 'object') {
        excludedWords.push(words.join(' '));
        continue;
      }
      if ((kind === 'action' && actionNegated) || (kind === 'verb' && verbNegated)) {
        matches.push({ concept: named.negated, start: i, end, words });
        continue;
      }
      // A verb said plainly ("se connecter") weighs nothing, but is kept: after "personne" or
      // "nobody" it is what fails.
      matches.push({ concept, start: i, end, words });
    }
    covered.fill(1, i, end);
    i = end;
  }

  tokens.forEach((t, p) => {
    if (
      t.negated &&
      !covered[p] &&
      !rules.notSymptoms.has(t.form) &&
      !rules.frClosers.has(t.form) &&
      !rules.skipAfterExclusion.has(t.form) &&
      // "il n'est pas dans la corbeille": where a thing is not is no symptom.
      !rules.locatives.has(t.form)
    ) {
      matches.push({ concept: named.negated, start: p, end: p + 1, words: [t.form] });
    } else if (!covered[p] && afterNobodyCan(tokens, p, rules)) {
      // "none of the scanners in the warehouse can reach the WMS": what nobody can do fails.
      matches.push({ concept: named.negated, start: p, end: p + 1, words: [t.form] });
    }
  });
  existingThings(tokens, matches, compiled);
  absentThings(tokens, matches, compiled);
  readStations(tokens, matches, compiled);
  unknownSoftware(tokens, matches, covered, compiled);
  matches.sort((a, b) => a.start - b.start || a.end - b.end);

  const reader = new ClauseReader(tokens, matches, compiled, language);
  let objects = 0;
  let changes = 0;
  for (const m of matches) {
    const kind = kindOf(m.concept);
    if (kind === 'object') objects++;
    else if (kind === 'action' || kind === 'verb') changes++;
  }
  // Each rule needs something to act on: most messages skip most of them.
  reader.wholeDepartments();
  reader.businessStopped();
  reader.noProblem();
  reader.othersFine();
  reader.notOnlyMe();
  reader.repairs();
  if (changes > 0) reader.askedChange();
  reader.newHandsets();
  if (changes > 0) reader.cannotThenChange();
  if (changes > 0 || matches.some((m) => m.concept === named.notOrdered)) reader.pastChanges();
  reader.attemptsMade();
  reader.titledOwners();
  reader.roleBeforeManagement();
  reader.managementsDevice();
  reader.rolesWhoLeave();
  reader.ownAccounts();
  if (objects > 1) {
    reader.hostsAfterLocatives();
    reader.qualifiersAndParts();
  }
  if (objects > 1) reader.shownMessages();
  reader.currently();
  if (objects > 1) reader.saidToWork();
  reader.deadlines();
  reader.visitPurposes();
  if (objects > 0) reader.workaroundMeans();
  reader.leadingCause();
  reader.contextBeforeContrast();
  const kept = matches.filter((_, m) => !reader.dropped[m]);
  const contextWords = matches.filter((_, m) => reader.dropped[m]).map((m) => m.words.join(' '));

  // "Mon ThinkPad ne démarre plus … Cordialement, Philippe Garnier, Associé gérant": the writer's
  // own computer, signed by a member of the management, is theirs.
  if (signatureRole && !kept.some((m) => m.concept === named.management)) {
    const own = kept.some(
      (m) =>
        compiled.groups.get(CODE_GROUPS.computers)?.has(m.concept) === true &&
        [m.start - 1, m.start - 2].some((p) => rules.ownPossessives.has(tokens[p]?.form ?? '')),
    );
    if (own && matchConcepts(signatureRole, compiled, language).present.has(named.management)) {
      kept.push({ concept: named.management, start: tokens.length, end: tokens.length, words: [] });
    }
  }
  const signals = kept.map((m) => concepts[m.concept]);
  const hasObject = kept.some((m) => kindOf(m.concept) === 'object');
  const hasSymptom = signals.some((c) => c?.kind === 'state' && c.signal === 'incident');
  const asksChange = signals.some((c) => c?.signal === 'request' || c?.kind === 'action');
  if (hasObject && !hasSymptom && !asksChange && named.described >= 0) {
    // The seed's definition: an incident is what does not work as it should. A thing described
    // without a symptom word and without a change asked ("le copieur plie toutes les feuilles")
    // is a behaviour reported.
    kept.push({ concept: named.described, start: tokens.length, end: tokens.length, words: [] });
  }
  return {
    matches: kept,
    present: new Set(kept.map((m) => m.concept)),
    excludedWords,
    contextWords,
    groupedObjects: reader.groupedDevices(kept),
  };
}

/** French participles, folded (-é, -ée, -és, -ées), and English ones (-ed). */
const PARTICIPLE_ENDING = /(e|es|ee|ees|ed)$/;

/** The clause rules, over the matches of one message; each marks the matches it sets apart. */
class ClauseReader {
  readonly dropped: boolean[];
  private readonly rules: LanguageRules;

  constructor(
    private readonly tokens: Token[],
    private readonly matches: ConceptMatch[],
    private readonly compiled: CompiledIntents,
    private readonly language: 'fr' | 'en',
  ) {
    this.dropped = matches.map(() => false);
    this.rules = compiled.language;
  }

  private kind(m: ConceptMatch) {
    return this.compiled.concepts[m.concept]?.kind;
  }

  private inGroup(m: ConceptMatch, group: string): boolean {
    return this.compiled.groups.get(group)?.has(m.concept) === true;
  }

  private form(p: number): string {
    return this.tokens[p]?.form ?? BOUNDARY;
  }

  private sameClause(from: number, to: number): boolean {
    for (let p = from; p < to; p++) if (this.form(p) === BOUNDARY) return false;
    return true;
  }

  /** The position before `p`, skipping the words of `skip`. */
  private back(p: number, skip: Set<string>): number {
    let k = p - 1;
    while (k >= 0 && skip.has(this.form(k))) k--;
    return k;
  }

  private forward(p: number, skip: Set<string>): number {
    let k = p;
    while (k < this.tokens.length && skip.has(this.form(k))) k++;
    return k;
  }

  private startsWith(p: number, words: string[]): boolean {
    return words.every((w, n) => this.form(p + n) === w);
  }

  /** Whether one of the word sequences (indexed by first word) starts at `p`. */
  private sequenceAt(p: number, sequences: Map<string, string[][]>): boolean {
    return sequenceStartingAt(this.tokens, p, sequences) !== undefined;
  }

  /** A state pointing to an incident: what is wrong ("ne répond plus", "lent", "affiche…"). */
  private isSymptom(m: ConceptMatch): boolean {
    const c = this.compiled.concepts[m.concept];
    return c?.kind === 'state' && c.signal === 'incident';
  }

  private has(concept: number): boolean {
    return this.matches.some((m) => m.concept === concept);
  }

  /** Adds matches a rule read (a scope, a stopped business, a change asked), kept. */
  private add(...matches: ConceptMatch[]): void {
    this.matches.push(...matches);
    this.dropped.push(...matches.map(() => false));
  }

  /** Where the clause holding `p` ends: at the next boundary. */
  private clauseEnd(p: number): number {
    let k = p;
    while (k < this.tokens.length && this.form(k) !== BOUNDARY) k++;
    return k;
  }

  /**
   * "tout le service", "the whole accounting team", "l'équipe paie au complet", "aucun des
   * médecins": a whole department. "tout le cabinet", "the whole shop": a whole site.
   */
  wholeDepartments(): void {
    const { department, scopeDepartment, siteName, scopeSite } = this.compiled.named;
    if (!this.has(department) && !this.has(siteName)) return;
    const added: ConceptMatch[] = [];
    for (const m of this.matches) {
      if (m.concept !== department && m.concept !== siteName) continue;
      // "le Dell avec toute la compta": what a thing holds, not the department.
      const before = [m.start - 1, m.start - 2, m.start - 3].some(
        (p) =>
          this.rules.whole.has(this.form(p)) && this.sameClause(p, m.start) && !this.rules.holds.has(this.form(p - 1)),
      );
      const after = [m.end, m.end + 1].some((p) => this.rules.complete.some((words) => this.startsWith(p, words)));
      if (!before && !after) continue;
      const concept = m.concept === department ? scopeDepartment : scopeSite;
      added.push({ concept, start: m.start, end: m.end, words: m.words });
    }
    this.add(...added);
  }

  /**
   * "pourriez-vous réinstaller Office ? Word plante", "can you reset the router? the wifi is gone":
   * with a symptom, making the thing work again is the incident, and the change in the same words
   * is not asked; without one ("pouvez-vous réinstaller Office"), it is a plain change.
   */
  repairs(): void {
    const { repair } = this.compiled.named;
    if (!this.has(repair)) return;
    const wrong = this.matches.some((m, i) => !this.dropped[i] && this.isSymptom(m));
    const spans = this.matches.filter((m) => m.concept === repair);
    this.matches.forEach((m, i) => {
      if (m.concept === repair) this.dropped[i] ||= !wrong;
      else if (wrong && this.kind(m) === 'action' && spans.some((r) => r.start <= m.start && m.end <= r.end)) {
        this.dropped[i] = true;
      }
    });
  }

  /** "est-ce que vous pouvez l'ajouter à la sauvegarde ?", "could you add…": the change asked. */
  askedChange(): void {
    const { ask, askedChange } = this.compiled.named;
    if (askedChange < 0) return;
    for (const a of this.matches) {
      if (a.concept !== ask) continue;
      // "est-il possible de le récupérer", "pouvez-vous l'ajouter": after "de" and the pronouns.
      let k = this.forward(a.end, this.rules.partOf);
      k = this.forward(k, this.rules.pronouns);
      const action = this.matches.find((m, i) => m.start === k && !this.dropped[i] && this.kind(m) === 'action');
      if (!action) continue;
      this.add({ concept: askedChange, start: a.start, end: action.end, words: [] });
      return;
    }
  }

  /** "un nouveau sans-fil Alcatel", "a second DECT handset": a phone right after "new". */
  newHandsets(): void {
    const { new: fresh, phone, newHandset, neutral, ask } = this.compiled.named;
    if (newHandset < 0) return;
    // "il lui faudrait un poste fixe là-bas", "we need a phone at the gate": one handset more.
    for (const n of this.matches) {
      if (n.concept !== phone || !this.rules.indefinites.has(this.form(n.start - 1))) continue;
      const k = this.back(n.start - 1, this.rules.pronouns);
      if (this.matches.some((a) => a.concept === ask && a.end === k + 1)) {
        this.add({ concept: newHandset, start: n.start, end: n.end, words: n.words });
        return;
      }
    }
    if (!this.has(fresh)) return;
    // Past the words that say nothing ("sans fil"), whatever else they also name.
    const skipped = (m: ConceptMatch) =>
      m.concept === fresh || this.matches.some((o) => o.concept === neutral && o.start === m.start && o.end === m.end);
    // "un nouveau portable" is a laptop as much as a phone: only a handset that is nothing else.
    const alsoElse = (m: ConceptMatch) =>
      this.matches.some(
        (o) => o.start === m.start && o.end === m.end && o.concept !== phone && this.kind(o) === 'object',
      );
    for (const n of this.matches) {
      if (n.concept !== fresh) continue;
      const next = this.matches.find((m) => m.start >= n.end && !skipped(m));
      if (next?.concept === phone && next.start - n.end <= 2 && !alsoElse(next)) {
        this.add({ concept: newHandset, start: next.start, end: next.end, words: next.words });
        return;
      }
      // "deux DECT en plus", "a handset extra": the phone right before.
      const before = this.matches.find((m) => m.concept === phone && m.end <= n.start && n.start - m.end <= 1);
      if (before && !alsoElse(before)) {
        this.add({ concept: newHandset, start: before.start, end: before.end, words: before.words });
        return;
      }
    }
  }

  /** "it's all the phones, not only mine", "pas que moi": the writer alone, said in the negative, is not. */
  notOnlyMe(): void {
    const { scopeOne } = this.compiled.named;
    if (!this.has(scopeOne)) return;
    this.matches.forEach((m, i) => {
      if (m.concept === scopeOne && this.rules.notOnly.has(this.form(m.start - 1))) this.dropped[i] = true;
    });
  }

  /** "les autres postes ça va", "ma voisine, elle, y arrive", "the others are fine": only the writer. */
  othersFine(): void {
    const { scopeOne } = this.compiled.named;
    if (scopeOne < 0 || this.has(scopeOne)) return;
    for (let p = 0; p < this.tokens.length; p++) {
      const alone = sequenceStartingAt(this.tokens, p, this.rules.othersAlone);
      if (alone) {
        // "others seem fine": one word may come between, not a thing ("les autres serveurs marchent").
        const next = p + alone.length;
        const thing = this.matches.some((m) => m.start === next && this.kind(m) === 'object');
        const q = (thing ? [next] : [next, next + 1]).find(
          (k) => this.form(k) !== BOUNDARY && sequenceStartingAt(this.tokens, k, this.rules.fine),
        );
        if (q !== undefined && !this.tokens[q]?.negated && !sequenceStartingAt(this.tokens, p, this.rules.others)) {
          this.add({ concept: scopeOne, start: p, end: q + 1, words: [] });
          return;
        }
      }
      const others = sequenceStartingAt(this.tokens, p, this.rules.others);
      if (!others) continue;
      // Within the sentence: a comma may stand between ("ma voisine, elle, y arrive").
      for (let q = p + others.length, seen = 0; q < this.tokens.length && seen < 6; q++, seen++) {
        if (this.form(q) === BOUNDARY) {
          if (this.form(q + 1) === BOUNDARY) break;
          continue;
        }
        const fine = sequenceStartingAt(this.tokens, q, this.rules.fine);
        if (fine && !this.tokens[q]?.negated) {
          this.add({ concept: scopeOne, start: p, end: q + fine.length, words: [] });
          return;
        }
        if (this.tokens[q]?.negated) break;
      }
    }
  }

  /**
   * "Internal applications (the ERP, shared drives) are working normally", "le P: et Vilogi
   * marchent": the things said just before to work are not what fails.
   */
  saidToWork(): void {
    const { window } = this.rules.working;
    for (let p = 0; p < this.tokens.length; p++) {
      const working = sequenceStartingAt(this.tokens, p, this.rules.working.phrases);
      if (!working || this.tokens[p]?.negated || this.tokens[p + working.length - 1]?.negated) continue;
      // Back to the nearest symptom: what comes before it is about that symptom.
      const symptom = Math.max(
        -1,
        ...this.matches.filter((m, i) => !this.dropped[i] && m.end <= p && this.isSymptom(m)).map((m) => m.end),
      );
      this.matches.forEach((m, i) => {
        if (this.kind(m) === 'object' && m.end <= p && m.start >= Math.max(p - window, symptom)) this.dropped[i] = true;
      });
    }
  }

  /** Whether the words from `p` say that something works ("… marchent", "… normalement", "… are fine"). */
  private saidFine(p: number): boolean {
    for (let q = p; q < this.tokens.length && q - p < 4 && this.form(q) !== BOUNDARY; q++) {
      if (this.tokens[q]?.negated) return false;
      if (sequenceStartingAt(this.tokens, q, this.rules.fine)) return true;
    }
    return false;
  }

  /** "pas de bug", "aucune erreur", "no error": a problem said to be absent is not a symptom. */
  noProblem(): void {
    const { absence } = this.compiled.named;
    this.matches.forEach((a, i) => {
      if (a.concept !== absence) return;
      const next = this.matches.findIndex((m) => m.start === a.end && m.concept !== absence && this.isSymptom(m));
      if (next < 0) return;
      this.dropped[i] = true;
      this.dropped[next] = true;
    });
  }

  /**
   * "on ne peut plus encaisser", "personne ne peut vendre", "on peut encaisser personne", "we can't
   * take payments": what the business does, said as no longer possible, is the business stopped.
   */
  businessStopped(): void {
    const { businessVerb, productionStopped, cannot } = this.compiled.named;
    if (!this.has(businessVerb)) return;
    const added: ConceptMatch[] = [];
    // "mon pc rame trop, impossible de bosser", "mon clavier répond plus, impossible de
    // travailler": with the writer's own computer or device named, "impossible de" has the writer
    // for subject.
    const own = this.matches.some(
      (d) =>
        (this.inGroup(d, 'computers') || this.inGroup(d, 'devices') || this.inGroup(d, 'countedDevices')) &&
        [d.start - 1, d.start - 2].some((p) => this.rules.ownPossessives.has(this.form(p))),
    );
    for (const m of this.matches) {
      if (m.concept !== businessVerb) continue;
      let k = m.start - 1;
      while (k >= 0 && (this.rules.frClosers.has(this.form(k)) || this.form(k) === 'not' || this.form(k) === 'a')) k--;
      const alone = [k - 1, k - 2].some((p) => this.rules.onePerson.has(this.form(p)));
      const modal = this.rules.modals.has(this.form(k)) && !alone;
      const negatedModal = modal && this.tokens[k]?.negated === true;
      const noneAfter = modal && k === m.start - 1 && this.rules.noneAfter.has(this.form(m.end));
      const afterCannot = this.matches.some(
        (c) => c.concept === cannot && c.end <= m.start && m.start - c.end <= 2 && this.sameClause(c.end, m.start),
      );
      let nobody = false;
      for (let p = Math.max(0, m.start - 5); p < m.start && !nobody; p++) {
        nobody = this.sequenceAt(p, this.rules.negativeSubjects) && this.sameClause(p, m.start) && modal;
      }
      if (negatedModal || noneAfter || (afterCannot && !alone && !own) || nobody) {
        added.push({ concept: productionStopped, start: m.start, end: m.end, words: m.words });
      }
    }
    this.add(...added);
  }

  /**
   * "impossible de m'y connecter", "je n'arrive pas à installer", "personne ne peut se connecter",
   * "nobody at the site can connect": the change or the verb is what fails.
   */
  cannotThenChange(): void {
    const { cannot, negated } = this.compiled.named;
    const subjects: number[] = [];
    for (let p = 0; p < this.tokens.length; p++) {
      if (this.sequenceAt(p, this.rules.negativeSubjects)) subjects.push(p);
    }
    for (const m of this.matches) {
      const kind = this.kind(m);
      if (kind !== 'action' && kind !== 'verb') continue;
      const afterCannot = this.matches.some(
        (c) => c.concept === cannot && c.end <= m.start && m.start - c.end <= 3 && this.sameClause(c.end, m.start),
      );
      // "none of the laptops in the training room can connect": with its modal right before, anywhere in the clause.
      const reach = this.rules.modals.has(this.form(m.start - 1)) ? this.tokens.length : 6;
      const afterNobody = subjects.some((p) => p < m.start && m.start - p <= reach && this.sameClause(p, m.start));
      if (afterCannot || afterNobody) m.concept = negated;
    }
  }

  /**
   * "mon mot de passe a été réinitialisé", "on a changé", "was reset": a change already made.
   * "on a commandé l'imprimante": what is already ordered is not "pas encore commandé".
   */
  pastChanges(): void {
    const { notOrdered } = this.compiled.named;
    this.matches.forEach((m, i) => {
      if (this.kind(m) !== 'action' && m.concept !== notOrdered) return;
      const k = this.back(m.start, this.rules.pronouns);
      const aux = this.form(k);
      // "la cartouche vient d'être changée": the recent past, a change already made.
      const recent = aux === 'etre' && this.form(k - 1) === 'd' && this.rules.recentPast.has(this.form(k - 2));
      if (!recent && !this.rules.pastAuxiliaries.has(aux) && !this.joinedToPast(k)) return;
      // "nous ne l'avons pas encore commandée": not done, so still to order.
      if (m.concept === notOrdered && this.tokens[k]?.negated) return;
      // "on a acheté un copieur": the participle is the first word of "acheter un".
      const verb = (m.concept === notOrdered ? m.words[0] : m.words[m.words.length - 1]) ?? '';
      // French participles end in -é(e)(s), folded to -e; an infinitive after "à" ("aider à
      // installer", folded to "a installer") is still a change asked for.
      const english = ['was', 'were', 'been', 'had', 'got', 've'].includes(aux);
      if (english || PARTICIPLE_ENDING.test(verb)) this.dropped[i] = true;
    });
  }

  /**
   * "Manon, notre stagiaire, aurait besoin d'accéder au dossier Sélections, son compte c'est
   * manon.s": a newcomer's account said to be theirs, with no creation asked in its clause, exists.
   */
  ownAccounts(): void {
    const { newcomer, account, create, new: fresh } = this.compiled.named;
    if (!this.has(newcomer) || !this.has(account)) return;
    const { ownPossessives, otherPossessives } = this.rules;
    this.matches.forEach((m, i) => {
      if (m.concept !== account || this.tokens[m.start]?.negated) return;
      const before = this.form(m.start - 1);
      if (!ownPossessives.has(before) && !otherPossessives.has(before)) return;
      const from = this.clauseStart(m.start);
      const to = this.clauseEnd(m.start);
      const created = this.matches.some(
        (c, j) => !this.dropped[j] && (c.concept === create || c.concept === fresh) && c.start >= from && c.start < to,
      );
      if (!created) this.dropped[i] = true;
    });
  }

  /**
   * "I swapped the patch lead and tried another port on the switch", "j'ai déjà essayé une
   * réparation de Sage": what the writer already tried, in a clause with no symptom, is context.
   */
  attemptsMade(): void {
    const { attempts, pastAuxiliaries, betweenAuxiliary } = this.rules;
    const { workaround } = this.compiled.named;
    for (let p = 0; p < this.tokens.length; p++) {
      const form = this.form(p);
      const english = attempts.en.has(form);
      if (!english && !(attempts.fr.has(form) && pastAuxiliaries.has(this.form(this.back(p, betweenAuxiliary)))))
        continue;
      const end = Math.min(this.clauseEnd(p), p + 1 + attempts.words);
      let stop = end;
      for (let q = p + 1; q < end; q++) {
        if (attempts.stopAt[this.language].has(this.form(q)) || this.sequenceAt(q, this.rules.clauseMarkers)) {
          stop = q;
          break;
        }
      }
      const tried = (m: ConceptMatch) => m.start > p && m.start < stop;
      // "j'ai essayé depuis le wifi de l'hôtel et depuis le partage de connexion, même résultat": a
      // means tried, in its clause, is no workaround unless it is said to work.
      const clause = this.clauseEnd(p);
      let works = false;
      for (let q = p + 1; q < clause && !works; q++) works = this.sequenceAt(q, this.rules.fine);
      if (!works) {
        this.matches.forEach((m, i) => {
          if (m.concept === workaround && m.start > p && m.start < clause) this.dropped[i] = true;
        });
      }
      if (this.matches.some((m, i) => !this.dropped[i] && tried(m) && this.isSymptom(m))) continue;
      // The things and changes tried; not who is affected, nor a workaround or a date.
      this.matches.forEach((m, i) => {
        const kind = this.kind(m);
        if (tried(m) && (kind === 'object' || kind === 'action' || kind === 'verb')) this.dropped[i] = true;
      });
    }
  }

  /**
   * "Windows affiche « P:\ n'est pas accessible » … Patrick Rousseau, Gérant": the management named
   * makes a computer theirs only when the computer is said to be someone's ("mon portable", "son
   * PC") or is named near them ("le portable de notre directeur", "our MD's laptop").
   */
  managementsDevice(): void {
    const { management } = this.compiled.named;
    const bosses = this.matches.filter((m) => m.concept === management);
    const devices = this.matches.filter((m) => this.inGroup(m, 'computers'));
    if (bosses.length === 0 || devices.length === 0) return;
    const { ownPossessives, otherPossessives, managementNear } = this.rules;
    const owned = devices.some((d) =>
      [d.start - 1, d.start - 2].some((p) => ownPossessives.has(this.form(p)) || otherPossessives.has(this.form(p))),
    );
    const near = devices.some((d) => bosses.some((b) => Math.abs(b.start - d.start) <= managementNear));
    // "le PC du Dr Roussel … (c'est notre médecin gérante)": the management said of someone named.
    const identified = bosses.some((b) =>
      [b.start - 1, b.start - 2, b.start - 3].some((p) => this.sequenceAt(p, this.rules.identifies)),
    );
    if (owned || near || identified) return;
    this.matches.forEach((m, i) => {
      if (m.concept === management) this.dropped[i] = true;
    });
  }

  /**
   * "le PC de M. Lemoine", "le portable de Madame Rivière": a computer named by its user's title
   * and name is a member of the management's (staff are named by their first name).
   */
  titledOwners(): void {
    const { management } = this.compiled.named;
    if (management < 0) return;
    for (const d of this.matches) {
      if (!this.inGroup(d, 'computers')) continue;
      const title = this.forward(d.end, this.rules.partOf);
      if (title === d.end || !this.rules.honorifics.has(this.form(title))) continue;
      this.add({ concept: management, start: title, end: title + 1, words: [this.form(title)] });
      return;
    }
  }

  /**
   * "the accounts of the two interns who left", "l'alternant qui nous quitte": a newcomer's role
   * with a leaver's words right after it is someone leaving.
   */
  rolesWhoLeave(): void {
    const { newcomer, leaver } = this.compiled.named;
    if (!this.has(leaver)) return;
    this.matches.forEach((m, i) => {
      if (m.concept !== newcomer) return;
      const leaving = this.matches.some(
        (l) => l.concept === leaver && l.start >= m.end && l.start - m.end <= 2 && this.sameClause(m.end, l.start),
      );
      if (leaving) this.dropped[i] = true;
    });
  }

  /**
   * "on a fait le nettoyage et changé le ruban": a participle joined by `k` (a coordinator) to a
   * past tense earlier in the clause is past too.
   */
  private joinedToPast(k: number): boolean {
    if (!this.rules.coordinators.has(this.form(k))) return false;
    for (let p = k - 1; p >= 0 && p >= k - 10 && this.form(p) !== BOUNDARY; p--) {
      if (!this.rules.pastAuxiliaries.has(this.form(p))) continue;
      const participle = this.form(p + 1);
      if (PARTICIPLE_ENDING.test(participle) || this.rules.participles.has(participle)) return true;
    }
    return false;
  }

  /**
   * "je suis le chauffeur du PDG", "l'assistante de direction": not the management's own device,
   * unless the device is said to be theirs ("…du directeur, son PC ne démarre plus"). "Je suis
   * l'assistante de M. Renaud (directeur). C'est mon PC": the writer is staff and the device
   * their own, wherever the management is named.
   */
  roleBeforeManagement(): void {
    const { management, staffRole } = this.compiled.named;
    if (!this.has(management) || !this.has(staffRole)) return;
    const skip = this.rules.partOfOrDeterminer;
    const devices = this.matches.filter((m) => this.inGroup(m, 'computers'));
    const ownedBy = (possessives: Set<string>) =>
      devices.some((d) => [d.start - 1, d.start - 2].some((p) => possessives.has(this.form(p))));
    const theirs = ownedBy(this.rules.otherPossessives);
    const writerIsStaff = this.matches.some((r) => {
      if (r.concept !== staffRole) return false;
      const k = this.back(r.start, this.rules.skipAfterExclusion);
      return [k, k - 1, k - 2].some(
        (p) => p >= 0 && sequenceStartingAt(this.tokens, p, this.rules.selfIntro)?.length === k - p + 1,
      );
    });
    const mine = writerIsStaff && ownedBy(this.rules.ownPossessives) && !theirs;
    this.matches.forEach((m, i) => {
      if (m.concept !== management) return;
      const k = this.back(m.start, skip);
      const roleBefore = this.matches.some((r) => r.concept === staffRole && r.end === k + 1 && k < m.start - 1);
      // "the CEO's driver": folded "ceo s driver".
      const after = this.form(m.end) === 's' ? m.end + 1 : -1;
      const roleAfter = after > 0 && this.matches.some((r) => r.concept === staffRole && r.start === after);
      if (mine || ((roleBefore || roleAfter) && !theirs)) this.dropped[i] = true;
    });
  }

  /** "installer Zoom sur le PC du directeur", "Teams crashes on my laptop": the host says where. */
  hostsAfterLocatives(): void {
    const skip = this.rules.skipAfterExclusion;
    this.matches.forEach((m, i) => {
      if (this.kind(m) !== 'object' || !this.inGroup(m, 'hosts')) return;
      const k = this.back(m.start, skip);
      if (k < 0 || !this.rules.locatives.has(this.form(k))) return;
      const subject = this.matches.some(
        (o, j) =>
          j !== i &&
          !this.dropped[j] &&
          this.kind(o) === 'object' &&
          o.concept !== m.concept &&
          o.end <= k &&
          this.sameClause(o.end, m.start),
      );
      if (subject) this.dropped[i] = true;
    });
  }

  /**
   * "softphone Wildix", "imprimante réseau": a thing named right after another thing qualifies
   * it. "l'écran de mon portable", "le casque de mon téléphone": a part is its whole's problem.
   */
  qualifiersAndParts(): void {
    const skip = this.rules.partOfOrDeterminer;
    const linking = this.rules.linking;
    this.matches.forEach((m, i) => {
      if (this.kind(m) !== 'object' || this.dropped[i]) return;
      // "access to the folder": a term that ends on a linking word is followed by its object.
      if (linking.has(m.words[m.words.length - 1] ?? '')) return;
      const next = this.forward(m.end, new Set(['s']));
      const j = this.matches.findIndex(
        (o, k) =>
          k !== i &&
          !this.dropped[k] &&
          o.start === next &&
          next <= m.end + 1 &&
          this.kind(o) === 'object' &&
          o.concept !== m.concept &&
          !linking.has(this.form(o.start)),
      );
      const o = this.matches[j];
      if (o) {
        // Side by side, a part is its whole's problem ("my laptop screen"); otherwise the head
        // comes first in French ("poste Alcatel"), last in English ("network printer").
        if (this.inGroup(m, 'parts') && this.inGroup(o, 'wholes')) this.dropped[i] = true;
        else if (this.inGroup(o, 'parts') && this.inGroup(m, 'wholes')) this.dropped[j] = true;
        else if (this.language === 'fr' && this.inGroup(m, 'qualified')) this.dropped[j] = true;
        else if (this.language === 'en' && this.inGroup(o, 'qualified')) this.dropped[i] = true;
        return;
      }
      if (!this.inGroup(m, 'parts') || !this.rules.partOf.has(this.form(m.end))) return;
      const whole = this.forward(m.end, skip);
      if (this.matches.some((w) => w.start === whole && this.inGroup(w, 'wholes'))) this.dropped[i] = true;
    });
  }

  /**
   * "le scan du Ricoh ne marche plus, il dit « échec de connexion au serveur SMB »", "Outlook shows
   * 'cannot reach the server'": the things named in what a device shows, once the device is named
   * before, are the message's words, not the subject. What it says is wrong stays a symptom.
   */
  shownMessages(): void {
    const { messageShown } = this.compiled.named;
    for (const shown of this.matches) {
      if (shown.concept !== messageShown) continue;
      const named = this.matches.some((o, i) => !this.dropped[i] && this.kind(o) === 'object' && o.end <= shown.start);
      if (!named) continue;
      const { words, endsAt } = this.rules.shownMessage;
      let end = shown.end;
      while (end < this.tokens.length && end - shown.end < words && this.form(end) !== BOUNDARY) {
        if (endsAt.has(this.form(end))) break;
        end++;
      }
      this.matches.forEach((m, i) => {
        if (m.start >= shown.end && m.end <= end && this.kind(m) === 'object') this.dropped[i] = true;
      });
    }
  }

  /**
   * "we need the slideshow for the parents' evening next week", "il me le faut avant le mois
   * prochain": a later date that is a deadline is no "no rush".
   */
  deadlines(): void {
    const { noRush, urgent } = this.compiled.named;
    if (!this.has(noRush)) return;
    const { dates, needs, before, soon } = this.rules.deadlines;
    // "les plannings de la semaine prochaine sont dedans, merci de regarder rapidement": with the
    // message urgent, a later date is what the thing is needed for.
    const hurry = this.has(urgent);
    this.matches.forEach((m, i) => {
      if (m.concept !== noRush || !m.words.some((w) => dates.has(w))) return;
      if (hurry) {
        this.dropped[i] = true;
        return;
      }
      const from = this.clauseStart(m.start);
      let deadline = before.has(this.form(this.back(m.start, this.rules.determiners)));
      for (let p = from; p < m.start && !deadline; p++) {
        deadline = needs.has(this.form(p)) && this.tokens[p]?.negated !== true && this.form(p - 1) !== 'pas';
      }
      // "next week's schedules have to be posted by tomorrow": what is due sooner, in its clause.
      const to = this.clauseEnd(m.end);
      for (let p = m.end; p < to - 1 && !deadline; p++)
        deadline = before.has(this.form(p)) && soon.has(this.form(p + 1));
      if (deadline) this.dropped[i] = true;
    });
  }

  /**
   * "vous pouvez regarder ça lors de votre passage prévu le 27 pour le remplacement du switch": what
   * a planned visit is for besides is not the ticket's.
   */
  visitPurposes(): void {
    // The visits are no-rush phrases: without one, there is none.
    if (!this.has(this.compiled.named.noRush)) return;
    for (let p = 0; p < this.tokens.length; p++) {
      const visit = sequenceStartingAt(this.tokens, p, this.rules.visits);
      if (!visit) continue;
      const from = p + visit.length;
      this.matches.forEach((m, i) => {
        const kind = this.kind(m);
        if (m.start >= from && this.sameClause(from, m.start) && (kind === 'object' || kind === 'action')) {
          this.dropped[i] = true;
        }
      });
    }
  }

  /**
   * "pour l'instant il me met « accès refusé »": "for now" in a symptom's clause says "currently".
   * "i can still read the old mails but nothing new comes in": a partial fault, not a workaround.
   */
  currently(): void {
    const { workaround } = this.compiled.named;
    this.matches.forEach((w, i) => {
      if (w.concept !== workaround) return;
      const words = w.words.join(' ');
      if (this.rules.stillWorks.has(words)) {
        let q = w.end;
        while (q < this.tokens.length && this.form(q) !== BOUNDARY && !this.sequenceAt(q, this.rules.clauseMarkers))
          q++;
        const contrast = q < this.tokens.length && this.sequenceAt(q, this.rules.clauseMarkers);
        const end = this.clauseEnd(q + 1);
        if (contrast && this.matches.some((m) => m.start > q && m.end <= end && this.isSymptom(m)))
          this.dropped[i] = true;
        return;
      }
      if (!this.rules.meanwhile.has(words)) return;
      const from = this.clauseStart(w.start);
      const to = this.clauseEnd(w.end);
      const inClause = (m: ConceptMatch) => m.start >= from && m.end <= to;
      const symptom = this.matches.some((m, j) => !this.dropped[j] && inClause(m) && this.isSymptom(m));
      const means = this.matches.some((m, j) => j !== i && m.concept === workaround && inClause(m));
      if (symptom && !means) this.dropped[i] = true;
    });
  }

  /**
   * "en attendant je passe par mon téléphone": the means of a workaround is not the problem.
   * "il capte plus mais on fait renvoyer sur le fixe en attendant": when something is wrong, a
   * change made in the workaround's clause is how the person copes, not what they ask.
   */
  workaroundMeans(): void {
    const workaround = this.compiled.named.workaround;
    if (!this.has(workaround)) return;
    const wrong = this.matches.some((m) => this.isSymptom(m));
    for (const [k, w] of this.matches.entries()) {
      if (w.concept !== workaround || this.dropped[k]) continue;
      // "le logiciel que j'utilise pour facturer", "the software I use to invoice", "jamais on
      // arrive à Windows": a thing described, or a means said never to work, is no workaround.
      const before = this.form(w.start - 1);
      const { after, subjects } = this.rules.notWorkarounds;
      const described =
        subjects.has(w.words[0] ?? '') && this.matches.some((m) => m.end === w.start && this.kind(m) === 'object');
      // "I don't have another machine I can use": a means said in the negative just before.
      let denied = false;
      // "… doesn't work but I can use my phone": a workaround opened by a contrast is a clause of its own.
      const contrast = this.sequenceAt(w.start, this.rules.clauseMarkers);
      for (let q = w.start - 1; !contrast && q >= 0 && q >= w.start - 5 && this.form(q) !== BOUNDARY && !denied; q--) {
        if (this.sequenceAt(q, this.rules.clauseMarkers)) break;
        denied = this.tokens[q]?.negated === true;
      }
      if (after.has(before) || described || denied) {
        this.dropped[k] = true;
        continue;
      }
      const from = this.clauseStart(w.start);
      const means = this.matches.filter(
        (m) =>
          wrong &&
          this.kind(m) === 'action' &&
          ((m.start >= w.end && this.sameClause(w.end, m.start)) || (m.start >= from && m.end <= w.start)),
      );
      // "je fais mes visios avec le téléphone en attendant": in a short clause of its own, with no
      // symptom, the things before the workaround's words are its means too.
      const end = this.clauseEnd(w.start);
      const ownClause =
        w.start - from <= this.rules.workaroundClause &&
        !this.matches.some((m, i) => !this.dropped[i] && m.start >= from && m.start < end && this.isSymptom(m));
      this.matches.forEach((m, i) => {
        const after = m.start >= w.end && this.sameClause(w.end, m.start);
        if (ownClause && this.kind(m) === 'object' && m.start >= from && m.end <= w.start) this.dropped[i] = true;
        // "renvoyer" is both the change and the setting it changes.
        const sameWords = means.some((a) => a.start === m.start && a.end === m.end);
        if ((this.kind(m) === 'object' && after) || sameWords) this.dropped[i] = true;
      });
    }
  }

  /** Where the clause holding `p` starts: after the last boundary or contrast before it. */
  private clauseStart(p: number): number {
    let k = p - 1;
    while (k >= 0 && this.form(k) !== BOUNDARY && !this.sequenceAt(k, this.rules.clauseMarkers)) k--;
    return k + 1;
  }

  /**
   * "je voulais vous demander un accès au dossier Devis, mais le serveur ne répond plus": when a
   * contrast or a cause is followed by a symptom and nothing before it is wrong, the change named
   * before it is context (and its things too, when the problem names its own).
   */
  contextBeforeContrast(): void {
    let at = -1;
    for (let p = 0; p < this.tokens.length; p++) {
      if (this.sequenceAt(p, this.rules.clauseMarkers)) at = p;
    }
    if (at <= 0) return;
    const live = this.matches.filter((_, i) => !this.dropped[i]);
    if (!live.some((m) => m.start > at && this.isSymptom(m))) return;
    if (live.some((m) => m.start < at && this.isSymptom(m))) return;
    // "mon laptop démarre mais reste sur un écran noir, impossible d'ouvrir ma session": a part
    // or a session named after is still the thing's before (group `belongings`).
    const objectAfter = live.some((m) => m.start > at && this.kind(m) === 'object' && !this.inGroup(m, 'belongings'));
    this.matches.forEach((m, i) => {
      if (m.start >= at) return;
      const c = this.compiled.concepts[m.concept];
      const channel = this.inGroup(m, 'channels');
      if (c?.kind === 'action' || c?.signal === 'request' || (objectAfter && c?.kind === 'object' && !channel)) {
        this.dropped[i] = true;
      }
    });
  }

  /**
   * "depuis que l'opérateur a remplacé notre routeur, impossible de me connecter au TSE": a clause
   * opened by a cause word is context when the clause after it names its own thing and what is
   * wrong with it; the cause's things and changes are not the ticket's.
   */
  leadingCause(): void {
    for (let p = 0; p < this.tokens.length; p++) {
      const opener = sequenceStartingAt(this.tokens, p, this.rules.causeOpeners);
      if (!opener) continue;
      // "since this morning nobody can open the folder": a time, not a cause.
      const next = this.form(p + opener.length);
      if (/^\d/.test(next) || this.rules.timeWords.has(next)) continue;
      const end = this.clauseEnd(p);
      const live = this.matches.filter((_, i) => !this.dropped[i]);
      const after = live.filter((m) => m.start > end);
      const leading = after.some((m) => this.isSymptom(m)) && after.some((m) => this.kind(m) === 'object');
      // "Outlook asks for credentials in a loop since the MFA change yesterday": a cause said last,
      // after the thing and its symptom; its changes are context, its symptoms none.
      const before = live.filter((m) => m.end <= p);
      const trailing =
        !leading && before.some((m) => this.isSymptom(m)) && before.some((m) => this.kind(m) === 'object');
      if (!leading && !trailing) continue;
      this.matches.forEach((m, i) => {
        if (m.start < p || m.start >= end) return;
        const c = this.compiled.concepts[m.concept];
        if (
          c?.kind === 'action' ||
          c?.signal === 'request' ||
          (leading && (c?.kind === 'object' || c?.kind === 'verb' || this.isSymptom(m)))
        ) {
          this.dropped[i] = true;
        }
      });
    }
  }

  /** Machines named with a quantifier: "aucun ordinateur", "tous les PC", "none of the scanners". */
  groupedDevices(kept: ConceptMatch[]): Set<number> {
    const grouped = new Set<number>();
    const skip = this.rules.partOfOrDeterminer;
    const named = new Set<number>();
    for (const m of kept) {
      const device = this.inGroup(m, 'devices');
      if (!device && !this.inGroup(m, 'countedDevices')) continue;
      // "the scanner … the scans": the thing named once before is one, what follows is about it.
      const first = !named.has(m.concept);
      named.add(m.concept);
      let k = this.back(m.start, skip);
      // "none of the handheld scanners or PCs": past the things joined to it, to their quantifier.
      for (let joined = true; joined && this.rules.coordinators.has(this.form(k)); ) {
        const before = kept.find((o) => o.end === k && this.kind(o) === 'object');
        joined = before !== undefined;
        if (before) k = this.back(before.start, skip);
      }
      const quantified = this.rules.quantifiers.some((words) =>
        words.every((w, n) => this.form(k - (words.length - 1) + n) === w),
      );
      // "les téléphones de l'entrepôt", "the computers": a plural after a plural determiner.
      const last = m.words[m.words.length - 1] ?? '';
      const determiner = this.form(m.start - 1);
      // "les PC", "nos TPE": French plural determiners say it of words the same in the plural.
      const plural =
        device &&
        first &&
        this.rules.pluralDeterminers.has(determiner) &&
        (/[sx]$/.test(last) || this.rules.pluralOnlyDeterminers.has(determiner));
      // "les 3 comptoirs", "our 12 laptops": machines counted from the group size on.
      const before = this.form(m.start - 1);
      const counted = /^\d+$/.test(before) && Number(before) >= this.rules.groupFrom && Number(before) < 1000;
      // "les comptoirs télétransmettent normalement": machines said to work are not what fails.
      // "none of the scanners … work": the quantifier is the negation.
      const none = [k, k - 1, k - 2].some((p) => p >= 0 && this.sequenceAt(p, this.rules.negativeSubjects));
      const output = this.rules.outputs.has(last);
      // "« Aucune caméra détectée »", "No device found": what a device shows, not a group.
      const shown = quantified && this.rules.detected.has(this.form(m.end));
      if ((quantified || plural || counted) && !output && !shown && (none || !this.saidFine(m.end)))
        grouped.add(m.concept);
    }
    return grouped;
  }
}

/**
 * "plus de réseau", "no dial tone", "aucun ordinateur": an absence is of the thing or the state
 * named right after it. "no date fixed yet", "pas de souci", "aucune idée": of nothing the
 * helpdesk knows, it says nothing is missing.
 */
function absentThings(tokens: Token[], matches: ConceptMatch[], compiled: CompiledIntents): void {
  const { named, concepts, language } = compiled;
  const settings = compiled.groups.get(CODE_GROUPS.settings);
  for (let i = matches.length - 1; i >= 0; i--) {
    const m = matches[i] as ConceptMatch;
    if (m.concept !== named.absence) continue;
    let k = m.end;
    // "on a plus du tout de téléphone", "no real network": past the words that only stress it.
    const skipped = (form: string) => language.partOfOrDeterminer.has(form) || language.absenceStress.has(form);
    while (k < tokens.length && skipped(tokens[k]?.form ?? '')) k++;
    const next = tokens[k];
    if (!next || next.form === BOUNDARY || next.negated) continue;
    const named_ = matches.some((o) => o.start === k && o !== m && concepts[o.concept]?.kind !== 'cue');
    // "le standard sur le message des vacances, sans la musique d'attente": a setting wanted.
    const setting = matches.some((o) => o.start === k && settings?.has(o.concept));
    if (!named_ || setting) matches.splice(i, 1);
  }
}

/**
 * "depuis que le nouveau routeur est installé", "my new laptop": "new" between a definite or
 * possessive determiner and a thing names a thing that exists, not one asked for ("un nouveau
 * PC"); "ma nouvelle adjointe" is still someone new.
 */
function existingThings(tokens: Token[], matches: ConceptMatch[], compiled: CompiledIntents): void {
  const { named, concepts, language } = compiled;
  for (let i = matches.length - 1; i >= 0; i--) {
    const m = matches[i] as ConceptMatch;
    if (m.concept !== named.new || !language.definiteDeterminers.has(tokens[m.start - 1]?.form ?? '')) continue;
    // "l'autre client", "the other one": the other, whatever follows, is one that exists.
    const other = language.otherOnes.has(m.words[0] ?? '');
    if (other || matches.some((o) => o.start === m.end && concepts[o.concept]?.kind === 'object')) matches.splice(i, 1);
  }
}

/**
 * "poste" is the handset in a message about telephony ("mon poste ne sonne plus"), else a
 * computer; "portable" the mobile phone ("mon portable ne capte plus"), else a laptop.
 */
function readStations(tokens: Token[], matches: ConceptMatch[], compiled: CompiledIntents): void {
  const { station, computer, phone, handheld, laptop } = compiled.named;
  if (!matches.some((m) => m.concept === station || m.concept === handheld)) return;
  // The means of a workaround ("je fais avec mon téléphone", "je fais mes visios avec le
  // téléphone en attendant": in the short clause before its words) do not make it telephony.
  let workaround = Math.min(...matches.filter((m) => m.concept === compiled.named.workaround).map((m) => m.start));
  if (Number.isFinite(workaround)) {
    let k = workaround - 1;
    while (k >= 0 && tokens[k]?.form !== BOUNDARY && workaround - k <= compiled.language.workaroundClause) k--;
    if (k < 0 || tokens[k]?.form === BOUNDARY) workaround = k + 1;
  }
  const telephony = matches.some((m) => m.start < workaround && compiled.concepts[m.concept]?.domain === 'telecom');
  for (const m of matches) {
    if (m.concept === station) m.concept = telephony ? phone : computer;
    else if (m.concept === handheld) m.concept = telephony ? phone : laptop;
  }
}

/**
 * "installer Doctolib Pro sur le PC de l'accueil", "install GeoGebra on my laptop": the words no
 * concept names between a change verb and a host named after a locative are a piece of software.
 */
function unknownSoftware(tokens: Token[], matches: ConceptMatch[], covered: Uint8Array, compiled: CompiledIntents) {
  const { named, concepts, groups } = compiled;
  const rules = compiled.language;
  const hosts = groups.get('hosts');
  if (!hosts || named.app < 0) return;
  for (const m of [...matches]) {
    if (concepts[m.concept]?.kind !== 'action') continue;
    if (namedBefore(tokens, m, matches, covered, hosts, compiled)) continue;
    let p = m.end;
    while (p < tokens.length && rules.skipAfterExclusion.has(tokens[p]?.form ?? '')) p++;
    const from = p;
    while (p < tokens.length && p - from < 4 && !covered[p] && tokens[p]?.form !== BOUNDARY) {
      if (rules.locatives.has(tokens[p]?.form ?? '')) break;
      p++;
    }
    if (p === from || !hostAfterLocative(tokens, p, matches, hosts, compiled)) continue;
    const words = tokens.slice(from, p).map((t) => t.form);
    // "the switch was put in my desktop": a verb, not a name.
    if (words.some((w) => /^\d+$/.test(w) || rules.skipAfterExclusion.has(w) || rules.pastAuxiliaries.has(w))) continue;
    matches.push({ concept: named.app, start: from, end: p, words });
  }
}

/**
 * "need Docker Desktop installed on my workstation": words no concept names, between a request
 * ("need", "je voudrais") and a change made on a host, are the software asked for.
 */
function namedBefore(
  tokens: Token[],
  action: ConceptMatch,
  matches: ConceptMatch[],
  covered: Uint8Array,
  hosts: Set<number>,
  compiled: CompiledIntents,
): boolean {
  const { named, language: rules } = compiled;
  if (!hostAfterLocative(tokens, action.end, matches, hosts, compiled)) return false;
  let p = action.start;
  while (p > 0 && action.start - p < 4 && !covered[p - 1] && tokens[p - 1]?.form !== BOUNDARY) p--;
  if (p === action.start || !matches.some((o) => o.end === p && o.concept === named.ask)) return false;
  const words = tokens.slice(p, action.start).map((t) => t.form);
  if (words.some((w) => /^\d+$/.test(w) || rules.skipAfterExclusion.has(w))) return false;
  matches.push({ concept: named.app, start: p, end: action.start, words });
  return true;
}

/** Whether `at` is a locative ("sur", "on") followed, past its articles, by a host ("le PC"). */
function hostAfterLocative(
  tokens: Token[],
  at: number,
  matches: ConceptMatch[],
  hosts: Set<number>,
  compiled: CompiledIntents,
): boolean {
  const rules = compiled.language;
  if (!rules.locatives.has(tokens[at]?.form ?? '')) return false;
  let h = at + 1;
  while (h < tokens.length && rules.skipAfterExclusion.has(tokens[h]?.form ?? '')) h++;
  return matches.some((o) => o.start === h && hosts.has(o.concept));
}

/** "le v p n", "le 3 c x": letters a transcript spelled one by one, read as the short term they make. */
function walkSpelled(best: Walk, compiled: CompiledIntents, i: number): void {
  let form = '';
  let end = i;
  while (end < best.tokens.length && end - i < 4) {
    const t = best.tokens[end]?.form ?? BOUNDARY;
    if (t === BOUNDARY || t.length !== 1) break;
    form += t;
    end++;
  }
  if (end - i < 2) return;
  // The longest run first: "3 c x" before "3 c".
  for (let stop = end; stop - i >= 2; stop--) {
    const keys = compiled.lexicon.spelledKeys(form.slice(0, stop - i));
    if (!keys) continue;
    for (const key of keys.plain) {
      const next = compiled.lexicon.root.children.get(key);
      if (!next || next.concepts.length === 0) continue;
      const sub: Walk = { length: 0, concepts: [], tokens: best.tokens, keys: best.keys };
      walk(sub, next, stop, stop - i);
      if (sub.length > best.length) {
        best.length = sub.length;
        best.concepts = sub.concepts;
      }
    }
    return;
  }
}

/** Two words a transcript split ("out look"), read as the known word they make when joined. */
function walkJoined(best: Walk, compiled: CompiledIntents, i: number): void {
  const first = best.tokens[i];
  const second = best.tokens[i + 1];
  if (!first || !second || first.form === BOUNDARY || second.form === BOUNDARY) return;
  // Not a possessive "printer s", not a preposition or an article before a word ("de connexion").
  if (second.form.length < 3 || compiled.language.linking.has(first.form)) return;
  const keys = compiled.lexicon.joinedKeys(first.form, second.form);
  if (!keys) return;
  for (const key of keys.plain) {
    const next = compiled.lexicon.root.children.get(key);
    if (!next) continue;
    const sub: Walk = { length: 0, concepts: [], tokens: best.tokens, keys: best.keys };
    walk(sub, next, i + 2, 1);
    if (sub.length + 1 > best.length) {
      best.length = sub.length + 1;
      best.concepts = sub.concepts;
    }
  }
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
      // Shared with the trie until a second term of the same length adds to it.
      best.concepts = node.concepts;
    } else if (depth === best.length) {
      for (const c of node.concepts) {
        if (!best.concepts.includes(c)) best.concepts = [...best.concepts, c];
      }
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

/**
 * Whether the word at `p` follows a modal whose subject, earlier in the clause, is nobody ("none
 * of the laptops can …", "personne ne peut …", "aucun poste ne peut …").
 */
function afterNobodyCan(tokens: Token[], p: number, rules: LanguageRules): boolean {
  const modal = tokens[p - 1];
  if (!modal || !rules.modals.has(modal.form) || rules.notSymptoms.has(tokens[p]?.form ?? '')) return false;
  for (let k = p - 2; k >= 0 && tokens[k]?.form !== BOUNDARY; k--) {
    if (sequenceStartingAt(tokens, k, rules.negativeSubjects)) return true;
  }
  return false;
}
