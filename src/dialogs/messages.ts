import type { Language } from '../domain.js';
import type { AnswerWords } from './answer-words.js';
import type { Sentences } from './catalogue.js';

/**
 * The messages that assemble conditional lines: the summary, the announcement of a ticket and its
 * status, and the few sentences with a variant (with or without a ticket number). The words come
 * from dialogs/*.yaml; only which lines appear, and in what order, is decided here.
 */

/** What the announcement of a new ticket says (item 3 of the intake). */
export interface Announcement {
  number: string;
  type: 'incident' | 'request';
  priorityLabel: string;
  reason: string;
  queue: string;
  contract: boolean;
  firstResponse: string | null;
  resolution: string | null;
  businessHours: string;
  escalationLabel: string;
  escalationAt: string | null;
  critique: boolean;
  triggerLabel: string;
  appointment: string | null;
}

/** The lines of the summary shown before the ticket is opened. */
export interface Summary {
  type: 'incident' | 'request';
  priorityLabel: string;
  reason: string;
  domain: 'informatique' | 'telecom';
  queue: string;
  account: string;
  contract: boolean;
  known: boolean;
  contact: string;
  title: string;
  appointment: string | null;
}

/** A ticket as the status answer describes it. */
export interface StatusLine {
  number: string;
  title: string;
  status: string;
  priorityLabel: string;
  firstResponse: string | null;
  resolution: string | null;
  responded: boolean;
}

type Assembled = 'summary' | 'status' | 'technician' | 'technicianForTicket' | 'escalationFrom';

/** Every sentence of one language, with the assembled messages in place of their lines. */
export type Messages = Omit<Sentences, Assembled> & {
  /** The lines themselves, for a channel that words them differently. */
  readonly lines: Sentences;
  summary(s: Summary): string;
  /** The summary as the phone says it: one sentence, then the question. */
  spokenSummary(s: Summary): string;
  ticketOpened(a: Announcement): string;
  status(s: StatusLine): string;
  myTickets(count: number): string;
  technician(phone: string, number: string | null): string;
  escalationFrom(how: string, at: string | null): string;
};

function assemble(t: Sentences): Messages {
  const summary = (s: Summary) => {
    const l = t.summary;
    const contract = s.contract ? l.underContract : s.known ? l.withoutContract : l.unknownCompany;
    return [
      l.intro(),
      l.type(s.type === 'incident' ? l.incident() : l.request()),
      l.priority(s.priorityLabel),
      l.reason(s.reason),
      l.domain(s.domain === 'telecom' ? l.telecom() : l.informatique(), s.queue),
      l.company(s.account, contract()),
      l.contact(s.contact),
      l.title(s.title),
      ...(s.appointment ? [l.appointment(s.appointment)] : []),
      l.question(),
    ].join('\n');
  };
  const spokenSummary = (s: Summary) => {
    const l = t.summary;
    const type = s.type === 'incident' ? l.incident() : l.request();
    const domain = s.domain === 'telecom' ? l.telecom() : l.informatique();
    return [
      l.spoken(type, s.priorityLabel.toLowerCase(), domain, s.contact, s.account, s.title),
      ...(s.appointment ? [l.spokenAppointment(s.appointment)] : []),
      l.question(),
    ].join('\n');
  };
  const ticketOpened = (a: Announcement) => {
    const l = t.announcement;
    const withSla = a.contract && a.firstResponse && a.resolution;
    return [
      l.opened(a.number, a.type === 'incident' ? l.incident() : l.request(), a.priorityLabel.toLowerCase()),
      l.reason(a.reason),
      l.queue(a.queue),
      ...(a.critique && a.contract ? [l.emergency(a.triggerLabel)] : []),
      ...(withSla
        ? [l.deadlines(a.firstResponse, a.resolution), l.businessHours(a.businessHours)]
        : [l.noContract(a.triggerLabel)]),
      ...(a.appointment ? [l.appointment(a.appointment)] : []),
      a.contract && a.escalationAt ? l.escalateFrom(a.escalationAt, a.escalationLabel) : l.escalate(a.escalationLabel),
      l.keepNumber(),
    ].join('\n');
  };
  const status = (s: StatusLine) => {
    const l = t.status;
    return [
      l.ticket(s.number, s.title, s.status, s.priorityLabel.toLowerCase()),
      ...(s.responded || !s.firstResponse ? [] : [l.firstResponse(s.firstResponse)]),
      ...(s.resolution ? [l.resolution(s.resolution)] : []),
    ].join('\n');
  };
  return {
    ...t,
    lines: t,
    summary,
    spokenSummary,
    ticketOpened,
    status,
    myTickets: (count) => (count === 1 ? t.myTicketsOne() : t.myTicketsMany(count)),
    technician: (phone, number) => (number ? t.technicianForTicket(number, phone) : t.technician(phone)),
    escalationFrom: (how, at) => (at ? t.escalationFrom(how, at) : how),
  };
}

/** What Guichet says, in every language, as loaded from dialogs/ by the composition root. */
export interface Dialogs {
  /** The sentences of one language. */
  messages(language: Language): Messages;
  /** The words that count as answers and commands (dialogs/answers.yaml). */
  readonly answers: AnswerWords;
}

/** The dialogs of validated sentences, one set per language, and the answer words. */
export function dialogsOf(sentences: Record<Language, Sentences>, answers: AnswerWords): Dialogs {
  const byLanguage = {} as Record<Language, Messages>;
  for (const [language, words] of Object.entries(sentences) as [Language, Sentences][]) {
    byLanguage[language] = assemble(words);
  }
  return { messages: (language) => byLanguage[language], answers };
}
