import { z } from 'zod';
import { normalizePhone } from '../dialogs/accounts.js';
import { shippedDialogs } from '../dialogs/load.js';
import type { Dialogs } from '../dialogs/messages.js';
import {
  type Clock,
  DOMAINS,
  LANGUAGES,
  PRIORITIES,
  type Priority,
  SOURCES,
  TICKET_TYPES,
  type TicketStatus,
} from '../domain.js';
import { ErrorCode, GuichetError } from '../errors.js';
import type { PersonMessengers } from '../messaging/person-messenger.js';
import type { NotificationKind, Notifier } from '../notifier/notifier.js';
import type { Policy, Technician } from '../policy/schema.js';
import { unknownTicket } from '../store/store-error.js';
import type { NewTicket, Store, Ticket, TicketStore } from '../store/ticket-store.js';
import type { TicketWatchHook } from '../watch/hook.js';
import { deliverOutbox } from '../watch/outbox.js';
import { escalationStep } from '../watch/steps.js';
import { type Duplicate, findDuplicate } from './duplicates.js';
import { type EscalationPlan, escalationPlan } from './escalation-plan.js';
import { TECHNICIAN_LANGUAGE } from './notification-text.js';
import { nextLevel, queueOf, startLevel, techniciansAt } from './resources.js';
import { technicianNotice } from './technician-notice.js';

/** Computes a ticket's SLA dates; satisfied by SlaEngine (src/sla/sla-engine.ts). */
export interface DeadlineCalculator {
  /** The SLA dates of a ticket opened at `openedAt`; null without a maintenance contract. */
  deadlines(
    openedAt: Date,
    priority: Priority,
    contract: boolean,
  ): { firstResponseDue: Date; resolutionDue: Date; escalationAt: Date } | null;
  /** An instant as ISO-8601 with the helpdesk's offset (Europe/Paris). */
  formatInstant(at: Date): string;
}

/** What the conversation has gathered for a ticket, before the service routes and numbers it. */
export type TicketDraft = Pick<
  Ticket,
  | 'account'
  | 'contact'
  | 'contactEmail'
  | 'contactPhone'
  | 'contract'
  | 'source'
  | 'title'
  | 'description'
  | 'type'
  | 'priority'
  | 'domain'
  | 'category'
  | 'subcategory'
  | 'classificationReason'
  | 'appointmentAt'
  | 'conversationRef'
  | 'idempotencyKey'
  | 'language'
> & {
  /** A draft: the caller hung up mid-intake; technicians see it and may call back. */
  status?: 'draft';
};

const nullableText = z.string().nullable();
const draftSchema = z.object({
  account: nullableText,
  contact: nullableText,
  contactEmail: nullableText,
  contactPhone: nullableText,
  contract: z.boolean(),
  source: z.enum(SOURCES),
  title: z.string().trim().min(1, 'expected a title: the problem in a few words'),
  description: z.string(),
  type: z.enum(TICKET_TYPES),
  priority: z.enum(PRIORITIES),
  domain: z.enum(DOMAINS),
  category: nullableText,
  subcategory: nullableText,
  classificationReason: nullableText,
  appointmentAt: nullableText,
  conversationRef: nullableText,
  idempotencyKey: nullableText,
  language: z.enum(LANGUAGES),
  status: z.literal('draft').optional(),
});

/**
 * Who asks about tickets: the tickets opened in their conversation, and who their channel says
 * they are (from the accounts file), if it does.
 */
export interface TicketViewer {
  conversationTickets: readonly string[];
  identity: { account: string; email: string | null; phone: string | null } | null;
}

/** The ports the ticket service drives. */
export interface TicketServiceDeps {
  store: Store;
  policy: Policy;
  sla: DeadlineCalculator;
  clock: Clock;
  notifier: Notifier;
  /** The SLA watch, told of every change so the ticket's timers follow (src/watch/). */
  watch?: TicketWatchHook;
  /** The channels that write to a person later, for the outbox messages delivered here. */
  messengers?: PersonMessengers;
  /** The words of the technicians' notifications, as loaded from dialogs/; the shipped ones by default. */
  dialogs?: Dialogs;
}

