import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Dialogs } from '../dialogs/messages.js';
import { type Clock, SOURCES, type Source } from '../domain.js';
import type { PersonMessengers } from '../messaging/person-messenger.js';
import type { Notifier } from '../notifier/notifier.js';
import type { Policy } from '../policy/schema.js';
import type { OutboxMessage, OutboxSettlement, Store, Ticket, TicketEvent } from '../store/ticket-store.js';
import { technicianNotice } from '../tickets/technician-notice.js';

/** How long a deliverer keeps the messages it claimed, should its process die while sending. */
export const OUTBOX_LEASE_MS = 60_000;
/** Deliveries tried before a message is given up and logged as failed. */
export const OUTBOX_MAX_ATTEMPTS = 8;
/** The pause after a first failure; it doubles at each attempt, up to OUTBOX_MAX_PAUSE_MS. */
export const OUTBOX_FIRST_PAUSE_MS = 15_000;
export const OUTBOX_MAX_PAUSE_MS = 30 * 60_000;
/** Messages claimed, sent and recorded together: a crash before recording resends at most these. */
const BATCH = 100;

/** The pause before the next attempt of a message that failed `attempts + 1` times. */
export function retryPause(attempts: number): number {
  return Math.min(OUTBOX_MAX_PAUSE_MS, OUTBOX_FIRST_PAUSE_MS * 2 ** attempts);
}

const technicianPayload = z.object({
  kind: z.enum(['ticket_escalated', 'sla_warning']),
  recipients: z.array(z.string()),
  urgent: z.boolean(),
  text: z.string(),
  ticket: z.looseObject({ number: z.string() }),
  /** Who escalated, from which level and why: the facts of the notice the chat renders. */
  detail: z
    .object({ by: z.string().optional(), fromLevel: z.number().optional(), reason: z.string().optional() })
    .optional(),
});
const personPayload = z.object({
  text: z.string().min(1),
  source: z.enum(SOURCES),
  conversationRef: z.string().nullable(),
});

/** The ports delivering the outbox needs. */
export interface OutboxDeps {
  store: Store;
  policy: Policy;
  notifier: Notifier;
  clock: Clock;
  /** The chat channels that write to a person later; without them, person messages fail as undeliverable. */
  messengers?: PersonMessengers;
  /** Wall-clock epoch milliseconds for leases and retries (Date.now by default). */
  wallClock?: () => number;
  /** The words of the technicians' notice (dialogs/); the shipped sentences by default. */
  dialogs?: Dialogs;
}

/** One message delivered, failed for good, or put back for a later attempt. */
export interface Delivery {
  key: string;
  ticketNumber: string;
  audience: OutboxMessage['audience'];
  outcome: 'delivered' | 'failed' | 'retry';
  recipients: string[];
  /** A technicians' message: what it was about (an escalation, a warning). */
  kind?: 'ticket_escalated' | 'sla_warning';
  error?: string;
}

class Undeliverable extends Error {}

/**
 * Delivers the outbox: claims the messages due (under a lease, so two deliverers never send the
 * same one at once), sends each through the notifier (technicians) or the person's channel, and
 * records it delivered with its `notified` event in one transaction, once. A failure is retried
 * later with a doubling pause; after OUTBOX_MAX_ATTEMPTS, or when the person's channel cannot
 * write to them, it is recorded as failed. The ticket change that queued a message is already
 * saved: a chat outage delays the message, never the change.
 */
export async function deliverOutbox(deps: OutboxDeps): Promise<Delivery[]> {
  const { store } = deps;
  const wall = deps.wallClock ?? Date.now;
  const owner = randomUUID();
  const deliveries: Delivery[] = [];
  for (;;) {
    const claimed = await store.claimOutbox(owner, wall(), wall() + OUTBOX_LEASE_MS, BATCH);
    const sent: { delivery: Delivery; settlement: OutboxSettlement }[] = [];
    for (const message of claimed) sent.push(await deliverOne(deps, message, wall));
    // One transaction records the batch: a crash before it resends at most this batch.
    const settled = new Set(
      await store.settleOutbox(
        owner,
        sent.map((s) => s.settlement),
      ),
    );
    for (const { delivery, settlement } of sent) {
      // A lease lost meanwhile means another deliverer owns the message now: not logged twice.
      deliveries.push(settled.has(settlement.id) ? delivery : { ...delivery, outcome: 'retry' });
    }
    if (claimed.length < BATCH) break;
  }
  return deliveries;
}

