import { z } from 'zod';
import { DOMAINS, TICKET_TYPES } from '../domain.js';

/** A word or phrase of a concept, as written in concepts.yaml (marks `=` and `!` included). */
const termSchema = z.string().trim().min(1, 'expected a word or a phrase');
const termsSchema = z.array(termSchema).default([]);

/** One concept of concepts.yaml: the words, in French and English, that name one idea. */
export const conceptSchema = z.object({
  kind: z.enum(['object', 'state', 'action', 'verb', 'cue']),
  signal: z.enum(TICKET_TYPES).optional(),
  domain: z.enum(DOMAINS).optional(),
  category: z.string().min(1).optional(),
  subcategory: z.string().min(1).optional(),
  weight: z.number().min(0).max(10).default(1),
  fr: termsSchema,
  en: termsSchema,
});
export type Concept = z.output<typeof conceptSchema>;

/** The roles an intent can play beside plain matching (see incidents.yaml). */
export const INTENT_ROLES = ['match', 'widespread', 'workaround', 'noRush', 'longTerm', 'fallback'] as const;
export type IntentRole = (typeof INTENT_ROLES)[number];

/** `"a|b & c"`: concepts joined by `&` (all needed), each a choice joined by `|`. */
const clauseSchema = z
  .string()
  .trim()
  .min(1)
  .transform((clause, ctx) => {
    const groups = clause.split('&').map((group) =>
      group
        .split('|')
        .map((name) => name.trim())
        .filter((name) => name !== ''),
    );
    if (groups.some((g) => g.length === 0)) {
      ctx.addIssue({ code: 'custom', message: `expected concepts joined by "&" and "|", not "${clause}"` });
      return z.NEVER;
    }
    return groups;
  });

/** One intent of incidents.yaml or requests.yaml: a rule bullet of the seed. */
export const intentSchema = z.object({
  id: z.string().regex(/^[a-z0-9_.-]+$/, 'expected an id such as "incident.p1.server_down"'),
  type: z.enum(TICKET_TYPES),
  priority: z.number().int().min(1).max(4),
  rule: z.string().min(1),
  /** Why, in French, after "Incident de priorité 1 (critique) :"; the rule's text when absent. */
  reason: z.string().min(1).optional(),
  /**
   * Why, in English, for the people who write in English: required, so an intent added in French
   * only is refused at start-up rather than explained with a generic sentence.
   */
  reasonEn: z
    .string({
      error: 'expected the English twin of "reason", e.g. "a server will not start or can no longer be reached"',
    })
    .trim()
    .min(1, 'expected the English twin of "reason", not an empty text'),
  category: z.string().min(1),
  subcategory: z.string().min(1).optional(),
  domain: z.enum(DOMAINS).optional(),
  role: z.enum(INTENT_ROLES).default('match'),
  widespread: z.boolean().default(true),
  /**
   * The bullet is about a thing everyone shares (a server, the PBX, a network folder, a site): when
   * the message says only the writer is affected ("les autres postes ça va"), it does not apply.
   */
  shared: z.boolean().default(false),
  boost: z.number().min(-5).max(5).default(0),
  when: z.array(clauseSchema),
});
export type Intent = z.output<typeof intentSchema>;

const numbersSchema = z.record(z.string(), z.number().int().min(0));
const wordsSchema = z.array(z.string().min(1));

