import { randomUUID } from 'node:crypto';
import restify from 'restify';
import type { Guichet } from '../app.js';
import type { Config } from '../config/config.js';
import { acceptJsonOrForm, type BodyLimits, DEFAULT_BODY_LIMITS, parseBody, refuseUnreadableBodies } from './body.js';
import type { Channel } from './channel.js';
import { respondToRestifyError } from './error-responder.js';
import { healthHandler } from './health.js';
import { HttpErrorCode, sendError } from './http-error.js';
import { asRestifyLog, setRequestLog } from './request-log.js';

export { MAX_BODY_BYTES } from './body.js';

/**
 * How long a client has to send its request headers, and its whole request, before Node drops the
 * connection: a client that opens connections and stalls must not hold them for minutes. Node
 * checks these every 30 s, so a stalled connection goes within a minute at most; a body being read
 * has its own, exact, BODY_TIMEOUT_MS.
 */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;

/** The channels of the list whose settings are present in the configuration. */
export function enabledChannels(channels: readonly Channel[], config: Config): Channel[] {
  return channels.filter((channel) => channel.enabled(config));
}

/**
 * Builds the `guichet start` HTTP server (not yet listening): JSON and form bodies parsed (the
 * phone webhooks post forms; a route may read its own, see `readsOwnBody`), `/healthz`, and every
 * channel of the list that is enabled in `config` mounted on it. Each request gets its own child
 * logger carrying a request id, so every line of one request can be found; every error is
 * answered as JSON `{code, message}` and logged.
 */
export function createHttpServer(
  app: Guichet,
  config: Config,
  channels: readonly Channel[],
  body: BodyLimits = DEFAULT_BODY_LIMITS,
): restify.Server {
  const server = restify.createServer({ name: 'guichet', log: asRestifyLog(app.logger) });
  server.server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.server.requestTimeout = REQUEST_TIMEOUT_MS;
  // restify re-emits the HTTP server's errors: without a listener, one would end the process.
  // Those of `listen` reject its promise (lifecycle.ts); any later one is logged.
  server.on('error', (error: Error) => {
    if (server.server.listening) app.logger.error({ err: error }, 'the HTTP server failed');
  });

  server.pre((req, res, next) => {
    // Keep the id of a proxy that already set one, so a request can be followed across hops.
    const incoming = req.header('x-request-id');
    const reqId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    setRequestLog(req, res, app.logger.child({ reqId }));
    res.header('x-request-id', reqId);
    // HEAD is GET without the body (RFC 9110, 9.3.2): Node leaves the body out of a HEAD answer.
    if (req.method === 'HEAD') req.method = 'GET';
    try {
      // restify builds a URL of the Host header to route the request, and a Host that is no host
      // ("|") would throw out of its router, ending the process: it is refused here instead.
      req.getUrl();
    } catch {
      sendError(req, res, 400, HttpErrorCode.InvalidInput, 'the Host header is not a host name');
      return next(false);
    }
    return next();
  });
  server.pre(refuseUnreadableBodies(server, body.timeoutMs));
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(acceptJsonOrForm);
  server.use(parseBody(server, body));
  server.on('restifyError', respondToRestifyError);

  server.get('/healthz', healthHandler(app));
  for (const channel of enabledChannels(channels, config)) {
    channel.mount(server, app, config);
    app.logger.debug({ channel: channel.name }, 'channel mounted');
  }
  return server;
}
