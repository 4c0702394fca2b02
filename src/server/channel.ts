import type { Server } from 'restify';
import type { Guichet } from '../app.js';
import type { Config } from '../config/config.js';

/**
 * A channel adapter mounted on the `guichet start` server. It only translates: a platform
 * payload in, a Turn to the engine; the engine's replies out, rendered for the platform.
 * A new channel is one folder under src/channels/ exporting one of these, with its settings in a
 * `settings.ts` composed into the configuration (src/config/config.ts).
 */
export interface Channel {
  /** "web", "twilio", "slack", "teams". */
  name: string;
  /** Whether the configuration has the settings it needs (web needs none). */
  enabled(config: Config): boolean;
  /**
   * Registers the channel's routes, with its settings from the configuration. Bodies arrive parsed
   * in `req.body` (JSON or a form, at most MAX_BODY_BYTES, no Content-Encoding); a route that checks
   * a signature over the raw bytes marks itself with `readsOwnBody(server, path)` and reads them
   * with `readRawBody` (src/server/body.ts).
   */
  mount(server: Server, app: Guichet, config: Config): void;
  /**
   * Registers only what writes outward, for a command that runs without the server (`guichet
   * tickets take|resolve…`): the messenger that reaches the person later, and the technicians'
   * channel whose copies of a ticket's message are updated. Nothing is received.
   */
  connect?(app: Guichet, config: Config): void | Promise<void>;
  /** A line of the start-up banner about how the channel runs (its route, a local-testing warning). */
  notice?(config: Config): string;
}
