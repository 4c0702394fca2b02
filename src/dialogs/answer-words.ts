import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadYamlFile } from '../policy/load.js';
import { normalize } from './text.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The words that count as answers and commands, in dialogs/ beside the sentences. */
export const DEFAULT_ANSWERS_PATH = resolve(projectRoot, 'dialogs', 'answers.yaml');

/** A phrase as written in the file: words, the last of which may end in * (any ending). */
const phrase = z
  .string()
  .refine((p) => normalize(p.replace(/\*/g, '')) !== '', 'expected a word or a phrase, not an empty string');
const phrases = z.array(phrase).min(1, 'expected at least one phrase');

export const answerWordsSchema = z.strictObject({
  answers: z.strictObject({
    yes: phrases,
    no: phrases,
    yesDespiteNegation: phrases,
    singleLetters: z.strictObject({ yes: phrases, no: phrases }),
    scope: z.strictObject({ site: phrases, team: phrases, one_user: phrases }),
    domain: z.strictObject({ telecom: phrases, informatique: phrases }),
    type: z.strictObject({ request: phrases, incident: phrases }),
    greetings: z.strictObject({ openers: phrases, words: phrases }),
    nonAnswers: phrases,
    nameMaxWords: z.number().int().min(1).max(20),
    selfNaming: phrases,
    fields: z.strictObject({
      company: phrases,
      contact: phrases,
      domain: phrases,
      title: phrases,
      description: phrases,
      type: phrases,
      impact: phrases,
      date: phrases,
    }),
    change: phrases,
  }),
  interruptions: z.strictObject({
    politeness: phrases,
    thanks: phrases,
    goodbye: phrases,
    help: phrases,
    cancel: phrases,
    cancelObjects: phrases,
    restart: phrases,
    status: phrases,
    ownTickets: phrases,
    ownTicketsMaxWords: z.number().int().min(1).max(50),
    myTickets: phrases,
    withdraw: phrases,
    urgentOnly: phrases,
    solved: phrases,
    stillBroken: phrases,
    escalate: phrases,
    technician: z.strictObject({
      verbs: phrases,
      people: phrases,
      within: z.number().int().min(0).max(200),
      alone: phrases,
      articles: phrases,
    }),
  }),
  followUp: z.strictObject({
    persisting: phrases,
    persistingAlone: phrases,
  }),
});
export type AnswerWordsFile = z.infer<typeof answerWordsSchema>;

/** A list of phrases compiled to one alternation over normalized text. */
function alternation(list: readonly string[]): string {
  const alternatives = list.map((p) => {
    const open = p.trim().endsWith('*');
    const words = normalize(p.replace(/\*/g, ''))
      .split(' ')
      .map((w) => w.replace(/[.+]/g, (c) => `\\${c}`));
    return `${words.join(' ')}${open ? '\\w*' : ''}`;
  });
  // Longest first, so "c est bon" is tried before "c est".
  return `(?:${alternatives.sort((a, b) => b.length - a.length).join('|')})`;
}

/** Matches a text (normalized) starting with one of the phrases, as whole words. */
const starting = (list: readonly string[]) => new RegExp(`^${alternation(list)}\\b`);
/** Matches a text (normalized) that is exactly one of the phrases. */
const whole = (list: readonly string[]) => new RegExp(`^${alternation(list)}$`);
/**
 * Matches a text (normalized) made only of the phrases of `some` and `others`, one or more times,
 * with at least one of `some`: "merci au revoir et bonne journee" is a goodbye.
 */
function madeOf(some: readonly string[], others: readonly string[], joiners: readonly string[]): RegExp {
  const any = alternation([...some, ...others]);
  const gap = `(?: (?:${alternation(joiners)}))? `;
  return new RegExp(`^(?:${any}${gap})*${alternation(some)}(?:${gap}${any})*$`);
}

/** Matches a text (normalized) holding one of the phrases as whole words. */
const anywhere = (list: readonly string[]) => new RegExp(`\\b${alternation(list)}\\b`);

