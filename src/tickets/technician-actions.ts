import type { Logger } from 'pino';
import { shippedDialogs } from '../dialogs/load.js';
import type { Dialogs, Messages } from '../dialogs/messages.js';
import type { Clock, TicketStatus } from '../domain.js';
import type { PersonMessengers } from '../messaging/person-messenger.js';
import type { Policy, Technician } from '../policy/schema.js';
import type { InboundStore, Ticket, TicketStore } from '../store/ticket-store.js';
import { nextLevel } from './resources.js';
import { parseActionValue, type TechnicianNotice, technicianNotice } from './technician-notice.js';
import type { DeadlineCalculator, TicketService } from './ticket-service.js';

/** What a technician does on a ticket, from a chat button or `guichet tickets`. */
export const TECHNICIAN_ACTIONS = ['take', 'reply', 'escalate', 'wait', 'resolve', 'reopen'] as const;
export type TechnicianAction = (typeof TECHNICIAN_ACTIONS)[number];

/** One press of a button, or one `guichet tickets ACTION` command. */
export interface TechnicianRequest {
  action: TechnicianAction;
  number: string;
  /** Who acts: a directory id, an e-mail, a Slack user id or a Teams id of the directory. */
  by: string;
  /** reply: the message; escalate: the reason; wait: what is asked (optional); resolve: the note. */
  text?: string;
  /**
   * The platform's id of this press (Slack's action_ts, Teams' activity id): a retry carrying the
   * same id is done once, even on another instance.
   */
  requestId?: string;
}

/** How the person heard of the action: through their conversation, by SMS, or only in the log. */
export type PersonTold = 'sent' | 'logged' | 'failed' | 'none';

/** Why an action was refused; each comes with a message the technician can act on. */
export type RefusalCode =
  | 'not_a_technician'
  | 'unknown_ticket'
  | 'taken'
  | 'not_open'
  | 'text_required'
  | 'top_level'
  /** A button value Guichet did not write (or "Rappeler", a link that sends nothing). */
  | 'invalid_button';

export type ActionOutcome =
  | {
      ok: true;
      action: TechnicianAction;
      ticket: Ticket;
      technician: Technician;
      /** false when the ticket already was as asked (a retry, a second press): nothing was done. */
      changed: boolean;
      told: PersonTold;
      /** The ticket's notice after the action: what each copy of the technicians' message becomes. */
      notice: TechnicianNotice;
    }
  | {
      ok: false;
      action: TechnicianAction;
      code: RefusalCode;
      message: string;
      ticket?: Ticket;
      /** `taken`: who has the ticket. */
      holder?: Technician;
    };

/** An outcome before the notice is added. */
type Done = Refusal | Omit<Extract<ActionOutcome, { ok: true }>, 'notice'>;
type Refusal = Extract<ActionOutcome, { ok: false }>;

/** The ports the technician actions drive. */
export interface TechnicianActionsDeps {
  tickets: TicketService;
  store: TicketStore & InboundStore;
  policy: Policy;
  clock: Clock;
  sla: Pick<DeadlineCalculator, 'formatInstant'>;
  messengers: PersonMessengers;
  logger: Logger;
  /** What the person is told (dialogs/, `technicianActions`); the shipped sentences by default. */
  dialogs?: Dialogs;
}

const DONE: readonly TicketStatus[] = ['resolved', 'closed'];

/**
 * The directory entry of whoever acts: matched on the directory id, the e-mail (any case), the
 * Slack user id or the Teams id. Nobody else may act on a ticket.
 */
export function findTechnician(policy: Policy, who: string): Technician | undefined {
  const wanted = who.trim();
  const lower = wanted.toLowerCase();
  return policy.resources.technicians.find(
    (t) =>
      t.id === lower ||
      t.email.toLowerCase() === lower ||
      t.chatIds.slack === wanted ||
      t.chatIds.teams?.toLowerCase() === lower,
  );
}

