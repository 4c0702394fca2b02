import type { Logger } from 'pino';
import type { Dialogs } from './dialogs/messages.js';
import type { Clock } from './domain.js';
import type { ConversationEngine } from './engine/turn.js';
import type { Classifier } from './intents/classification.js';
import type { PersonMessengers } from './messaging/person-messenger.js';
import type { ChatNotifier } from './notifier/chat-notifier.js';
import type { Accounts, Policy } from './policy/schema.js';
import type { SlaEngine } from './sla/sla-engine.js';
import type { Store } from './store/ticket-store.js';
import type { TechnicianActions } from './tickets/technician-actions.js';
import type { TicketService } from './tickets/ticket-service.js';
import type { SlaWatch } from './watch/sla-watch.js';

/**
 * Guichet wired: every port with its adapter, built once by `createGuichet` (src/main.ts) and handed
 * to the CLI commands and the channel adapters.
 */
export interface Guichet {
  policy: Policy;
  accounts: Accounts;
  /** What Guichet says, in every language (dialogs/*.yaml). */
  dialogs: Dialogs;
  clock: Clock;
  logger: Logger;
  store: Store;
  sla: SlaEngine;
  classifier: Classifier;
  tickets: TicketService;
  /** How technicians hear of tickets: the log, and every chat channel that registered (Slack, Teams). */
  notifier: ChatNotifier;
  engine: ConversationEngine;
  /** What technicians do on a ticket (take, reply, escalate, wait, resolve, reopen), from chat or the CLI. */
  technicianActions: TechnicianActions;
  /** How Guichet writes to a person later (ticket taken, answered, resolved): chat channels register theirs. */
  messengers: PersonMessengers;
  /** The SLA watch: timers of every ticket, warnings and automatic escalations (`guichet watch`, `start`). */
  watch: SlaWatch;
  /** Closes the store; the process may exit after. */
  close(): Promise<void>;
}