/** The answer words compiled for matching normalized text (src/dialogs/text.ts `normalize`). */
export interface AnswerWords {
  yes: RegExp;
  no: RegExp;
  yesDespiteNegation: RegExp;
  singleYes: RegExp;
  singleNo: RegExp;
  scope: { site: RegExp; team: RegExp; one_user: RegExp };
  domain: { telecom: RegExp; informatique: RegExp };
  type: { request: RegExp; incident: RegExp };
  greetingOpener: RegExp;
  greetingWord: RegExp;
  nonAnswer: RegExp;
  nameMaxWords: number;
  selfNaming: RegExp;
  fields: [field: keyof AnswerWordsFile['answers']['fields'], words: RegExp][];
  change: RegExp;
  politeness: RegExp;
  thanks: RegExp;
  goodbye: RegExp;
  help: RegExp;
  cancel: RegExp;
  restart: RegExp;
  status: RegExp;
  ownTickets: RegExp;
  ownTicketsMaxWords: number;
  myTickets: RegExp;
  withdraw: RegExp;
  urgentOnly: RegExp;
  solved: RegExp;
  stillBroken: RegExp;
  escalate: RegExp;
  technician: RegExp;
  technicianAlone: RegExp;
  /** After a resolved ticket: the problem persists or came back ("toujours", "revenu", "still"). */
  persisting: RegExp;
  /** The same said without naming the symptom ("c'est revenu", "rien n'a changé"). */
  persistingAlone: RegExp;
}

/** Compiles the file's phrases into the matchers the dialog and the interruptions use. */
export function compileAnswerWords(file: AnswerWordsFile): AnswerWords {
  const a = file.answers;
  const i = file.interruptions;
  const t = i.technician;
  return {
    yes: starting(a.yes),
    no: starting(a.no),
    yesDespiteNegation: starting(a.yesDespiteNegation),
    singleYes: whole(a.singleLetters.yes),
    singleNo: whole(a.singleLetters.no),
    scope: { site: anywhere(a.scope.site), team: anywhere(a.scope.team), one_user: anywhere(a.scope.one_user) },
    domain: { telecom: anywhere(a.domain.telecom), informatique: anywhere(a.domain.informatique) },
    type: { request: anywhere(a.type.request), incident: anywhere(a.type.incident) },
    greetingOpener: starting(a.greetings.openers),
    greetingWord: whole(a.greetings.words),
    nonAnswer: whole(a.nonAnswers),
    nameMaxWords: a.nameMaxWords,
    selfNaming: new RegExp(`^${alternation(a.selfNaming)}\\s+`),
    fields: Object.entries(a.fields).map(([field, words]) => [
      field as keyof AnswerWordsFile['answers']['fields'],
      anywhere(words),
    ]),
    change: anywhere(a.change),
    politeness: new RegExp(`\\b${alternation(i.politeness)}\\b`, 'g'),
    thanks: madeOf(i.thanks, [], ['et', 'and']),
    goodbye: madeOf(i.goodbye, i.thanks, ['et', 'and']),
    help: whole(i.help),
    cancel: new RegExp(`^${alternation(i.cancel)}(?: ${alternation(i.cancelObjects)})?$`),
    restart: whole(i.restart),
    status: anywhere(i.status),
    ownTickets: anywhere(i.ownTickets),
    ownTicketsMaxWords: i.ownTicketsMaxWords,
    myTickets: anywhere(i.myTickets),
    withdraw: anywhere(i.withdraw),
    urgentOnly: whole(i.urgentOnly),
    solved: anywhere(i.solved),
    stillBroken: anywhere(i.stillBroken),
    escalate: anywhere(i.escalate),
    technician: new RegExp(`\\b${alternation(t.verbs)}\\b.{0,${t.within}}\\b${alternation(t.people)}\\b`),
    technicianAlone: new RegExp(`^(?:${alternation(t.articles)} )?${alternation(t.alone)}$`),
    persisting: anywhere(file.followUp.persisting),
    persistingAlone: anywhere(file.followUp.persistingAlone),
  };
}

/** Reads and compiles an answers file; a bad file throws a GuichetError naming it and the field. */
export function loadAnswerWords(path: string = DEFAULT_ANSWERS_PATH): AnswerWords {
  return compileAnswerWords(loadYamlFile(path, answerWordsSchema));
}

let shipped: AnswerWords | undefined;

/** The answer words shipped in dialogs/answers.yaml, loaded once. */
export function shippedAnswerWords(): AnswerWords {
  shipped ??= loadAnswerWords();
  return shipped;
}