/** The reference through which the person of a ticket is reached: a phone ticket's is the caller's number. */
function personRef(ticket: Ticket): string | null {
  return ticket.conversationRef ?? (ticket.source === 'phone' ? ticket.contactPhone : null);
}

/**
 * The technicians' use cases, the buttons of a notification (Je prends, Répondre, Escalader, En
 * attente client, Résolu, Rouvrir), the same from Slack, Teams and the command line. Each
 * one checks that the actor is in the directory, acts through the ticket service and the store
 * (the event log, the SLA stamps the report counts), then tells the person in the conversation
 * that opened the ticket. Every action is idempotent: pressed twice, retried by the platform or
 * run on two instances, it is done once.
 */
export class TechnicianActions {
  private readonly deps: TechnicianActionsDeps;

  private get dialogs(): Dialogs {
    return this.deps.dialogs ?? shippedDialogs();
  }

  constructor(deps: TechnicianActionsDeps) {
    this.deps = deps;
  }

  /**
   * Runs the action of a pressed button, from the value the notice gave it
   * (`guichet:take:T20261123.0001`): what a Slack or Teams handler calls with the presser's
   * platform id, the text of the modal or card input, and the platform's id of the press.
   */
  async press(value: string, by: string, extra: { text?: string; requestId?: string } = {}): Promise<ActionOutcome> {
    const pressed = parseActionValue(value);
    if (pressed === undefined || pressed.action === 'call_back') {
      return refuse('take', 'invalid_button', `"${value.slice(0, 80)}" is not the value of a Guichet button`);
    }
    return this.run({ action: pressed.action, number: pressed.number, by, ...extra });
  }

  /** Runs one action; expected refusals are returned, a failing store throws. */
  async run(request: TechnicianRequest): Promise<ActionOutcome> {
    const { action } = request;
    const technician = findTechnician(this.deps.policy, request.by);
    if (!technician) {
      return refuse(
        action,
        'not_a_technician',
        `"${request.by}" is not a technician of the directory (policy resources.technicians)`,
      );
    }
    const text = request.text?.trim() ?? '';
    if (text === '' && (action === 'reply' || action === 'escalate' || action === 'resolve')) {
      const what = {
        reply: 'the message to the person',
        escalate: 'the reason of the escalation',
        resolve: 'the resolution note',
      };
      return refuse(action, 'text_required', `${action} needs ${what[action]}`);
    }
    const current = await this.deps.tickets.get(request.number);
    if (!current) return refuse(action, 'unknown_ticket', `no ticket has the number ${request.number}`);
    if (request.requestId !== undefined) {
      const first = await this.deps.store.claimInbound(
        'technician',
        `${request.number}:${action}:${request.requestId}`,
        this.deps.clock.now(),
      );
      if (!first) {
        const notice = technicianNotice(
          this.deps.policy,
          'ticket_updated',
          current,
          this.deps.clock.now(),
          undefined,
          this.dialogs,
        );
        return { ok: true, action, ticket: current, technician, changed: false, told: 'none', notice };
      }
    }
    const done = await this.act(action, current, technician, text);
    if (!done.ok) return done;
    // Every copy of the technicians' message shows the change, whoever acted and from where
    // (a Slack or Teams button, `guichet tickets`): through the notifier, like any notification.
    if (done.changed) await this.deps.tickets.updated(done.ticket);
    const notice = technicianNotice(
      this.deps.policy,
      'ticket_updated',
      done.ticket,
      this.deps.clock.now(),
      undefined,
      this.dialogs,
    );
    return { ...done, notice };
  }

  private act(action: TechnicianAction, current: Ticket, technician: Technician, text: string): Promise<Done> {
    switch (action) {
      case 'take':
        return this.take(current, technician);
      case 'reply':
        return this.reply(current, technician, text);
      case 'escalate':
        return this.escalate(current, technician, text);
      case 'wait':
        return this.wait(current, technician, text === '' ? null : text);
      case 'resolve':
        return this.resolve(current, technician, text);
      case 'reopen':
        return this.reopen(current, technician);
    }
  }

