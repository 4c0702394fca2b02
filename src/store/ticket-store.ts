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
    | 'replied'
    /** The person's message on their ticket after it was resolved or put waiting for them, with its text. */
    | 'person_replied'
    /** The SLA watch: a deadline is near, or an escalation is proposed or told to a manager. */
    | 'sla_warning';
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
  /** Tickets whose idempotency key starts with this: those one conversation opened (intakeKey). */
  keyPrefix?: string;
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

/** The steps of the SLA watch, each a timer of a ticket (src/watch/). */
export const TIMER_KINDS = ['first_response_warning', 'take_charge', 'resolution'] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

/** A timer a ticket should have: which step, at which level, due when (ISO-8601 instant). */
export interface PlannedTimer {
  kind: TimerKind;
  level: number;
  dueAt: string;
}

/** A timer kept in the store. One per ticket, kind and level, ever: a fired step never fires again. */
export interface SlaTimer extends PlannedTimer {
  id: number;
  ticketNumber: string;
  state: 'pending' | 'fired' | 'cancelled';
  /** When it fired (the watch's clock), null until then. */
  firedAt: string | null;
}

/** A message to deliver after a ticket change, kept until it is delivered. */
export interface OutboxEntry {
  /** Unique: the same key is never queued twice (ticket, step, level and audience). */
  key: string;
  ticketNumber: string;
  audience: 'technicians' | 'person';
  payload: Record<string, unknown>;
}

/** An outbox message claimed for delivery. */
export interface OutboxMessage extends OutboxEntry {
  id: number;
  /** Deliveries tried before this one. */
  attempts: number;
  createdAt: string;
}

/** What one step does to a ticket: its changes, the events it logs and the messages it queues. */
export interface TicketStep {
  changes?: TicketChanges;
  events: Omit<TicketEvent, 'ticketNumber' | 'id'>[];
  outbox: OutboxEntry[];
}

/** What firing a claimed timer came to. */
export type FireOutcome =
  | { outcome: 'fired'; ticket: Ticket; step: TicketStep }
  /** The step had become pointless (the ticket was taken or resolved meanwhile): cancelled. */
  | { outcome: 'cancelled' }
  /** The lease was lost to another watcher, or the timer is no longer pending: nothing done. */
  | { outcome: 'lost' }
  /** An earlier timer of the same ticket is still pending: this one waits, so steps fire in order. */
  | { outcome: 'waiting' }
  /** Its step could not be decided (the error says why): given back, to be tried at the next pass. */
  | { outcome: 'failed'; error: string };

/** How a claimed outbox message ends: delivered or failed for good with its event, or tried again later. */
export type OutboxSettlement = { id: number } & (
  | { state: 'delivered' | 'failed'; event: Omit<TicketEvent, 'id'> }
  | { state: 'retry'; retryAtMs: number; error: string }
);

/**
 * The SLA watch's part of the store: the timers of each ticket, claimed once across instances
 * under a lease, and the outbox of the messages the steps cause. Leases and retry instants are
 * wall-clock epoch milliseconds (`wallMs`), read by every instance; due instants follow the
 * watch's clock, which `--now` may move.
 */
export interface WatchStore {
  /**
   * Makes the ticket's timers what `planned` says: a pending timer not planned is cancelled, a
   * planned one is added or has its due instant moved, a cancelled one planned again is pending
   * again; a fired timer is never touched, so a step fires once per ticket, kind and level.
   */
  syncTimers(ticketNumber: string, planned: readonly PlannedTimer[]): Promise<void>;
  listTimers(ticketNumber: string): Promise<SlaTimer[]>;
  /**
   * Leases to `owner`, until `leaseUntilMs`, up to `limit` pending timers due at `now`, earliest
   * first, skipping those under another live lease; each is handed to one claimer only.
   */
  claimDueTimers(now: Date, owner: string, wallMs: number, leaseUntilMs: number, limit: number): Promise<SlaTimer[]>;
  /**
   * Fires claimed timers, in their order, in one transaction, each ticket locked: `decide` sees
   * the ticket as it stands (after the earlier timers of the batch) and returns the step (null:
   * pointless now, the timer is cancelled); its changes, events and outbox entries are written
   * with the timer marked fired at `at`. A step whose `decide` throws is left out alone
   * ('failed', its timer given back); a failing write fails the batch, and nothing is written.
   */
  fireTimers(
    timers: readonly SlaTimer[],
    owner: string,
    at: Date,
    decide: (timer: SlaTimer, ticket: Ticket) => TicketStep | null,
  ): Promise<FireOutcome[]>;
  /** Applies a step to a ticket in one transaction, the ticket locked (an escalation a person asks for). */
  stepTicket(
    number: string,
    at: Date,
    decide: (ticket: Ticket) => TicketStep,
  ): Promise<{ ticket: Ticket; step: TicketStep }>;
  /** Leases up to `limit` outbox messages due for delivery, oldest first. */
  claimOutbox(owner: string, wallMs: number, leaseUntilMs: number, limit: number): Promise<OutboxMessage[]>;
  /**
   * Ends claimed messages in one transaction: delivered, or failed for good, each with its event;
   * or given back to be tried again from `retryAtMs`, without an event. Returns the ids settled:
   * a message whose lease was lost meanwhile is left as it is.
   */
  settleOutbox(owner: string, settlements: readonly OutboxSettlement[]): Promise<number[]>;
  /** Open tickets with a contract that have no timer at all (opened before the watch, or by a crashed process). */
  ticketsWithoutTimers(limit: number): Promise<Ticket[]>;
}

/** A store holds tickets, conversations, the inbound deliveries already taken and the SLA watch's timers. */
export interface Store extends TicketStore, ConversationStore, InboundStore, StoreHealth, WatchStore {}