/**
 * Opens tickets as the phone procedure says (seed 004): queue by domain, primary resource by
 * level, initial status, work type, SLA dates; escalates them one level at a time; records the
 * first response and status changes; and tells the technicians. The ticket is always saved
 * before anyone is notified, so a notifier outage never loses a ticket.
 */
export class TicketService {
  private readonly deps: TicketServiceDeps;

  constructor(deps: TicketServiceDeps) {
    this.deps = deps;
  }

  /**
   * Opens a ticket from a draft. With an idempotency key already used, returns the first ticket
   * with `created: false` and notifies nobody again.
   */
  async open(draft: TicketDraft): Promise<{ ticket: Ticket; created: boolean; plan: EscalationPlan }> {
    const parsed = draftSchema.safeParse(draft);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(draft)'}: ${i.message}`);
      throw new GuichetError(ErrorCode.InvalidInput, `cannot open the ticket: ${problems.join('; ')}`);
    }
    const { policy, sla, clock, store } = this.deps;
    const openedAt = clock.now();
    // Seed 000: "Il n'y a pas de requête avec priorité critique. Le plus haut niveau de priorité est
    // 2 – Haute": whatever produced the draft, a request never gets the critique SLA dates.
    const priority: Priority = draft.type === 'request' && draft.priority === 'critique' ? 'haute' : draft.priority;
    const queue = queueOf(policy, draft.domain).id;
    const level = startLevel(policy, queue, priority);
    // No contract, no SLA dates: the sheet's "Sans contrat" column says N/A.
    const deadlines = draft.contract ? sla.deadlines(openedAt, priority, true) : null;
    const format = (at: Date | undefined) => (at ? sla.formatInstant(at) : null);
    const ticket: NewTicket = {
      createdAt: openedAt.toISOString(),
      account: draft.account,
      contact: draft.contact,
      contactEmail: draft.contactEmail,
      contactPhone: draft.contactPhone,
      source: draft.source,
      title: draft.title.trim(),
      description: draft.description,
      type: draft.type,
      priority,
      domain: draft.domain,
      category: draft.category,
      subcategory: draft.subcategory,
      queue,
      primaryResource: techniciansAt(policy, queue, level)[0]?.id ?? null,
      level,
      // "Statut : 1 - Assigné" (seed 004) unless the intake was interrupted.
      status: draft.status ?? policy.statuses.initial,
      // "NE PAS OUBLIER : Type de travail : Support à distance (Réactif)".
      workType: policy.workType,
      contract: draft.contract,
      firstResponseDue: format(deadlines?.firstResponseDue),
      resolutionDue: format(deadlines?.resolutionDue),
      escalationAt: format(deadlines?.escalationAt),
      appointmentAt: draft.appointmentAt,
      classificationReason: draft.classificationReason,
      conversationRef: draft.conversationRef,
      idempotencyKey: draft.idempotencyKey,
      language: draft.language,
    };
    const result = await store.createTicket(ticket);
    if (result.created) {
      await this.watched(result.ticket);
      await this.tell(draft.status === 'draft' ? 'draft_ticket' : 'ticket_opened', result.ticket);
    }
    return { ...result, plan: this.plan(result.ticket) };
  }

  /** The ticket of that number, or null. */
  async get(number: string): Promise<Ticket | null> {
    return this.deps.store.getTicket(number);
  }

  /**
   * The tickets of a person, most recent first: those matching the e-mail, the phone or the
   * account given (any of them); with `keyPrefix`, only those one conversation opened (their
   * idempotency key starts with it). Nothing given, nothing found.
   */
  async listForContact(
    who: { email?: string; phone?: string; account?: string },
    limit = 10,
    keyPrefix?: string,
  ): Promise<Ticket[]> {
    const { store } = this.deps;
    const within = keyPrefix === undefined ? {} : { keyPrefix };
    const lists = await Promise.all([
      who.email ? store.listTickets({ contactEmail: who.email, ...within, limit }) : [],
      who.phone ? store.listTickets({ contactPhone: who.phone, ...within, limit }) : [],
      who.account ? store.listTickets({ account: who.account, ...within, limit }) : [],
    ]);
    const byNumber = new Map<string, Ticket>();
    for (const ticket of lists.flat()) byNumber.set(ticket.number, ticket);
    return [...byNumber.values()]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.number.localeCompare(a.number))
      .slice(0, limit);
  }

  /**
   * The open ticket a draft duplicates (src/tickets/duplicates.ts): the same contact's same
   * problem, or the same company's site-wide outage, within the policy's window; null otherwise.
   */
  async findDuplicate(draft: TicketDraft): Promise<Duplicate | null> {
    return findDuplicate(this.deps.store, this.deps.policy.duplicates, draft, this.deps.clock.now());
  }

  /**
   * Adds a person's message to an open ticket instead of opening a second one: a 'note' event
   * keeps it (with who said it and, for a site-wide outage, that it is another person's report),
   * and the ticket's technicians are told, through the same path as any notification.
   */
  async addNote(
    number: string,
    note: { text: string; by: string; reason: 'duplicate' | 'site_outage'; source: string },
  ): Promise<Ticket> {
    const ticket = await this.require(number);
    await this.deps.store.appendEvent({
      ticketNumber: number,
      at: this.deps.clock.now().toISOString(),
      kind: 'note',
      by: note.by,
      data: { text: note.text, reason: note.reason, source: note.source },
    });
    await this.tell('ticket_note', ticket, undefined, { by: note.by, text: note.text });
    return ticket;
  }

  /**
   * The person says they no longer need the ticket (the problem went away, or they withdraw the
   * request): it is marked resolved with their words as the note, and its technicians are told, so
   * they can check and close it. Null when the person may not follow it.
   */
  async withdraw(
    number: string,
    said: { text: string; by: string },
    viewer: TicketViewer,
  ): Promise<{ ticket: Ticket; withdrawn: boolean } | null> {
    const current = await this.followed(number, viewer);
    if (!current) return null;
    if (current.status === 'resolved' || current.status === 'closed') return { ticket: current, withdrawn: false };
    const ticket = await this.changeStatus(number, 'resolved', said.by, said.text);
    await this.tellHolder('ticket_note', ticket, said);
    return { ticket, withdrawn: true };
  }

  /**
   * Escalates a ticket one level up its queue (capped at the highest level), makes the first
   * technician of that level its primary resource and tells them. `reached` says whether the
   * escalation time had come ("délais impartis + 1 heure", seed 004); without a contract there is
   * no such time and it is always true. A ticket that changes level is freed for the new level's
   * technicians to take; `reason` (a technician's) is logged and told to them.
   */
  async escalate(
    number: string,
    by: string,
    reason?: string,
  ): Promise<{ ticket: Ticket; plan: EscalationPlan; reached: boolean }> {
    const { policy, clock, store } = this.deps;
    const now = clock.now();
    // The SLA watch's path: the change, its event and the technicians' message in one
    // transaction, the message delivered from the outbox after it.
    let reached = false;
    const { ticket } = await store.stepTicket(number, now, (current) => {
      reached = !current.contract || current.escalationAt === null || now >= new Date(current.escalationAt);
      return escalationStep(
        policy,
        current,
        {
          toLevel: nextLevel(policy, current.queue, current.level),
          by,
          at: now,
          step: 'escalation_request',
          rule: "Demande d'escalade de la personne (matrice d'escalade)",
          reached,
          tellPerson: false,
          ...(reason === undefined ? {} : { reason }),
        },
        this.deps.dialogs,
      );
    });
    await this.watched(ticket);
    // A message not delivered now stays in the outbox for the watch's next pass.
    await deliverOutbox(this.deps).catch(() => []);
    return { ticket, plan: this.plan(ticket), reached };
  }

  /**
   * Whether the person may see and act on a ticket: one opened in their conversation, or one of
   * their company (the account is the customer of the phone procedure, 004) or in their name.
   * Ticket numbers follow each other day by day, so without this anyone could read, escalate or
   * page a technician about another customer's ticket by trying numbers.
   */
  mayFollow(ticket: Ticket, viewer: TicketViewer): boolean {
    if (viewer.conversationTickets.includes(ticket.number)) return true;
    const who = viewer.identity;
    if (!who) return false;
    if (ticket.account !== null && ticket.account === who.account) return true;
    const email = who.email?.toLowerCase();
    if (email && ticket.contactEmail?.toLowerCase() === email) return true;
    const phone = who.phone ? normalizePhone(who.phone) : null;
    return phone !== null && ticket.contactPhone !== null && normalizePhone(ticket.contactPhone) === phone;
  }

  /** The ticket of that number when the person may follow it; otherwise null, as if it did not exist. */
  async followed(number: string, viewer: TicketViewer): Promise<Ticket | null> {
    const ticket = await this.get(number);
    return ticket && this.mayFollow(ticket, viewer) ? ticket : null;
  }

  /**
   * A person asks for a technician about a ticket they follow: the technicians of its queue and
   * level are told, and a 'notified' event logs it. Returns the ticket, or null when there is none
   * the person may follow (nobody is told then: the helpdesk's number is the answer).
   */
  async requestTechnician(number: string | null, viewer: TicketViewer): Promise<Ticket | null> {
    const ticket = number ? await this.followed(number, viewer) : null;
    if (ticket) await this.tell('technician_requested', ticket);
    return ticket;
  }

  /**
   * The person writes in the conversation of their ticket after a technician resolved it or asked
   * them something: the message is kept in the event log (`person_replied`); a ticket waiting for
   * them goes back to in progress (assigned when nobody has it), and a resolved one whose problem
   * is still there (`persists`, as the conversation read it) is reopened the same way, its SLA
   * timers planned again by the watch. The technician who had it gets a message with the person's
   * words (the level's technicians when nobody had it), and every copy of the ticket's message is
   * updated. Returns null, changing nothing, when the ticket is neither waiting nor resolved with
   * `persists`, or is not the person's.
   */
  async answerFromPerson(
    number: string,
    answer: { text: string; by: string; persists: boolean },
    viewer: TicketViewer,
  ): Promise<{ ticket: Ticket; outcome: 'reopened' | 'replied' } | null> {
    const current = await this.followed(number, viewer);
    if (!current) return null;
    const outcome =
      current.status === 'waiting_customer'
        ? 'replied'
        : current.status === 'resolved' && answer.persists
          ? 'reopened'
          : null;
    if (outcome === null) return null;
    await this.deps.store.appendEvent({
      ticketNumber: number,
      at: this.deps.clock.now().toISOString(),
      kind: 'person_replied',
      by: answer.by,
      data: { text: answer.text, from: current.status, reopens: outcome === 'reopened' },
    });
    const ticket = await this.changeStatus(number, current.assignee === null ? 'assigned' : 'in_progress', answer.by);
    await this.tellHolder(outcome === 'reopened' ? 'ticket_reopened' : 'person_replied', ticket, answer);
    return { ticket, outcome };
  }

  /**
   * The person's words on their ticket go to the technician who has it (the level's technicians
   * when nobody has it), then every copy of the ticket's message is updated.
   */
  private async tellHolder(kind: NotificationKind, ticket: Ticket, said: { by: string; text: string }): Promise<void> {
    const holder = this.deps.policy.resources.technicians.find((t) => t.id === ticket.assignee);
    await this.tell(kind, ticket, undefined, { by: said.by, text: said.text, ...(holder ? { to: [holder] } : {}) });
    await this.updated(ticket);
  }

  /**
   * Every copy of the ticket's message in the technicians' chats is updated to the ticket as it
   * is now (who has it, the status, the time left): after a technician's action, from a button or
   * the command line, and after the person's answer.
   */
  async updated(ticket: Ticket): Promise<void> {
    await this.tell('ticket_updated', ticket);
  }

  /** Records the first response to the person; a ticket already answered keeps its first time. */
  async recordFirstResponse(number: string, by: string): Promise<Ticket> {
    const current = await this.require(number);
    if (current.firstRespondedAt !== null) return current;
    const now = this.deps.clock.now();
    const ticket = await this.deps.store.updateTicket(
      number,
      { firstRespondedAt: this.deps.sla.formatInstant(now) },
      { at: now.toISOString(), kind: 'responded', by },
    );
    await this.watched(ticket);
    return ticket;
  }

  /**
   * Moves a ticket to another status and logs who did it. Resolving (or closing) stamps the
   * resolution time and, when nobody had answered yet, the first response too: the solution is
   * the answer. Reopening a resolved ticket clears its resolution time. A `note` (the resolution
   * note, what is asked of the person) is kept in the event.
   */
  async changeStatus(number: string, status: TicketStatus, by: string, note?: string): Promise<Ticket> {
    if (status === 'draft') {
      throw new GuichetError(
        ErrorCode.InvalidInput,
        'a ticket cannot go back to draft; only an interrupted intake makes one',
      );
    }
    const current = await this.require(number);
    if (current.status === status) return current;
    const now = this.deps.clock.now();
    const stamp = this.deps.sla.formatInstant(now);
    const done = (s: TicketStatus) => s === 'resolved' || s === 'closed';
    const changes: Parameters<TicketStore['updateTicket']>[1] = { status };
    if (done(status)) {
      if (current.resolvedAt === null) changes.resolvedAt = stamp;
      if (current.firstRespondedAt === null) changes.firstRespondedAt = stamp;
    } else if (done(current.status)) {
      changes.resolvedAt = null;
    }
    const ticket = await this.deps.store.updateTicket(number, changes, {
      at: now.toISOString(),
      kind: 'status_changed',
      by,
      data: note === undefined ? { from: current.status, to: status } : { from: current.status, to: status, note },
    });
    await this.watched(ticket);
    return ticket;
  }

  /**
   * Tells the SLA watch a ticket changed, so its timers follow. The change is saved already: a
   * failure here must not undo it for the person, and the watch re-checks every step against the
   * ticket before it fires, so a stale timer never acts.
   */
  async watched(ticket: Ticket): Promise<void> {
    try {
      await this.deps.watch?.ticketChanged(ticket);
    } catch {
      // Timers missing after a failure are planned again when the watch starts (SlaWatch.backfill).
    }
  }

  /** How the person reaches the helpdesk and escalates this ticket. */
  plan(ticket: Ticket): EscalationPlan {
    return escalationPlan(this.deps.policy, ticket);
  }

  private async require(number: string): Promise<Ticket> {
    const ticket = await this.deps.store.getTicket(number);
    if (!ticket) throw unknownTicket(number);
    return ticket;
  }

  /**
   * Notifies the technicians of the ticket's queue and level, then logs the outcome as a
   * 'notified' event. The ticket is already saved: a failing notifier is recorded, not thrown.
   */
  private async tell(
    kind: NotificationKind,
    ticket: Ticket,
    detail?: { by: string; fromLevel: number; reason?: string },
    note?: { by: string; text: string; to?: Technician[] },
  ): Promise<void> {
    const { policy, notifier, store, clock } = this.deps;
    const dialogs = this.deps.dialogs ?? shippedDialogs();
    // The level's technicians, and the on-call one for a critique ticket (technician-notice.ts).
    const notice = technicianNotice(policy, kind, ticket, clock.now(), detail, dialogs);
    if (note) {
      // The person's words come first: they are what is new on a ticket the technician knows.
      notice.facts.unshift({ label: note.by, value: note.text });
      notice.text = `${notice.text}\n${dialogs.messages(TECHNICIAN_LANGUAGE).duplicate.technicianNote(note.by, note.text)}`;
      // The technician who has the ticket, rather than the whole level, when someone has it.
      if (note.to) notice.recipients = note.to;
    }
    const { recipients, urgent, text } = notice;
    let outcome: Record<string, unknown>;
    try {
      await notifier.notify({ kind, ticket, recipients, urgent, text, notice });
      outcome = { kind, recipients: recipients.map((t) => t.id), urgent, ok: true };
    } catch (error) {
      outcome = {
        kind,
        recipients: recipients.map((t) => t.id),
        urgent,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    try {
      await store.appendEvent({
        ticketNumber: ticket.number,
        at: clock.now().toISOString(),
        kind: 'notified',
        by: 'bot',
        data: outcome,
      });
    } catch {
      // The ticket and its change are saved; losing this bookkeeping line must not turn a saved
      // ticket into an error for the person (the store's failure shows on its next use).
    }
  }
}