  /**
   * Je prends: the ticket is theirs and in progress; the take-charge time ("Délais de prise en
   * charge", SLA sheet of seed 004) and, when nobody had answered yet, the first response are
   * stamped (the SLA report counts the first response). Of two takes at
   * once only one changes the ticket: the other is told who has it.
   */
  private async take(current: Ticket, technician: Technician): Promise<Done> {
    if (DONE.includes(current.status)) return this.notOpen('take', current);
    if (current.assignee === technician.id) return unchanged('take', current, technician);
    if (current.assignee !== null) return this.taken(current);
    const now = this.deps.clock.now();
    const stamp = this.deps.sla.formatInstant(now);
    const { ticket, updated } = await this.deps.store.updateTicketIf(
      current.number,
      { assignee: null },
      {
        assignee: technician.id,
        takenAt: stamp,
        status: 'in_progress',
        ...(current.firstRespondedAt === null ? { firstRespondedAt: stamp } : {}),
      },
      {
        at: now.toISOString(),
        kind: 'assigned',
        by: technician.id,
        data: { assignee: technician.id, takenAt: stamp, from: current.status },
      },
    );
    if (!updated) return ticket.assignee === technician.id ? unchanged('take', ticket, technician) : this.taken(ticket);
    // Taken: the warning and the take-charge escalation have no point any more.
    await this.deps.tickets.watched(ticket);
    const told = await this.tell(ticket, (m) => m.taken(technician.name, ticket.number));
    return { ok: true, action: 'take', ticket, technician, changed: true, told };
  }

  /** Répondre: a message to the person, kept in the event log; it is a response to them. */
  private async reply(current: Ticket, technician: Technician, text: string): Promise<Done> {
    const now = this.deps.clock.now();
    const changes = current.firstRespondedAt === null ? { firstRespondedAt: this.deps.sla.formatInstant(now) } : {};
    const ticket = await this.deps.store.updateTicket(current.number, changes, {
      at: now.toISOString(),
      kind: 'replied',
      by: technician.id,
      data: { text },
    });
    // A first response cancels the first-response warning.
    await this.deps.tickets.watched(ticket);
    const told = await this.tell(ticket, (m) => m.replied(technician.name, ticket.number, text));
    return { ok: true, action: 'reply', ticket, technician, changed: true, told };
  }

  /** Escalader: to the next level of the queue, whose technicians get it with the reason. */
  private async escalate(current: Ticket, technician: Technician, reason: string): Promise<Done> {
    if (DONE.includes(current.status)) return this.notOpen('escalate', current);
    if (nextLevel(this.deps.policy, current.queue, current.level) === current.level) {
      return refuse(
        'escalate',
        'top_level',
        `${current.number} is already at level ${current.level}, the highest of ${current.queue}`,
        current,
      );
    }
    const { ticket } = await this.deps.tickets.escalate(current.number, technician.id, reason);
    const told = await this.tell(ticket, (m) => m.escalated(ticket.number, ticket.level));
    return { ok: true, action: 'escalate', ticket, technician, changed: true, told };
  }

  /** En attente client: the technician needs the person's answer. */
  private async wait(current: Ticket, technician: Technician, text: string | null): Promise<Done> {
    if (DONE.includes(current.status)) return this.notOpen('wait', current);
    if (current.status === 'waiting_customer') return unchanged('wait', current, technician);
    const ticket = await this.deps.tickets.changeStatus(
      current.number,
      'waiting_customer',
      technician.id,
      text ?? undefined,
    );
    const told = await this.tell(ticket, (m) =>
      text ? m.waitingWithText(technician.name, ticket.number, text) : m.waiting(technician.name, ticket.number),
    );
    return { ok: true, action: 'wait', ticket, technician, changed: true, told };
  }

