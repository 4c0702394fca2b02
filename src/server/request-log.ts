import type { Logger } from 'pino';
import type { Request, Response, ServerOptions } from 'restify';

/**
 * The request's own logger. restify 11 logs with pino, but @types/restify still types `req.log`
 * as a bunyan logger: this is the one place that bridges the two.
 */
export function requestLog(req: Request): Logger {
  return (req as unknown as { log: Logger }).log;
}

/** Gives the request (and its response) a logger of its own, so every line it writes carries its id. */
export function setRequestLog(req: Request, res: Response, log: Logger): void {
  (req as unknown as { log: Logger }).log = log;
  (res as unknown as { log: Logger }).log = log;
}

/** The server-wide logger in the type `restify.createServer` expects (see `requestLog`). */
export function asRestifyLog(log: Logger): NonNullable<ServerOptions['log']> {
  return log as unknown as NonNullable<ServerOptions['log']>;
}
