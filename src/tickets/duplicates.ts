import { normalizePhone } from '../dialogs/accounts.js';
import type { TicketStatus } from '../domain.js';
import type { DuplicatesPolicy } from '../policy/schema.js';
import type { Ticket, TicketStore } from '../store/ticket-store.js';
import type { TicketDraft } from './ticket-service.js';

/**
 * Duplicates: a problem already open for the same person, or a site-wide outage already reported
 * by someone of the same company. The helpdesk keeps one ticket per problem, so the technician who
 * works on it sees every message about it and meets the SLA of one ticket, not of several.
 */

/** A ticket still being worked on: a draft, a resolved or a closed ticket catches nothing. */
const OPEN: TicketStatus[] = ['new', 'assigned', 'in_progress', 'waiting_customer'];

export type Duplicate =
  /** The same contact describes the same problem: they are asked whether to add to it. */
  | { kind: 'same_contact'; ticket: Ticket }
  /** Someone else of the same company reports the same outage of the whole company (critique). */
  | { kind: 'site_outage'; ticket: Ticket };

// Words that say nothing of the problem itself, in French and English.
const STOP_WORDS = new Set(
  (
    'les des une est sont pas plus toujours encore depuis avec pour dans sur par que qui quoi mon mes ' +
    'notre nos votre vos cela ceci elle ils nous vous leur tout tous toute toutes fait faire peut peux ' +
    'marche fonctionne the and not any more still with for from that this our your are can cannot does'
  ).split(' '),
);

/** The significant words of a text, accents and case aside, cut to a common stem. */
export function significantWords(text: string): Set<string> {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => w.replace(/^[ldjnmst]'/, ''))
    .filter((w) => w.length >= 3 && !STOP_WORDS.has(w));
  // "imprimante" and "imprime", "bloqué" and "bloquée": the same stem.
  return new Set(words.map((w) => w.slice(0, 6)));
}

/** The share of the shorter text's significant words found in the other (overlap coefficient). */
export function textSimilarity(a: string, b: string): number {
  const left = significantWords(a);
  const right = significantWords(b);
  const smaller = Math.min(left.size, right.size);
  if (smaller === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  return shared / smaller;
}

type Report = Pick<
  TicketDraft,
  | 'account'
  | 'contact'
  | 'contactEmail'
  | 'contactPhone'
  | 'title'
  | 'description'
  | 'type'
  | 'priority'
  | 'domain'
  | 'category'
  | 'subcategory'
>;

/**
 * The same problem: the classification put both under the same rule (type, domain, category and
 * subcategory, seed 000) and their words say the same thing. A company-wide outage is told in many
 * ways ("le serveur est en panne", "plus personne ne peut travailler") that fall under different
 * rules of the same critique priority: there, the same type, domain and words are enough.
 */
export function sameProblem(ticket: Ticket, report: Report, minSimilarity: number, anyRule = false): boolean {
  if (ticket.type !== report.type || ticket.domain !== report.domain) return false;
  const sameRule = ticket.category === report.category && ticket.subcategory === report.subcategory;
  if (!sameRule && !anyRule) return false;
  const similarity = Math.max(
    textSimilarity(ticket.description, report.description),
    textSimilarity(`${ticket.title} ${ticket.description}`, `${report.title} ${report.description}`),
  );
  return similarity >= minSimilarity;
}

/** The same person: the same e-mail or phone, or the same name in the same company. */
export function sameContact(ticket: Ticket, report: Report): boolean {
  const email = report.contactEmail?.toLowerCase();
  if (email && ticket.contactEmail?.toLowerCase() === email) return true;
  const phone = report.contactPhone ? normalizePhone(report.contactPhone) : null;
  if (phone && ticket.contactPhone && normalizePhone(ticket.contactPhone) === phone) return true;
  const name = report.contact?.trim().toLowerCase();
  return Boolean(name) && ticket.contact?.trim().toLowerCase() === name;
}

/**
 * The open ticket this report duplicates, if any: the same contact's, or for a critique incident
 * (seed 000: "la production de l'entreprise est à l'arrêt", the whole company) anyone's of the same
 * company. Without a company there is nothing to compare with.
 */
export async function findDuplicate(
  store: Pick<TicketStore, 'listTickets'>,
  policy: DuplicatesPolicy,
  report: Report,
  now: Date,
): Promise<Duplicate | null> {
  if (!report.account) return null;
  const from = new Date(now.getTime() - policy.windowHours * 3_600_000).toISOString();
  const candidates = await store.listTickets({ account: report.account, status: OPEN, from, limit: 50 });
  const own = candidates.find((t) => sameContact(t, report) && sameProblem(t, report, policy.minSimilarity));
  if (own) return { kind: 'same_contact', ticket: own };
  if (report.type !== 'incident' || report.priority !== 'critique') return null;
  const known = candidates.find(
    (t) => t.priority === 'critique' && !sameContact(t, report) && sameProblem(t, report, policy.minSimilarity, true),
  );
  return known ? { kind: 'site_outage', ticket: known } : null;
}
