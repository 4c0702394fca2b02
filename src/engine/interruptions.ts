import { normalize } from '../dialogs/text.js';

/**
 * What a person may ask at any point of the conversation, before any dialog step runs (the
 * BotBuilder core-bot habit): help, cancel, start over, a ticket's status, their tickets, an
 * escalation, a technician. Commands are recognised only when the message is about them, so
 * "l'écran s'arrête" is not a "stop".
 */
export type Interruption =
  | { kind: 'help' }
  | { kind: 'cancel' }
  | { kind: 'restart' }
  | { kind: 'status'; number: string }
  | { kind: 'my_tickets' }
  | { kind: 'escalate'; number: string | null }
  | { kind: 'technician'; number: string | null };

/** "T20261122.0004", also typed "t20261122.0004" or "T 20261122.0004". */
const TICKET_NUMBER = /\bt\s?(\d{8})\.(\d{4})\b/i;

/** The ticket number a message mentions, in its canonical form, or null. */
export function ticketNumberIn(text: string): string | null {
  const m = TICKET_NUMBER.exec(text);
  return m ? `T${m[1]}.${m[2]}` : null;
}

const HELP =
  /^(aide|help|a l aide|au secours|menu|que puis je faire|que pouvez vous faire|comment ca marche|what can you do|how does it work)$/;
const CANCEL =
  /^(annuler|annule|annulez|stop|stopper|arrete|arreter|arretez|cancel|quit|quitter|abandonner|laisse tomber|laissez tomber|oublie|oubliez|forget it|never mind|nevermind)( (tout|la demande|le ticket|it|everything|svp|s il vous plait|please))?$/;
const RESTART =
  /^(recommencer|recommence|recommencons|on recommence|reprendre depuis le debut|tout recommencer|depuis le debut|start over|start again|restart|reset)$/;
const STATUS_WORDS =
  /\b(ou en est|statut|etat|suivi|status|where is|news|nouvelles|avancement|ou en sont|what about)\b/;
const MY_TICKETS = /\b(mes tickets|mes demandes|mes incidents|my tickets|my requests|mes derniers tickets)\b/;
const ESCALATE = /\b(escalad\w*|escalat\w*|escalader|relancer le ticket)\b/;
const TECHNICIAN =
  /\b(parler|discuter|joindre|avoir|passer|veux|voudrais|besoin d|talk|speak|want|need|get)\b.{0,25}\b(technicien|technicienne|humain|personne|conseiller|conseillere|quelqu un|agent|technician|human|person|someone|operator|operateur)\b/;
const TECHNICIAN_ALONE = /^(un |a )?(technicien|technician|humain|human|agent|operateur|operator)$/;

/** The interruption a message asks for, or null for an ordinary answer. */
export function detectInterruption(text: string): Interruption | null {
  const n = normalize(text)
    .replace(/\b(s il vous plait|svp|please|merci|thanks)\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.trim() === '?') return { kind: 'help' };
  if (n === '') return null;
  if (HELP.test(n)) return { kind: 'help' };
  if (CANCEL.test(n)) return { kind: 'cancel' };
  if (RESTART.test(n)) return { kind: 'restart' };
  const number = ticketNumberIn(text);
  if (ESCALATE.test(n)) return { kind: 'escalate', number };
  if (MY_TICKETS.test(n)) return { kind: 'my_tickets' };
  if (number && (STATUS_WORDS.test(n) || n.replace(/\s/g, '') === number.toLowerCase()))
    return { kind: 'status', number };
  if (TECHNICIAN.test(n) || TECHNICIAN_ALONE.test(n)) return { kind: 'technician', number };
  return null;
}
