import type { Domain, TicketType } from '../domain.js';
import type { Scope } from '../intents/classification.js';
import { normalize, words } from './text.js';

/**
 * Reading free-text answers to the dialog's closed questions, in French and English, for people
 * who type instead of pressing a button ("oui bien sûr", "juste moi", "c'est la téléphonie").
 */

const YES =
  /^(oui|ouais|yes|yep|yeah|ok|okay|d accord|daccord|exact|exactement|tout a fait|bien sur|absolument|c est ca|c est bon|c est correct|c est juste|parfait|correct|sure|right|that s right|that s correct|confirme|confirmer|je confirme|vas y|go|valider|valide)\b/;
const NO = /^(non|no|nope|pas du tout|absolument pas|negatif|jamais|nan)\b/;
/** Answers that start like a no but mean yes ("pas de souci", "no problem"). */
const YES_DESPITE_NEGATION = /^(pas de (souci|soucis|probleme|problemes)|no problem|no worries)\b/;
/**
 * "y", "o" and "n" count only as the whole answer: as the first word of a sentence they are
 * "y a pas de solution" (there is no workaround) or "n'importe quand" (any time), not yes or no.
 */
const SINGLE_LETTER = /^(y|o|n)$/;

/** true for yes, false for no, null when the answer says neither. */
export function parseYesNo(text: string): boolean | null {
  const n = normalize(text);
  if (YES_DESPITE_NEGATION.test(n)) return true;
  if (SINGLE_LETTER.test(n)) return n !== 'n';
  if (NO.test(n) || /^(pas|not)\b/.test(n)) return false;
  if (YES.test(n)) return true;
  return null;
}

/** Who is blocked, from "juste moi", "toute l'équipe", "tout le site", "only me"… */
export function parseScope(text: string): Scope | null {
  const n = normalize(text);
  if (
    /\b(site|entreprise|societe|tout le monde|tous|toute la boite|everyone|everybody|whole|company|all of us)\b/.test(n)
  ) {
    return 'site';
  }
  if (/\b(equipe|service|departement|plusieurs|collegues|bureau|team|department|several|colleagues)\b/.test(n)) {
    return 'team';
  }
  if (/\b(moi|seul|seule|juste moi|que moi|me|only me|just me|myself|mon poste)\b/.test(n)) return 'one_user';
  return null;
}

/** informatique or télécom from "c'est la téléphonie", "IT", "ordinateur"… */
export function parseDomain(text: string): Domain | null {
  const n = normalize(text);
  if (/\b(telecom|telecoms|telephon\w*|phone|standard|pbx|voip|ligne|fax|mobile|telecommunications?)\b/.test(n)) {
    return 'telecom';
  }
  if (
    /\b(informatique|info|it|ordinateur|pc|computer|computing|reseau|logiciel|serveur|imprimante|software|network)\b/.test(
      n,
    )
  ) {
    return 'informatique';
  }
  return null;
}

/** incident or request from "ça ne marche plus", "une demande", "request"… */
export function parseType(text: string): TicketType | null {
  const n = normalize(text);
  if (/\b(demande|request|besoin|installer|installation|creer|creation|need|want)\b/.test(n)) return 'request';
  if (/\b(marche plus|fonctionne plus|panne|incident|bloque|broken|not working|down|probleme|erreur|error)\b/.test(n)) {
    return 'incident';
  }
  return null;
}

/** A greeting and nothing else ("bonjour", "hello !", "salut, ça va ?"). */
export function isGreetingOnly(text: string): boolean {
  const ws = words(text);
  if (ws.length === 0 || ws.length > 4) return false;
  return (
    /^(bonjour|bonsoir|salut|hello|hi|hey|coucou|allo|good morning|good afternoon)\b/.test(ws.join(' ')) &&
    ws.every((w) =>
      /^(bonjour|bonsoir|salut|hello|hi|hey|coucou|allo|good|morning|afternoon|ca|va|madame|monsieur|there|a|tous|le|support)$/.test(
        w,
      ),
    )
  );
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