async function deliverOne(
  deps: OutboxDeps,
  message: OutboxMessage,
  wall: () => number,
): Promise<{ delivery: Delivery; settlement: OutboxSettlement }> {
  const { policy, clock } = deps;
  const base = { key: message.key, ticketNumber: message.ticketNumber, audience: message.audience };
  let recipients: string[] = [];
  let kind: Delivery['kind'];
  let detail: Record<string, unknown>;
  try {
    if (message.audience === 'technicians') {
      const payload = technicianPayload.parse(message.payload);
      recipients = payload.recipients;
      const technicians = policy.resources.technicians.filter((t) => payload.recipients.includes(t.id));
      const ticket = payload.ticket as unknown as Ticket;
      await deps.notifier.notify({
        kind: payload.kind,
        ticket,
        recipients: technicians,
        urgent: payload.urgent,
        text: payload.text,
        // The notice as of the delivery, so the time left before each deadline is the real one.
        notice: technicianNotice(
          policy,
          payload.kind,
          ticket,
          clock.now(),
          stripUndefined(payload.detail),
          deps.dialogs,
        ),
      });
      kind = payload.kind;
      detail = { kind: payload.kind, recipients, urgent: payload.urgent };
    } else {
      const payload = personPayload.parse(message.payload);
      await tellPerson(deps, payload.source, payload.conversationRef, payload.text);
      recipients = ['person'];
      detail = { kind: 'person_message', channel: payload.source };
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const final =
      error instanceof Undeliverable || error instanceof z.ZodError || message.attempts + 1 >= OUTBOX_MAX_ATTEMPTS;
    if (!final) {
      return {
        delivery: { ...base, outcome: 'retry', recipients, error: reason },
        settlement: { id: message.id, state: 'retry', retryAtMs: wall() + retryPause(message.attempts), error: reason },
      };
    }
    return {
      delivery: { ...base, outcome: 'failed', recipients, error: reason },
      settlement: {
        id: message.id,
        state: 'failed',
        event: notifiedEvent(message, clock.now(), {
          recipients,
          ok: false,
          error: reason,
          attempts: message.attempts + 1,
        }),
      },
    };
  }
  return {
    delivery: { ...base, outcome: 'delivered', recipients, ...(kind ? { kind } : {}) },
    settlement: {
      id: message.id,
      state: 'delivered',
      event: notifiedEvent(message, clock.now(), { ...detail, ok: true }),
    },
  };
}

async function tellPerson(deps: OutboxDeps, source: Source, ref: string | null, text: string): Promise<void> {
  const sent = deps.messengers ? await deps.messengers.send(source, ref, { text }) : false;
  if (!sent) throw new Undeliverable(`the ${source} channel cannot write to the person outside their conversation`);
}

function notifiedEvent(message: OutboxMessage, at: Date, data: Record<string, unknown>): Omit<TicketEvent, 'id'> {
  return {
    ticketNumber: message.ticketNumber,
    at: at.toISOString(),
    kind: 'notified',
    by: 'bot',
    data: { ...data, outbox: message.key },
  };
}

/** The detail without its absent fields (the notice's optional properties take no undefined). */
function stripUndefined(
  detail: { by?: string | undefined; fromLevel?: number | undefined; reason?: string | undefined } | undefined,
): { by?: string; fromLevel?: number; reason?: string } | undefined {
  if (detail === undefined) return undefined;
  return Object.fromEntries(Object.entries(detail).filter(([, value]) => value !== undefined));
}
