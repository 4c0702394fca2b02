import type { Request, Response, Server } from 'restify';
import { HttpErrorCode, sendError } from './http-error.js';

/**
 * The largest request body accepted, in bytes, as received: no `Content-Encoding` is taken, so it
 * is also the size held in memory. A chat message of 10,000 characters fits; anything larger is
 * answered 413, before it is read when `Content-Length` announces it.
 */
export const MAX_BODY_BYTES = 20 * 1024;

/**
 * How long a client has to send the whole body once its headers are in. Webhooks and chat
 * messages are a few kilobytes: a body still coming after this is a stalled or hostile client,
 * answered 408 and disconnected, so it cannot hold a connection.
 */
export const BODY_TIMEOUT_MS = 10_000;

/** How much of a body is read, and for how long. */
export interface BodyLimits {
  maxBytes: number;
  timeoutMs: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = { maxBytes: MAX_BODY_BYTES, timeoutMs: BODY_TIMEOUT_MS };

/**
 * Paths whose handlers read the body themselves, per server. A route that checks a signature over
 * the exact bytes (Slack signs the raw body) must get them unparsed:
 *
 *     readsOwnBody(server, '/slack/events');
 *     server.post('/slack/events', async (req, res) => {
 *       const raw = await readRawBody(req, res);   // 413, 408 answered for it
 *       if (raw === null) return;
 *       // verify the signature over `raw`, then parse it
 *     });
 *
 * Every other route gets `req.body` parsed from JSON or a form (`parseBody`). The refusal of a
 * `Content-Encoding`, of a body announced above the limit and of another media type applies to
 * every route, before any handler.
 */
const ownBodyPaths = new WeakMap<Server, Map<string, number>>();

/**
 * Marks `path` as a route whose handler reads its own body (with `readRawBody`, or a parser of
 * its own), of at most `maxBytes`: a platform whose payloads are larger than a chat message (a
 * Slack interactivity payload, a Teams activity) names its own bound.
 */
export function readsOwnBody(server: Server, path: string, maxBytes: number = MAX_BODY_BYTES): void {
  const paths = ownBodyPaths.get(server) ?? new Map<string, number>();
  paths.set(path, maxBytes);
  ownBodyPaths.set(server, paths);
}

/** The largest body the route of the request takes: its own bound, or MAX_BODY_BYTES. */
function bodyLimitOf(server: Server, req: Request): number {
  // From Node's own request line: a `pre` handler runs before restify has routed the request.
  const path = (req.url ?? '').split('?')[0] ?? '';
  return ownBodyPaths.get(server)?.get(path) ?? MAX_BODY_BYTES;
}

/**
 * The limits of each request, recorded before it is routed: its route's byte bound and the
 * server's body timeout. A handler that reads its own body (`readsOwnBody`) gets them from
 * `readRawBody` without being told, so its stalled body is cut like any other.
 */
const requestLimits = new WeakMap<Request, BodyLimits>();

/** The limits `readRawBody` applies to this request by default. */
export function bodyLimitsOf(req: Request): BodyLimits {
  return requestLimits.get(req) ?? DEFAULT_BODY_LIMITS;
}

/** Whether the request carries a body at all (a length above zero, or chunks). */
function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * `pre` handler: refuses, before the body is read, what no route of this server takes. A
 * `Content-Encoding` (no platform Guichet talks to compresses its webhooks, and an inflated body
 * would escape the size limit: a 19 KB gzip can inflate to 20 MB) gets 415; a `Content-Length`
 * above MAX_BODY_BYTES gets 413 at once, without waiting for the bytes.
 */
export function refuseUnreadableBodies(server: Server, timeoutMs: number = BODY_TIMEOUT_MS) {
  return (req: Request, res: Response, next: (arg?: false) => void): void => {
    const encoding = req.headers['content-encoding']?.trim().toLowerCase();
    if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
      res.setHeader('accept-encoding', 'identity');
      sendError(
        req,
        res,
        415,
        HttpErrorCode.UnsupportedMediaType,
        `Content-Encoding "${encoding}" is not accepted: send the body uncompressed`,
      );
      next(false);
      return;
    }
    const announced = Number(req.headers['content-length'] ?? 0);
    const limit = bodyLimitOf(server, req);
    requestLimits.set(req, { maxBytes: limit, timeoutMs });
    if (announced > limit) {
      tooLarge(req, res, `${announced} bytes announced`, limit);
      next(false);
      return;
    }
    next();
  };
}