  /** Résolu, with the note the person reads; the resolution time is stamped. */
  private async resolve(current: Ticket, technician: Technician, note: string): Promise<Done> {
    if (DONE.includes(current.status)) return unchanged('resolve', current, technician);
    const ticket = await this.deps.tickets.changeStatus(current.number, 'resolved', technician.id, note);
    const told = await this.tell(ticket, (m) => m.resolved(technician.name, ticket.number, note));
    return { ok: true, action: 'resolve', ticket, technician, changed: true, told };
  }

  /** Rouvrir a resolved or waiting ticket: in progress again when someone has it, assigned otherwise. */
  private async reopen(current: Ticket, technician: Technician): Promise<Done> {
    const reopenable: readonly TicketStatus[] = [...DONE, 'waiting_customer'];
    if (!reopenable.includes(current.status)) return unchanged('reopen', current, technician);
    const status = current.assignee === null ? 'assigned' : 'in_progress';
    const ticket = await this.deps.tickets.changeStatus(current.number, status, technician.id);
    const told = await this.tell(ticket, (m) => m.reopened(technician.name, ticket.number));
    return { ok: true, action: 'reopen', ticket, technician, changed: true, told };
  }

  private taken(ticket: Ticket): Refusal {
    const holder = this.deps.policy.resources.technicians.find((t) => t.id === ticket.assignee);
    const outcome: Refusal = {
      ok: false,
      action: 'take',
      code: 'taken',
      message: `${ticket.number} is already taken by ${holder?.name ?? ticket.assignee}`,
      ticket,
    };
    if (holder) outcome.holder = holder;
    return outcome;
  }

  private notOpen(action: TechnicianAction, ticket: Ticket): Refusal {
    return refuse(action, 'not_open', `${ticket.number} is ${ticket.status}: reopen it first`, ticket);
  }

  /**
   * Tells the person, in the ticket's language, through the messenger of the channel that opened
   * it (a phone ticket by SMS when SMS is set up). Without one, or when the platform refuses, the
   * message is logged with the ticket, and the outcome is kept in the event log; the action itself
   * stands either way.
   */
  private async tell(ticket: Ticket, say: (m: Messages['technicianActions']) => string): Promise<PersonTold> {
    const { messengers, logger, store, clock } = this.deps;
    const text = say(this.dialogs.messages(ticket.language).technicianActions);
    const channel = ticket.source;
    let told: PersonTold;
    let error: string | undefined;
    try {
      told = (await messengers.send(channel, personRef(ticket), { text, language: ticket.language }))
        ? 'sent'
        : 'logged';
    } catch (failure) {
      told = 'failed';
      error = failure instanceof Error ? failure.message : String(failure);
    }
    const record = { ticket: ticket.number, channel, told, text };
    if (told === 'failed') logger.error({ personMessage: record, error }, 'the person could not be told');
    else if (told === 'logged') logger.info({ personMessage: record }, 'person message with no channel to reach them');
    try {
      await store.appendEvent({
        ticketNumber: ticket.number,
        at: clock.now().toISOString(),
        kind: 'notified',
        by: 'bot',
        data: { kind: 'person_told', channel, told, ...(error ? { error } : {}) },
      });
    } catch (failure) {
      // The action is saved; only this bookkeeping line is lost, and said so.
      logger.error({ err: failure, ticket: ticket.number }, 'the person_told event could not be written');
    }
    return told;
  }
}

function refuse(action: TechnicianAction, code: RefusalCode, message: string, ticket?: Ticket): Refusal {
  return ticket ? { ok: false, action, code, message, ticket } : { ok: false, action, code, message };
}

function unchanged(action: TechnicianAction, ticket: Ticket, technician: Technician): Done {
  return { ok: true, action, ticket, technician, changed: false, told: 'none' };
}