/** language.yaml: how messages are read, independent of the helpdesk's rules. */
export const languageSchema = z.object({
  fillers: wordsSchema,
  numbers: numbersSchema,
  /** "doesnt", "cant": an English negation typed without its apostrophe, and the auxiliary it is. */
  unmarkedContractions: z.record(z.string().regex(/^[a-z]+$/), z.string().regex(/^[a-z]+$/)),
  negation: z.object({
    frOpeners: wordsSchema,
    frClosers: wordsSchema,
    /** "ne garde que 7 jours": after "ne", these make it restrictive (only), not a negation. */
    frRestrictive: wordsSchema,
    /** "n'est plus reconnu": after these, the participle that follows the closer is negated too. */
    frAuxiliaries: wordsSchema,
    enMarkers: wordsSchema,
    enAuxiliaries: wordsSchema,
    notSymptoms: wordsSchema,
    excludingVerbs: wordsSchema,
    skipAfterExclusion: wordsSchema,
    exclusionStops: wordsSchema,
    /** "pour que le wifi invités ne voie plus le NAS": a negation after these is the result wanted. */
    purpose: wordsSchema,
  }),
  delay: z.object({
    before: wordsSchema,
    days: wordsSchema,
    weeks: wordsSchema,
    months: wordsSchema,
    noRushAfterDays: z.number().int().min(0),
  }),
  hints: z.object({ fr: wordsSchema, en: wordsSchema }),
  /** How an e-mail's own text is told from its signature and the history it quotes. */
  email: z.object({
    closings: wordsSchema,
    quoteHeaders: wordsSchema,
    headerFields: wordsSchema,
    forwards: wordsSchema,
  }),
  /** How the parts of a message relate: what is context, what is the subject. */
  clauses: z.object({
    contrast: wordsSchema,
    cause: wordsSchema,
    /** "depuis que l'opérateur a remplacé le routeur, …": a clause they open is the cause. */
    causeOpeners: wordsSchema,
    /** "since this morning": the words after which an opener says when, not why. */
    timeWords: wordsSchema,
    pastAuxiliaries: wordsSchema,
    /** "vient d'être changée": the verbs of the recent past, before "d'être". */
    recentPast: wordsSchema,
    pronouns: wordsSchema,
    locatives: wordsSchema,
    partOf: wordsSchema,
    /** "les autres postes ça va": the others named, then the words that say they work. */
    others: wordsSchema,
    othersAlone: wordsSchema,
    coordinators: wordsSchema,
    participles: wordsSchema,
    attempts: z.object({
      fr: wordsSchema,
      en: wordsSchema,
      words: z.number().int().positive(),
      stopAt: z.object({ fr: wordsSchema, en: wordsSchema }),
    }),
    betweenAuxiliary: wordsSchema,
    holds: wordsSchema,
    notOnly: wordsSchema,
    absenceStress: wordsSchema,
    working: z.object({ phrases: wordsSchema, window: z.number().int().min(0) }),
    managementNear: z.number().int().min(0),
    workaroundClause: z.number().int().min(0),
    visits: wordsSchema,
    pluralOnlyDeterminers: wordsSchema,
    indefinites: wordsSchema,
    otherOnes: wordsSchema,
    detected: wordsSchema,
    honorifics: wordsSchema,
    identifies: wordsSchema,
    notWorkarounds: z.object({ after: wordsSchema, subjects: wordsSchema }),
    deadlines: z.object({ dates: wordsSchema, needs: wordsSchema, before: wordsSchema, soon: wordsSchema }),
    fine: wordsSchema,
    /** "je suis l'assistante de M. Renaud (directeur)": the words by which the writer says who they are. */
    selfIntro: wordsSchema,
    /** "mon PC", "son PC": whose device it is, the writer's or someone else's. */
    ownPossessives: wordsSchema,
    otherPossessives: wordsSchema,
    negativeSubjects: wordsSchema,
    /** "on ne peut plus encaisser": the verbs of ability, and the words of "… encaisser personne". */
    modals: wordsSchema,
    onePerson: wordsSchema,
    noneAfter: wordsSchema,
    pluralDeterminers: wordsSchema,
    determiners: wordsSchema,
    definiteDeterminers: wordsSchema,
    outputs: wordsSchema,
    shownMessage: z.object({ words: z.number().int().min(1), endsAt: wordsSchema }),
    meanwhile: wordsSchema,
    stillWorks: wordsSchema,
    quantifiers: wordsSchema,
    whole: wordsSchema,
    complete: wordsSchema,
    /** From this number on, people or machines counted are a group ("nous sommes 9"). */
    groupFrom: z.number().int().min(2),
  }),
});
export type LanguageLexicon = z.output<typeof languageSchema>;

/** One file of the intents folder: any of its four sections. */
export const intentsFileSchema = z
  .object({
    language: languageSchema.optional(),
    concepts: z
      .record(z.string().regex(/^[a-z0-9_]+$/, 'expected a concept name in snake_case'), conceptSchema)
      .optional(),
    groups: z.record(z.string(), z.array(z.string().min(1)).min(1)).optional(),
    intents: z.array(intentSchema).optional(),
  })
  .strict();
export type IntentsFile = z.output<typeof intentsFileSchema>;

/** The validated content of the whole intents folder. */
export interface IntentSet {
  language: LanguageLexicon;
  concepts: Record<string, Concept>;
  groups: Record<string, string[]>;
  intents: Intent[];
  /** The files read, for messages. */
  files: string[];
}
