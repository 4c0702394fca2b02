import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Dialogs } from '../dialogs/messages.js';
import type { Clock } from '../domain.js';
import type { PersonMessengers } from '../messaging/person-messenger.js';
import type { Notifier } from '../notifier/notifier.js';
import type { Policy } from '../policy/schema.js';
import type { SlaEngine } from '../sla/sla-engine.js';
import type { SlaTimer, Store, Ticket, TimerKind } from '../store/ticket-store.js';
import { technicianNotice } from '../tickets/technician-notice.js';
import { type Delivery, deliverOutbox } from './outbox.js';
import { watchStep } from './steps.js';
import { plannedTimers } from './timers.js';

/** How often `guichet start` runs a pass, by default (`--watch-interval`). */
export const DEFAULT_WATCH_INTERVAL_MS = 30_000;
/** How long a watcher keeps the timers it claimed, should its process die mid-step. */
export const TIMER_LEASE_MS = 60_000;
/** Timers fired per transaction: a commit (a disk sync) per batch, not per timer. */
const BATCH = 500;

/** The ports the SLA watch drives. */
export interface SlaWatchDeps {
  store: Store;
  policy: Policy;
  sla: SlaEngine;
  clock: Clock;
  notifier: Notifier;
  messengers?: PersonMessengers;
  logger?: Logger;
  /** Wall-clock epoch milliseconds for leases (Date.now by default): read by every instance. */
  wallClock?: () => number;
  /** Timers claimed and fired per transaction (500 by default). */
  batchSize?: number;
  /** What the watch's messages say (dialogs/, `slaWatch`); the shipped sentences by default. */
  dialogs?: Dialogs;
}

/** One step a pass fired, as `guichet watch --once` prints it. */
export interface WatchLine {
  ticket: string;
  step: TimerKind;
  level: number;
  /** What the step did: escalated the ticket, proposed it, or warned. */
  action: 'escalated' | 'proposed' | 'warned';
  /** Who got the step's messages in this pass: technician ids, and "person" for the employee. */
  notified: string[];
  /** When the timer was due, ISO-8601 in the policy's time zone. */
  due: string;
}

function actionOf(events: { kind: string; data?: Record<string, unknown> }[]): WatchLine['action'] {
  if (events.some((e) => e.kind === 'escalated')) return 'escalated';
  return events.some((e) => e.data?.proposedLevel !== undefined) ? 'proposed' : 'warned';
}

/**
 * The SLA watch: keeps each ticket's timers in the store as its state changes, and fires the due
 * ones, each once across restarts and instances (claimed under a lease, fired in the same
 * transaction as the ticket change, in due order per ticket), then delivers what they queued.
 */
export class SlaWatch {
  private readonly deps: SlaWatchDeps;
  /** Who holds this watcher's leases, unlike any other process or watcher on the store. */
  private readonly owner = randomUUID();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(deps: SlaWatchDeps) {
    this.deps = deps;
  }

  /**
   * Makes the ticket's timers follow its state: called by the ticket service when a ticket is
   * opened, or its status, first response, resolution, level or priority changes.
   */
  async ticketChanged(ticket: Ticket): Promise<void> {
    const { store, policy, sla } = this.deps;
    await store.syncTimers(ticket.number, plannedTimers(policy, sla, ticket));
  }

  /** Plans the timers of open tickets that have none (opened before the watch existed, or cut off by a crash). */
  async backfill(limit = 1000): Promise<number> {
    const tickets = await this.deps.store.ticketsWithoutTimers(limit);
    for (const ticket of tickets) await this.ticketChanged(ticket);
    return tickets.length;
  }

