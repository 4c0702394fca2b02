import type { Domain, Priority, Source, TicketStatus, TicketType } from '../domain.js';

/** An entry of a ticket's append-only event log. */
export interface TicketEvent {
  id?: number;
  ticketNumber: string;
  at: string; // ISO-8601 instant
  kind:
    | 'created'
    | 'responded'
    | 'escalated'
    | 'status_changed'
    | 'note'
    | 'notified'
    | 'assigned'
    /** A technician's message to the person (Répondre), with its text. */
    | 'replied';
  /** Who did it: "bot", a technician id, a contact's name. */
  by: string;
  data?: Record<string, unknown>;
}

/** A ticket as the phone procedure defines its fields. */
export interface Ticket {
  number: string; // T20261122.0001
  createdAt: string; // ISO-8601 instant (UTC)
  account: string | null;
  contact: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  source: Source;
  title: string;
  description: string;
  type: TicketType;
  priority: Priority;
  domain: Domain;
  category: string | null;
  subcategory: string | null;
  queue: string;
  primaryResource: string | null;
  level: number;
  status: TicketStatus;
  workType: string;
  contract: boolean;
  firstResponseDue: string | null; // ISO-8601 Europe/Paris offset
  resolutionDue: string | null;
  escalationAt: string | null;
  firstRespondedAt: string | null;
  resolvedAt: string | null;
  /** The technician who took the ticket ("Je prends"), by directory id; null while nobody has. */
  assignee: string | null;
  /** When it was taken: the take-charge time of the SLA sheet (Europe/Paris offset). */
  takenAt: string | null;
  appointmentAt: string | null;
  classificationReason: string | null;
  /** The channel's conversation reference (JSON), to reach the person again. */
  conversationRef: string | null;
  idempotencyKey: string | null;
  language: 'fr' | 'en';
}

/** What a caller supplies to create a ticket; the store assigns the number. */
export type NewTicket = Omit<Ticket, 'number' | 'firstRespondedAt' | 'resolvedAt' | 'assignee' | 'takenAt'>;

/** The fields `updateTicket` may change. */
export type TicketChanges = Partial<
  Pick<
    Ticket,
    | 'status'
    | 'firstRespondedAt'
    | 'resolvedAt'
    | 'level'
    | 'primaryResource'
    | 'appointmentAt'
    | 'assignee'
    | 'takenAt'
  >
>;

/** What a ticket must still hold for `updateTicketIf` to change it. */
export type TicketExpectation = Partial<Pick<Ticket, 'assignee' | 'status'>>;

export interface TicketFilter {
  status?: TicketStatus[];
  account?: string;
  contactEmail?: string;
  contactPhone?: string;
  /** ISO instants, createdAt in [from, to). */
  from?: string;
  to?: string;
  limit?: number;
}

export interface CreateResult {
  ticket: Ticket;
  /** false when the idempotency key already existed and the existing ticket is returned. */
  created: boolean;
}

/**
 * The ticket store port. Every method is async so PostgreSQL and SQLite share it. Numbers are
 * "T" + the creation day in Europe/Paris (yyyyMMdd) + "." + a per-day sequence of 4 digits,
 * unique under concurrent creation.
 */
export interface TicketStore {
  createTicket(ticket: NewTicket): Promise<CreateResult>;
  getTicket(number: string): Promise<Ticket | null>;
  listTickets(filter?: TicketFilter): Promise<Ticket[]>;
  /** Updates the mutable fields and appends the event in one transaction. */
  updateTicket(
    number: string,
    changes: TicketChanges,
    event: Omit<TicketEvent, 'ticketNumber' | 'id'>,
  ): Promise<Ticket>;
  /**
   * Like `updateTicket`, only if the ticket still holds what `expected` says, checked and changed
   * in one transaction (a compare-and-set): of two technicians taking one ticket at once, across
   * instances, one updates it and the other gets `updated: false` with the ticket as it is.
   */
  updateTicketIf(
    number: string,
    expected: TicketExpectation,
    changes: TicketChanges,
    event: Omit<TicketEvent, 'ticketNumber' | 'id'>,
  ): Promise<{ ticket: Ticket; updated: boolean }>;
  appendEvent(event: TicketEvent): Promise<void>;
  listEvents(number: string): Promise<TicketEvent[]>;
  close(): Promise<void>;
}

/** Conversation state, keyed by channel and conversation id, with expiry. */
export interface ConversationStore {
  loadConversation(channel: string, conversationId: string, now: Date): Promise<unknown | null>;
  saveConversation(channel: string, conversationId: string, state: unknown, expiresAt: Date): Promise<void>;
  deleteConversation(channel: string, conversationId: string): Promise<void>;
  /** Removes expired conversations; returns how many. */
  purgeExpired(now: Date): Promise<number>;
  /**
   * Runs `work` while holding the lock of one conversation, and returns what it returns. Work
   * under the same channel and conversation id runs one at a time across every instance sharing
   * the store (another process on the same SQLite file, another instance on PostgreSQL), so a
   * load → step → save is never interleaved with another turn of the same conversation; work
   * under other keys runs side by side. The lock is released when `work` settles, also when it
   * throws (its error is rethrown). Waiting longer than about 10 s for it fails with StoreFailed.
   * Locks of different conversations may be nested (the phone line holds a call's lock while the
   * engine takes the conversation's), always in the same order; the lock is not reentrant.
   */
  withConversationLock<T>(channel: string, conversationId: string, work: () => Promise<T>): Promise<T>;
}

/**
 * Inbound deliveries already taken, so a platform's retry (Slack's same `event_id`, Teams' same
 * activity id) or the same delivery reaching two instances is handled once.
 */
export interface InboundStore {
  /**
   * Records that the delivery `key` of `channel` is being handled, at `at`. Returns true for the
   * first claim, false when it was already claimed, by this instance or another sharing the store.
   * Claims older than a day are forgotten by `purgeExpired` (platforms retry within minutes).
   */
  claimInbound(channel: string, key: string, at: Date): Promise<boolean>;
}

/** What the health probe asks of the store. */
export interface StoreHealth {
  /**
   * Commits a small write, the way a ticket is written, and resolves once it is durable; rejects
   * with StoreFailed when the store cannot write now (a full disk, a read-only file or database,
   * its tables locked elsewhere), within about a second of waiting for a lock.
   */
  checkWritable(now: Date): Promise<void>;
}

/** A store holds tickets, conversations and the inbound deliveries already taken. */
export interface Store extends TicketStore, ConversationStore, InboundStore, StoreHealth {}
