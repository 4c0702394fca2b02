import { randomUUID } from 'node:crypto';
import restify from 'restify';
import type { Guichet } from '../app.js';
import type { Channel } from './channel.js';
import { respondToRestifyError } from './error-responder.js';
import { healthHandler } from './health.js';
import { HttpErrorCode, sendError } from './http-error.js';
import { asRestifyLog, setRequestLog } from './request-log.js';

/**
 * The largest request body accepted, in bytes. A chat message of 10,000 characters fits; anything
 * larger is answered 413 before it is parsed, so nobody can make the server hold megabytes.
 */
export const MAX_BODY_BYTES = 20 * 1024;

/**
 * Refuses (415) a body that is neither JSON nor a urlencoded form before it is read: the channels
 * take only these, and restify's multipart parser would otherwise write uploads to disk.
 */
function acceptJsonOrForm(req: restify.Request, res: restify.Response, next: restify.Next): void {
  const hasBody = req.isChunked() || req.contentLength() > 0;
  if (!hasBody || req.is('json') || req.is('application/x-www-form-urlencoded')) {
    next();
    return;
  }
  sendError(
    req,
    res,
    415,
    HttpErrorCode.UnsupportedMediaType,
    'send application/json, or a form for the phone webhooks',
  );
  next(false);
}

/** The paths of each server whose route parses its own body: the shared parser leaves them alone. */
const ownBodyPaths = new WeakMap<restify.Server, Set<string>>();

/**
 * Declares that the route at `path` parses its own body (with its own size limit, as the Teams
 * activities need), so the shared 20 KiB parser skips it. Call it when mounting the route.
 */
export function parsesItsOwnBody(server: restify.Server, path: string): void {
  const paths = ownBodyPaths.get(server) ?? new Set<string>();
  paths.add(path);
  ownBodyPaths.set(server, paths);
}

/** The shared body parser, skipped on the paths declared with `parsesItsOwnBody`. */
function sharedBodyParser(server: restify.Server): restify.RequestHandler[] {
  const handlers = [restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false })].flat();
  return handlers.map((handler) => (req: restify.Request, res: restify.Response, next: restify.Next) => {
    if (ownBodyPaths.get(server)?.has(req.path())) return next();
    return handler(req, res, next);
  });
}

/** The channels of the list whose settings are present in the environment. */
export function enabledChannels(channels: readonly Channel[], env: NodeJS.ProcessEnv): Channel[] {
  return channels.filter((channel) => channel.enabled(env));
}

/**
 * Builds the `guichet start` HTTP server (not yet listening): JSON and form bodies parsed (the
 * phone webhooks post forms), `/healthz`, and every channel of the list that is enabled in `env`
 * mounted on it. Each request gets its own child logger carrying a request id, so every line of
 * one request can be found; every error is answered as JSON `{code, message}` and logged.
 */
export function createHttpServer(app: Guichet, env: NodeJS.ProcessEnv, channels: readonly Channel[]): restify.Server {
  const server = restify.createServer({ name: 'guichet', log: asRestifyLog(app.logger) });

  server.pre((req, res, next) => {
    // Keep the id of a proxy that already set one, so a request can be followed across hops.
    const incoming = req.header('x-request-id');
    const reqId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    setRequestLog(req, res, app.logger.child({ reqId }));
    res.header('x-request-id', reqId);
    return next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(acceptJsonOrForm);
  server.use(sharedBodyParser(server));
  server.on('restifyError', respondToRestifyError);

  server.get('/healthz', healthHandler(app));
  for (const channel of enabledChannels(channels, env)) {
    channel.mount(server, app, env);
    app.logger.debug({ channel: channel.name }, 'channel mounted');
  }
  return server;
}