  /**
   * One pass: fires every timer due at the clock's instant, earliest first (after a downtime
   * every overdue step fires once, in order), then delivers the outbox.
   */
  async pass(): Promise<WatchLine[]> {
    const { store, policy, sla, clock } = this.deps;
    const wall = this.deps.wallClock ?? Date.now;
    const now = clock.now();
    const lines: WatchLine[] = [];
    for (;;) {
      const batch = this.deps.batchSize ?? BATCH;
      const claimed = await store.claimDueTimers(now, this.owner, wall(), wall() + TIMER_LEASE_MS, batch);
      // One transaction per batch. A step of the watch never changes which timers its ticket
      // should have (the warning is keyed by the start level, the escalations by their target),
      // so no re-planning follows it.
      const results = await store.fireTimers(claimed, this.owner, now, (timer, ticket) =>
        watchStep(policy, sla, timer, ticket, now, this.deps.dialogs),
      );
      let fired = 0;
      results.forEach((result, i) => {
        const timer = claimed[i] as SlaTimer;
        if (result.outcome === 'failed')
          this.deps.logger?.error({ timer, error: result.error }, 'SLA watch step failed');
        if (result.outcome !== 'fired') return;
        fired++;
        if (result.step.events.length > 0) {
          lines.push(lineOf(timer, actionOf(result.step.events), sla.formatInstant(new Date(timer.dueAt))));
        }
      });
      // Nothing left, or only steps waiting for an earlier one another watcher holds.
      if (claimed.length < batch || fired === 0) break;
    }
    const deliveries = await deliverOutbox({ ...this.deps, wallClock: wall });
    await this.updateCopies(deliveries);
    const notified = notifiedBySteps(deliveries);
    for (const line of lines) line.notified = notified.get(`${line.ticket}/${line.step}/${line.level}`) ?? [];
    for (const d of deliveries) {
      if (d.outcome !== 'delivered') this.deps.logger?.warn({ delivery: d }, 'SLA watch message not delivered');
    }
    return lines;
  }

  /**
   * After an automatic escalation reached the next level, the copies of the ticket's message that
   * the previous level's technicians hold are updated to the ticket as it is now (its level, freed
   * for the new level), as after a technician's action. A failure leaves them as they were.
   */
  private async updateCopies(deliveries: Delivery[]): Promise<void> {
    const { store, policy, clock, notifier, dialogs } = this.deps;
    const escalated = new Set(
      deliveries.filter((d) => d.outcome === 'delivered' && d.kind === 'ticket_escalated').map((d) => d.ticketNumber),
    );
    for (const number of escalated) {
      try {
        const ticket = await store.getTicket(number);
        if (!ticket) continue;
        const notice = technicianNotice(policy, 'ticket_updated', ticket, clock.now(), undefined, dialogs);
        const { recipients, urgent, text } = notice;
        await notifier.notify({ kind: 'ticket_updated', ticket, recipients, urgent, text, notice });
      } catch (error) {
        this.deps.logger?.warn({ err: error, ticket: number }, 'the copies of an escalated ticket were not updated');
      }
    }
  }

  /** Runs a pass now, then every `intervalMs`, until `stop()`. A failing pass is logged and retried at the next tick. */
  start(intervalMs = DEFAULT_WATCH_INTERVAL_MS): void {
    const tick = async (first: boolean) => {
      try {
        if (first) await this.backfill();
        const lines = await this.pass();
        for (const line of lines) this.deps.logger?.info({ watch: line }, 'SLA watch step');
      } catch (error) {
        this.deps.logger?.error({ err: error }, 'SLA watch pass failed');
      }
    };
    const loop = (first: boolean) => {
      if (this.stopped) return;
      this.running = tick(first).finally(() => {
        this.running = undefined;
        if (!this.stopped) this.timer = setTimeout(() => loop(false), intervalMs);
      });
    };
    loop(true);
  }

  /** Stops the ticks and waits for a pass in flight, so the store can be closed after. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}

function lineOf(timer: SlaTimer, action: WatchLine['action'], due: string): WatchLine {
  return { ticket: timer.ticketNumber, step: timer.kind, level: timer.level, action, notified: [], due };
}

/** The recipients of each step's messages delivered in this pass, by step (their keys start with it). */
function notifiedBySteps(deliveries: Delivery[]): Map<string, string[]> {
  const bySteps = new Map<string, string[]>();
  for (const d of deliveries) {
    if (d.outcome !== 'delivered') continue;
    const step = d.key.slice(0, d.key.lastIndexOf('/'));
    const ids = bySteps.get(step) ?? [];
    for (const id of d.recipients) if (!ids.includes(id)) ids.push(id);
    bySteps.set(step, ids);
  }
  return bySteps;
}
