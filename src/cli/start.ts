import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { DEFAULT_HOST, DEFAULT_PORT } from '../config/config.js';
import { ErrorCode, GuichetError } from '../errors.js';
import { createLogger } from '../logger.js';
import { createGuichet } from '../main.js';
import { channels } from '../server/channels.js';
import { listen, onShutdownSignal, stopServer, urlOf } from '../server/lifecycle.js';
import { createHttpServer, enabledChannels } from '../server/server.js';
import type { CliIo } from './io.js';
import { parseCommandArgs } from './options.js';

const USAGE = `Usage: guichet start [--port N] [--host ADDRESS] [--watch-interval SECONDS] [--now ISO] [--db PATH|URL] [--policy FILE] [--accounts FILE] [--intents DIR]

Runs the server: the web chat at /, health at /healthz, and every channel whose settings are in the
environment (see .env.example). --port defaults to PORT or ${DEFAULT_PORT}, --host to HOST or ${DEFAULT_HOST}.
The SLA watch runs a pass every --watch-interval seconds (GUICHET_WATCH_INTERVAL, 30 by default; 0 turns
it off, for instances whose watch runs elsewhere, e.g. \`guichet watch --once\` from cron).
`;

/** Seconds between two passes of the SLA watch, as --watch-interval gives them. */
function parseWatchInterval(raw: string): number {
  const seconds = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new GuichetError(
      ErrorCode.InvalidInput,
      `--watch-interval expects a number of seconds such as 30 (0 turns the watch off), not "${raw}"`,
    );
  }
  return Math.round(seconds * 1000);
}

function parsePort(raw: string): number {
  const port = raw.trim();
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65_535) {
    throw new GuichetError(
      ErrorCode.InvalidInput,
      `--port (or PORT) expects a port number from 0 to 65535, not "${raw}"`,
    );
  }
  return Number(port);
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
  const { values, settings, config } = parseCommandArgs(args, io.env, {
    port: { type: 'string' },
    host: { type: 'string' },
    'watch-interval': { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const port = typeof values.port === 'string' ? parsePort(values.port) : config.port;
  const host = (typeof values.host === 'string' ? values.host : '') || config.host;
  const watchInterval =
    typeof values['watch-interval'] === 'string'
      ? parseWatchInterval(values['watch-interval'])
      : config.watchIntervalMs;

  // Logs go to stderr, as for every command, so stdout carries only what the command prints.
  const logger = createLogger(settings.logLevel, io.stderr as unknown as DestinationStream);
  const app = await createGuichet({ ...settings, logger });
  const server = createHttpServer(app, config, channels);
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
  const enabled = enabledChannels(channels, config);
  const on = enabled.map((channel) => channel.name);
  const notices = enabled.flatMap((channel) => (channel.notice ? [`  ${channel.notice(config)}`] : []));
  const off = channels.map((channel) => channel.name).filter((name) => !on.includes(name));
  io.stdout.write(
    [
      `Guichet is listening on ${host}:${address.port}`,
      `  web chat: ${url}`,
      `  health:   ${url}healthz`,
      `  channels: ${on.join(', ')}${off.length > 0 ? ` (off: ${off.join(', ')}; see .env.example)` : ''}`,
      `  store:    ${displayDatabase(settings.database)}`,
      ...notices,
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
