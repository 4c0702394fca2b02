import type { AnswerWords } from '../dialogs/answer-words.js';
import { normalize } from '../dialogs/text.js';

/**
 * What a person may ask at any point of the conversation, before any dialog step runs (the
 * BotBuilder core-bot habit): help, cancel, start over, a ticket's status, their tickets, an
 * escalation, a technician. Commands are recognised only when the message is about them, so
 * "l'écran s'arrête" is not a "stop"; thanks and goodbye are answered as such. The phrases are those of dialogs/answers.yaml.
 */
export type Interruption =
  | { kind: 'help' }
  | { kind: 'thanks' }
  | { kind: 'goodbye' }
  | { kind: 'cancel' }
  | { kind: 'restart' }
  | { kind: 'status'; number: string }
  | { kind: 'my_tickets' }
  /** The status of the person's own ticket, asked without its number. */
  | { kind: 'my_status' }
  | { kind: 'escalate'; number: string | null }
  /** The person no longer needs a ticket (the conversation's, or the one named): withdrawn once confirmed. */
  | { kind: 'withdraw'; number: string | null }
  /** Right after a ticket, the person insists it is urgent. */
  | { kind: 'urgent' }
  | { kind: 'technician'; number: string | null };

/** "T20261122.0004", also typed "t20261122.0004" or "T 20261122.0004". */
const TICKET_NUMBER = /\bt\s?(\d{8})\.(\d{4})\b/i;

/** The ticket number a message mentions, in its canonical form, or null. */
export function ticketNumberIn(text: string): string | null {
  const m = TICKET_NUMBER.exec(text);
  return m ? `T${m[1]}.${m[2]}` : null;
}

/** Where the conversation stands: after one of its tickets, with no new request started. */
export interface InterruptionContext {
  afterTicket?: boolean;
  /** A request is being told (past its first message). */
  inIntake?: boolean;
}

/** The interruption a message asks for, or null for an ordinary answer. */
export function detectInterruption(text: string, w: AnswerWords, at: InterruptionContext = {}): Interruption | null {
  const whole = normalize(text);
  if (w.goodbye.test(whole)) return { kind: 'goodbye' };
  // "ok merci" to a question of a request being told is its yes, not a thank-you.
  if (w.thanks.test(whole) && !(at.inIntake && w.yes.test(whole))) return { kind: 'thanks' };
  const n = whole.replace(w.politeness, '').replace(/\s+/g, ' ').trim();
  if (text.trim() === '?') return { kind: 'help' };
  if (n === '') return null;
  if (w.help.test(n)) return { kind: 'help' };
  const number = ticketNumberIn(text);
  // "annuler" right after a ticket is about that ticket: there is no request in progress to drop.
  if (w.cancel.test(n)) return at.afterTicket ? { kind: 'withdraw', number: null } : { kind: 'cancel' };
  if (w.restart.test(n)) return { kind: 'restart' };
  if (w.withdraw.test(n)) return { kind: 'withdraw', number };
  if (at.afterTicket && !number && w.urgentOnly.test(n)) return { kind: 'urgent' };
  // "en fait c'est réglé": only about a ticket, never in a description ("c'est réglé mais…").
  if ((at.afterTicket || at.inIntake || number) && w.solved.test(n) && !w.stillBroken.test(n)) {
    // In the middle of a request, the problem gone means the request is dropped.
    return at.inIntake && !number ? { kind: 'cancel' } : { kind: 'withdraw', number };
  }
  if (w.escalate.test(n)) return { kind: 'escalate', number };
  if (w.myTickets.test(n)) return { kind: 'my_tickets' };
  if (number && (w.status.test(n) || n.replace(/\s/g, '') === number.toLowerCase())) return { kind: 'status', number };
  const aboutOwn = w.ownTickets.test(n) || at.afterTicket === true;
  if (!number && w.status.test(n) && aboutOwn && n.split(' ').length <= w.ownTicketsMaxWords) {
    return { kind: 'my_status' };
  }
  if (w.technician.test(n) || w.technicianAlone.test(n)) return { kind: 'technician', number };
  return null;
}