/**
 * `use` handler: refuses (415) a body that is neither JSON nor a urlencoded form before it is read:
 * the channels take only these.
 */
export function acceptJsonOrForm(req: Request, res: Response, next: (arg?: false) => void): void {
  if (!hasBody(req) || req.is('json') || req.is('application/x-www-form-urlencoded')) {
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

/**
 * `use` handler: reads the body (see `readRawBody`) and sets `req.body`: the parsed JSON value, or a
 * form as names to values (a repeated name gives an array). Malformed JSON gets 400. A route marked
 * with `readsOwnBody` is left its unread stream.
 */
export function parseBody(server: Server, limits: BodyLimits = DEFAULT_BODY_LIMITS) {
  // Callback style, not async: restify refuses an async handler that takes `next`.
  return (req: Request, res: Response, next: (arg?: false) => void): void => {
    const path = req.getRoute()?.path;
    if (typeof path === 'string' && ownBodyPaths.get(server)?.has(path)) {
      next();
      return;
    }
    void readRawBody(req, res, limits).then((raw) => next(raw !== null && setBody(req, res, raw) ? undefined : false));
  };
}

/** Sets `req.body` from the bytes read; answers 400 and returns false when JSON does not parse. */
function setBody(req: Request, res: Response, raw: Buffer): boolean {
  if (raw.length === 0) return true;
  const text = raw.toString('utf8');
  if (!req.is('json')) {
    (req as { body?: unknown }).body = parseForm(text);
    return true;
  }
  try {
    (req as { body?: unknown }).body = JSON.parse(text);
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    sendError(req, res, 400, HttpErrorCode.InvalidInput, `malformed JSON body: ${reason}`);
    return false;
  }
}

/** A urlencoded form as names to values; a name given more than once keeps every value, in order. */
export function parseForm(text: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const existing = params[name];
    if (existing === undefined) params[name] = value;
    else params[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return params;
}

/**
 * Reads the request body as bytes, at most `limits.maxBytes` of them, within `limits.timeoutMs`
 * (by default the request's route bound and the server's timeout, `bodyLimitsOf`). Answers 413 (too large) or 408 (too slow) itself (`sendError` closes the
 * connection, so the rest is never read) and resolves null then; a client that goes away also gives null. A body
 * already read resolves empty.
 */
export function readRawBody(
  req: Request,
  res: Response,
  limits: BodyLimits = bodyLimitsOf(req),
): Promise<Buffer | null> {
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (body: Buffer | null) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onGone);
      if (body === null) req.pause();
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBytes) {
        tooLarge(req, res, `more than ${limits.maxBytes} bytes received`, limits.maxBytes);
        finish(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish(Buffer.concat(chunks));
    const onGone = () => finish(null);
    const timer = setTimeout(() => {
      sendError(
        req,
        res,
        408,
        HttpErrorCode.RequestTimeout,
        `the body did not arrive within ${limits.timeoutMs / 1000} s`,
      );
      finish(null);
    }, limits.timeoutMs);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onGone);
    req.once('close', onGone);
  });
}

function tooLarge(req: Request, res: Response, what: string, limit: number): void {
  sendError(
    req,
    res,
    413,
    HttpErrorCode.PayloadTooLarge,
    `request body too large (${what}): at most ${limit} bytes are accepted`,
  );
}
