import { type Logger, pino } from 'pino';
import type { Guichet } from './app.js';
import { DEFAULT_DIALOGS_DIR, loadDialogs } from './dialogs/load.js';
import type { Clock } from './domain.js';
import { createConversationEngine } from './engine/engine.js';
import { createClassifier, loadIntents } from './intents/classifier.js';
import { createLogger, type LogLevel } from './logger.js';
import { PersonMessengers } from './messaging/person-messenger.js';
import { ChatNotifier } from './notifier/chat-notifier.js';
import { LogNotifier } from './notifier/log-notifier.js';
import type { Notifier } from './notifier/notifier.js';
import { loadAccounts, loadPolicy } from './policy/load.js';
import { SlaEngine } from './sla/sla-engine.js';
import { openStore } from './store/open-store.js';
import { TechnicianActions } from './tickets/technician-actions.js';
import { TicketService } from './tickets/ticket-service.js';
import { SlaWatch } from './watch/sla-watch.js';

/** What Guichet is built from: where the data is, the clock, and optional ports to replace. */
export interface GuichetSettings {
  /** A SQLite path (`:memory:` for a private one) or a postgres:// URL. */
  database: string;
  clock: Clock;
  policyPath: string;
  accountsPath: string;
  /** The intents folder; the one shipped with Guichet by default. */
  intentsDir?: string;
  /** The level of the default logger; info by default. */
  logLevel?: LogLevel;
  /** The folder of what Guichet says (fr.yaml, en.yaml); the repository's dialogs/ by default. */
  dialogsPath?: string;
  /** Defaults to a pino logger on stderr at `logLevel`, so stdout stays the command's own. */
  logger?: Logger;
  /** Defaults to a LogNotifier: technicians read the log until a chat channel is configured. */
  notifier?: Notifier;
}

/**
 * The composition root: the one place where Guichet's ports get their adapters. Loads the policy,
 * the accounts, the intents and the sentences (a bad file throws its GuichetError naming the file and the field), opens the
 * store, and builds the SLA engine, the classifier, the ticket service and the conversation engine.
 */
export async function createGuichet(settings: GuichetSettings): Promise<Guichet> {
  const policy = loadPolicy(settings.policyPath);
  const accounts = loadAccounts(settings.accountsPath);
  const dialogs = loadDialogs(settings.dialogsPath ?? DEFAULT_DIALOGS_DIR);
  const logger = settings.logger ?? createLogger(settings.logLevel ?? 'info', pino.destination(2));
  const clock = settings.clock;
  const store = await openStore(settings.database, { timezone: policy.calendar.timezone });
  const sla = new SlaEngine(policy);
  const classifier = createClassifier(policy, loadIntents(settings.intentsDir));
  // The chat channels that reach technicians register on it when they are mounted.
  const notifier = new ChatNotifier(settings.notifier ?? new LogNotifier(logger));
  const messengers = new PersonMessengers();
  const watch = new SlaWatch({ store, policy, sla, clock, notifier, messengers, logger, dialogs });
  const tickets = new TicketService({ store, policy, sla, clock, notifier, watch, messengers, dialogs });
  const engine = createConversationEngine({
    policy,
    accounts,
    classifier,
    dialogs,
    tickets,
    logger,
    conversations: store,
    clock,
  });
  const technicianActions = new TechnicianActions({ tickets, store, policy, clock, sla, messengers, logger, dialogs });
  return {
    policy,
    accounts,
    dialogs,
    clock,
    logger,
    store,
    sla,
    classifier,
    tickets,
    notifier,
    engine,
    technicianActions,
    messengers,
    watch,
    close: () => store.close(),
  };
}
