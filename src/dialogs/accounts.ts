import type { Account, Accounts, Contact } from '../policy/schema.js';
import { containsPhrase, normalize, similarity } from './text.js';

/**
 * Finding the company and the contact in the accounts file, as the phone procedure asks:
 * "Nom du compte : Entrer le nom de l'entreprise. Nom du contact : … déjà dans la base de données
 * normalement." (004). People mistype company names, so the match tolerates typos.
 */

/** A contact of the accounts file with the account it belongs to. */
export interface KnownContact {
  account: Account;
  contact: Contact;
}

/** Legal forms that say nothing about which company it is. */
const LEGAL_FORMS = new Set(['sas', 'sarl', 'sa', 'eurl', 'sasu', 'sci', 'ste', 'societe', 'la', 'le', 'les', 'l']);

function companyKey(name: string): string {
  return normalize(name)
    .split(' ')
    .filter((w) => !LEGAL_FORMS.has(w))
    .join(' ');
}

function namesOf(account: Account): string[] {
  return [account.name, ...account.aliases].map(companyKey).filter((n) => n.length > 0);
}

/** "+33 4 91 00 00 01", "04 91 00 00 01" and "+33491000001" are the same phone. */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (/^0\d{9}$/.test(digits)) return `+33${digits.slice(1)}`;
  if (/^0033\d{9}$/.test(digits)) return `+${digits.slice(2)}`;
  return digits;
}

/**
 * The contact behind a channel identity (e-mail, phone or Slack/Teams id), or null. The chat
 * procedure skips the contact question when the channel already tells who writes.
 */
export function findIdentity(accounts: Accounts, userId: string | undefined): KnownContact | null {
  if (!userId) return null;
  const id = userId.trim().toLowerCase();
  const phone = /^[+\d][\d\s.-]{5,}$/.test(id) ? normalizePhone(id) : null;
  for (const account of accounts.accounts) {
    for (const contact of account.contacts) {
      if (contact.email && contact.email.toLowerCase() === id) return { account, contact };
      if (phone && contact.phone && normalizePhone(contact.phone) === phone) return { account, contact };
      const chat = Object.values(contact.chatIds ?? {}).map((c) => c?.toLowerCase());
      if (chat.includes(id)) return { account, contact };
    }
  }
  return null;
}

/** An account whose name or alias appears word for word in the text ("chez Transports Durand"). */
export function mentionedAccount(accounts: Accounts, text: string): Account | null {
  const haystack = companyKey(text);
  let best: { account: Account; length: number } | null = null;
  for (const account of accounts.accounts) {
    for (const name of namesOf(account)) {
      if (name.length >= 3 && containsPhrase(haystack, name) && (!best || name.length > best.length)) {
        best = { account, length: name.length };
      }
    }
  }
  return best?.account ?? null;
}

/** A contact whose full name appears in the text ("je suis Marie Lefèvre"). */
export function mentionedContact(accounts: Accounts, text: string): KnownContact | null {
  const haystack = normalize(text);
  for (const account of accounts.accounts) {
    for (const contact of account.contacts) {
      if (containsPhrase(haystack, normalize(contact.name))) return { account, contact };
    }
  }
  return null;
}

/** How an answer to "which company?" matched the accounts file. */
export type CompanyMatch =
  | { kind: 'exact'; account: Account }
  | { kind: 'fuzzy'; account: Account; score: number }
  | { kind: 'none' };

/** Below this similarity a name is another company, not a typo. */
const FUZZY_THRESHOLD = 0.7;

/**
 * Matches a company name typed by the person: exact (accents, case and legal form aside), or
 * the closest name or alias within typo distance, to be confirmed with the person.
 */
export function matchCompany(accounts: Accounts, answer: string): CompanyMatch {
  const key = companyKey(answer);
  if (key === '') return { kind: 'none' };
  let best: { account: Account; score: number } | null = null;
  for (const account of accounts.accounts) {
    for (const name of namesOf(account)) {
      if (name === key) return { kind: 'exact', account };
      let score = similarity(key, name);
      // "les transports durand à Marseille": the name inside a longer answer is a sure match.
      if (name.length >= 4 && containsPhrase(key, name)) score = Math.max(score, 0.95);
      // "durant" for "Transports Durand": one word of the name, mistyped.
      for (const word of name.split(' ')) {
        if (word.length >= 5) score = Math.max(score, similarity(key, word) - 0.05);
      }
      if (!best || score > best.score) best = { account, score };
    }
  }
  if (best && best.score >= FUZZY_THRESHOLD) return { kind: 'fuzzy', account: best.account, score: best.score };
  return { kind: 'none' };
}

/** The contact of an account that an answer names (full name, or last name alone), or null. */
export function matchContact(account: Account, answer: string): Contact | null {
  const key = normalize(answer);
  if (key === '') return null;
  let best: { contact: Contact; score: number } | null = null;
  for (const contact of account.contacts) {
    const full = normalize(contact.name);
    const last = full.split(' ').slice(1).join(' ');
    const score = Math.max(
      similarity(key, full),
      containsPhrase(key, full) ? 1 : 0,
      last.length >= 4 ? similarity(key, last) - 0.05 : 0,
    );
    if (!best || score > best.score) best = { contact, score };
  }
  return best && best.score >= 0.8 ? best.contact : null;
}
