/**
 * The helpdesk's own vocabulary, shared by every module: priorities, ticket types, domains,
 * sources and statuses. Names follow the phone procedure of the company's documents.
 */

/** Priority labels, from the most to the least urgent (seed 000: priorité 1 à 4). */
export const PRIORITIES = ['critique', 'haute', 'normale', 'basse'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Priority number of each label: critique is 1, basse is 4. */
export const PRIORITY_NUMBER: Readonly<Record<Priority, 1 | 2 | 3 | 4>> = {
  critique: 1,
  haute: 2,
  normale: 3,
  basse: 4,
};

/** "Type de ticket : Incident (si quelque chose ne marche pas) ou Demande de service". */
export const TICKET_TYPES = ['incident', 'request'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

/** "Ticket support Informatique (010) ou télécom (020)". */
export const DOMAINS = ['informatique', 'telecom'] as const;
export type Domain = (typeof DOMAINS)[number];

/** "Source : Téléphone" — and the chat channels Guichet adds. */
export const SOURCES = ['phone', 'slack', 'teams', 'web', 'console'] as const;
export type Source = (typeof SOURCES)[number];

export const TICKET_STATUSES = [
  'draft',
  'new',
  'assigned',
  'in_progress',
  'waiting_customer',
  'resolved',
  'closed',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Injected time: nothing deep inside Guichet reads `Date.now()`. */
export interface Clock {
  now(): Date;
}

/** The real clock, for production wiring only. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant, for tests and for the CLI's `--now`. */
export function fixedClock(at: Date | string): Clock {
  const instant = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(instant.getTime())) throw new Error(`Invalid instant for the clock: ${String(at)}`);
  return { now: () => new Date(instant.getTime()) };
}
