import type { Domain, TicketType } from '../domain.js';
import type { Scope } from '../intents/classification.js';
import type { AnswerWords } from './answer-words.js';
import { normalize, words } from './text.js';

/**
 * Reading free-text answers to the dialog's closed questions, in French and English, for people
 * who type instead of pressing a button ("oui bien sûr", "juste moi", "c'est la téléphonie"). The
 * words are those of dialogs/answers.yaml.
 */

/** true for yes, false for no, null when the answer says neither. */
export function parseYesNo(text: string, w: AnswerWords): boolean | null {
  const n = normalize(text);
  if (w.yesDespiteNegation.test(n)) return true;
  if (w.singleYes.test(n)) return true;
  if (w.singleNo.test(n)) return false;
  if (w.no.test(n)) return false;
  if (w.yes.test(n)) return true;
  return null;
}

/** Who is blocked, from "juste moi", "toute l'équipe", "tout le site", "only me"… */
export function parseScope(text: string, w: AnswerWords): Scope | null {
  const n = normalize(text);
  if (w.scope.site.test(n)) return 'site';
  if (w.scope.team.test(n)) return 'team';
  if (w.scope.one_user.test(n)) return 'one_user';
  return null;
}

/** informatique or télécom from "c'est la téléphonie", "IT", "ordinateur"… */
export function parseDomain(text: string, w: AnswerWords): Domain | null {
  const n = normalize(text);
  if (w.domain.telecom.test(n)) return 'telecom';
  if (w.domain.informatique.test(n)) return 'informatique';
  return null;
}

/** incident or request from "ça ne marche plus", "une demande", "request"… */
export function parseType(text: string, w: AnswerWords): TicketType | null {
  const n = normalize(text);
  if (w.type.request.test(n)) return 'request';
  if (w.type.incident.test(n)) return 'incident';
  return null;
}

/** A greeting and nothing else ("bonjour", "hello !", "salut, ça va ?"). */
export function isGreetingOnly(text: string, w: AnswerWords): boolean {
  const ws = words(text);
  if (ws.length === 0 || ws.length > 4) return false;
  return w.greetingOpener.test(ws.join(' ')) && ws.every((word) => w.greetingWord.test(word));
}

/**
 * A message with no words in it: keyboard mashing ("qsdfgh"), only digits or symbols. Such a
 * message gets a polite re-ask rather than a ticket.
 */
export function isGibberish(text: string): boolean {
  const ws = words(text).filter((w) => /[a-z]/.test(w));
  if (ws.length === 0) return true;
  const plausible = ws.filter((w) => /[aeiouy]/.test(w) && !/[bcdfghjklmnpqrstvwxz]{5,}/.test(w));
  return plausible.length === 0 || plausible.length / ws.length < 0.5;
}

/**
 * An answer that answers nothing: "je ne sais pas", "aucune idée", "euh", "?", a greeting. It is
 * never kept as a company, a name, or a no.
 */
export function isNonAnswer(text: string, w: AnswerWords): boolean {
  const n = normalize(text);
  return n === '' || w.nonAnswer.test(n) || isGreetingOnly(text, w);
}

/**
 * Whether a message about a resolved ticket says the problem is still there: a symptom the
 * intents recognise (`reportsFault`: "ne marche pas", "problème", an error) with a word saying it
 * persists or came back ("toujours", "revenu", "still", "again"), or a phrase that says both
 * ("c'est revenu", "rien n'a changé"). "Pas de souci, merci encore" starts like a yes and is not.
 */
export function saysProblemPersists(text: string, w: AnswerWords, reportsFault: (text: string) => boolean): boolean {
  const n = normalize(text);
  if (n === '' || w.yesDespiteNegation.test(n)) return false;
  if (w.persistingAlone.test(n)) return true;
  return w.persisting.test(n) && reportsFault(text);
}
