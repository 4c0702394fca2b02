import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { z } from 'zod';
import { ErrorCode, GuichetError } from '../errors.js';
import { createLogger } from '../logger.js';
import { createGuichet } from '../main.js';
import { channels } from '../server/channels.js';
import { listen, onShutdownSignal, stopServer, urlOf } from '../server/lifecycle.js';
import { createHttpServer, enabledChannels } from '../server/server.js';
import { DEFAULT_WATCH_INTERVAL_MS } from '../watch/sla-watch.js';
import type { CliIo } from './io.js';
import { parseCommandArgs } from './options.js';

/** The port of `guichet start` when neither --port nor PORT is given (the Bot Framework's usual one). */
export const DEFAULT_PORT = 3978;
/** Every interface, so the web chat is reachable from the other machines of the network. */
export const DEFAULT_HOST = '0.0.0.0';

const USAGE = `Usage: guichet start [--port N] [--host ADDRESS] [--watch-interval SECONDS] [--now ISO] [--db PATH|URL] [--policy FILE] [--accounts FILE]

Runs the server: the web chat at /, health at /healthz, and every channel whose settings are in the
environment (see .env.example). --port defaults to PORT or ${DEFAULT_PORT}, --host to HOST or ${DEFAULT_HOST}.
The SLA watch runs a pass every --watch-interval seconds (GUICHET_WATCH_INTERVAL, 30 by default; 0 turns
it off, for instances whose watch runs elsewhere, e.g. \`guichet watch --once\` from cron).
`;

/** Seconds between two passes of the SLA watch: --watch-interval, or GUICHET_WATCH_INTERVAL. */
function parseWatchInterval(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_WATCH_INTERVAL_MS;
  const seconds = Number(raw.trim());
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new GuichetError(
      ErrorCode.InvalidInput,
      `--watch-interval (or GUICHET_WATCH_INTERVAL) expects a number of seconds such as 30 (0 turns the watch off), not "${raw}"`,
    );
  }
  return Math.round(seconds * 1000);
}

const portSchema = z.coerce.number().int().min(0).max(65_535);

function parsePort(raw: string): number {
  const port = portSchema.safeParse(raw.trim());
  if (!port.success || raw.trim() === '') {
    throw new GuichetError(
      ErrorCode.InvalidInput,
      `--port (or PORT) expects a port number from 0 to 65535, not "${raw}"`,
    );
  }
  return port.data;
}

/** A database setting as it may be printed: the password of a URL is hidden. */
function displayDatabase(database: string): string {
  if (!/^postgres(ql)?:\/\//.test(database)) return database;
  try {
    const url = new URL(database);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * `guichet start`: builds Guichet from the common settings, serves every enabled channel on one
 * port and runs until SIGINT or SIGTERM, then stops gracefully (requests in flight finish, the
 * store is closed) and returns 0.
 */
export async function start(args: string[], io: CliIo): Promise<number> {
  const { values, settings } = parseCommandArgs(args, io.env, {
    port: { type: 'string' },
    host: { type: 'string' },
    'watch-interval': { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const port = parsePort(typeof values.port === 'string' ? values.port : io.env.PORT?.trim() || String(DEFAULT_PORT));
  const host = (typeof values.host === 'string' ? values.host : io.env.HOST) || DEFAULT_HOST;
  const watchInterval = parseWatchInterval(
    typeof values['watch-interval'] === 'string' ? values['watch-interval'] : io.env.GUICHET_WATCH_INTERVAL,
  );

  // Logs go to stderr, as for every command, so stdout carries only what the command prints.
  const logger = createLogger(io.env, io.stderr as unknown as DestinationStream);
  const app = await createGuichet({ ...settings, logger });
  const server = createHttpServer(app, io.env, channels);
  let address: AddressInfo;
  try {
    address = await listen(server, port, host);
  } catch (error) {
    await app.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new GuichetError(
      ErrorCode.InvalidInput,
      `cannot listen on ${host}:${port} (${reason}); pass another --port or --host, or set PORT and HOST`,
      { cause: error },
    );
  }

  const url = urlOf(address);
  const on = enabledChannels(channels, io.env).map((channel) => channel.name);
  const off = channels.map((channel) => channel.name).filter((name) => !on.includes(name));
  io.stdout.write(
    [
      `Guichet is listening on ${host}:${address.port}`,
      `  web chat: ${url}`,
      `  health:   ${url}healthz`,
      `  channels: ${on.join(', ')}${off.length > 0 ? ` (off: ${off.join(', ')}; see .env.example)` : ''}`,
      `  store:    ${displayDatabase(settings.database)}`,
      '',
    ].join('\n'),
  );
  logger.info({ port: address.port, host, channels: on }, 'server started');
  if (watchInterval > 0) app.watch.start(watchInterval);

  return new Promise<number>((resolve) => {
    const removeHandlers = onShutdownSignal(async (signal) => {
      logger.info({ signal }, 'shutting down');
      try {
        // The watch's pass in flight finishes before the store closes.
        await app.watch.stop();
        await stopServer(server, app);
        logger.info('server stopped');
        resolve(0);
      } catch (error) {
        logger.error({ err: error }, 'shutdown failed');
        resolve(1);
      } finally {
        removeHandlers();
      }
    });
  });
}
