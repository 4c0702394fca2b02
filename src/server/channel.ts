import type { Server } from 'restify';
import type { Guichet } from '../app.js';

/**
 * A channel adapter mounted on the `guichet start` server. It only translates: a platform
 * payload in, a Turn to the engine; the engine's replies out, rendered for the platform.
 * A new channel is one folder under src/channels/ exporting one of these.
 */
export interface Channel {
  /** "web", "twilio", "slack", "teams". */
  name: string;
  /** Whether the settings it needs are present in the environment (web needs none). */
  enabled(env: NodeJS.ProcessEnv): boolean;
  /** Registers the channel's routes. */
  mount(server: Server, app: Guichet, env: NodeJS.ProcessEnv): void;
  /** A line of the start-up banner about how the channel runs (its route, a local-testing warning). */
  notice?(env: NodeJS.ProcessEnv): string;
}
